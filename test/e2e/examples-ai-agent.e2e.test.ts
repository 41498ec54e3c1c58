/**
 * examples/ai-agent in the real n8n: n8n's AI Agent with the OpenAI Chat Model pointed at the
 * fake platform's scripted model, Simple Memory keyed by channel and contact.key, a Chatflow
 * WhatsApp node as a tool. Proves memory per contact on two channels, the typing indicator, a
 * tool call that sends reply buttons, and the handover (keyword and tool) with its release.
 */
import { randomUUID } from 'node:crypto';

import { chatMessages, CHAT_COMPLETIONS, FakePlatform, scriptChatModel, type RecordedRequest, type ScriptedChatAnswer } from '../../simulator/platform';
import { createChannelCredentials, importAndActivate, PAGE_ID, PHONE_NUMBER_ID, postSigned, prepareExample, readExample, settle, whatsAppMessage, type PreparedExample } from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

let n8n: E2eContext;
let platform: FakePlatform;
let example: PreparedExample;
let workflowId: string;

const url = (trigger: string) => n8n.api.webhookUrl(example.webhookIds[trigger], 'webhook');
const WHATSAPP_SENDS = new RegExp(`^/v26\\.0/${PHONE_NUMBER_ID}/messages$`);
const MESSENGER_SENDS = new RegExp(`^/v26\\.0/(me|${PAGE_ID})/messages$`);

/** The scripted model: answers by the conversation it is sent, so the answers prove what it saw. */
function answer(request: RecordedRequest): ScriptedChatAnswer {
	const messages = chatMessages(request);
	const last = messages[messages.length - 1];
	const tool = lastToolCalled(request);
	if (last.role === 'tool') return { content: tool === 'Offer_Choices' ? 'Tap the one you like.' : tool === 'Open_Feedback_Flow' ? 'Thank you!' : 'A colleague will answer you here.' };
	const said = last.content;
	const name = /my name is (\w+)/i.exec(said);
	if (name) return { content: `Nice to meet you, ${name[1]}.` };
	if (/what is my name/i.test(said)) {
		const earlier = messages.slice(0, -1).map((message) => /my name is (\w+)/i.exec(message.content)).find(Boolean);
		return { content: earlier ? `Your name is ${earlier[1]}.` : 'I do not know your name yet.' };
	}
	if (/gift/i.test(said)) return { toolCalls: [{ name: 'Offer_Choices', arguments: { question: 'Who is the gift for?', choice1: 'For her', choice2: 'For him' } }] };
	if (/feedback/i.test(said)) return { toolCalls: [{ name: 'Open_Feedback_Flow', arguments: { invitation: 'Tell us how we did.' } }] };
	if (/complicated/i.test(said)) return { toolCalls: [{ name: 'Hand_Over_To_Person', arguments: { input: 'The contact finds it too complicated' } }] };
	return { content: 'How can I help?' };
}

/** The name of the tool the model called last in this conversation. */
function lastToolCalled(request: RecordedRequest): string | undefined {
	const messages = (request.json as { messages: Array<{ tool_calls?: Array<{ function: { name: string } }> }> }).messages;
	const calls = messages.flatMap((message) => message.tool_calls ?? []);
	return calls[calls.length - 1]?.function.name;
}

function messenger(sender: string, text: string) {
	const now = Date.now();
	return {
		object: 'page',
		entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: sender }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: `m_${randomUUID()}`, text } }] }],
	};
}

const ADA = { phone: '16505551234', bsuid: 'US.13491208655302741918' };
const BOB = '6817394857162534';
/** Executions started so far (one per delivery and per release call), to tell the next one apart. */
let started = 0;
const count = <T>(delivery: Promise<T>): Promise<T> => {
	started += 1;
	return delivery;
};
const toAda = (text: string) => count(postSigned(url('WhatsApp Trigger'), 'whatsapp', whatsAppMessage(ADA.phone, { type: 'text', text: { body: text } }, 'Ada', { bsuid: ADA.bsuid })));
const toBob = (text: string) => count(postSigned(url('Messenger Trigger'), 'messenger', messenger(BOB, text)));

/** Sends a message and returns its finished execution: it succeeded and stopped at *Handed Over?*. */
async function expectHandedOver(send: () => Promise<{ status: number }>): Promise<void> {
	const known = (await n8n.api.waitForExecutions(workflowId, started)).map((execution) => execution.id);
	expect((await send()).status).toBe(200);
	const execution = await n8n.api.waitForNewExecution(workflowId, known);
	expect(execution.status).toBe('success');
	expect(n8n.output(execution, 'Handed Over?')[0]).toHaveLength(1);
	expect(Object.keys(execution.data?.resultData.runData ?? {})).not.toContain('AI Agent');
}

/** Ada writes `text`; the interactive message the agent's tool sent her (typing, tool, answer). */
async function interactiveSentFor(text: string): Promise<Record<string, any> | undefined> {
	await toAda(text);
	const sends = await platform.waitFor('POST', WHATSAPP_SENDS, 3, 30_000);
	return sends.map((request) => request.json as Record<string, any>).find((body) => body.type === 'interactive');
}

/** The text messages sent on `path` since the last reset. */
const textsOn = (path: RegExp) => platform.received('POST', path).map((request) => request.json as Record<string, any>);

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	const credentials = await createChannelCredentials(n8n, platform);
	const model = await n8n.api.createCredential('openAiApi', `OpenAI ${randomUUID().slice(0, 8)}`, { apiKey: 'sk-scripted-test-key', url: `${platform.url}/v1`, header: false });
	example = prepareExample(readExample('ai-agent'), { ...credentials, openAiApi: { id: model.id, name: model.name } });
	workflowId = await importAndActivate(n8n, example);
});

afterAll(async () => {
	if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
	await platform?.close();
});

beforeEach(() => {
	platform.reset();
	scriptChatModel(platform, answer);
});

describe('examples/ai-agent', () => {
	it('keeps one memory per contact on two channels, with typing shown while the model thinks', async () => {
		expect((await toAda('My name is Ada')).status).toBe(200);
		const [typing, first] = await platform.waitFor('POST', WHATSAPP_SENDS, 2, 30_000);
		expect(typing.json).toMatchObject({ status: 'read', typing_indicator: { type: 'text' } });
		expect(first.json).toMatchObject({ to: ADA.phone, type: 'text', text: { body: 'Nice to meet you, Ada.' } });

		expect((await toBob('My name is Bob')).status).toBe(200);
		const [senderAction, bobFirst] = await platform.waitFor('POST', MESSENGER_SENDS, 2, 30_000);
		expect(senderAction.json).toMatchObject({ recipient: { id: BOB }, sender_action: 'typing_on' });
		expect(bobFirst.json).toMatchObject({ recipient: { id: BOB }, message: { text: 'Nice to meet you, Bob.' } });

		platform.reset();
		scriptChatModel(platform, answer);
		await toAda('What is my name?');
		await platform.waitFor('POST', WHATSAPP_SENDS, 2, 30_000);
		await toBob('What is my name?');
		await platform.waitFor('POST', MESSENGER_SENDS, 2, 30_000);

		const asked = platform.received('POST', CHAT_COMPLETIONS).map((request) => chatMessages(request));
		expect(asked).toHaveLength(2);
		const [ada, bob] = asked.map((messages) => messages.map((message) => message.content).join('\n'));
		// The second turn carries the first turn's history, and only this contact's.
		expect(ada).toContain('My name is Ada');
		expect(ada).toContain('Nice to meet you, Ada.');
		expect(ada).not.toContain('Bob');
		expect(bob).toContain('My name is Bob');
		expect(bob).not.toContain('Ada');
		expect(textsOn(WHATSAPP_SENDS).pop()).toMatchObject({ text: { body: 'Your name is Ada.' } });
		expect(textsOn(MESSENGER_SENDS).pop()).toMatchObject({ message: { text: 'Your name is Bob.' } });
	});

	it('sends reply buttons when the model calls the Chatflow WhatsApp tool', async () => {
		expect(await interactiveSentFor('I am looking for a gift')).toMatchObject({
			to: ADA.phone,
			type: 'interactive',
			interactive: {
				type: 'button',
				body: { text: 'Who is the gift for?' },
				action: { buttons: [{ type: 'reply', reply: { id: 'choice1', title: 'For her' } }, { type: 'reply', reply: { id: 'choice2', title: 'For him' } }] },
			},
		});
		expect(textsOn(WHATSAPP_SENDS).pop()).toMatchObject({ type: 'text', text: { body: 'Tap the one you like.' } });
	});

	it('sends a Flow when the model calls the Flow tool', async () => {
		expect(await interactiveSentFor('I have some feedback')).toMatchObject({
			to: ADA.phone,
			interactive: {
				type: 'flow',
				body: { text: 'Tell us how we did.' },
				action: { name: 'flow', parameters: { flow_name: 'feedback', flow_cta: 'Give feedback', flow_action: 'navigate', flow_action_payload: { screen: 'FEEDBACK' } } },
			},
		});
		expect(textsOn(WHATSAPP_SENDS).pop()).toMatchObject({ type: 'text', text: { body: 'Thank you!' } });
	});

	it('a keyword hands the contact over: the agent stays silent until the contact is released', async () => {
		await toBob('agent');
		const [handover] = await platform.waitFor('POST', MESSENGER_SENDS, 1, 30_000);
		expect(handover.json).toMatchObject({ recipient: { id: BOB }, message: { text: 'Thanks! A colleague will answer you here shortly.' } });

		platform.reset();
		scriptChatModel(platform, answer);
		await expectHandedOver(() => toBob('hello?'));
		await settle(platform);
		expect(platform.requests).toHaveLength(0);

		started += 1;
		const release = await fetch(`${n8n.state.url}/webhook/chatflow-ai-agent-release`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ channel: 'messenger', accountId: PAGE_ID, contactKey: BOB }),
		});
		expect(release.status).toBe(200);
		await toBob('hello again');
		const [, answered] = await platform.waitFor('POST', MESSENGER_SENDS, 2, 30_000);
		expect(answered.json).toMatchObject({ recipient: { id: BOB }, message: { text: 'How can I help?' } });
	});

	it('the handover tool hands the contact over as the keyword does', async () => {
		await toAda('This is too complicated');
		await platform.waitFor('POST', WHATSAPP_SENDS, 2, 30_000);
		await settle(platform, 1_500);
		expect(textsOn(WHATSAPP_SENDS).pop()).toMatchObject({ text: { body: 'A colleague will answer you here.' } });

		platform.reset();
		scriptChatModel(platform, answer);
		await expectHandedOver(() => toAda('hello?'));
		await settle(platform);
		expect(platform.requests).toHaveLength(0);
	});
});
