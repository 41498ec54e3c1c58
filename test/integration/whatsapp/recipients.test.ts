/**
 * Recipients as WhatsApp has them since usernames, and marketing templates through the Marketing
 * Messages API: workflows run through n8n-core's engine (the harness) against the fake Graph API,
 * which checks what it receives (`to` for phone numbers, `recipient` for BSUIDs, never both).
 */
import type { INodeParameters } from 'n8n-workflow';

import { graphError, type FakePlatform, type RecordedRequest } from '../../../simulator/platform';
import { runWorkflow, type WorkflowJson } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from './runNode';
import { useTemplatePlatform } from './templateFixtures';

const BSUID = 'US.13491208655302741918';
const PARENT = 'US.ENT.11815799212886844830';

const fake = useTemplatePlatform();
let platform: FakePlatform;
beforeEach(() => {
	platform = fake();
	// Meta's answer names the person as it knows them: wa_id for a phone number, user_id for a BSUID.
	const answer = (request: RecordedRequest) => {
		const body = request.json as { to?: string; recipient?: string };
		if (body.to !== undefined && body.recipient !== undefined) return graphError(100, '(#100) to and recipient cannot both be set in this test');
		const contact = body.to ? { input: body.to, wa_id: body.to } : { input: body.recipient, user_id: body.recipient };
		return { json: { messaging_product: 'whatsapp', contacts: [contact], messages: [{ id: `wamid.${body.to ?? body.recipient}` }] } };
	};
	platform.on('POST', `/:v/${PHONE_ID}/messages`, answer);
	platform.on('POST', `/:v/${PHONE_ID}/marketing_messages`, answer);
});

const credentials = () => ({ chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url } });

function workflow(parameters: INodeParameters): WorkflowJson {
	return {
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'WhatsApp',
				type: 'n8n-nodes-chatflow.chatflowWhatsApp',
				typeVersion: 1,
				position: [200, 0],
				onError: 'continueRegularOutput',
				parameters: { to: '={{ $json.to }}', ...parameters },
			},
		],
		connections: { Start: { main: [[{ node: 'WhatsApp', type: 'main', index: 0 }]] } },
	};
}

async function run(parameters: INodeParameters, recipients: string[]) {
	const result = await runWorkflow({
		workflow: workflow(parameters),
		credentials: credentials(),
		input: recipients.map((to) => ({ to })),
	});
	expect(result.error).toBeUndefined();
	return result.output('WhatsApp');
}

const sent = (path = 'messages') => platform.received('POST', `/:v/${PHONE_ID}/${path}`).map((request) => request.json as Record<string, unknown>);

describe('WhatsApp recipients: phone number, BSUID, parent BSUID', () => {
	it('text to each form, item by item: a phone number as `to`, a BSUID or parent BSUID as `recipient`; a bad recipient fails only its item', async () => {
		const output = await run({ resource: 'message', operation: 'sendText', text: 'Hi' }, ['+1 (650) 555-1234', BSUID, PARENT, 'bob@example.com', ' CA.88231 ']);
		expect(sent()).toEqual([
			{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'text', text: { preview_url: false, body: 'Hi' } },
			{ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: BSUID, type: 'text', text: { preview_url: false, body: 'Hi' } },
			{ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: PARENT, type: 'text', text: { preview_url: false, body: 'Hi' } },
			{ messaging_product: 'whatsapp', recipient_type: 'individual', recipient: 'CA.88231', type: 'text', text: { preview_url: false, body: 'Hi' } },
		]);
		expect(output.map((item) => [item.to ?? null, item.recipientId ?? null, item.messageId ?? item.error])).toEqual([
			['16505551234', '16505551234', 'wamid.16505551234'],
			[BSUID, BSUID, `wamid.${BSUID}`],
			[PARENT, PARENT, `wamid.${PARENT}`],
			[null, null, expect.stringContaining('to: "bob@example.com" is neither a phone number nor a business-scoped user ID; use a phone number with country code')],
			['CA.88231', 'CA.88231', 'wamid.CA.88231'],
		]);
	});

	it('templates, reactions and Flow messages take a BSUID as `recipient` too', async () => {
		await run({ resource: 'template', operation: 'send', template: { __rl: true, mode: 'list', value: 'welcome_named|pt_BR' }, parametersMode: 'fields', templateParameters: { mappingMode: 'defineBelow', value: { 'header.first_name': 'Ana', 'body.code': 'X1', 'body.valid_until': 'maio', 'button[0].coupon_code': 'X1' } } }, [BSUID]);
		await run({ resource: 'message', operation: 'sendReaction', reactToMessageId: 'wamid.IN1', emoji: '👍' }, [BSUID]);
		await run({ resource: 'message', operation: 'sendFlow', body: 'Book', flowBy: 'id', flowId: '777', flowCta: 'Book', flowAction: 'navigate', flowScreen: 'START' }, [BSUID]);
		const bodies = sent();
		expect(bodies.map((body) => [body.type, body.recipient, 'to' in body])).toEqual([
			['template', BSUID, false],
			['reaction', BSUID, false],
			['interactive', BSUID, false],
		]);
	});
});

describe('authentication templates and business-scoped user IDs', () => {
	const otp = (template: string): INodeParameters => ({
		resource: 'template',
		operation: 'send',
		template: { __rl: true, mode: 'list', value: `${template}|en_US` },
		parametersMode: 'fields',
		templateParameters: { mappingMode: 'defineBelow', value: { 'body.1': 'J$FpnYnP' } },
	});

	it.each(['verify_copy_code', 'verify_one_tap', 'verify_zero_tap'])('%s: refused for a BSUID or parent BSUID before any request, sent to a phone number', async (template) => {
		const output = await run(otp(template), [BSUID, '+1 (650) 555-1234', PARENT]);
		expect(sent().map((body) => body.to ?? body.recipient)).toEqual(['16505551234']);
		expect(output.map((item) => item.messageId ?? item.error)).toEqual([
			`to: "${BSUID}" is a business-scoped user ID, and "${template}" is an authentication template, which Meta sends to phone numbers only (error 131062): send it to the person's phone number`,
			'wamid.16505551234',
			expect.stringContaining(`to: "${PARENT}" is a business-scoped user ID, and "${template}" is an authentication template`),
		]);
	});

	it('explains error 131062 when Meta refuses one anyway (a template whose category changed since it was read)', async () => {
		platform.once('POST', `/:v/${PHONE_ID}/messages`, graphError(131062, '(#131062) Business-scoped user ID not supported', 400));
		const [failed] = await run({ resource: 'template', operation: 'send', template: { __rl: true, mode: 'list', value: 'store_location|en_US' }, parametersMode: 'fields', templateParameters: { mappingMode: 'defineBelow', value: { 'header.location': { latitude: 48.137, longitude: 11.575, name: 'Store', address: 'Marienplatz 1' } } } }, [BSUID]);
		expect(failed.error).toMatch(/Graph API error 131062/);
		expect(JSON.stringify(failed.errorDetails)).toMatch(/authentication templates \(one-tap, zero-tap, copy code\) to a business-scoped user ID: send them to the person's phone number/);
	});
});

describe('Send Template through the Marketing Messages API', () => {
	const marketing = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'template',
		operation: 'send',
		template: { __rl: true, mode: 'list', value: 'welcome_named|pt_BR' },
		parametersMode: 'fields',
		templateParameters: { mappingMode: 'defineBelow', value: { 'header.first_name': 'Ana', 'body.code': 'X1', 'body.valid_until': 'maio', 'button[0].coupon_code': 'X1' } },
		sendThrough: 'marketing_messages',
		...extra,
	});

	it('posts the same body to /marketing_messages, to phone numbers and BSUIDs alike, and says which API sent it', async () => {
		const output = await run(marketing(), ['+55 11 91234 5678', BSUID]);
		expect(sent()).toEqual([]);
		const bodies = sent('marketing_messages');
		expect(bodies.map((body) => [body.to ?? body.recipient, body.type, (body.template as { name: string }).name])).toEqual([
			['5511912345678', 'template', 'welcome_named'],
			[BSUID, 'template', 'welcome_named'],
		]);
		expect(output.map((item) => item.api)).toEqual(['marketing_messages', 'marketing_messages']);
		// Meta's defaults are left to Meta: no product_policy or message_activity_sharing unless chosen.
		expect(bodies.every((body) => !('product_policy' in body) && !('message_activity_sharing' in body))).toBe(true);
	});

	it('sends product_policy STRICT and message_activity_sharing when chosen', async () => {
		await run(marketing({ marketingOptions: { productPolicy: 'STRICT', messageActivitySharing: 'off' } }), ['+55 11 91234 5678']);
		expect(sent('marketing_messages')[0]).toMatchObject({ type: 'template', product_policy: 'STRICT', message_activity_sharing: false });
	});

	it('the Cloud API stays the default', async () => {
		const { sendThrough: _omitted, ...cloud } = marketing();
		const [item] = await run(cloud, ['+55 11 91234 5678']);
		expect(sent('marketing_messages')).toEqual([]);
		expect(sent()).toHaveLength(1);
		expect(item).not.toHaveProperty('api');
	});

	it('refuses a utility template before any request, naming why', async () => {
		const [item] = await run(marketing({ template: { __rl: true, mode: 'list', value: 'order_update|en_US' } }), ['+55 11 91234 5678']);
		expect(item.error).toMatch(/template "order_update" is UTILITY: the Marketing Messages API sends marketing templates only/);
		expect(sent('marketing_messages')).toEqual([]);
	});

	it.each([
		[graphError(200, '(#200) You must accept the Marketing Messages Lite API terms of service before sending messages.', 403), /has not accepted the Marketing Messages API terms of service.*WhatsApp Manager/s],
		[graphError(131055, '(#131055) Method not allowed', 400, { error_data: { messaging_product: 'whatsapp', details: 'Only marketing template messages are supported' } }), /marketing templates only: send utility and authentication templates through the Cloud API/],
		[graphError(131009, '(#131009) Parameter value is not valid', 400), /still be preparing it for the Marketing Messages API/],
		[graphError(134101, '(#134101) Your template is still syncing', 400), /still be preparing it for the Marketing Messages API/],
		[graphError(134102, '(#134102) Template unavailable for use', 500), /may not have completed onboarding.*marketing_messages_onboarding_status/s],
	])('explains Meta\'s refusal %#, on that item only', async (refusal, hint) => {
		platform.once('POST', `/:v/${PHONE_ID}/marketing_messages`, refusal);
		const result = await runWorkflow({
			workflow: workflow(marketing()),
			credentials: credentials(),
			input: [{ to: '+55 11 91234 5678' }, { to: '+55 11 91234 0000' }],
		});
		const [failed, passed] = result.outputs('WhatsApp')[0];
		expect(failed.json.error).toMatch(/Graph API error/);
		expect(Object.keys(failed.json)).toEqual(expect.arrayContaining(['error', 'errorDetails']));
		expect(JSON.stringify(failed.json.errorDetails)).toMatch(hint);
		expect(passed.json.messageId).toBe('wamid.5511912340000');
	});
});
