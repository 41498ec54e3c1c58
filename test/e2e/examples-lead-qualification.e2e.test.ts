/**
 * examples/lead-qualification in the real n8n: three questions (buttons, a list, buttons), each
 * answer waited for by the Chatflow Conversation node inside one execution and stored in the
 * contact's session; a qualified lead is handed to the sales sub-workflow through Execute
 * Workflow, an unqualified one gets the guide. Two contacts, driven by signed webhooks.
 */
import { FakePlatform } from '../../simulator/platform';
import {
	createChannelCredentials,
	importAndActivate,
	PHONE_NUMBER_ID,
	postSigned,
	prepareExample,
	readExample,
	settle,
	whatsAppMessage,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const SALES = '4915100000099';
const QUALIFIED = '4915111111111';
const BROWSING = '4915122222222';

let n8n: E2eContext;
let platform: FakePlatform;
let main: PreparedExample;
let mainWorkflowId: string;
let salesWorkflowId: string;

const button = (id: string, title: string) => ({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id, title } } });
const listRow = (id: string, title: string) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id, title } } });
const text = (body: string) => ({ type: 'text', text: { body } });

async function say(contact: string, message: Record<string, unknown>, name: string): Promise<void> {
	const url = n8n.api.webhookUrl(main.webhookIds['WhatsApp Trigger'], 'webhook');
	expect(await postSigned(url, 'whatsapp', whatsAppMessage(contact, message, name))).toEqual({ status: 200, text: 'OK' });
}

/** Every message sent to `contact` so far, compactly. */
function sentTo(contact: string): string[] {
	return platform
		.received('POST', `/v26.0/${PHONE_NUMBER_ID}/messages`)
		.map((request) => request.json as { to: string; type: string; text?: { body: string }; interactive?: { type: string; body: { text: string } } })
		.filter((body) => body.to === contact)
		.map((body) => (body.type === 'text' ? `text:${body.text!.body}` : `${body.interactive!.type}:${body.interactive!.body.text}`));
}

/** Waits until `contact` has received `count` messages (the flow reached its next wait). */
async function received(contact: string, count: number): Promise<string[]> {
	const deadline = Date.now() + 20_000;
	while (sentTo(contact).length < count) {
		if (Date.now() > deadline) throw new Error(`expected ${count} messages to ${contact}, got: ${JSON.stringify(sentTo(contact))}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return sentTo(contact);
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	const credentials = await createChannelCredentials(n8n, platform);
	// The sub-workflow first: its id goes into Execute Workflow, as the README says.
	salesWorkflowId = await importAndActivate(n8n, prepareExample(readExample('lead-qualification', 'sales-handover.json'), credentials));
	const source = readExample('lead-qualification');
	const handOver = source.nodes.find((node) => node.name === 'Hand to Sales')!.parameters as { workflowId: { value: string } };
	expect(handOver.workflowId.value).toBe('REPLACE_WITH_SALES_HANDOVER_WORKFLOW_ID');
	handOver.workflowId.value = salesWorkflowId;
	main = prepareExample(source, credentials);
	mainWorkflowId = await importAndActivate(n8n, main);
});

afterAll(async () => {
	for (const id of [mainWorkflowId, salesWorkflowId]) if (id) await n8n.api.deactivate(id).catch(() => undefined);
	await platform?.close();
});

describe('examples/lead-qualification', () => {
	it('a qualified lead: three questions, a re-prompt, the hand-over to sales, and a promise to call', async () => {
		await say(QUALIFIED, text('Hi, I need a new website'), 'Grace Hopper');
		await received(QUALIFIED, 1);
		await say(QUALIFIED, text('a website please'), 'Grace Hopper'); // not a button: re-prompt
		await received(QUALIFIED, 2);
		await say(QUALIFIED, button('web', 'Website'), 'Grace Hopper');
		await received(QUALIFIED, 3);
		await say(QUALIFIED, listRow('20to50k', '20,000 to 50,000 EUR'), 'Grace Hopper');
		await received(QUALIFIED, 4);
		await say(QUALIFIED, button('now', 'This month'), 'Grace Hopper');
		expect(await received(QUALIFIED, 5)).toEqual([
			'button:Hi Grace Hopper! Three quick questions so we can help you best. What can we build for you?',
			'text:Please tap one of the three buttons above.',
			'list:What budget do you have in mind?',
			'button:When would you like to start?',
			'text:Thank you, Grace Hopper! A colleague from sales will call you today.',
		]);
		expect(sentTo(SALES)).toEqual([
			'text:New qualified lead: Grace Hopper (+4915111111111) wants a website, budget 20to50k, start now. Call them today.',
		]);
	});

	it('the answers are in the contact\'s session, and the sub-workflow ran once with the lead', async () => {
		const [conversation] = await n8n.api.waitForExecutions(mainWorkflowId, 1);
		expect(conversation.status).toBe('success');
		const [[saved]] = n8n.output(conversation, 'Save Timeline');
		expect((saved.session as { variables: unknown }).variables).toEqual({ need: 'web', budget: '20to50k', timeline: 'now' });
		const [handOver] = await n8n.api.waitForExecutions(salesWorkflowId, 1);
		expect(n8n.output(handOver, 'When Called by Lead Qualification')[0]).toEqual([
			{ contact: QUALIFIED, name: 'Grace Hopper', need: 'web', budget: '20to50k', timeline: 'now', qualified: true },
		]);
	});

	it('a lead that is only looking gets the guide, and sales hears nothing', async () => {
		await say(BROWSING, text('hello'), 'Alan Turing');
		await received(BROWSING, 1);
		await say(BROWSING, button('app', 'Mobile app'), 'Alan Turing');
		await received(BROWSING, 2);
		await say(BROWSING, listRow('lt5k', 'Under 5,000 EUR'), 'Alan Turing');
		await received(BROWSING, 3);
		await say(BROWSING, button('later', 'Just looking'), 'Alan Turing');
		const sent = await received(BROWSING, 4);
		expect(sent[3]).toBe('text:Thank you! Our free planning guide is a good next step: https://example.com/guide. Write to us whenever you are ready.');
		await settle(platform);
		expect(sentTo(BROWSING)).toHaveLength(4);
		expect(sentTo(SALES)).toHaveLength(1); // still only the first lead
		const executions = await n8n.api.waitForExecutions(mainWorkflowId, 2);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
		expect(await n8n.api.executions(salesWorkflowId, { includeData: false })).toHaveLength(1);
	});
});
