import { buildTemplateComponents, templateParameters, validateTemplateComponents } from '../../../nodes/WhatsApp/builders';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';

const fixture = (kind: string) => TEMPLATE_KINDS.find((f) => f.kind === kind)!;

describe('every template kind: fields derived from the definition, payload as Meta documents it', () => {
	describe.each(TEMPLATE_KINDS.map((f) => [f.kind, f] as const))('%s', (_kind, f) => {
		it('asks for exactly the values the send needs', () => {
			expect(templateParameters(f.definition).map((spec) => spec.key).sort()).toEqual(Object.keys(f.values).sort());
		});

		it('builds the documented components', () => {
			expect(buildTemplateComponents(f.definition, f.values)).toEqual(f.components);
		});

		it('accepts the documented components as raw JSON', () => {
			expect(() => validateTemplateComponents(f.definition, f.components as never)).not.toThrow();
		});

		it('names each required value that is missing', () => {
			for (const spec of templateParameters(f.definition).filter((s) => s.required)) {
				const values = { ...f.values };
				delete values[spec.key];
				expect(() => buildTemplateComponents(f.definition, values)).toThrow(`${spec.key}: required by template "${f.definition.name}"`);
			}
		});
	});

	it('labels read as the template reads, with the examples Meta stores', () => {
		const carousel = templateParameters(fixture('media card carousel').definition);
		expect(carousel.map((s) => [s.key, s.label, s.example])).toEqual([
			['body.1', 'Body {{1}}', '15OFF'],
			['body.2', 'Body {{2}}', '15%'],
			['card[0].header.image', 'Card 1 · header image', 'https://scontent.whatsapp.net/v/t61.29466-34/succulent.jpg'],
			['card[0].body.1', 'Card 1 · body {{1}}', '15OFF'],
			['card[0].body.2', 'Card 1 · body {{2}}', '15%'],
			['card[0].button[0].payload', 'Card 1 · button "Send more like this" payload', undefined],
			['card[0].button[1].url', 'Card 1 · button "Buy now" URL suffix', 'https://www.luckyshrub.com/shop?promo=summer_lime_2023'],
			['card[1].header.image', 'Card 2 · header image', 'https://scontent.whatsapp.net/v/t61.29466-34/succulent.jpg'],
			['card[1].body.1', 'Card 2 · body {{1}}', '15OFF'],
			['card[1].body.2', 'Card 2 · body {{2}}', '15%'],
			['card[1].button[0].payload', 'Card 2 · button "Send more like this" payload', undefined],
			['card[1].button[1].url', 'Card 2 · button "Buy now" URL suffix', 'https://www.luckyshrub.com/shop?promo=summer_lime_2023'],
		]);
		const named = templateParameters(fixture('named parameters with copy code').definition);
		expect(named.map((s) => [s.label, s.example])).toEqual([
			['Header "first_name"', 'Jessica'],
			['Body "first_name"', 'Jessica'],
			['Body "order_number"', 'SKBUP2-4CPIG9'],
			['Copy code button · coupon code', 'SKBUP2'],
		]);
		const offerSpecs = templateParameters(fixture('limited-time offer').definition);
		const offer = offerSpecs.find((s) => s.kind === 'expiration')!;
		expect([offer.label, offer.required]).toEqual(['Offer expiry ("Expiring offer!")', true]);
		// A copy code button has no text of its own: it is named by what it is.
		expect(offerSpecs.filter((s) => s.component === 'button').map((s) => s.label)).toEqual(['Copy code button · coupon code', 'Button "Book now!" URL suffix']);
		expect(templateParameters(fixture('authentication, one-tap autofill').definition).map((s) => s.label)).toEqual(['One-time code']);
		const mpm = templateParameters(fixture('multi-product').definition);
		expect(mpm.filter((s) => s.buttonIndex === 0).map((s) => [s.label, s.fieldType])).toEqual([
			['Button "View items" thumbnail product', 'string'],
			['Button "View items" sections', 'array'],
		]);
	});

	it('takes the offer expiry as milliseconds or as a date, and refuses anything else', () => {
		const f = fixture('limited-time offer');
		const offerOf = (value: unknown) => buildTemplateComponents(f.definition, { ...f.values, 'limited_time_offer.expiration_time_ms': value }).find((c) => c.type === 'limited_time_offer');
		expect(offerOf(1798758000000)).toEqual(f.components[2]);
		expect(offerOf('1798758000000')).toEqual(f.components[2]);
		expect(() => offerOf('next friday')).toThrow('limited_time_offer.expiration_time_ms: must be a date and time or a UNIX time in milliseconds (got "next friday")');
	});

	it('refuses a carousel with a card missing or a card too many in raw JSON', () => {
		const f = fixture('media card carousel');
		const carousel = f.components[1] as { cards: unknown[] };
		const withCards = (cards: unknown[]) => [f.components[0], { type: 'carousel', cards }];
		expect(() => validateTemplateComponents(f.definition, withCards(carousel.cards.slice(0, 1)) as never)).toThrow(
			'carousel.cards: template "summer_carousel_promo_2023" (en_US) has 2 cards, got 1',
		);
		expect(() => validateTemplateComponents(f.definition, withCards([...carousel.cards, carousel.cards[0]]) as never)).toThrow('has 2 cards, got 3');
		expect(() => validateTemplateComponents(f.definition, [f.components[0]] as never)).toThrow('carousel: required by template "summer_carousel_promo_2023" (en_US) (2 cards)');
		const noImage = { card_index: 1, components: (carousel.cards[1] as { components: unknown[] }).components.slice(1) };
		expect(() => validateTemplateComponents(f.definition, withCards([carousel.cards[0], noImage]) as never)).toThrow('card[1].header.image: required by template');
	});

	it('refuses a limited-time offer without its expiry in raw JSON', () => {
		const f = fixture('limited-time offer');
		expect(() => validateTemplateComponents(f.definition, f.components.filter((c) => c.type !== 'limited_time_offer') as never)).toThrow(
			'limited_time_offer.expiration_time_ms: required by template "limited_time_offer_caribbean_pkg_2023" (en_US) (the offer has an expiry)',
		);
	});

	it('checks multi-product sections: titles when there are several, at most 30 products', () => {
		const f = fixture('multi-product');
		const build = (sections: unknown) => buildTemplateComponents(f.definition, { ...f.values, 'button[0].sections': sections });
		expect(() => build([{ product_items: [{ product_retailer_id: 'a' }] }, { title: 'B', product_items: [{ product_retailer_id: 'b' }] }])).toThrow('button[0].sections[0].title: is required');
		const many = Array.from({ length: 31 }, (_, i) => ({ product_retailer_id: `p${i}` }));
		expect(() => build([{ title: 'All', product_items: many }])).toThrow('button[0].sections[0].product_items[30]: at most 30 allowed (got 31)');
		const action = (build('2lc20305pt, nseiw1x3ch').at(-1)!.parameters![0] as { action: unknown }).action;
		expect(action).toEqual({ thumbnail_product_retailer_id: '2lc20305pt', sections: [{ product_items: [{ product_retailer_id: '2lc20305pt' }, { product_retailer_id: 'nseiw1x3ch' }] }] });
	});

	it('needs the catalog ID for product headers and cards', () => {
		const f = fixture('product card carousel');
		expect(() => buildTemplateComponents(f.definition, { ...f.values, catalog_id: '' })).toThrow('catalog_id: required by template "carousel_template_product_cards_v1"');
	});

	it('sends nothing for the catalog thumbnail when it is left empty (Meta then shows the first product)', () => {
		const f = fixture('catalog');
		expect(buildTemplateComponents(f.definition, { ...f.values, 'button[0].thumbnail_product_retailer_id': '' })).toEqual([f.components[0]]);
	});
});
