/**
 * examples/marketing-campaign in the real n8n: the send workflow (an authenticated Webhook with
 * the recipients in its body → one template per recipient at the configured rate → a summary
 * answer) and the status report workflow (the WhatsApp trigger's statuses of campaign messages
 * into a Data Table, counted per status by a second webhook).
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform, graphError, type RecordedRequest } from '../../simulator/platform';
import { whatsAppSend } from '../../simulator/platform/defaults';
import {
	createChannelCredentials,
	createDataTable,
	importAndActivate,
	PHONE_NUMBER_ID,
	postSigned,
	prepareExample,
	readExample,
	settle,
	WABA_ID,
	WHATSAPP_TOKEN,
	whatsAppDelivery,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const CAMPAIGN = 'spring-2026';
const API_KEY = `campaign-key-${randomUUID()}`;
/**
 * The example sends at Meta's default 80 messages/s. This machine's n8n sends slower than that,
 * which would hide the limiter, so the suite imports the example with 10/s (the only change).
 */
const RATE = 10;
const BURST = Math.ceil(RATE / 10); // what the limiter lets start at once after idling
const RECIPIENTS = 30;
const BAD_NUMBER = '+0000'; // refused by the node itself
const META_REFUSED = '491510000005'; // refused by Meta
const BSUID = 'US.13491208655302741918'; // a recipient who shares no phone number

const SPRING_SALE = {
	id: '2001',
	name: 'spring_sale',
	language: 'en_US',
	status: 'APPROVED',
	category: 'MARKETING',
	parameter_format: 'POSITIONAL',
	components: [
		{ type: 'BODY', text: 'Hi {{1}}, your code {{2}} takes 20% off everything until Sunday.' },
		{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
	],
};

const recipients = Array.from({ length: RECIPIENTS }, (_, i) => ({
	phone: i === 17 ? BAD_NUMBER : `+49151000${String(i).padStart(4, '0')}`,
	name: `Customer ${i}`,
	code: `SPRING-${i}`,
}));

let n8n: E2eContext;
let platform: FakePlatform;
let send: PreparedExample;
let report: PreparedExample;
let reportWorkflowId: string;
const workflowIds: string[] = [];

/** The WABA's templates, and Meta's refusal of an impossible number. */
function scriptPlatform(): void {
	// Known templates: every send is also checked against the definition, as the Cloud API does.
	platform.serveTemplates(WABA_ID, [SPRING_SALE]);
	platform.on('POST', `/:version/${PHONE_NUMBER_ID}/messages`, (request) =>
		(request.json as { to?: string }).to === META_REFUSED
			? graphError(131030, 'Recipient phone number not in allowed list', 400)
			: whatsAppSend(request, platform.templates),
	);
}

async function startCampaign(body: unknown, key = API_KEY): Promise<{ status: number; json: Record<string, unknown> }> {
	const response = await fetch(`${n8n.state.url}/webhook/chatflow-campaign`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-campaign-key': key },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	scriptPlatform();
	const credentials = await createChannelCredentials(n8n, platform);
	const apiKey = await n8n.api.createCredential('httpHeaderAuth', 'Campaign API key', { name: 'X-Campaign-Key', value: API_KEY });
	credentials.httpHeaderAuth = { id: apiKey.id, name: apiKey.name };
	// What the README asks the user to create once.
	await createDataTable(n8n, 'chatflow_campaign_status', ['campaign', 'messageId', 'recipient', 'status', 'error', 'at']);
	const source = readExample('marketing-campaign');
	const sendNode = source.nodes.find((node) => node.name === 'Send Template')!;
	expect((sendNode.parameters as { runOptions: { ratePerSecond: number } }).runOptions.ratePerSecond).toBe(80);
	(sendNode.parameters as { runOptions: { ratePerSecond: number } }).runOptions.ratePerSecond = RATE;

	send = prepareExample(source, credentials);
	report = prepareExample(readExample('marketing-campaign', 'status-report.json'), credentials);
	workflowIds.push(await importAndActivate(n8n, send));
	reportWorkflowId = await importAndActivate(n8n, report);
	workflowIds.push(reportWorkflowId);
});

afterAll(async () => {
	for (const id of workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	await platform?.close();
});

describe('examples/marketing-campaign: send', () => {
	let answer: Record<string, unknown>;
	let sends: RecordedRequest[];
	/** When the campaign was started (FakePlatform's clock): before the limiter granted any send. */
	let startedAt: number;

	it('refuses a start without the API key and sends nothing', async () => {
		const refused = await startCampaign({ campaign: CAMPAIGN, recipients }, 'wrong-key');
		expect(refused.status).toBe(403);
		await settle(platform, 500);
		expect(platform.received('POST', /\/messages$/)).toHaveLength(0);
	});

	it('sends the template once per recipient and answers with a summary in input order', async () => {
		startedAt = performance.now();
		const started = await startCampaign({ campaign: CAMPAIGN, recipients });
		expect(started.status).toBe(200);
		answer = started.json;
		sends = platform.received('POST', /\/messages$/);
		expect(answer).toMatchObject({ campaign: CAMPAIGN, recipients: RECIPIENTS, accepted: RECIPIENTS - 2, failed: 2 });
		const messages = answer.messages as Array<{ phone: string; messageId: string | null; error: string | null }>;
		expect(messages.map((m) => m.phone)).toEqual(recipients.map((r) => r.phone));
		// Refused by the node before any request: the builder checks the number.
		expect(messages[17]).toEqual({ phone: BAD_NUMBER, messageId: null, error: expect.stringMatching(/is not a phone number with country code/) });
		expect(messages[5]).toEqual({ phone: `+${META_REFUSED}`, messageId: null, error: expect.stringMatching(/not in allowed list/) });
		expect(messages.filter((m) => m.messageId?.startsWith('wamid.'))).toHaveLength(RECIPIENTS - 2);
	});

	it('builds each template from its recipient, with the campaign as callback data', () => {
		expect(sends).toHaveLength(RECIPIENTS - 1); // the impossible number never left n8n; Meta's refusal is not retried
		expect(platform.received('GET', /\/message_templates$/)).toHaveLength(1); // loaded once per run
		const byPhone = new Map(sends.map((request) => [(request.json as { to: string }).to, request]));
		const third = byPhone.get(recipients[3].phone.replace(/\D/g, ''))!;
		expect(third.headers.authorization).toBe(`Bearer ${WHATSAPP_TOKEN}`);
		expect(third.json).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: recipients[3].phone.replace(/\D/g, ''),
			type: 'template',
			template: {
				name: 'spring_sale',
				language: { code: 'en_US', policy: 'deterministic' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Customer 3' }, { type: 'text', text: 'SPRING-3' }] }],
			},
			biz_opaque_callback_data: CAMPAIGN,
		});
	});

	it('keeps to the configured rate: the k-th send arrives no earlier than the limiter can have granted it', () => {
		// The limiter lets `BURST` sends start at once and then one every 1/RATE s. A send can
		// arrive later than its grant (a busy machine delays it) but never earlier, so measured
		// from before the first grant this holds whatever the machine's load.
		const times = sends.map((request) => request.receivedAt - startedAt).sort((a, b) => a - b);
		times.forEach((arrivedMs, k) => expect(arrivedMs).toBeGreaterThanOrEqual((Math.max(0, k + 1 - BURST) / RATE) * 1000 * 0.99));
	});

	describe('status report', () => {
		it('records the statuses of campaign messages only, and reports them per status', async () => {
			const ids = (answer.messages as Array<{ messageId: string | null }>).map((m) => m.messageId).filter((id): id is string => !!id);
			const [a, b, c, d] = ids;
			const status = (id: string, state: string, extra: Record<string, unknown> = {}) => ({
				id,
				status: state,
				timestamp: String(Math.floor(Date.now() / 1000)),
				recipient_id: '491510000000',
				biz_opaque_callback_data: CAMPAIGN,
				...extra,
			});
			const url = n8n.api.webhookUrl(report.webhookIds['WhatsApp Statuses'], 'webhook');
			const first = whatsAppDelivery({ statuses: [a, b, c, d].map((id) => status(id, 'sent')) });
			const second = whatsAppDelivery({
				statuses: [
					status(a, 'delivered'),
					status(b, 'delivered'),
					status(c, 'delivered'),
					status(a, 'read'),
					status(b, 'read'),
					// Sent to a person who shares no phone number: Meta names them by BSUID only.
					status(d, 'failed', { recipient_id: undefined, recipient_user_id: BSUID, errors: [{ code: 131026, title: 'Message undeliverable' }] }),
					// Not a campaign message: no callback data.
					{ id: 'wamid.OTHER', status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '1' },
				],
			});
			expect((await postSigned(url, 'whatsapp', first)).status).toBe(200);
			expect((await postSigned(url, 'whatsapp', second)).status).toBe(200);
			const executions = await n8n.api.waitForExecutions(reportWorkflowId, 2);
			expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
			expect(n8n.output(executions[1], 'Record Status')[0]).toHaveLength(6);
			const rows = n8n.output(executions[1], 'Record Status')[0];
			expect(rows[0]).toMatchObject({ messageId: a, status: 'delivered', recipient: '491510000000' });
			expect(rows[5]).toMatchObject({ campaign: CAMPAIGN, messageId: d, status: 'failed', error: '131026 Message undeliverable', recipient: BSUID });

			const response = await fetch(`${n8n.state.url}/webhook/chatflow-campaign-report?campaign=${CAMPAIGN}`, { headers: { 'x-campaign-key': API_KEY } });
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ campaign: CAMPAIGN, messagesByStatus: { sent: 4, delivered: 3, read: 2, failed: 1 } });

			const other = await fetch(`${n8n.state.url}/webhook/chatflow-campaign-report?campaign=unknown`, { headers: { 'x-campaign-key': API_KEY } });
			expect(await other.json()).toEqual({ campaign: 'unknown', messagesByStatus: {} });
			const anonymous = await fetch(`${n8n.state.url}/webhook/chatflow-campaign-report?campaign=${CAMPAIGN}`);
			expect(anonymous.status).toBe(403);
		});
	});
});
