/**
 * A journey workflow without a Switch: the WhatsApp trigger with "Only Flow Answers of Journey"
 * starts only for Flow answers whose signed flow token carries that journey. A signed delivery
 * (real HMAC) with answers of two journeys, a forged token, an expired one and a text message.
 */
import { createFlowToken } from '../../../nodes/shared/flows';
import { closeRedisConnections } from '../../../nodes/shared/store';
import { runWebhook, type CredentialsByType } from '../../support/harness';
import { triggerWorkflow } from '../../support/triggerWorkflow';
import { signatureHeaders, TEST_APP_SECRET } from '../../support/webhookFixtures';

const TOKEN_SECRET = 'journey-token-secret-0123456789abcdef';
const META_APP = { appId: '1234567890', appSecret: TEST_APP_SECRET, previousAppSecret: '', verifyToken: 'v', apiVersion: 'v26.0', baseUrl: 'http://127.0.0.1:9' };
const FLOWS = { privateKey: '', passphrase: '', appSecret: '', previousAppSecret: '', tokenSecret: TOKEN_SECRET };

afterAll(async () => await closeRedisConnections());

function flowAnswer(id: string, flowToken: string) {
	return {
		from: '4915112345678', id, timestamp: '1764000000', type: 'interactive',
		interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify({ flow_token: flowToken, choice: '0_Yes' }) } },
	};
}

/** A signed delivery of `messages` to the WhatsApp Trigger, over HTTP through n8n's webhook middleware (the harness). */
async function deliver(messages: unknown[], parameters: Record<string, unknown>, withFlowsCredential = true) {
	const body = Buffer.from(JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '106540352242922', display_phone_number: '15550100' }, contacts: [{ wa_id: '4915112345678', profile: { name: 'Ana' } }], messages } }] }],
	}));
	const credentials: CredentialsByType = withFlowsCredential ? { chatflowMetaAppApi: META_APP, chatflowFlowsEndpointApi: FLOWS } : { chatflowMetaAppApi: META_APP };
	const run = await runWebhook({
		workflow: triggerWorkflow('chatflowWhatsAppTrigger', { credentials, parameters: { events: ['message'], ...parameters } }),
		node: 'Trigger',
		credentials,
		request: { headers: { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body) }, body },
	});
	expect(run.response.status).toBe(200);
	return { logs: run.logs, ids: run.items.map((item) => item.json.messageId ?? item.json.id) };
}

describe('WhatsApp trigger: Only Flow Answers of Journey', () => {
	const booking = createFlowToken(TOKEN_SECRET, { contact: '4915112345678', journey: 'booking' }, 3600);
	const survey = createFlowToken(TOKEN_SECRET, { contact: '4915112345678', journey: 'survey' }, 3600);
	const forged = createFlowToken('another-secret-0123456789abcdef', { journey: 'booking' }, 3600);
	const expired = createFlowToken(TOKEN_SECRET, { journey: 'booking' }, 1, Date.now() - 10_000);
	const text = { from: '4915112345678', id: 'wamid.TEXT', timestamp: '1764000000', type: 'text', text: { body: 'hi' } };
	const messages = [flowAnswer('wamid.BOOKING', booking), flowAnswer('wamid.SURVEY', survey), flowAnswer('wamid.FORGED', forged), flowAnswer('wamid.EXPIRED', expired), text];

	it('starts only for answers whose verified token carries the journey', async () => {
		const { ids } = await deliver(messages, { flowJourney: 'booking' });
		expect(ids).toEqual(['wamid.BOOKING']);
	});

	it('each journey workflow gets its own answers', async () => {
		expect((await deliver(messages, { flowJourney: 'survey' })).ids).toEqual(['wamid.SURVEY']);
	});

	it('passes everything when no journey is set', async () => {
		expect((await deliver(messages, {})).ids).toHaveLength(5);
	});

	it('ignores every event and says why when the Flows credential is missing', async () => {
		const { ids, logs } = await deliver(messages, { flowJourney: 'booking' }, false);
		expect(ids).toEqual([]);
		expect(logs.some((line) => line.level === 'error' && /needs the Flows Endpoint credential with a Flow Token Secret; 5 event\(s\) ignored/.test(line.message))).toBe(true);
	});
});
