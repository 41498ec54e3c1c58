/**
 * The fake platform checks template sends against the template's definition the way the Cloud
 * API does, answering with Meta's error codes, so a payload with a parameter too few or too many
 * fails a test instead of passing silently. Plain HTTP on loopback, no node code involved.
 */
import { FakePlatform } from '../../../simulator/platform';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';

const WABA = '102290129340398';
const PHONE = '106540352242922';
type Components = Array<Record<string, unknown>>;

const kind = (name: string) => TEMPLATE_KINDS.find((f) => f.kind === name)!;
const clone = <T>(value: T): T => structuredClone(value);

describe('fake platform: template sends checked against the definition', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start();
	});
	afterAll(async () => platform.close());
	beforeEach(() => {
		platform.reset();
		platform.serveTemplates(WABA, TEMPLATE_KINDS.map((f) => f.definition) as never);
	});

	async function send(name: string, language: string, components: Components, path = 'messages') {
		const response = await fetch(`${platform.url}/v26.0/${PHONE}/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messaging_product: 'whatsapp', to: '491701234567', type: 'template', template: { name, language: { code: language }, components } }),
		});
		return { status: response.status, body: (await response.json()) as { error?: { code: number; message: string; error_data: { details: string } }; messages?: unknown[] } };
	}

	const sendKind = (name: string, edit: (components: Components) => Components, path?: string) => {
		const f = kind(name);
		return send(f.definition.name, f.definition.language, edit(clone(f.components)), path);
	};

	it.each(TEMPLATE_KINDS.map((f) => [f.kind, f] as const))('accepts the documented %s send', async (_kind, f) => {
		const { status, body } = await send(f.definition.name, f.definition.language, f.components);
		expect(status).toBe(200);
		expect(body.messages).toHaveLength(1);
	});

	it.each<[string, string, (c: Components) => Components, number, string]>([
		['a body parameter too few', 'limited-time offer', (c) => (((c[1].parameters as unknown[]).pop(), c)), 132000, 'body: number of localizable_params (1) does not match the expected number of params (2)'],
		['a body parameter too many', 'catalog', (c) => (((c[0].parameters as unknown[]).push({ type: 'text', text: 'x' }), c)), 132000, 'body: number of localizable_params (4) does not match the expected number of params (3)'],
		['a header the template does not have', 'catalog', (c) => [{ type: 'header', parameters: [{ type: 'text', text: 'x' }] }, ...c], 132000, 'header: number of localizable_params (1) does not match the expected number of params (0)'],
		['a video where the template has an image header', 'limited-time offer', (c) => [{ type: 'header', parameters: [{ type: 'video', video: { id: '1' } }] }, ...c.slice(1)], 132012, 'header: Format mismatch, expected IMAGE, received VIDEO'],
		['positional values for named parameters', 'named parameters with copy code', (c) => c.map((x) => (x.type === 'body' ? { ...x, parameters: (x.parameters as Components).map(({ parameter_name: _n, ...p }) => p) } : x)), 132012, 'body: the template uses named parameters'],
		['a missing copy-code button', 'limited-time offer', (c) => c.filter((x) => x.sub_type !== 'copy_code'), 131008, 'buttons: Button at index 0 of type COPY_CODE requires a parameter'],
		['a button index the template lacks', 'catalog', (c) => [...c, { type: 'button', sub_type: 'quick_reply', index: '5', parameters: [{ type: 'payload', payload: 'x' }] }], 131009, 'buttons: the template has no button at index 5'],
		['a missing offer expiry', 'limited-time offer', (c) => c.filter((x) => x.type !== 'limited_time_offer'), 131008, 'limited_time_offer: expiration_time_ms is required'],
		['a card too few', 'media card carousel', (c) => (((c[1].cards as unknown[]).pop(), c)), 132000, 'carousel: number of cards (1) does not match the expected number of cards (2)'],
		['a card without its header', 'media card carousel', (c) => {
			const card = (c[1].cards as Array<{ components: Components }>)[1];
			card.components = card.components.slice(1);
			return c;
		}, 131008, 'cards[1].header: Format IMAGE requires a parameter'],
		['a product card without the catalog ID', 'product card carousel', (c) => {
			const card = (c[1].cards as Array<{ components: Array<{ parameters: Array<{ product: Record<string, unknown> }> }> }>)[0];
			delete card.components[0].parameters[0].product.catalog_id;
			return c;
		}, 131008, 'cards[0].header: product_retailer_id and catalog_id are required'],
		['an OTP send without the button code', 'authentication, one-tap autofill', (c) => c.slice(0, 1), 131008, 'buttons: Button at index 0 of type OTP requires a parameter'],
		['the wrong sub_type for the multi-product button', 'multi-product', (c) => c.map((x) => (x.type === 'button' ? { ...x, sub_type: 'catalog' } : x)), 132012, 'buttons: Button at index 0 is MPM, received sub_type catalog'],
	])('refuses %s', async (_name, kindName, edit, code, details) => {
		const { status, body } = await sendKind(kindName, edit);
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ code, error_data: { details } });
		expect(body.error!.message).toMatch(new RegExp(`^\\(#${code}\\) `));
	});

	it('refuses an unknown template or language with 132001, on marketing_messages too', async () => {
		const unknown = await send('nope', 'en_US', []);
		expect([unknown.status, unknown.body.error?.code, unknown.body.error?.error_data.details]).toEqual([404, 132001, 'template name (nope) does not exist in en_US']);
		const language = await sendKind('catalog', (c) => c, 'marketing_messages');
		expect(language.status).toBe(200);
		const wrongLanguage = await send('intro_catalog_offer', 'de', kind('catalog').components, 'marketing_messages');
		expect(wrongLanguage.body.error?.code).toBe(132001);
	});

	it('refuses paused and disabled templates with their own codes', async () => {
		const f = kind('catalog');
		platform.templates = [{ ...f.definition, status: 'PAUSED' }] as never;
		expect((await send(f.definition.name, 'en_US', f.components)).body.error?.code).toBe(132015);
		platform.templates = [{ ...f.definition, status: 'DISABLED' }] as never;
		expect((await send(f.definition.name, 'en_US', f.components)).body.error?.code).toBe(132016);
	});

	it('checks nothing when it knows no templates (a test that scripts its own answers)', async () => {
		platform.reset();
		const { status } = await send('anything', 'en_US', [{ type: 'body', parameters: [] }]);
		expect(status).toBe(200);
	});
});
