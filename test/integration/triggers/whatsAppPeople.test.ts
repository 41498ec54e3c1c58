/**
 * The WhatsApp trigger's people, through the real trigger path: a signed delivery over HTTP into
 * n8n's webhook middleware and the trigger's webhook() on n8n-core's WebhookContext. Calls carry
 * the caller or callee as their contact; a delivery that names nobody, or names someone with an id
 * in the wrong form, is still emitted, with its error on the item and a warning in n8n's log.
 */
import { closeRedisConnections } from '../../../nodes/shared/store';
import { runWebhook } from '../../support/harness';
import { triggerWorkflow } from '../../support/triggerWorkflow';
import { fixtureBytes, signatureHeaders, TEST_APP_SECRET } from '../../support/webhookFixtures';

const META_APP = { appId: '1234567890', appSecret: TEST_APP_SECRET, previousAppSecret: '', verifyToken: 'v', apiVersion: 'v26.0', baseUrl: 'http://127.0.0.1:9' };
const BSUID = 'US.13491208655302741918';
const ADA = { id: '16505551234', key: BSUID, phone: '16505551234', bsuid: BSUID, parentBsuid: '', username: '' };

afterAll(async () => await closeRedisConnections());

/** A fixture delivered, signed with the app secret, to a WhatsApp trigger with the given events. */
async function deliver(fixture: string, events: string[] = []) {
	const body = fixtureBytes('whatsapp', fixture);
	const credentials = { chatflowMetaAppApi: META_APP };
	const run = await runWebhook({
		workflow: triggerWorkflow('chatflowWhatsAppTrigger', { credentials, parameters: { events } }),
		node: 'Trigger',
		credentials,
		request: { headers: { 'content-type': 'application/json', ...signatureHeaders('whatsapp', body) }, body },
	});
	expect(run.response.status).toBe(200);
	return { items: run.items.map((item) => item.json), warnings: run.logs.filter((line) => line.level === 'warn').map((line) => line.message) };
}

describe('WhatsApp trigger: calls', () => {
	it('a user-initiated connect: the caller is the contact', async () => {
		const { items, warnings } = await deliver('call_connect', ['call']);
		expect(items).toEqual([
			expect.objectContaining({
				channel: 'whatsapp',
				event: 'call',
				type: 'call',
				platformType: 'calls.connect',
				accountId: '106540352242922',
				businessAccountId: '102290129340398',
				messageId: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL1',
				timestamp: '2026-03-31T23:55:00.000Z',
				text: 'connect',
				call: { id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL1', event: 'connect', direction: 'USER_INITIATED' },
				contact: { ...ADA, name: 'Ada Lovelace' },
			}),
		]);
		expect(items[0].errors).toBeUndefined();
		expect(warnings).toEqual([]);
	});

	it('a business-initiated terminate: the callee is the contact, with status and duration', async () => {
		const { items } = await deliver('call_terminate', ['call']);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'call',
				platformType: 'calls.terminate',
				call: expect.objectContaining({ event: 'terminate', direction: 'BUSINESS_INITIATED', status: 'COMPLETED', durationSeconds: 90 }),
				// No contacts[] entry: the ids come from the call's own to / to_user_id.
				contact: { ...ADA, name: '' },
			}),
		]);
	});

	it('a call status (ringing) of a business-initiated call: the person called is the contact', async () => {
		const { items } = await deliver('call_status_ringing', ['call']);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'call',
				platformType: 'calls.status.RINGING',
				messageId: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL2',
				text: 'RINGING',
				call: { id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL2', event: 'status', direction: 'BUSINESS_INITIATED', status: 'RINGING' },
				contact: { ...ADA, name: 'Ada Lovelace' },
			}),
		]);
	});

	it('a trigger that listens to messages only starts nothing for a call', async () => {
		const { items } = await deliver('call_connect', ['message']);
		expect(items).toEqual([]);
	});
});

describe('WhatsApp trigger: deliveries whose contact cannot be used', () => {
	it('a message that names nobody is emitted with its error, and the log says it cannot be answered', async () => {
		const { items, warnings } = await deliver('no_identity');
		expect(items).toEqual([
			expect.objectContaining({
				event: 'message',
				text: 'who am I',
				contact: expect.objectContaining({ id: '', key: '' }),
				errors: [{ code: 'chatflow_no_contact_id', message: expect.stringMatching(/without a phone number and without a business-scoped user id/) }],
			}),
		]);
		expect(warnings).toEqual([
			'Chatflow WhatsApp Trigger: 1 event(s) name no contact (no phone number, no business-scoped user id): emitted, but they cannot be answered',
		]);
	});

	it('a message whose user id is no BSUID is emitted with the phone number as its contact, its error, and a warning', async () => {
		const { items, warnings } = await deliver('text_malformed_user_id');
		expect(items).toEqual([
			expect.objectContaining({
				contact: expect.objectContaining({ id: '16505551234', key: '16505551234', bsuid: '' }),
				errors: [{ code: 'chatflow_malformed_contact_id', message: expect.stringContaining('"13491208655302741918" as a business-scoped user ID, which is not one') }],
			}),
		]);
		expect(warnings).toEqual([
			'Chatflow WhatsApp Trigger: 1 event(s) carry an id that is neither a phone number nor a business-scoped user id: emitted without it (see their "errors")',
		]);
	});
});
