/**
 * The simulator's platform side beyond messages: injected errors (130429 refused at once, 131047
 * as a failed status, Viber 12 in an HTTP 200), media upload/lookup/download with the real bytes,
 * templates from the config, webhook registration that points the simulator at the trigger, and
 * Flows data exchange encrypted like WhatsApp against an endpoint built on nodes/shared/flows.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decryptAesKey, decryptFlowData, encryptResponse } from '../../../nodes/shared/flows';
import { verifyRequestSignature } from '../../../nodes/shared/webhook/signature';
import { loadConfig, mergeConfig } from '../../../simulator/config';
import type { ChatSimulator } from '../../../simulator/chatSimulator';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';
import { simulatorSuite, type WebhookReceiver } from './receiver';

const SECRETS = { whatsapp: 'wa-secret', messenger: 'ms-secret', instagram: 'ig-secret', viber: 'viber-token' };
const PHONE = '106540352242922';
const WA = '4915112345678';

describe('chat simulator platform', () => {
	const suite = simulatorSuite(
		SECRETS,
		() => ({ ...loadConfig(), statuses: { enabled: true, delayMs: 10, read: 'never' } }),
		(config, receiver) => {
			config.webhooks.whatsapp = { url: receiver.url('whatsapp'), secret: SECRETS.whatsapp };
			config.webhooks.viber = { url: receiver.url('viber'), secret: SECRETS.viber };
		},
	);
	let receiver: WebhookReceiver;
	let simulator: ChatSimulator;
	beforeEach(() => ({ simulator, receiver } = suite));

	const graph = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const response = await fetch(`${simulator.url}/v26.0${path}`, {
			method,
			headers: { 'content-type': 'application/json', authorization: 'Bearer t', ...headers },
			body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};
	const inject = async (channel: string, code: number, times = 1) =>
		await fetch(`${simulator.url}/_sim/api/errors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, code, times }) });
	const text = { messaging_product: 'whatsapp', to: WA, type: 'text', text: { body: 'x' } };

	it('refuses the next sends with 130429 as often as asked, then accepts again', async () => {
		expect((await inject('whatsapp', 130429, 2)).status).toBe(200);
		const first = await graph('POST', `/${PHONE}/messages`, text);
		const second = await graph('POST', `/${PHONE}/messages`, text);
		const third = await graph('POST', `/${PHONE}/messages`, text);
		expect([first.status, second.status, third.status]).toEqual([400, 400, 200]);
		expect(first.json.error).toMatchObject({ code: 130429, error_data: { details: expect.stringContaining('throughput') }, fbtrace_id: expect.any(String) });
	});

	it('accepts a send under 131047 and reports it as a failed status with the error', async () => {
		await inject('whatsapp', 131047);
		const sent = await graph('POST', `/${PHONE}/messages`, text);
		expect(sent.status).toBe(200);
		await receiver.waitFor(() => receiver.of('whatsapp').length >= 1);
		await new Promise((resolve) => setTimeout(resolve, 60));
		const events = receiver.of('whatsapp').map((entry) => entry.result.events[0]);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ status: 'failed', messageId: sent.json.messages[0].id, errors: [expect.objectContaining({ code: 131047 })] });
	});

	it('answers a Viber send under error 12 with HTTP 200 and status 12, and rejects unknown codes', async () => {
		await inject('viber', 12);
		const response = await fetch(`${simulator.url}/pa/send_message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receiver: 'u', type: 'text', text: 'x' }) });
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 12, status_message: 'tooManyRequests' });
		const refused = await inject('viber', 130429);
		expect(refused.status).toBe(400);
		expect(((await refused.json()) as { error: string }).error).toMatch(/choose one of 12, 6/);
	});

	it('stores uploaded media and serves the same bytes under the looked-up URL', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]);
		const form = new FormData();
		form.append('messaging_product', 'whatsapp');
		form.append('type', 'image/png');
		form.append('file', new Blob([bytes], { type: 'image/png' }), 'dot.png');
		const upload = await fetch(`${simulator.url}/v26.0/${PHONE}/media`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: form });
		const { id } = (await upload.json()) as { id: string };
		expect(id).toMatch(/^\d{16}$/);
		const info = await graph('GET', `/${id}`);
		expect(info.json).toMatchObject({ id, mime_type: 'image/png', file_size: bytes.length, sha256: createHash('sha256').update(bytes).digest('base64') });
		const download = await fetch(info.json.url, { headers: { authorization: 'Bearer t' } });
		expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
		expect((await graph('DELETE', `/${id}`)).json).toEqual({ success: true });
		expect((await graph('GET', `/${id}`)).status).toBe(400);
	});

	it('lists the templates of the config file and adds created ones', async () => {
		const list = await graph('GET', '/102290129340398/message_templates?name=order');
		expect(list.json.data.map((template: { name: string }) => template.name)).toEqual(['order_update', 'order_confirmation_named']);
		const created = await graph('POST', '/102290129340398/message_templates', { name: 'welcome_back', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Hi' }] });
		expect(created.json).toMatchObject({ status: 'APPROVED', id: expect.any(String) });
		expect((await graph('GET', '/102290129340398/message_templates')).json.data).toHaveLength(loadConfig().templates.length + 1);
		// a created template is checked like the others
		const send = (components: unknown[]) => graph('POST', `/${PHONE}/messages`, { messaging_product: 'whatsapp', to: WA, type: 'template', template: { name: 'welcome_back', language: { code: 'en_US' }, components } });
		expect((await send([])).status).toBe(200);
		expect((await send([{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }])).json.error).toMatchObject({ code: 132000 });
	});

	it('has one template of each kind in its config, and takes each kind\'s documented send', async () => {
		const templates = (await graph('GET', '/102290129340398/message_templates?limit=100')).json.data as Array<{ name: string; components: unknown }>;
		for (const kind of TEMPLATE_KINDS) {
			expect(templates.find((template) => template.name === kind.definition.name)?.components).toEqual(kind.definition.components);
			const { name, language } = kind.definition;
			const sent = await graph('POST', `/${PHONE}/messages`, { messaging_product: 'whatsapp', to: WA, type: 'template', template: { name, language: { code: language }, components: kind.components } });
			expect([kind.kind, sent.status]).toEqual([kind.kind, 200]);
		}
		const carousel = TEMPLATE_KINDS[0];
		const short = [carousel.components[0], { type: 'carousel', cards: (carousel.components[1].cards as unknown[]).slice(1) }];
		const refused = await graph('POST', `/${PHONE}/messages`, { messaging_product: 'whatsapp', to: WA, type: 'template', template: { name: carousel.definition.name, language: { code: 'en_US' }, components: short } });
		expect(refused.json.error).toMatchObject({ code: 132000, error_data: { details: 'carousel: number of cards (1) does not match the expected number of cards (2)' } });
	});

	it('delivers to the URL and secret a trigger registers automatically', async () => {
		simulator.context.config.webhooks.whatsapp = { url: '', secret: '' };
		const registered = await graph('POST', '/1234567890123456/subscriptions?access_token=1234567890123456%7Cregistered-secret', { object: 'whatsapp_business_account', callback_url: receiver.url('messenger'), verify_token: 'v', fields: 'messages' });
		expect(registered.json).toEqual({ success: true });
		receiver['secrets'].messenger = 'registered-secret';
		await fetch(`${simulator.url}/_sim/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'whatsapp', contactId: WA, input: { kind: 'text', text: 'via registration' } }) });
		const [delivery] = receiver.of('messenger');
		expect(verifyRequestSignature(delivery.raw, delivery.headers['x-hub-signature-256'], ['registered-secret'])).toBe(true);
		receiver['secrets'].messenger = SECRETS.messenger;
	});

	describe('Flows', () => {
		const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
		let endpoint: Server;
		const seen: unknown[] = [];

		beforeAll(async () => {
			// The business's endpoint, built from this package's own Flows crypto.
			endpoint = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', () => {
					const raw = Buffer.concat(chunks);
					if (!verifyRequestSignature(raw, req.headers['x-hub-signature-256'], ['flows-secret'])) {
						res.writeHead(432).end();
						return;
					}
					const envelope = JSON.parse(raw.toString()) as Record<string, string>;
					const aesKey = decryptAesKey(keys.privateKey, Buffer.from(envelope.encrypted_aes_key, 'base64'));
					const iv = Buffer.from(envelope.initial_vector, 'base64');
					const request = JSON.parse(decryptFlowData(aesKey, iv, Buffer.from(envelope.encrypted_flow_data, 'base64')).toString()) as { data?: { guests: string } };
					seen.push(request);
					res.writeHead(200, { 'content-type': 'text/plain' });
					res.end(encryptResponse(aesKey, iv, { screen: 'CONFIRM', data: { summary: `Table for ${request.data?.guests ?? '?'}`, table: 'T7' } }));
				});
			});
			await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
		});
		afterAll(async () => await new Promise<void>((resolve) => endpoint.close(() => resolve())));

		const configure = (secret: string) => {
			simulator.context.config.flowsEndpoint = {
				url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/flows`,
				appSecret: secret,
				publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
			};
		};
		const exchange = async () =>
			(await (await fetch(`${simulator.url}/_sim/api/flows/exchange`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ flowId: 'table_booking', flowToken: 'tok-1', action: 'data_exchange', screen: 'BOOKING', data: { guests: '4' } }),
			})).json()) as Record<string, any>;

		it('shows the configured Flow JSON with no validator issues', async () => {
			const view = (await (await fetch(`${simulator.url}/_sim/api/flows/71000000000000001`)).json()) as Record<string, any>;
			expect(view).toMatchObject({ name: 'table_booking', issues: [] });
			expect(view.flowJson.screens.map((screen: { id: string }) => screen.id)).toEqual(['WELCOME', 'BOOKING', 'CONFIRM']);
		});

		it('encrypts data_exchange for the endpoint and decrypts its answer (round trip through nodes/shared/flows)', async () => {
			configure('flows-secret');
			const result = await exchange();
			expect(result).toMatchObject({ status: 200, answer: { screen: 'CONFIRM', data: { summary: 'Table for 4', table: 'T7' } } });
			expect(seen[seen.length - 1]).toEqual({ version: '3.0', action: 'data_exchange', flow_token: 'tok-1', screen: 'BOOKING', data: { guests: '4' } });
		});

		it('sends INIT without screen and data, as a Flow opened with data_exchange does', async () => {
			configure('flows-secret');
			const result = (await (await fetch(`${simulator.url}/_sim/api/flows/exchange`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ flowId: '71000000000000001', flowToken: 'tok-2', action: 'INIT' }),
			})).json()) as Record<string, unknown>;
			expect(result.status).toBe(200);
			expect(seen[seen.length - 1]).toEqual({ version: '3.0', action: 'INIT', flow_token: 'tok-2' });
		});

		it('explains an endpoint that refuses the signature', async () => {
			configure('wrong-secret');
			expect(await exchange()).toMatchObject({ status: 432, error: expect.stringMatching(/signature/) });
		});

		it('sends the completed Flow as an nfm_reply answering the Flow message', async () => {
			const response = { flow_token: 'tok-1', name: 'Ada', extras: ['window'] };
			await fetch(`${simulator.url}/_sim/api/flows/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contactId: WA, replyTo: 'wamid.FLOW', response }) });
			const [event] = receiver.of('whatsapp')[0].result.events;
			expect(event).toMatchObject({ type: 'flowResponse', context: { messageId: 'wamid.FLOW' }, flowResponse: { responseJson: response, flowToken: 'tok-1' } });
		});
	});

	it('reports validator issues of a broken Flow', async () => {
		await suite.restart(mergeConfig({ port: 0, flows: [{ id: '79999999999999999', name: 'broken', flowJson: { version: '7.2', screens: [{ id: 'ONE', layout: { type: 'SingleColumnLayout', children: [] } }] } }] }));
		simulator = suite.simulator;
		const view = (await (await fetch(`${simulator.url}/_sim/api/flows/broken`)).json()) as { issues: Array<{ message: string }> };
		expect(view.issues.map((issue) => issue.message)).toContain('no terminal screen: at least one screen needs "terminal": true');
	});
});
