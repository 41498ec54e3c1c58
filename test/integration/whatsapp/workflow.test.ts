import { FakePlatform, graphError, type RecordedRequest } from '../../../simulator/platform';
import { loadWorkflowFixture, runWorkflow } from '../../support/harness';
import { PHONE_ID, TOKEN, WABA_ID } from './runNode';
import { serveTemplates } from './templateFixtures';

// ManualTrigger → Chatflow WhatsApp (template send, parameters from expressions) → NoOp,
// through n8n-core's real WorkflowExecute; auth only via the credential's authenticate block.
const NODE = 'Send order update';

describe('workflow: template send per contact through the real engine', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN], latencyMs: 5 });
	});
	afterAll(async () => platform.close());

	it('sends one template per item in order, continues past a 131047 item, and keeps the token out of the data', async () => {
		serveTemplates(platform);
		platform.on('POST', `/:v/${PHONE_ID}/messages`, (request: RecordedRequest) => {
			const to = (request.json as { to: string }).to;
			if (to === '15550000003') return graphError(131047, 'Re-engagement message');
			return { json: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.${to}`, message_status: 'accepted' }] } };
		});
		const contacts = Array.from({ length: 6 }, (_, i) => ({ phone: `+1 555 000 000${i}`, name: `Name${i}`, total: 10 + i, date: `May ${i + 1}`, order: `A-${i}` }));
		const result = await runWorkflow({
			workflow: loadWorkflowFixture('whatsapp-send-template'),
			credentials: { chatflowWhatsAppApi: { accessToken: TOKEN, businessAccountId: WABA_ID, phoneNumberId: PHONE_ID, apiVersion: 'v26.0', baseUrl: platform.url } },
			input: contacts,
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const outputs = result.output(NODE);
		expect(outputs.map((o) => o.messageId ?? o.error)).toEqual([
			'wamid.15550000000', 'wamid.15550000001', 'wamid.15550000002', 'Graph API error 131047: Re-engagement message', 'wamid.15550000004', 'wamid.15550000005',
		]);
		expect(result.outputs(NODE)[0].map((item) => item.pairedItem)).toEqual(contacts.map((_, i) => ({ item: i })));
		const bodies = platform.received('POST', `/:v/${PHONE_ID}/messages`).map((r) => JSON.parse(r.body.toString()));
		const second = bodies.find((b) => b.to === '15550000001');
		expect(second.template.components).toEqual([
			{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/order.png' } }] },
			{ type: 'body', parameters: [
				{ type: 'text', text: 'Name1' },
				{ type: 'currency', currency: { fallback_value: '$11', code: 'USD', amount_1000: 11000 } },
				{ type: 'date_time', date_time: { fallback_value: 'May 2' } },
			] },
			{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1' }] },
			{ type: 'button', sub_type: 'flow', index: '2', parameters: [{ type: 'action', action: { flow_token: 'rate-A-1' } }] },
		]);
		expect(platform.received('GET', `/:v/${WABA_ID}/message_templates`)).toHaveLength(1);
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain(TOKEN);
		expect(JSON.stringify(result.logs)).not.toContain(TOKEN);
	});
});
