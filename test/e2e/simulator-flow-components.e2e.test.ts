/**
 * The Flow previewer in a real browser (headless Chromium through playwright-core): a Flow JSON
 * with every component (test/fixtures/flows/allComponents.json, clean for the package's validator)
 * is sent to a contact, opened, filled in, sent through a data_exchange step to an endpoint built
 * on nodes/shared/flows (real RSA/AES and signature), given a photo and a document, and completed.
 * The WhatsApp trigger's stand-in (the real ingestion pipeline) receives the nfm_reply; the files
 * in it are fetched from the fake CDN and decrypted with the package's own decryptFlowMedia.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { decryptAesKey, decryptFlowData, encryptResponse } from '../../nodes/shared/flows';
import { decryptFlowMedia } from '../../nodes/shared/flows/media';
import { validateFlowJson } from '../../nodes/WhatsAppFlows/flowJsonValidation';
import { verifyRequestSignature } from '../../nodes/shared/webhook/signature';
import { ChatSimulator } from '../../simulator/chatSimulator';
import { loadConfig } from '../../simulator/config';
import allComponents from '../fixtures/flows/allComponents.json';
import { WebhookReceiver } from '../integration/simulator/receiver';
import { launchChromium } from './support/browser';

const ARTIFACTS = join(__dirname, 'artifacts');
const SECRETS = { whatsapp: 'wa-secret', messenger: 'ms-secret', instagram: 'ig-secret', viber: 'viber-token' };
const WA = '4915112345678';
const FLOW_ID = '71000000000000042';
const PHOTO = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const DOCUMENT = Buffer.from('The signed contract, in plain text.\n');

describe('Flow previewer: every component in a browser', () => {
	const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const exchanged: Array<Record<string, any>> = [];
	let endpoint: Server;
	let receiver: WebhookReceiver;
	let simulator: ChatSimulator;
	let browser: Browser;
	let page: Page;
	const pageErrors: string[] = [];
	const shot = async (name: string) => await page.screenshot({ path: join(ARTIFACTS, `flow-components-${name}.png`) });

	beforeAll(async () => {
		mkdirSync(ARTIFACTS, { recursive: true });
		endpoint = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const raw = Buffer.concat(chunks);
				if (!verifyRequestSignature(raw, req.headers['x-hub-signature-256'], ['flows-secret'])) return void res.writeHead(432).end();
				const envelope = JSON.parse(raw.toString()) as Record<string, string>;
				const aesKey = decryptAesKey(keys.privateKey, Buffer.from(envelope.encrypted_aes_key, 'base64'));
				const iv = Buffer.from(envelope.initial_vector, 'base64');
				const request = JSON.parse(decryptFlowData(aesKey, iv, Buffer.from(envelope.encrypted_flow_data, 'base64')).toString());
				exchanged.push(request);
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end(encryptResponse(aesKey, iv, { screen: 'UPLOADS', data: { greeting: `Hello ${request.data?.full_name}` } }));
			});
		});
		await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
		receiver = await WebhookReceiver.start(SECRETS);
		const config = loadConfig();
		config.port = 0;
		config.statuses = { enabled: false, delayMs: 0, read: 'never' };
		config.webhooks.whatsapp = { url: receiver.url('whatsapp'), secret: SECRETS.whatsapp };
		config.flowsEndpoint = { url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/flows`, appSecret: 'flows-secret', publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
		const withUnknown = structuredClone(allComponents) as any;
		withUnknown.screens[0].layout.children.splice(1, 0, { type: 'HologramPicker', name: 'future', depth: 3 });
		config.flows = [
			{ id: FLOW_ID, name: 'all_components', status: 'PUBLISHED', flowJson: allComponents },
			{ id: '71000000000000043', name: 'future_component', status: 'DRAFT', flowJson: withUnknown },
		];
		simulator = await ChatSimulator.start(config);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
		page.on('pageerror', (error) => pageErrors.push(error.message));
	});

	afterAll(async () => {
		await browser?.close();
		await simulator?.close();
		await receiver?.close();
		await new Promise<void>((resolve) => endpoint.close(() => resolve()));
	});

	const sendFlow = async (flowId: string, token: string) => {
		const response = await fetch(`${simulator.url}/v26.0/${simulator.context.config.business.phoneNumberId}/messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
			body: JSON.stringify({
				messaging_product: 'whatsapp',
				to: WA,
				type: 'interactive',
				interactive: {
					type: 'flow',
					body: { text: `Open ${token}` },
					action: { name: 'flow', parameters: { flow_message_version: '3', flow_token: token, flow_id: flowId, flow_cta: 'Open', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME' } } },
				},
			}),
		});
		expect(response.status).toBe(200);
		await page.locator('.row.theirs', { hasText: `Open ${token}` }).locator('.action').click();
	};

	it('is a valid Flow JSON per the package validator', () => {
		expect(validateFlowJson(allComponents)).toEqual([]);
	});

	it('marks a component type it does not know, naming it, instead of dropping it', async () => {
		await page.goto(`${simulator.url}/?chat=whatsapp:${WA}`);
		await page.waitForSelector('.contact.active');
		await sendFlow('71000000000000043', 'tok-future');
		const placeholder = page.locator('.flow-panel .flow-unknown[data-type="HologramPicker"]');
		await placeholder.waitFor();
		expect(await placeholder.textContent()).toContain('HologramPicker is not supported by the simulator');
		await page.click('.flow-close');
	});

	it('renders the display components', async () => {
		await sendFlow(FLOW_ID, 'tok-all');
		const panel = page.locator('.flow-panel');
		await panel.locator('.flow-heading', { hasText: 'Welcome' }).waitFor();
		expect(await panel.locator('.flow-issues').count()).toBe(0);
		expect(await panel.locator('.flow-subheading').textContent()).toBe('Every component once');
		expect(await panel.locator('.flow-caption').textContent()).toBe('A caption');
		expect(await panel.locator('.flow-rich-text h2').textContent()).toBe('Rich heading');
		expect(await panel.locator('.flow-text.flow-rich-text strong').textContent()).toBe('markdown');
		expect(await panel.locator('p.flow-text', { hasText: 'Was 10 €' }).getAttribute('style')).toBe('font-weight: 600; text-decoration: line-through');
		expect(await panel.locator('.flow-rich-text:not(.flow-text) strong').textContent()).toBe('bold');
		expect(await panel.locator('.flow-rich-text li').count()).toBe(2);
		expect(await panel.locator('.flow-rich-text table th').allTextContents()).toEqual(['Plan', 'Price']);
		expect(await panel.locator('.flow-rich-text table td').allTextContents()).toEqual(['Basic', '5 EUR', 'Pro', '9 EUR']);
		expect(await panel.locator('.flow-rich-text img.rich-image').getAttribute('alt')).toBe('A red dot');
		expect(await panel.locator('img.flow-image').getAttribute('alt')).toBe('Logo');
		expect(await panel.locator('.flow-carousel img').count()).toBe(2);
		expect(await panel.locator('.flow-link', { hasText: 'Terms' }).count()).toBe(1);
		expect(await panel.locator('.flow-captions').textContent()).toBe('Step 1of 5');
		expect(await panel.locator('.flow-unknown').count()).toBe(0);
		await shot('1-welcome');
		await page.click('.flow-cta');
	});

	it('fills every input, with Switch, If, update_data and validation', async () => {
		const panel = page.locator('.flow-panel');
		await panel.locator('.flow-title', { hasText: 'Details' }).waitFor();
		expect(await panel.locator('input[name="full_name"]').inputValue()).toBe('Ada');
		// Submitting empty shows the required fields' errors.
		await page.click('.flow-cta');
		expect(await panel.locator('.field.invalid').count()).toBeGreaterThanOrEqual(5);
		await panel.locator('input[name="code"]').fill('abc');
		await panel.locator('textarea[name="notes"]').fill('Window seat');
		await panel.locator('select[name="size"]').selectOption('large');
		await panel.locator('.flow-caption', { hasText: 'Large it is' }).waitFor();
		expect(await panel.locator('.choice img.choice-image').getAttribute('alt')).toBe('Tea cup');
		await panel.locator('input[name="drink"][value="coffee"]').check();
		await panel.locator('.flow-caption', { hasText: 'Drink chosen: coffee' }).waitFor();
		await panel.locator('input[name="extras"][value="milk"]').check();
		await panel.locator('.chip[data-id="food"]').click();
		await panel.locator('.chip[data-id="sport"]').click();
		expect(await panel.locator('.chip.selected').count()).toBe(2);
		expect(await panel.locator('.flow-text', { hasText: 'Not opted in' }).count()).toBe(1);
		await panel.locator('input[name="opt_in"]').check();
		await panel.locator('.flow-text', { hasText: 'Thanks for opting in' }).waitFor();
		// An unavailable date is refused when picked (DatePicker and CalendarPicker share the rule).
		await panel.locator('input[name="visit"]').fill('2027-01-08');
		await panel.locator('.snackbar', { hasText: '2027-01-08 is not available' }).waitFor();
		await panel.locator('input[name="visit"]').fill('2027-01-10');
		// include-days leaves out weekends: a Saturday is refused, a Monday taken.
		await panel.locator('input[name="day"]').fill('2027-01-09');
		await panel.locator('.snackbar', { hasText: 'Sat is not a day you can pick' }).waitFor();
		await panel.locator('input[name="day"]').fill('2027-01-11');
		// max-days is 7: a ten-day stay is refused on submit, a four-day one accepted.
		await panel.locator('input[name="stay.start-date"]').fill('2027-02-01');
		await panel.locator('input[name="stay.end-date"]').fill('2027-02-10');
		await page.click('.flow-cta');
		expect(await panel.locator('.field.invalid[data-name="stay"] .field-error').textContent()).toBe('Select at most 7 days');
		await panel.locator('input[name="stay.end-date"]').fill('2027-02-04');
		// The pattern refuses lower case: the helper text becomes the error.
		await page.click('.flow-cta');
		expect(await panel.locator('.field.invalid[data-name="code"] .field-error').textContent()).toBe('Three capitals');
		await panel.locator('input[name="code"]').fill('ABC');
		await shot('2-details');
		await page.click('.flow-cta');
		await panel.locator('.flow-text', { hasText: 'Hello Ada' }).waitFor({ timeout: 15_000 });
		expect(exchanged.at(-1)).toEqual({
			version: '3.0',
			action: 'data_exchange',
			flow_token: 'tok-all',
			screen: 'DETAILS',
			data: { full_name: 'Ada', code: 'ABC', notes: 'Window seat', size: 'large', drink: 'coffee', extras: ['milk'], topics: ['food', 'sport'], opt_in: true, visit: '2027-01-10', day: '2027-01-11', stay: { 'start-date': '2027-02-01', 'end-date': '2027-02-04' } },
		});
	});

	it('attaches a photo and a document, picks from the NavigationList and completes', async () => {
		const panel = page.locator('.flow-panel');
		await page.click('.flow-cta');
		expect(await panel.locator('.field.invalid[data-name="photos"]').count()).toBe(1);
		await panel.locator('input[type=file][name="photos"]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PHOTO });
		await panel.locator('.uploads li', { hasText: 'dot.png' }).waitFor();
		await panel.locator('input[type=file][name="documents"]').setInputFiles({ name: 'contract.txt', mimeType: 'text/plain', buffer: DOCUMENT });
		await panel.locator('.uploads li', { hasText: 'contract.txt' }).waitFor();
		await shot('3-uploads');
		await page.click('.flow-cta');
		await panel.locator('.nav-item[data-id="pro"]').waitFor();
		expect(await panel.locator('.nav-item[data-id="pro"] .badge').textContent()).toBe('New');
		await shot('4-navigation-list');
		await panel.locator('.nav-item[data-id="pro"]').click();
		await panel.locator('.flow-text', { hasText: 'Plan: pro' }).waitFor();
		await page.click('.flow-cta');

		const [delivery] = await receiver.waitFor((entries) => entries.some((entry) => entry.raw.toString().includes('nfm_reply')), 10_000);
		const reply = JSON.parse(delivery.raw.toString()).entry[0].changes[0].value.messages[0].interactive.nfm_reply;
		const response = JSON.parse(reply.response_json);
		// full_name is `sensitive`: the business gets it, the chat's summary hides it.
		const summary = page.locator('.flow-answer').last();
		await summary.waitFor();
		expect(await summary.locator('.flow-field[data-key="full_name"] b').textContent()).toBe('••••••');
		expect(await summary.locator('.flow-field[data-key="plan"] b').textContent()).toBe('pro');
		expect(response).toMatchObject({ flow_token: 'tok-all', plan: 'pro', full_name: 'Ada', topics: ['food', 'sport'], stay: { 'start-date': '2027-02-01', 'end-date': '2027-02-04' } });
		const check = async (entry: any, plaintext: Buffer, fileName: string) => {
			expect(entry).toMatchObject({ file_name: fileName, media_id: expect.any(String), cdn_url: expect.stringContaining('/cdn/flow-media/') });
			expect(Object.keys(entry.encryption_metadata).sort()).toEqual(['encrypted_hash', 'encryption_key', 'hmac_key', 'iv', 'plaintext_hash']);
			const cdnFile = Buffer.from(await (await fetch(entry.cdn_url)).arrayBuffer());
			expect(cdnFile.equals(plaintext)).toBe(false);
			expect(decryptFlowMedia(cdnFile, entry.encryption_metadata).equals(plaintext)).toBe(true);
		};
		expect(response.photos).toHaveLength(1);
		expect(response.documents).toHaveLength(1);
		await check(response.photos[0], PHOTO, 'dot.png');
		await check(response.documents[0], DOCUMENT, 'contract.txt');
		expect(pageErrors).toEqual([]);
	});
});
