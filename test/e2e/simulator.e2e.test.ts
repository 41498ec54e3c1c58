/**
 * The chat simulator in a real browser against the real n8n: headless Chromium (Debian's package,
 * `bash scripts/install-browser.sh`) driven by playwright-core. Type "hi", tap a reply button,
 * open the booking Flow, navigate, answer a data-exchange step through the n8n Flows endpoint
 * (real RSA/AES and signatures), complete it, and see n8n's confirmation in the chat. Then, as a
 * person with a username and no phone number: get the bot's answer (sent to the business-scoped
 * user id), edit and delete a message, receive a message the business wrote in the WhatsApp
 * Business app, and stop marketing messages; each reaches the workflow's trigger.
 * Screenshots go to test/e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { loadConfig } from '../../simulator/config';
import { linkSimulator, type SimulatorLink } from '../../simulator/n8n/connect';
import { ChatSimulator } from '../../simulator/chatSimulator';
import { launchChromium } from './support/browser';
import { connectE2e, type E2eContext } from './support/n8n';

const ARTIFACTS = join(__dirname, 'artifacts');

describe('chat simulator in a browser with the real n8n', () => {
	let n8n: E2eContext;
	let simulator: ChatSimulator;
	let link: SimulatorLink;
	let browser: Browser;
	let page: Page;
	const pageErrors: string[] = [];

	const shot = async (name: string) => await page.screenshot({ path: join(ARTIFACTS, `simulator-${name}.png`) });

	/** The first item the bot workflow's trigger emitted that `matches`, waiting for its execution. */
	async function triggerItem(matches: (item: Record<string, any>) => boolean): Promise<Record<string, any>> {
		const botWorkflow = link.workflowIds[1];
		const deadline = Date.now() + 30_000;
		for (;;) {
			for (const execution of await n8n.api.executions(botWorkflow)) {
				// An execution still starting is listed with no run data yet: it is looked at again on the next round.
				const item = execution.data?.resultData.runData['WhatsApp Trigger'] ? n8n.output(execution, 'WhatsApp Trigger')[0]?.find(matches) : undefined;
				if (item) return item;
			}
			if (Date.now() > deadline) throw new Error('no execution of the bot whose trigger emitted the expected event');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** The contact with a username and no phone number in simulator/fixtures/simulator.json. */
	const hedy = () => simulator.context.contacts.all().find((contact) => contact.username === 'hedy.lamarr')!;

	beforeAll(async () => {
		mkdirSync(ARTIFACTS, { recursive: true });
		n8n = await connectE2e();
		const config = loadConfig();
		config.port = 0;
		config.statuses.delayMs = 150;
		simulator = await ChatSimulator.start(config);
		link = await linkSimulator(n8n.api, simulator);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.on('pageerror', (error) => pageErrors.push(error.message));
	});

	afterAll(async () => {
		await browser?.close();
		for (const id of link?.workflowIds ?? []) await n8n.api.deactivate(id).catch(() => undefined);
		await simulator?.close();
	});

	it('loads the chat page', async () => {
		// Measured, not asserted: on a busy machine a reload's time says more about the machine.
		let started = Date.now();
		await page.goto(`${simulator.url}/?chat=whatsapp:4915112345678`);
		await page.waitForSelector('.contact.active');
		const cold = Date.now() - started;
		started = Date.now();
		await page.reload();
		await page.waitForSelector('.contact.active');
		const warm = Date.now() - started;
		process.stdout.write(`[simulator e2e] page ready in ${cold} ms (first tab), ${warm} ms (reload)\n`);
		expect(await page.textContent('#chat-name')).toBe('Ada Lovelace');
	});

	it('types "hi" and gets the workflow\'s reply buttons', async () => {
		await page.fill('#composer-input', 'hi');
		await page.press('#composer-input', 'Enter');
		await page.locator('.action', { hasText: 'Book a table' }).first().waitFor({ timeout: 30_000 });
		expect(await page.locator('.row.own .text').first().textContent()).toBe('hi');
		expect(await page.locator('.row.theirs .bubble').first().textContent()).toContain('Hi Ada Lovelace! 👋');
		// WhatsApp formatting as the phone shows it: _hi_ in italics, the header in bold.
		expect(await page.locator('.row.theirs .bubble em').first().textContent()).toBe('hi');
		expect(await page.locator('.row.theirs .header-text').first().textContent()).toBe('Chatflow Café');
		// The contact's message reached n8n (✓✓) and the bot's reply is read once on screen.
		await page.locator('.row.theirs .ticks.read').first().waitFor({ timeout: 10_000 });
		await shot('1-reply-buttons');
	});

	it('taps a button and opens the Flow the workflow sends', async () => {
		await page.locator('.action', { hasText: 'Book a table' }).first().click();
		const flowButton = page.locator('.row.theirs', { hasText: 'Book your table in a few taps.' }).locator('.action');
		await flowButton.waitFor({ timeout: 30_000 });
		await flowButton.click();
		await page.waitForSelector('.flow-panel >> text=Welcome to Chatflow Café');
		expect(await page.locator('.flow-issues').count()).toBe(0);
		await page.click('.choice:has-text("Birthday")');
		await page.waitForSelector('text=We will bring a candle');
		await shot('2-flow-welcome');
	});

	it('navigates locally, then exchanges data with the n8n Flows endpoint', async () => {
		await page.click('.flow-cta');
		await page.waitForSelector('.flow-title >> text=Date and time');
		// Required fields are checked before anything is sent.
		await page.click('.flow-cta');
		expect(await page.locator('.field.invalid').count()).toBe(3);
		await page.fill('input[name=date]', '2026-12-24');
		await page.selectOption('select[name=time]', '19:30');
		await page.fill('input[name=guests]', '4');
		await shot('3-flow-booking');
		await page.click('.flow-cta');
		await page.waitForSelector('text=Table for 4 on 2026-12-24 at 19:30', { timeout: 30_000 });
		await page.fill('input[name=name]', 'Ada');
		await page.click('.choice:has-text("Window seat")');
		await page.click('.optin input');
		await shot('4-flow-confirm');
	});

	it('completes the Flow and shows n8n\'s confirmation', async () => {
		await page.click('.flow-cta');
		await page.waitForSelector('.flow-answer');
		const confirmation = page.locator('.row.theirs', { hasText: 'Booked!' });
		await confirmation.waitFor({ timeout: 30_000 });
		expect(await confirmation.textContent()).toContain('Your table: T7');
		expect(await confirmation.textContent()).toContain('We will remind you the day before.');
		// The preview log links webhooks to their n8n executions.
		await page.locator('.log-exec').first().waitFor({ timeout: 15_000 });
		await page.waitForTimeout(600);
		await shot('5-confirmation');

		const [flowsWorkflow, botWorkflow] = link.workflowIds;
		const bot = await n8n.api.waitForExecutions(botWorkflow, 3);
		expect(bot.every((execution) => execution.status === 'success')).toBe(true);
		const endpoint = await n8n.api.waitForExecutions(flowsWorkflow, 1);
		expect(endpoint[0].status).toBe('success');
		const [[request]] = n8n.output(await n8n.api.execution(endpoint[0].id), 'Flows Endpoint');
		expect(request).toMatchObject({ data: { guests: '4', date: '2026-12-24', time: '19:30', occasion: 'birthday' } });
		expect(pageErrors).toEqual([]);
	});

	it('shows an injected 131047 as a failed delivery of the bot\'s message', async () => {
		const response = await fetch(`${simulator.url}/_sim/api/errors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'whatsapp', code: 131047 }) });
		expect(response.status).toBe(200);
		await page.fill('#composer-input', 'hours?');
		await page.press('#composer-input', 'Enter');
		const failed = page.locator('.row.theirs .ticks.failed');
		await failed.waitFor({ timeout: 30_000 });
		expect(await page.locator('.row.theirs .bubble-error').last().textContent()).toContain('131047');
		await shot('6-injected-error');
	});

	it('lists a person without a phone number by @username, and the bot\'s answer goes to their business-scoped user id', async () => {
		const entry = page.locator('.contact', { hasText: '@hedy.lamarr' });
		expect(await entry.locator('.no-number').textContent()).toBe('no number');
		await entry.click();
		expect(await page.textContent('#chat-name')).toBe('@hedy.lamarr');
		expect(await page.textContent('#chat-sub')).toBe('WhatsApp · Hedy Lamarr · no number shared');
		await page.fill('#composer-input', 'hi');
		await page.press('#composer-input', 'Enter');
		await page.locator('.row.theirs', { hasText: 'Hi Hedy Lamarr! 👋' }).waitFor({ timeout: 30_000 });
		// The trigger's contact.id is the BSUID for this person, so the WhatsApp node sent by `recipient`.
		const reply = simulator.journal.conversation('whatsapp', hedy().bsuid!).find((message) => message.direction === 'out');
		expect(reply?.payload).toMatchObject({ recipient: hedy().bsuid, type: 'interactive' });
		expect(reply?.payload).not.toHaveProperty('to');
		expect(await triggerItem((item) => item.event === 'message' && item.contact.id === hedy().bsuid)).toMatchObject({ text: 'hi', contact: { key: hedy().bsuid, phone: '', username: 'hedy.lamarr' } });
		await shot('7-username-only');
	});

	it('edits and deletes the contact\'s message: the chat shows both, the trigger gets both, the bot acknowledges both', async () => {
		const id = await page.locator('.row.own').last().getAttribute('data-id');
		const own = page.locator(`.row[data-id="${id}"]`);
		await own.hover();
		await own.locator('.bubble-menu').click();
		await page.click('.popup-item:has-text("Edit")');
		await page.fill('.sheet-input', 'hi, it is Hedy');
		await page.click('.sheet-send');
		await own.locator('.edited').waitFor();
		expect(await own.locator('.text').textContent()).toBe('hi, it is Hedy');
		await page.locator('.row.theirs', { hasText: 'you changed your message to' }).waitFor({ timeout: 30_000 });
		expect(await triggerItem((item) => item.event === 'edit')).toMatchObject({ originalMessageId: id, text: 'hi, it is Hedy', contact: { id: hedy().bsuid } });
		await shot('8-edited');

		await own.hover();
		await own.locator('.bubble-menu').click();
		await page.click('.popup-item:has-text("Delete")');
		await page.click('.sheet-send.danger');
		await own.locator('.text.deleted').waitFor();
		expect(await own.locator('.text').textContent()).toContain('This message was deleted');
		await page.locator('.row.theirs', { hasText: 'you deleted a message' }).waitFor({ timeout: 30_000 });
		expect(await triggerItem((item) => item.event === 'revoke')).toMatchObject({ originalMessageId: id, contact: { id: hedy().bsuid } });
		await shot('9-deleted');
	});

	it('shows what the business writes in the WhatsApp Business app, and the trigger gets it as an echo', async () => {
		await page.click('#chat-menu');
		await page.click('.popup-item:has-text("WhatsApp Business app")');
		await page.fill('.sheet-input', 'Your table for two is ready at 19:30.');
		await page.click('.sheet-send');
		const echo = page.locator('.row.theirs', { hasText: 'Your table for two is ready' });
		expect(await echo.locator('.origin').textContent()).toContain('Sent from the WhatsApp Business app');
		expect(await triggerItem((item) => item.event === 'echo')).toMatchObject({
			type: 'text',
			text: 'Your table for two is ready at 19:30.',
			contact: { id: hedy().bsuid, key: hedy().bsuid, phone: '', username: 'hedy.lamarr' },
		});
		await shot('10-business-app-echo');
	});

	it('stops marketing messages from the chat menu, and the trigger gets the preference', async () => {
		await page.click('#chat-menu');
		await page.click('.popup-item:has-text("Stop marketing messages")');
		await page.locator('.system-note.preference .ticks.delivered').waitFor();
		expect(await page.locator('.system-note.preference').textContent()).toContain('You stopped marketing messages from Chatflow Café');
		expect(await triggerItem((item) => item.event === 'preference')).toMatchObject({
			preference: { category: 'marketing_messages', value: 'stop' },
			contact: { id: hedy().bsuid, key: hedy().bsuid, username: 'hedy.lamarr' },
		});
		await shot('11-marketing-stopped');
		await page.click('#chat-menu');
		await page.click('.popup-item:has-text("Contact info")');
		expect(await page.locator('.contact-info').textContent()).toContain(hedy().bsuid);
		expect(await page.locator('.sheet-send').textContent()).toBe('Resume marketing messages');
		await shot('12-contact-info');

		const executions = await n8n.api.settledExecutions(link.workflowIds[1]);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
		expect(pageErrors).toEqual([]);
	});
});
