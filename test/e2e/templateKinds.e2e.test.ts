/**
 * Send Template in the real n8n for the two kinds whose fields come from inside the template:
 * a media card carousel (per card header image, body variables, quick-reply payload, URL suffix)
 * and a limited-time offer (the expiry). The fields are asked from n8n exactly as the editor
 * asks for them (the resource mapper request), filled with expressions over the webhook's data,
 * and saved with the schema n8n returned; FakePlatform checks each send against the template's
 * definition as the Cloud API does.
 */
import { randomUUID } from 'node:crypto';

import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import { TEMPLATE_KINDS } from '../fixtures/templateKinds';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const TOKEN = `EAAG-templates-e2e-${randomUUID()}`;
const PHONE_ID = '106540352242922';
const WABA_ID = '102290129340398';
const carousel = TEMPLATE_KINDS.find((f) => f.kind === 'media card carousel')!.definition;
const offer = TEMPLATE_KINDS.find((f) => f.kind === 'limited-time offer')!.definition;

describe('Send Template in a real n8n: carousel and limited-time offer from resource mapper fields', () => {
	let n8n: E2eContext;
	let platform: FakePlatform;
	let workflowId: string;
	let credentials: Record<string, { id: string; name: string }>;
	const webhookId = randomUUID();

	const sendParameters = (template: { name: string; language: string }) => ({
		resource: 'template',
		operation: 'send',
		phoneNumberId: { __rl: true, mode: 'list', value: '' },
		to: "={{ $('Campaign').item.json.body.phone }}",
		template: { __rl: true, mode: 'list', value: `${template.name}|${template.language}` },
		parametersMode: 'fields',
	});

	/** The fields n8n's editor shows for a template, and the resource mapper value saved with them. */
	async function mapped(template: { name: string; language: string }, values: Record<string, string>) {
		const fields = await n8n.api.resourceMapperFields({
			nodeType: nodeType('chatflowWhatsApp'),
			version: 2,
			path: 'parameters.templateParameters',
			methodName: 'getTemplateParameters',
			parameters: sendParameters(template),
			credentials,
		});
		return { fields, parameter: { mappingMode: 'defineBelow', value: values, matchingColumns: [], schema: fields.map((field) => ({ ...field, removed: false })) } };
	}

	beforeAll(async () => {
		n8n = await connectE2e();
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
		platform.serveTemplates(WABA_ID, [carousel, offer] as never);
		const credential = await n8n.api.createCredential('chatflowWhatsAppApi', 'templates e2e', {
			accessToken: TOKEN,
			businessAccountId: WABA_ID,
			phoneNumberId: PHONE_ID,
			apiVersion: 'v26.0',
			baseUrl: platform.url,
		});
		credentials = { chatflowWhatsAppApi: { id: credential.id, name: credential.name } };
	});

	afterAll(async () => {
		if (workflowId) await n8n.api.deactivate(workflowId).catch(() => undefined);
		await platform?.close();
	});

	it('shows one labelled field per card value and the offer expiry, then sends both as Meta documents them', async () => {
		const card = (index: number) => ({
			[`card[${index}].header.image`]: `={{ $json.body.cards[${index}].image }}`,
			[`card[${index}].body.1`]: '={{ $json.body.code }}',
			[`card[${index}].body.2`]: '20%',
			[`card[${index}].button[0].payload`]: `={{ 'more-' + $json.body.cards[${index}].sku }}`,
			[`card[${index}].button[1].url`]: `={{ $json.body.cards[${index}].promo }}`,
		});
		const carouselMapping = await mapped(carousel, { 'body.1': '={{ $json.body.code }}', 'body.2': '20%', ...card(0), ...card(1) });
		expect(carouselMapping.fields.map((field) => [field.id, field.displayName, field.required])).toEqual([
			['body.1', 'Body {{1}} — e.g. "15OFF"', true],
			['body.2', 'Body {{2}} — e.g. "15%"', true],
			['card[0].header.image', 'Card 1 · header image — e.g. "https://scontent.whatsapp.net/v/t61.29466-34/succulent.jpg"', true],
			['card[0].body.1', 'Card 1 · body {{1}} — e.g. "15OFF"', true],
			['card[0].body.2', 'Card 1 · body {{2}} — e.g. "15%"', true],
			['card[0].button[0].payload', 'Card 1 · button "Send more like this" payload (optional) — Sent back in the reply webhook when the button is tapped', false],
			['card[0].button[1].url', 'Card 1 · button "Buy now" URL suffix — e.g. "https://www.luckyshrub.com/shop?promo=summer_lime_2023"', true],
			['card[1].header.image', 'Card 2 · header image — e.g. "https://scontent.whatsapp.net/v/t61.29466-34/succulent.jpg"', true],
			['card[1].body.1', 'Card 2 · body {{1}} — e.g. "15OFF"', true],
			['card[1].body.2', 'Card 2 · body {{2}} — e.g. "15%"', true],
			['card[1].button[0].payload', 'Card 2 · button "Send more like this" payload (optional) — Sent back in the reply webhook when the button is tapped', false],
			['card[1].button[1].url', 'Card 2 · button "Buy now" URL suffix — e.g. "https://www.luckyshrub.com/shop?promo=summer_lime_2023"', true],
		]);
		const offerMapping = await mapped(offer, {
			'header.image': '={{ $(\'Campaign\').item.json.body.banner }}',
			'body.1': "={{ $('Campaign').item.json.body.name }}",
			'body.2': "={{ $('Campaign').item.json.body.code }}",
			'limited_time_offer.expiration_time_ms': "={{ $('Campaign').item.json.body.endsAt }}",
			'button[0].coupon_code': "={{ $('Campaign').item.json.body.code }}",
			'button[1].url': 'n3mtql',
		});
		expect(offerMapping.fields.find((field) => field.id === 'limited_time_offer.expiration_time_ms')).toMatchObject({ displayName: expect.stringMatching(/^Offer expiry \("Expiring offer!"\) — /), required: true });

		workflowId = await n8n.api.createWorkflow(
			{
				name: `chatflow templates e2e ${webhookId}`,
				nodes: [
					{ id: randomUUID(), name: 'Campaign', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId, parameters: { httpMethod: 'POST', path: webhookId, responseMode: 'onReceived', options: {} } },
					{ id: randomUUID(), name: 'Send carousel', type: nodeType('chatflowWhatsApp'), typeVersion: 2, position: [220, 0], parameters: { ...sendParameters(carousel), templateParameters: carouselMapping.parameter }, credentials },
					{ id: randomUUID(), name: 'Send offer', type: nodeType('chatflowWhatsApp'), typeVersion: 2, position: [440, 0], parameters: { ...sendParameters(offer), templateParameters: offerMapping.parameter }, credentials },
				],
				connections: {
					Campaign: { main: [[{ node: 'Send carousel', type: 'main', index: 0 }]] },
					'Send carousel': { main: [[{ node: 'Send offer', type: 'main', index: 0 }]] },
				},
			},
			{ webhooks: [{ path: webhookId }] },
		);

		const campaign = {
			phone: '+49 170 1234567',
			name: 'Pablo',
			code: 'SUMMER30',
			banner: '1602186516975464',
			endsAt: '2026-12-31T23:00:00Z',
			cards: [
				{ image: 'https://cdn.luckyshrub.example/lime.png', sku: 'lime', promo: 'summer_lime_2026' },
				{ image: '1558081531584829', sku: 'pink', promo: 'summer_pink_2026' },
			],
		};
		const response = await fetch(`${n8n.state.url}/webhook/${webhookId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(campaign) });
		expect(response.status).toBe(200);
		const [execution] = await n8n.api.waitForExecutions(workflowId, 1);
		expect(execution.data?.resultData.error).toBeUndefined();
		expect(n8n.output(execution, 'Send carousel')[0][0]).toMatchObject({ messageStatus: 'accepted', recipientId: '491701234567' });
		expect(n8n.output(execution, 'Send offer')[0][0]).toMatchObject({ messageStatus: 'accepted', recipientId: '491701234567' });

		const sent = platform.received('POST', `/v26.0/${PHONE_ID}/messages`).map((request: RecordedRequest) => (request.json as { template: { name: string; components: unknown[] } }).template);
		const sentCard = (index: number, media: Record<string, string>) => ({
			card_index: index,
			components: [
				{ type: 'header', parameters: [{ type: 'image', image: media }] },
				{ type: 'body', parameters: [{ type: 'text', text: 'SUMMER30' }, { type: 'text', text: '20%' }] },
				{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: `more-${campaign.cards[index].sku}` }] },
				{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: campaign.cards[index].promo }] },
			],
		});
		expect(sent).toEqual([
			{
				name: carousel.name,
				language: { code: 'en_US', policy: 'deterministic' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: 'SUMMER30' }, { type: 'text', text: '20%' }] },
					{ type: 'carousel', cards: [sentCard(0, { link: 'https://cdn.luckyshrub.example/lime.png' }), sentCard(1, { id: '1558081531584829' })] },
				],
			},
			{
				name: offer.name,
				language: { code: 'en_US', policy: 'deterministic' },
				components: [
					{ type: 'header', parameters: [{ type: 'image', image: { id: '1602186516975464' } }] },
					{ type: 'body', parameters: [{ type: 'text', text: 'Pablo' }, { type: 'text', text: 'SUMMER30' }] },
					{ type: 'limited_time_offer', parameters: [{ type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: 1798758000000 } }] },
					{ type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'SUMMER30' }] },
					{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'n3mtql' }] },
				],
			},
		]);
		expect(JSON.stringify(execution)).not.toContain(TOKEN);
	});
});
