/**
 * The guide's first track (docs/guides/zero-to-first-message.md §1), proven: the chat simulator
 * instead of Meta and Viber, the omnichannel example imported with credentials whose Base URL is
 * the simulator, each channel's webhook set the way the page's ⚙ Webhooks does, and a contact
 * typing on each channel sees the bot's answer in the chat (the simulator's journal, which is
 * what the page renders).
 */
import { ChatSimulator } from '../../simulator/chatSimulator';
import type { ChannelName } from '../../simulator/config';
import {
	APP_SECRET,
	createChannelCredentials,
	importAndActivate,
	prepareExample,
	readExample,
	VIBER_TOKEN,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const TRIGGERS: Record<ChannelName, string> = {
	whatsapp: 'WhatsApp Trigger',
	messenger: 'Messenger Trigger',
	instagram: 'Instagram Trigger',
	viber: 'Viber Trigger',
};

let n8n: E2eContext;
let simulator: ChatSimulator;
let example: PreparedExample;
let workflowId: string;

interface JournalMessage {
	channel: ChannelName;
	contactId: string;
	direction: 'in' | 'out';
	/** The send body: WhatsApp `text.body`, Messenger and Instagram `message.text`, Viber `text`. */
	payload: { text?: string | { body?: string }; message?: { text?: string } };
}

async function simulatorApi<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${simulator.url}/_sim/api/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/** The texts the chat shows from the business to `contactId` on `channel`, waiting for `count`. */
async function botSaid(channel: ChannelName, contactId: string, count = 1): Promise<string[]> {
	const deadline = Date.now() + 20_000;
	for (;;) {
		const state = await simulatorApi<{ entries: Array<{ type: string; message?: JournalMessage }> }>('GET', 'state');
		const texts = state.entries
			.filter((entry) => entry.type === 'message' && entry.message!.direction === 'out' && entry.message!.channel === channel && entry.message!.contactId === contactId)
			.map((entry) => {
				const { text, message } = entry.message!.payload;
				return typeof text === 'string' ? text : String(text?.body ?? message?.text ?? '');
			});
		if (texts.length >= count) return texts;
		if (Date.now() > deadline) throw new Error(`the bot said ${texts.length} of ${count} message(s) to ${channel}:${contactId}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

beforeAll(async () => {
	n8n = await connectE2e();
	simulator = await ChatSimulator.start({ port: 0 });
	const credentials = await createChannelCredentials(n8n, simulator);
	example = prepareExample(readExample('omnichannel-bot'), credentials);
	workflowId = await importAndActivate(n8n, example);
	// What the page's ⚙ Webhooks dialog does: each channel → its trigger's Production URL.
	for (const [channel, trigger] of Object.entries(TRIGGERS) as Array<[ChannelName, string]>) {
		await simulatorApi('POST', 'webhooks', {
			channel,
			url: n8n.api.webhookUrl(example.webhookIds[trigger], 'webhook'),
			secret: channel === 'viber' ? VIBER_TOKEN : APP_SECRET,
		});
	}
});

afterAll(async () => {
	if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
	await simulator?.close();
});

describe('the omnichannel example with the chat simulator', () => {
	it.each([
		['whatsapp', '4915112345678', 'what are your opening hours?', 'We are open Monday to Friday, 9:00 to 18:00.'],
		['messenger', '6817394857162534', 'how much does it cost', 'Plans start at 9 EUR a month: https://example.com/pricing'],
		['instagram', '1234567890123456', 'I want a human', 'Thanks! A colleague will answer you here shortly.'],
		['viber', '01234567890A=', 'opening hours', 'We are open Monday to Friday, 9:00 to 18:00.'],
	] as Array<[ChannelName, string, string, string]>)('%s: a contact types, the bot answers in the chat', async (channel, contactId, text, answer) => {
		const sent = await simulatorApi<{ status?: string; error?: string }>('POST', 'send', { channel, contactId, input: { kind: 'text', text } });
		expect(sent.error).toBeUndefined();
		expect(await botSaid(channel, contactId)).toEqual([answer]);
	});

	it('every execution succeeded (statuses the simulator sends back start none)', async () => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const executions = await n8n.api.waitForExecutions(workflowId, 4);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success']);
	});
});
