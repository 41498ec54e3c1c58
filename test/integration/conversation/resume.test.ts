/**
 * What the waiting Conversation node does when n8n calls its resume webhook: which output the
 * reply leaves on (Reply / Timed Out / Not Accepted), retries counted per execution, the wait
 * put back on "keep waiting", a keyword cancellation ending the execution quietly.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { openConversationStore, peekWait, type ResumeBody, type WaitRecord } from '../../../nodes/shared/conversation';
import { resumeWaitForReply } from '../../../nodes/Conversation/actions/waitForReply/resume';
import type { ChatEvent } from '../../../nodes/shared/ingestion';

function context(parameters: IDataObject, body: unknown): IWebhookFunctions {
	return {
		getBodyData: () => body as IDataObject,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNode: () => ({ id: 'n1', name: 'Ask', type: 'n8n-nodes-chatflow.chatflowConversation', typeVersion: 1, position: [0, 0], parameters: {}, credentials: {} }),
		getCredentials: async () => ({}),
	} as unknown as IWebhookFunctions;
}

function reply(contactId: string, extra: Partial<ChatEvent> = {}): ChatEvent {
	return {
		channel: 'messenger',
		event: 'postback',
		accountId: 'page1',
		businessAccountId: '',
		contact: { id: contactId, name: 'Ana', key: contactId },
		messageId: `m-${randomUUID()}`,
		timestamp: '',
		type: 'reply',
		platformType: 'postback',
		text: 'Book',
		reply: { id: 'book', title: 'Book' },
		raw: {},
		...extra,
	};
}

function body(event: ChatEvent, executionId: string, kind: 'reply' | 'cancel' = 'reply', expiresInMs?: number): ResumeBody {
	const wait: WaitRecord = {
		executionId,
		resumeUrl: `http://127.0.0.1:1/webhook-waiting/${executionId}?signature=x`,
		nodeName: 'Ask',
		contact: { channel: event.channel, accountId: event.accountId, contactId: event.contact.id },
		registeredAt: Date.now() - 1000,
		...(expiresInMs ? { expiresAt: Date.now() + expiresInMs } : {}),
	};
	return { chatflowConversation: kind, event, wait, ...(kind === 'cancel' ? { keyword: 'MENU' } : {}) };
}

const sizes = (data: unknown) => (data as unknown[][] | undefined)?.map((output) => output.length);

describe('resume webhook of Wait for Reply', () => {
	it('an accepted reply leaves on Reply, as the inbound item, paired to item 0', async () => {
		const event = reply(`c-${randomUUID()}`);
		const result = await resumeWaitForReply(context({ acceptReplyIds: 'book, prices' }, body(event, 'e1')));
		expect(sizes(result.workflowData)).toEqual([1, 0, 0]);
		expect(result.workflowData?.[0][0]).toEqual({ json: event, pairedItem: { item: 0 } });
	});

	it('not accepted: Not Accepted with attempt and retries left, then Timed Out (maxRetries) after the last retry', async () => {
		const event = reply(`c-${randomUUID()}`, { type: 'text', reply: undefined, text: 'what?' });
		const parameters = { acceptReplyIds: 'book', whenNotAccepted: 'branch', maxRetries: 2 };
		const executionId = `e-${randomUUID()}`;
		const first = await resumeWaitForReply(context(parameters, body(event, executionId)));
		expect(sizes(first.workflowData)).toEqual([0, 0, 1]);
		expect(first.workflowData?.[2][0].json).toMatchObject({ accepted: false, attempt: 1, retriesLeft: 1, text: 'what?' });
		const second = await resumeWaitForReply(context(parameters, body(event, executionId)));
		expect(second.workflowData?.[2][0].json).toMatchObject({ attempt: 2, retriesLeft: 0 });
		const third = await resumeWaitForReply(context(parameters, body(event, executionId)));
		expect(sizes(third.workflowData)).toEqual([0, 1, 0]);
		expect(third.workflowData?.[1][0].json).toMatchObject({ timedOut: true, reason: 'maxRetries', lastReply: { text: 'what?' } });
		// Another execution counts its own retries.
		const other = await resumeWaitForReply(context(parameters, body(event, `e-${randomUUID()}`)));
		expect(other.workflowData?.[2][0].json).toMatchObject({ attempt: 1 });
	});

	it('pass through: on Reply, flagged accepted: false', async () => {
		const event = reply(`c-${randomUUID()}`, { type: 'image' });
		const result = await resumeWaitForReply(context({ acceptTypes: ['flowResponse'], whenNotAccepted: 'passThrough' }, body(event, 'e2')));
		expect(sizes(result.workflowData)).toEqual([1, 0, 0]);
		expect(result.workflowData?.[0][0].json).toMatchObject({ type: 'image', accepted: false });
	});

	it('keep waiting: no output (the execution stays waiting) and the wait is put back with its deadline', async () => {
		const event = reply(`c-${randomUUID()}`, { type: 'sticker' });
		const resumeBody = body(event, `e-${randomUUID()}`, 'reply', 60_000);
		const result = await resumeWaitForReply(context({ acceptTypes: ['flowResponse'], whenNotAccepted: 'keepWaiting', maxRetries: 3 }, resumeBody));
		expect(result.workflowData).toBeUndefined();
		const back = await peekWait(openConversationStore(undefined), resumeBody.wait.contact);
		expect(back).toMatchObject({ executionId: resumeBody.wait.executionId, expiresAt: resumeBody.wait.expiresAt });
	});

	it('a keyword cancellation ends the execution with nothing on any output', async () => {
		const result = await resumeWaitForReply(context({}, body(reply(`c-${randomUUID()}`), 'e3', 'cancel')));
		expect(sizes(result.workflowData)).toEqual([0, 0, 0]);
	});

	it('a POST that is not from a chatflow trigger leaves the execution waiting', async () => {
		for (const bad of [{}, { chatflowConversation: 'reply' }, { chatflowConversation: 'other', event: reply('x') }]) {
			const result = await resumeWaitForReply(context({}, bad));
			expect(result.workflowData).toBeUndefined();
			expect(result.webhookResponse).toMatchObject({ resumed: false });
		}
	});
});
