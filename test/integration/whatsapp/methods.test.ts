import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { resetRateLimiters } from '../../../nodes/shared/concurrency';
import { searchPhoneNumbers, searchTemplates } from '../../../nodes/WhatsApp/methods/listSearch';
import { getTemplateParameters } from '../../../nodes/WhatsApp/methods/resourceMapping';
import { FakePlatform } from '../../../simulator/platform';
import { loadOptionsContext } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from './runNode';
import { serveTemplates, TEMPLATES } from './templateFixtures';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';

const SERVED = [...TEMPLATES, ...TEMPLATE_KINDS.map((f) => f.definition)];

/** The editor's list searches and the template resource mapper, over real HTTP. */
describe('Chatflow WhatsApp: listSearch and resourceMapping', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		resetRateLimiters();
		serveTemplates(platform);
		platform.on('GET', `/:v/${WABA_ID}/phone_numbers`, {
			json: { data: [{ id: PHONE_ID, display_phone_number: '+1 555-010-0100', verified_name: 'Acme', quality_rating: 'GREEN' }] },
		});
	});

	// What the editor holds while the user picks a template for Template → Send.
	async function editing(template: string): Promise<ILoadOptionsFunctions> {
		return await loadOptionsContext({
			type: 'chatflowWhatsApp',
			typeVersion: 1,
			parameters: { resource: 'template', operation: 'send', template: { __rl: true, mode: 'list', value: template } },
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url } },
		});
	}

	it('lists the account\'s phone numbers by display number and name', async () => {
		const result = await searchPhoneNumbers.call(await editing(''));
		expect(result.results).toEqual([{ name: '+1 555-010-0100 · Acme (GREEN)', value: PHONE_ID }]);
	});

	it('searches templates; the value carries name and language', async () => {
		const all = await searchTemplates.call(await editing(''));
		expect(all.results.map((r) => r.value)).toEqual(SERVED.map((t) => `${t.name}|${t.language}`));
		expect(all.results.slice(0, 5).map((r) => r.value)).toEqual(['order_update|en_US', 'welcome_named|pt_BR', 'store_location|en_US', 'doc_video|de', 'pending_one|en_US']);
		expect(all.results[0].name).toBe('order_update (en_US) · APPROVED · UTILITY');
		const filtered = await searchTemplates.call(await editing(''), 'welcome_named');
		expect(filtered.results.map((r) => r.value)).toEqual(['welcome_named|pt_BR']);
	});

	it('derives the template\'s parameter fields for the resource mapper', async () => {
		const { fields } = await getTemplateParameters.call(await editing('order_update|en_US'));
		expect(fields.map((f) => [f.id, f.required, f.type])).toEqual([
			['header.image', true, 'string'],
			['body.1', true, 'string'],
			['body.2', true, 'string'],
			['body.3', true, 'string'],
			['button[0].payload', false, 'string'],
			['button[1].url', true, 'string'],
			['button[2].flow_token', false, 'string'],
			['button[2].flow_action_data', false, 'object'],
		]);
		const named = await getTemplateParameters.call(await editing('welcome_named|pt_BR'));
		expect(named.fields.map((f) => f.id)).toEqual(['header.first_name', 'body.code', 'body.valid_until', 'button[0].coupon_code']);
	});

	it('says which template or language is missing', async () => {
		await expect(getTemplateParameters.call(await editing('order_update|fr'))).rejects.toThrow('template "order_update" has no fr translation (it has: en_US)');
	});
});
