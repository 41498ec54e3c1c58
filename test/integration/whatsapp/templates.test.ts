import { FakePlatform } from '../../../simulator/platform';
import { PHONE_ID, runWhatsApp, sentBodies, TOKEN, WABA_ID } from './runNode';
import { serveTemplates, TEMPLATES } from './templateFixtures';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';

const envelope = (template: unknown) =>
	JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '491701234567', type: 'template', template });

describe('Chatflow WhatsApp: templates on the wire', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		serveTemplates(platform);
	});

	const send = (template: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		resource: 'template',
		operation: 'send',
		to: '491701234567',
		template: { __rl: true, mode: 'list', value: template },
		parametersMode: 'fields',
		templateParameters: { mappingMode: 'defineBelow', value: values },
		...extra,
	});

	it('positional body with text, currency and date_time; image header; quick_reply, url and flow buttons', async () => {
		const { output } = await runWhatsApp(
			platform,
			send('order_update|en_US', {
				'header.image': 'https://cdn.example.com/order.png',
				'body.1': 'Ada',
				'body.2': { currency: { fallback_value: '$10.00', code: 'USD', amount_1000: 10000 } },
				'body.3': '{"date_time":{"fallback_value":"May 1, 2026"}}',
				'button[0].payload': 'STOP_PROMOS',
				'button[1].url': 'A-1234',
				'button[2].flow_token': 'ft-rate-9',
				'button[2].flow_action_data': { order: 'A-1234' },
			}),
		);
		expect(sentBodies(platform)).toEqual([
			envelope({
				name: 'order_update',
				language: { code: 'en_US', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/order.png' } }] },
					{ type: 'body', parameters: [
						{ type: 'text', text: 'Ada' },
						{ type: 'currency', currency: { fallback_value: '$10.00', code: 'USD', amount_1000: 10000 } },
						{ type: 'date_time', date_time: { fallback_value: 'May 1, 2026' } },
					] },
					{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP_PROMOS' }] },
					{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1234' }] },
					{ type: 'button', sub_type: 'flow', index: '2', parameters: [{ type: 'action', action: { flow_token: 'ft-rate-9', flow_action_data: { order: 'A-1234' } } }] },
				],
			}),
		]);
		expect(output[0].json).toMatchObject({ recipientId: '491701234567', messageStatus: 'accepted' });
		// the template is looked up by name in the credential's WABA
		expect(platform.received('GET', `/v26.0/${WABA_ID}/message_templates`)[0].query.name).toBe('order_update');
	});

	it('named parameters in header and body, copy_code button', async () => {
		await runWhatsApp(
			platform,
			send('welcome_named|pt_BR', { 'header.first_name': 'Ana', 'body.code': 'BEMVINDO', 'body.valid_until': '31/12', 'button[0].coupon_code': 'BEMVINDO10' }),
		);
		expect(sentBodies(platform)).toEqual([
			envelope({
				name: 'welcome_named',
				language: { code: 'pt_BR', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'first_name' }] },
					{ type: 'body', parameters: [{ type: 'text', text: 'BEMVINDO', parameter_name: 'code' }, { type: 'text', text: '31/12', parameter_name: 'valid_until' }] },
					{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'BEMVINDO10' }] },
				],
			}),
		]);
	});

	it('location header', async () => {
		await runWhatsApp(platform, send('store_location|en_US', { 'header.location': { latitude: 48.137, longitude: 11.575, name: 'Store', address: 'Marienplatz 1' } }));
		expect(sentBodies(platform)).toEqual([
			envelope({
				name: 'store_location',
				language: { code: 'en_US', policy: 'deterministic' },
				components: [{ type: 'header', parameters: [{ type: 'location', location: { latitude: 48.137, longitude: 11.575, name: 'Store', address: 'Marienplatz 1' } }] }],
			}),
		]);
	});

	it('video header by media id, chosen "by name and language"', async () => {
		await runWhatsApp(platform, {
			...send('', { 'header.video': '123456789', 'body.1': 'Jo' }),
			template: { __rl: true, mode: 'name', value: 'doc_video|de' },
		});
		expect(sentBodies(platform)).toEqual([
			envelope({
				name: 'doc_video',
				language: { code: 'de', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'video', video: { id: '123456789' } }] },
					{ type: 'body', parameters: [{ type: 'text', text: 'Jo' }] },
				],
			}),
		]);
	});

	it('raw components JSON is sent as written after validation', async () => {
		const components = [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://cdn.example.com/v.mp4' } }] }, { type: 'body', parameters: [{ type: 'text', text: 'Max' }] }];
		await runWhatsApp(platform, { ...send('doc_video|de', {}), parametersMode: 'json', componentsJson: JSON.stringify(components) });
		expect(sentBodies(platform)).toEqual([envelope({ name: 'doc_video', language: { code: 'de', policy: 'deterministic' }, components })]);
	});

	it.each([
		['a missing body parameter', send('order_update|en_US', { 'header.image': 'https://x.example/a.png', 'body.1': 'Ada', 'body.2': 'x', 'button[1].url': 'u' }), 'body.3: required by template "order_update" (en_US)'],
		['an unknown named parameter', send('welcome_named|pt_BR', { 'header.first_name': 'A', 'body.code': 'C', 'body.valid_until': 'V', 'body.nickname': 'N', 'button[0].coupon_code': 'X' }), 'body.nickname: not a parameter of template "welcome_named" (pt_BR)'],
		['a wrong count in raw JSON', { ...send('doc_video|de', {}), parametersMode: 'json', componentsJson: '[{"type":"header","parameters":[{"type":"video","video":{"id":"1"}}]},{"type":"body","parameters":[]}]' }, 'body: template "doc_video" (de) expects 1 parameter(s) ({{1}}), got 0'],
		['positional values for a named template in raw JSON', { ...send('welcome_named|pt_BR', {}), parametersMode: 'json', componentsJson: '[{"type":"header","parameters":[{"type":"text","text":"A"}]}]' }, 'header: template "welcome_named" (pt_BR) uses named parameters: each needs parameter_name'],
		['an unknown language', send('order_update|fr', {}), 'template: template "order_update" has no fr translation (it has: en_US)'],
		['an unknown template', send('nope|en_US', {}), 'template: no template named "nope" in WhatsApp Business Account'],
		['a template that is not approved', send('pending_one|en_US', {}), 'template: template "pending_one" (en_US) is PENDING, not APPROVED'],
	])('refuses %s before sending', async (_name, parameters, message) => {
		await expect(runWhatsApp(platform, parameters)).rejects.toThrow(message);
		expect(sentBodies(platform)).toEqual([]);
	});

	it('loads each template once per run for many items', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ json: { name: `P${i}` } }));
		const { output } = await runWhatsApp(platform, send('doc_video|de', { 'header.video': '1', 'body.1': '={{ $json.name }}' }), { items });
		expect(output.map((o) => o.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(platform.received('GET', `/:v/${WABA_ID}/message_templates`)).toHaveLength(1);
		expect(sentBodies(platform).map((b) => JSON.parse(b).template.components[1].parameters[0].text).sort()).toEqual(['P0', 'P1', 'P2', 'P3', 'P4']);
	});

	it('lists, gets, creates and deletes templates', async () => {
		const { output: listed } = await runWhatsApp(platform, { resource: 'template', operation: 'list', returnAll: true, filters: {} });
		expect(listed.map((o) => o.json.name)).toEqual([...TEMPLATES, ...TEMPLATE_KINDS.map((f) => f.definition)].map((t) => t.name));
		expect(listed.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);

		const { output: got } = await runWhatsApp(platform, { resource: 'template', operation: 'get', template: { __rl: true, mode: 'list', value: 'welcome_named|pt_BR' } });
		expect(got[0].json).toMatchObject({ id: '1002', parameter_format: 'NAMED' });

		platform.on('POST', `/:v/${WABA_ID}/message_templates`, { json: { id: '2001', status: 'PENDING', category: 'UTILITY' } });
		const definition = { name: 'new_one', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi' }] };
		const { output: created } = await runWhatsApp(platform, { resource: 'template', operation: 'create', templateJson: JSON.stringify(definition) });
		expect(created[0].json).toEqual({ id: '2001', status: 'PENDING', category: 'UTILITY' });
		expect(platform.received('POST', `/:v/${WABA_ID}/message_templates`)[0].body.toString()).toBe(JSON.stringify(definition));

		platform.on('DELETE', `/:v/${WABA_ID}/message_templates`, { json: { success: true } });
		const { output: deleted } = await runWhatsApp(platform, { resource: 'template', operation: 'delete', templateName: 'new_one', templateId: '2001' });
		expect(deleted[0].json).toMatchObject({ deleted: true, name: 'new_one', id: '2001' });
		expect(platform.received('DELETE', `/:v/${WABA_ID}/message_templates`)[0].query).toEqual({ name: 'new_one', hsm_id: '2001' });
		expect(PHONE_ID).toBeTruthy();
	});
});
