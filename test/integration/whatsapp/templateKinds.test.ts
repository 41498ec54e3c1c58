import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { templateFields } from '../../../nodes/WhatsApp/methods/resourceMapping';
import type { FakePlatform } from '../../../simulator/platform';
import { TEMPLATE_KINDS, type TemplateKindFixture } from '../../fixtures/templateKinds';
import { runWorkflow, type WorkflowJson } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from './runNode';
import { useTemplatePlatform } from './templateFixtures';

const NODE = 'Send template';

/** Manual trigger → one Chatflow WhatsApp node (version 2) with `parameters`, failures kept per item. */
function oneNodeWorkflow(parameters: IDataObject): WorkflowJson {
	return {
		nodes: [
			{ id: 'a1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'a2', name: NODE, type: 'n8n-nodes-chatflow.chatflowWhatsApp', typeVersion: 2, position: [220, 0], onError: 'continueRegularOutput', parameters: parameters as INodeParameters, credentials: { chatflowWhatsAppApi: { id: 'c1', name: 'WhatsApp' } } },
		],
		connections: { Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Send Template with values in the resource mapper as the editor saves them (with the schema it showed). */
function sendWorkflow(f: TemplateKindFixture, values: IDataObject): WorkflowJson {
	return oneNodeWorkflow({
		resource: 'template',
		operation: 'send',
		to: '491701234567',
		template: { __rl: true, mode: 'list', value: `${f.definition.name}|${f.definition.language}` },
		parametersMode: 'fields',
		templateParameters: { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: templateFields(f.definition).map((field) => ({ ...field, removed: false })) } as never,
	});
}

const credentials = (platform: FakePlatform) => ({
	chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url },
});

describe('every template kind sent through the real engine to the fake platform that checks it', () => {
	const fake = useTemplatePlatform();
	let platform: FakePlatform;
	beforeEach(() => {
		platform = fake();
	});

	it.each(TEMPLATE_KINDS.map((f) => [f.kind, f] as const))('%s: the documented payload, accepted', async (_kind, f) => {
		const result = await runWorkflow({ workflow: sendWorkflow(f, f.values as IDataObject), credentials: credentials(platform) });
		expect(result.error).toBeUndefined();
		expect(result.output(NODE)[0]).toMatchObject({ messageStatus: 'accepted', recipientId: '491701234567' });
		const [sent] = platform.received('POST', `/:v/${PHONE_ID}/messages`).map((r) => r.json as { template: unknown });
		expect(sent.template).toEqual({ name: f.definition.name, language: { code: f.definition.language, policy: 'deterministic' }, components: f.components });
	});

	it('a carousel whose card values come from expressions over the input item', async () => {
		const f = TEMPLATE_KINDS.find((k) => k.kind === 'media card carousel')!;
		const values = { ...f.values, 'card[1].button[1].url': '={{ $json.promo }}', 'body.1': '={{ $json.code }}' };
		const result = await runWorkflow({ workflow: sendWorkflow(f, values), credentials: credentials(platform), input: [{ promo: 'pink_2026', code: '30OFF' }] });
		expect(result.error).toBeUndefined();
		const [sent] = platform.received('POST', `/:v/${PHONE_ID}/messages`).map((r) => r.json as { template: { components: Array<{ parameters?: Array<{ text?: string }>; cards?: Array<{ components: Array<{ parameters: Array<{ text?: string }> }> }> }> } });
		expect(sent.template.components[0].parameters![0].text).toBe('30OFF');
		expect(sent.template.components[1].cards![1].components[3].parameters[0].text).toBe('pink_2026');
	});

	it('a template that changed after it was loaded is refused by the platform with Meta\'s code, per item', async () => {
		const f = TEMPLATE_KINDS.find((k) => k.kind === 'limited-time offer')!;
		// The node loads the definition once per run; the platform then checks against a stricter one
		// (one more body variable), as happens when a template is edited between runs.
		platform.on('GET', `/:v/${WABA_ID}/message_templates`, { json: { data: [f.definition] } });
		platform.templates = [{ ...f.definition, components: f.definition.components.map((c) => (c.type === 'BODY' ? { ...c, text: `${c.text} {{3}}` } : c)) }] as never;
		const result = await runWorkflow({ workflow: sendWorkflow(f, f.values as IDataObject), credentials: credentials(platform) });
		expect(result.output(NODE)[0].error).toContain('Graph API error 132000');
	});

	it('creates a carousel template from fields, and refuses an over-long body before any request, per item', async () => {
		platform.on('POST', `/:v/${WABA_ID}/message_templates`, { json: { id: '5001', status: 'PENDING', category: 'MARKETING' } });
		const card = (handle: string) => ({ headerFormat: 'IMAGE', headerHandle: handle, bodyText: 'Use code {{1}} today.', bodyExamples: '15OFF', quickReplyText: 'More like this' });
		const workflow = oneNodeWorkflow({
			resource: 'template',
			operation: 'create',
			definedWith: 'fields',
			newTemplateName: 'summer_cards',
			newTemplateLanguage: 'en_US',
			newTemplateCategory: 'MARKETING',
			bodyText: '={{ $json.body }}',
			bodyExamples: { example: [{ variable: '1', value: 'Ada' }] },
			cards: { card: [card('4::a'), card('4::b')] },
		});
		const result = await runWorkflow({ workflow, credentials: credentials(platform), input: [{ body: 'Hi {{1}}, our summer picks.' }, { body: `Hi {{1}}, ${'x'.repeat(1020)}` }] });
		expect(result.output(NODE).map((item) => item.id ?? item.error)).toEqual(['5001', 'body.text: at most 1024 characters (got 1030)']);
		const created = platform.received('POST', `/:v/${WABA_ID}/message_templates`).map((request) => request.json);
		const sentCard = (handle: string) => ({
			components: [
				{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } },
				{ type: 'BODY', text: 'Use code {{1}} today.', example: { body_text: [['15OFF']] } },
				{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'More like this' }] },
			],
		});
		expect(created).toEqual([
			{
				name: 'summer_cards',
				language: 'en_US',
				category: 'MARKETING',
				components: [{ type: 'BODY', text: 'Hi {{1}}, our summer picks.', example: { body_text: [['Ada']] } }, { type: 'CAROUSEL', cards: [sentCard('4::a'), sentCard('4::b')] }],
			},
		]);
	});

	it('creates authentication templates from fields (copy code, one-tap, zero-tap), per item, and refuses zero-tap without the terms', async () => {
		platform.on('POST', `/:v/${WABA_ID}/message_templates`, { json: { id: '5002', status: 'PENDING', category: 'AUTHENTICATION' } });
		// Every field comes from the item, as a workflow creating one template per app would set them.
		const workflow = oneNodeWorkflow({
			resource: 'template',
			operation: 'create',
			definedWith: 'fields',
			newTemplateName: '={{ $json.name }}',
			newTemplateLanguage: 'en_US',
			newTemplateCategory: 'AUTHENTICATION',
			addSecurityRecommendation: '={{ $json.security }}',
			codeExpirationMinutes: '={{ $json.expiry }}',
			otpType: '={{ $json.otp }}',
			otpButtonText: 'Copy code',
			autofillText: 'Autofill',
			packageName: 'com.luckyshrub.app',
			signatureHash: 'K8a/AINcGX7',
			zeroTapTermsAccepted: '={{ $json.terms }}',
		});
		const input = [
			{ name: 'verify_copy', otp: 'COPY_CODE', security: true, expiry: 10, terms: false },
			{ name: 'verify_one_tap', otp: 'ONE_TAP', security: false, expiry: 0, terms: false },
			{ name: 'verify_zero_tap', otp: 'ZERO_TAP', security: true, expiry: 5, terms: true },
			{ name: 'verify_no_terms', otp: 'ZERO_TAP', security: true, expiry: 5, terms: false },
		];
		const result = await runWorkflow({ workflow, credentials: credentials(platform), input });
		expect(result.output(NODE).map((item) => item.id ?? item.error)).toEqual(['5002', '5002', '5002', "authentication.zeroTapTermsAccepted: zero-tap needs Meta's zero-tap terms accepted"]);

		const app = { package_name: 'com.luckyshrub.app', signature_hash: 'K8a/AINcGX7' };
		const template = (name: string, components: unknown[]) => ({ name, language: 'en_US', category: 'AUTHENTICATION', components });
		// Copy code ignores the Android fields it does not show; no expiry (0) leaves the footer out.
		expect(platform.received('POST', `/:v/${WABA_ID}/message_templates`).map((request) => request.json)).toEqual([
			template('verify_copy', [
				{ type: 'BODY', add_security_recommendation: true },
				{ type: 'FOOTER', code_expiration_minutes: 10 },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
			]),
			template('verify_one_tap', [
				{ type: 'BODY', add_security_recommendation: false },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'ONE_TAP', text: 'Copy code', autofill_text: 'Autofill', supported_apps: [app] }] },
			]),
			template('verify_zero_tap', [
				{ type: 'BODY', add_security_recommendation: true },
				{ type: 'FOOTER', code_expiration_minutes: 5 },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'ZERO_TAP', text: 'Copy code', autofill_text: 'Autofill', supported_apps: [app], zero_tap_terms_accepted: true }] },
			]),
		]);
	});
});
