/**
 * The booking conversation in the real n8n (one process, SQLite, in-process state store):
 * waiting executions resumed by the WhatsApp trigger, parallel contacts, a keyword restart, a
 * re-prompt, a timeout, a redelivered message. Every contact must get exactly the messages of
 * its own path, in order.
 */
import { FakePlatform } from '../../simulator/platform';
import { conversationWorkflow, FLOW_ID, inbound, say, sentTo, turn, until, type Person } from './conversation-flow';
import { createChannelCredentials, postSigned, settle, whatsAppDelivery } from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

jest.setTimeout(180_000);

let n8n: E2eContext;
let platform: FakePlatform;
let workflowId: string;
let url: string;


/** One turn of `contact` against this suite's trigger and fake platform (see conversation-flow.ts). */
const turnOf = (contact: Person, message: Record<string, unknown>, total: number): Promise<string[]> =>
	turn({ url, platform }, contact, message, total);

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	const credentials = await createChannelCredentials(n8n, platform);
	const { workflow, webhookId } = conversationWorkflow(credentials, { timeoutSeconds: 15, conversationVersion: 1 });
	workflowId = await n8n.api.createWorkflow(workflow, { webhooks: [{ path: `${webhookId}/webhook` }] });
	url = n8n.api.webhookUrl(webhookId, 'webhook');
	// Warm-up: the first delivery to a fresh n8n compiles a lot, and n8n-workflow's safe-regex
	// (250 ms limit) can time out on a busy machine. A status event is filtered out: no execution.
	const warm = await postSigned(url, 'whatsapp', whatsAppDelivery({ statuses: [{ id: 'wamid.warm', status: 'sent', timestamp: '1', recipient_id: '1' }] }));
	expect(warm.status).toBe(200);
});

afterAll(async () => {
	if (process.env.CONVERSATION_E2E_DUMP) {
		const all = await n8n.api.executions(workflowId);
		const summary = all.map((e: any) => ({ id: e.id, status: e.status, last: e.data?.resultData?.lastNodeExecuted, error: e.data?.resultData?.error?.message, nodes: Object.fromEntries(Object.entries(e.data?.resultData?.runData ?? {}).map(([k, v]: any) => [k, v.map((r: any) => ({ err: r.error?.message, source: r.source, out: (r.data?.main ?? []).map((o: any) => o?.map((i: any) => i.pairedItem) ?? null) }))])) }));
		require('node:fs').writeFileSync(process.env.CONVERSATION_E2E_DUMP, JSON.stringify(summary, null, 1));
	}
	if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
	await platform?.close();
});

const BUTTONS = 'button:What would you like to do?';
const FLOW = 'flow:Pick a date';

describe('conversation flow in a real n8n', () => {
	const [ana, ben, cleo, dan, eve] = ['4915100000001', '4915100000002', '4915100000003', '4915100000004', '4915100000005'];

	it('runs booking for two contacts in parallel, a MENU restart, a re-prompt and a timeout', async () => {
		const started = Date.now();
		const booking = async (contact: string, date: string) => {
			expect(await turnOf(contact, say.text('hi'), 1)).toEqual([BUTTONS]);
			expect(await turnOf(contact, say.button('book', 'Book'), 2)).toEqual([BUTTONS, FLOW]);
			// Not a Flow response: "Wait for Booking" ignores it and keeps waiting (no message, no new execution).
			if (contact === ben) expect((await postSigned(url, 'whatsapp', inbound(contact, say.text('one moment')))).status).toBe(200);
			expect(await turnOf(contact, say.flowReply({ flow_token: `t-${contact}`, date }), 3)).toEqual([BUTTONS, FLOW, `text:Booked for ${date}`]);
		};
		const menuRestart = async () => {
			expect(await turnOf(cleo, say.text('hi'), 1)).toEqual([BUTTONS]);
			// The keyword cancels the waiting execution and starts a new one, which asks again.
			expect(await turnOf(cleo, say.text('Ménu'), 2)).toEqual([BUTTONS, BUTTONS]);
			expect(await turnOf(cleo, say.button('prices', 'Prices'), 3)).toEqual([BUTTONS, BUTTONS, 'text:Haircut 20 EUR, colour 45 EUR']);
		};
		const reprompt = async () => {
			expect(await turnOf(eve, say.text('hi'), 1)).toEqual([BUTTONS]);
			expect(await turnOf(eve, say.text('what?'), 2)).toEqual([BUTTONS, 'text:Please tap Book or Prices']);
			expect(await turnOf(eve, say.button('prices', 'Prices'), 3)).toEqual([BUTTONS, 'text:Please tap Book or Prices', 'text:Haircut 20 EUR, colour 45 EUR']);
		};
		const silent = async () => {
			expect(await turnOf(dan, say.text('hi'), 1)).toEqual([BUTTONS]);
		};
		await Promise.all([booking(ana, '2026-12-01'), booking(ben, '2026-12-24'), menuRestart(), reprompt(), silent()]);
		process.stdout.write(`[conversation e2e] four contacts' turns done in ${Date.now() - started} ms\n`);

		// Dan never answers: n8n's wait tracker resumes the execution on "Timed Out".
		const expired = await until('the timeout message', () => {
			const sent = sentTo(platform, dan);
			return sent.length >= 2 ? sent : undefined;
		}, 120_000);
		expect(expired).toEqual([BUTTONS, 'text:Session expired, write hi to start again']);
		process.stdout.write(`[conversation e2e] timeout path after ${Date.now() - started} ms\n`);
	});

	it('sent each contact exactly its own path, and nothing more', async () => {
		await settle(platform);
		expect(sentTo(platform, ana)).toEqual([BUTTONS, FLOW, 'text:Booked for 2026-12-01']);
		expect(sentTo(platform, ben)).toEqual([BUTTONS, FLOW, 'text:Booked for 2026-12-24']);
		expect(sentTo(platform, cleo)).toEqual([BUTTONS, BUTTONS, 'text:Haircut 20 EUR, colour 45 EUR']);
		expect(sentTo(platform, dan)).toEqual([BUTTONS, 'text:Session expired, write hi to start again']);
		expect(sentTo(platform, eve)).toEqual([BUTTONS, 'text:Please tap Book or Prices', 'text:Haircut 20 EUR, colour 45 EUR']);
		const flowSend = platform.requests.find((r) => (r.json as any)?.to === ana && (r.json as any)?.interactive?.type === 'flow');
		expect((flowSend?.json as any).interactive.action.parameters.flow_id).toBe(FLOW_ID);
	});

	it('one execution per conversation (two for the MENU restart), all finished', async () => {
		const executions = await n8n.api.waitForExecutions(workflowId, 6, 30_000);
		expect(executions).toHaveLength(6);
		await until('every execution finished', async () => {
			const all = await n8n.api.executions(workflowId, { includeData: false });
			return all.every((e) => e.status === 'success') ? all : undefined;
		});
		const full = await n8n.api.executions(workflowId);
		const byContact = (contact: string) =>
			full.filter((e) => n8n.output(e, 'WhatsApp Trigger')[0]?.[0]?.contact && (n8n.output(e, 'WhatsApp Trigger')[0][0].contact as any).id === contact);
		expect(byContact(cleo)).toHaveLength(2);
		const restarted = byContact(cleo).find((e) => n8n.output(e, 'WhatsApp Trigger')[0][0].keyword === 'MENU');
		expect(restarted).toBeDefined();
		// The cancelled execution ended at its wait: nothing came out of any output.
		const cancelled = byContact(cleo).find((e) => e !== restarted)!;
		expect(n8n.output(cancelled, 'Wait for Choice').flat()).toHaveLength(0);
		// Ana's booking went through the session.
		const anaRun = byContact(ana)[0];
		expect(n8n.output(anaRun, 'Store Booking')[0][0].session).toMatchObject({ variables: { booking: { date: '2026-12-01' } }, step: '' });
		const timedOut = byContact(dan)[0];
		expect(n8n.output(timedOut, 'Wait for Choice')[1][0]).toMatchObject({ timedOut: true, reason: 'timeout', contact: { id: dan } });
	});

	it('a reply delivered twice at once (redelivery) resumes the wait once and starts nothing, whichever copy is refused for later', async () => {
		const before = (await n8n.api.settledExecutions(workflowId)).length;
		const fay = '4915100000006';
		expect(await turnOf(fay, say.text('hi'), 1)).toEqual([BUTTONS]);
		const book = inbound(fay, say.button('book', 'Book'));
		const [first, second] = await Promise.all([postSigned(url, 'whatsapp', book), postSigned(url, 'whatsapp', book)]);
		// One copy is taken. The other is a duplicate (200) or, while the first is still being handed
		// to the waiting execution, refused (503) so that Meta delivers it again: then it is a duplicate.
		const statuses = [first.status, second.status].sort();
		expect(statuses[0]).toBe(200);
		expect([200, 503]).toContain(statuses[1]);
		if (statuses[1] === 503) await until('the redelivery answered 200', async () => (await postSigned(url, 'whatsapp', book)).status === 200 || undefined, 30_000);
		await until('the flow CTA', () => sentTo(platform, fay).length >= 2);
		await settle(platform);
		expect(sentTo(platform, fay)).toEqual([BUTTONS, FLOW]);
		// n8n's execution list leaves out executions still running (Fay's, between sending the Flow
		// and being saved as waiting again), so count once none runs.
		expect((await n8n.api.settledExecutions(workflowId)).length).toBe(before + 1);
	});

	it('a contact known only by BSUID and username converses; one who hides their number mid-conversation stays in it', async () => {
		const before = (await n8n.api.settledExecutions(workflowId)).length;
		// Gus has a username and shares no phone number: every answer goes to his BSUID as `recipient`.
		const gus = { bsuid: 'US.49151000000070001', username: 'gus.cuts' };
		expect(await turnOf(gus, say.text('hi'), 1)).toEqual([BUTTONS]);
		expect(await turnOf(gus, say.button('book', 'Book'), 2)).toEqual([BUTTONS, FLOW]);
		expect(await turnOf(gus, say.flowReply({ flow_token: 't-gus', date: '2026-12-31' }), 3)).toEqual([BUTTONS, FLOW, 'text:Booked for 2026-12-31']);
		const toGus = platform.requests.filter((r) => (r.json as any)?.recipient === gus.bsuid);
		expect(toGus).toHaveLength(3);
		expect(toGus.every((r) => !('to' in (r.json as object)))).toBe(true);

		// Hal writes with his number, then adopts a username and answers without it: the answer still
		// resumes his waiting conversation (keyed by his BSUID), which goes on addressing him as it began.
		const hal = { phone: '4915100000008', bsuid: 'US.49151000000080001' };
		expect(await turnOf(hal, say.text('hi'), 1)).toEqual([BUTTONS]);
		expect((platform.requests.filter((r) => (r.json as any)?.to === hal.phone))).toHaveLength(1);
		expect((await postSigned(url, 'whatsapp', inbound({ bsuid: hal.bsuid, username: 'hal' }, say.button('book', 'Book')))).status).toBe(200);
		expect(await until('the Flow to Hal', () => (sentTo(platform, hal).length >= 2 ? sentTo(platform, hal) : undefined))).toEqual([BUTTONS, FLOW]);
		await settle(platform);
		// Two conversations, two executions: Hal's answer resumed his, it started none.
		expect((await n8n.api.settledExecutions(workflowId)).length).toBe(before + 2);
		const gusRun = (await n8n.api.executions(workflowId)).find((e) => (n8n.output(e, 'WhatsApp Trigger')[0]?.[0]?.contact as any)?.bsuid === gus.bsuid);
		expect(n8n.output(gusRun!, 'WhatsApp Trigger')[0][0].contact).toMatchObject({ id: gus.bsuid, key: gus.bsuid, phone: '', username: 'gus.cuts' });
	});
});
