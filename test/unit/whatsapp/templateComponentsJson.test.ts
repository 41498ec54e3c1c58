/**
 * Components JSON mode: a components array the Cloud API would refuse is refused before
 * sending, naming the field, what is wrong and the error Meta would have answered with.
 * Each case edits the documented send of one template kind.
 */
import { validateTemplateComponents } from '../../../nodes/WhatsApp/builders';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';

type Components = Array<Record<string, unknown>>;
type Parameters = Array<Record<string, unknown>>;

function check(kind: string, edit: (components: Components) => Components): () => void {
	const fixture = TEMPLATE_KINDS.find((f) => f.kind === kind)!;
	const components = edit(structuredClone(fixture.components));
	return () => validateTemplateComponents(fixture.definition, components as never);
}

const parametersOf = (components: Components, type: string) => components.find((c) => c.type === type)!.parameters as Parameters;
const cardsOf = (components: Components) => components.find((c) => c.type === 'carousel')!.cards as Array<{ components: Components }>;

const FORMAT = '(Meta refuses this with 132012: Parameter format does not match format in the created template)';
const MISSING = '(Meta refuses this with 131008: Required parameter is missing)';
const COUNT = '(Meta refuses this with 132000: Number of parameters does not match the expected number of params)';
const INVALID = '(Meta refuses this with 131009: Parameter value is not valid)';

describe('components JSON: refused before sending where the Cloud API would refuse it', () => {
	it('a missing value for a button that needs one, named by its index when it has no text (131008)', () => {
		const noCoupon = check('limited-time offer', (c) => c.filter((x) => x.sub_type !== 'copy_code'));
		expect(noCoupon).toThrow(`button[0]: template "limited_time_offer_caribbean_pkg_2023" (en_US): button 0 (COPY_CODE) needs a parameter ${MISSING}`);
	});

	it('a button parameter with the wrong sub_type (132012)', () => {
		const copyCodeAsUrl = check('named parameters with copy code', (c) => c.map((x) => (x.type === 'button' ? { ...x, sub_type: 'url' } : x)));
		expect(copyCodeAsUrl).toThrow(`button[0].sub_type: template "order_confirmation_named" (en_US): button 0 (COPY_CODE) takes sub_type "copy_code", got "url" ${FORMAT}`);
		const card = check('media card carousel', (c) => {
			cardsOf(c)[1].components[2].sub_type = 'url';
			return c;
		});
		expect(card).toThrow(`card[1].button[0].sub_type: template "summer_carousel_promo_2023" (en_US): button 0 (QUICK_REPLY "Send more like this") takes sub_type "quick_reply", got "url" ${FORMAT}`);
	});

	it('a catalog button\'s sub_type is compared without case (Meta\'s reference writes it CATALOG)', () => {
		expect(check('catalog', (c) => c.map((x) => (x.type === 'button' ? { ...x, sub_type: 'catalog' } : x)))).not.toThrow();
	});

	it('a value for a button that takes none at send time (132012)', () => {
		const spm = check('single product (product header)', (c) => [...c, { type: 'button', sub_type: 'spm', index: '0', parameters: [{ type: 'text', text: 'x' }] }]);
		expect(spm).toThrow(`button[0]: template "abandoned_cart_single" (en_US): button 0 (SPM "View") takes no value at send time; remove this component ${FORMAT}`);
	});

	it('a button index the template lacks (131009)', () => {
		const extra = check('catalog', (c) => [...c, { type: 'button', sub_type: 'quick_reply', index: '5', parameters: [{ type: 'payload', payload: 'x' }] }]);
		expect(extra).toThrow(`button[5]: template "intro_catalog_offer" (en_US) has one button (index 0), not at index 5 ${INVALID}`);
		const none = check('media card carousel', (c) => [...c, { type: 'button', sub_type: 'quick_reply', index: 0, parameters: [{ type: 'payload', payload: 'x' }] }]);
		expect(none).toThrow(`button[0]: template "summer_carousel_promo_2023" (en_US) has no buttons, not at index 0 ${INVALID}`);
		const notANumber = check('catalog', (c) => c.map((x) => (x.type === 'button' ? { ...x, index: 'first' } : x)));
		expect(notANumber).toThrow(`button[first]: template "intro_catalog_offer" (en_US) has one button (index 0), not at index first ${INVALID}`);
	});

	it('a button with more or fewer than one parameter (132000)', () => {
		const two = check('limited-time offer', (c) => {
			const copy = c.find((x) => x.sub_type === 'copy_code')!;
			(copy.parameters as Parameters).push({ type: 'coupon_code', coupon_code: 'MORE' });
			return c;
		});
		expect(two).toThrow(`button[0]: template "limited_time_offer_caribbean_pkg_2023" (en_US): button 0 (COPY_CODE) takes exactly one parameter, got 2 ${COUNT}`);
		const none = check('positional parameters with document header and Flow button', (c) => c.map((x) => (x.type === 'button' ? { ...x, parameters: [] } : x)));
		expect(none).toThrow(`button[0]: template "invoice_ready" (en_US): button 0 (FLOW "Pay now") takes exactly one parameter, got 0 ${COUNT}`);
	});

	it('an image, video or document header without an id or a link (131008)', () => {
		const image = check('limited-time offer', (c) => {
			parametersOf(c, 'header')[0].image = { caption: 'no media' };
			return c;
		});
		expect(image).toThrow(`header.image: the image needs an "id" (uploaded media) or a "link" ${MISSING}`);
		const document = check('positional parameters with document header and Flow button', (c) => {
			parametersOf(c, 'header')[0].document = { link: ' ', filename: 'invoice.pdf' };
			return c;
		});
		expect(document).toThrow(`header.document: the document needs an "id" (uploaded media) or a "link" ${MISSING}`);
		const card = check('media card carousel', (c) => {
			delete (cardsOf(c)[0].components[0].parameters as Parameters)[0].image;
			return c;
		});
		expect(card).toThrow(`card[0].header.image: the image needs an "id" (uploaded media) or a "link" ${MISSING}`);
	});

	it('a media header with a second parameter (132000)', () => {
		const two = check('limited-time offer', (c) => {
			parametersOf(c, 'header').push({ type: 'image', image: { id: '2' } });
			return c;
		});
		expect(two).toThrow(`header: template "limited_time_offer_caribbean_pkg_2023" (en_US) has one image header parameter, got 2 ${COUNT}`);
	});

	it('a product without its catalog ID or retailer ID (131008)', () => {
		const header = check('single product (product header)', (c) => {
			delete (parametersOf(c, 'header')[0].product as Record<string, unknown>).catalog_id;
			return c;
		});
		expect(header).toThrow(`header.product.catalog_id: the product header needs the ID of the catalog that holds the product ${MISSING}`);
		const card = check('product card carousel', (c) => {
			const product = (cardsOf(c)[1].components[0].parameters as Parameters)[0].product as Record<string, unknown>;
			product.product_retailer_id = '';
			return c;
		});
		expect(card).toThrow(`card[1].header.product.product_retailer_id: the product header needs the product's retailer ID ${MISSING}`);
	});

	it('a body parameter that is not text, currency or date_time (132012)', () => {
		const positional = check('catalog', (c) => {
			parametersOf(c, 'body')[1] = { type: 'image', image: { link: 'https://example.com/a.jpg' } };
			return c;
		});
		expect(positional).toThrow(`body.2: a parameter of type "image" where the template has a text variable; use text, currency or date_time ${FORMAT}`);
		const named = check('named parameters with copy code', (c) => {
			parametersOf(c, 'body')[1] = { type: 'payload', payload: 'x', parameter_name: 'order_number' };
			return c;
		});
		expect(named).toThrow(`body.order_number: a parameter of type "payload" where the template has a text variable; use text, currency or date_time ${FORMAT}`);
		const currency = check('catalog', (c) => {
			parametersOf(c, 'body')[0] = { type: 'currency', currency: { fallback_value: 'Rs 100', code: 'INR', amount_1000: 100000 } };
			return c;
		});
		expect(currency).not.toThrow();
	});

	it('an empty or missing body text (131008), and the same in a text header', () => {
		const blank = check('limited-time offer', (c) => {
			parametersOf(c, 'body')[1].text = '  ';
			return c;
		});
		expect(blank).toThrow(`body.2: the text is empty ${MISSING}`);
		const missing = check('catalog', (c) => {
			delete parametersOf(c, 'body')[0].text;
			return c;
		});
		expect(missing).toThrow(`body.1: the text is empty ${MISSING}`);
		const header = check('named parameters with copy code', (c) => {
			parametersOf(c, 'header')[0].text = '';
			return c;
		});
		expect(header).toThrow(`header.first_name: the text is empty ${MISSING}`);
	});

	it('positions are named as the template numbers them, not by place in the array', () => {
		// The body reads "A {{2}} B {{1}} C {{10}}": values go in the order {{1}}, {{2}}, {{10}}.
		const definition = { name: 't', language: 'en', components: [{ type: 'BODY', text: 'A {{2}} B {{1}} C {{10}}' }] };
		const body = (third: Record<string, unknown>) => [{ type: 'body', parameters: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, third] }];
		expect(() => validateTemplateComponents(definition, body({ type: 'text', text: '' }) as never)).toThrow(`body.10: the text is empty ${MISSING}`);
	});
});
