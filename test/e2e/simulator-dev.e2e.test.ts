/**
 * `npm run dev` as a new user meets it. First a dev session of its own (its own real n8n on a new
 * folder, the chat simulator, the example bots), as dev.ts runs it without the file watcher:
 * the terminal shows no stack trace dev causes, no deprecated variable dev sets and no database
 * migrations, while n8n's own warnings stay and its full output is in the log file the summary
 * names; the summary says what to open and which workflow answers which channel. In headless
 * Chromium (`bash scripts/install-browser.sh`), a first "hi" on each of the four channels right
 * after start gets the bot's answer, and the page's visuals hold: an error line inside its bubble
 * and under the time, readable on Instagram's gradient; plain-text previews; whole names; log
 * links not red; a channel without a webhook says how to connect it and can be connected there.
 * Then, against the suite's n8n, a second dev start on the same folder reuses what the first
 * created, and a folder linked before the Messenger, Instagram and Viber bot existed gets it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import type { Browser, Locator, Page } from 'playwright-core';

import { DevSession, describeWiring } from '../../scripts/devSession';
import { freePort } from '../../scripts/n8n/instance';
import { startDevSimulator, type DevSimulator } from '../../scripts/simulatorDev';
import type { SimulatorLink } from '../../simulator/n8n/connect';
import { launchChromium } from './support/browser';
import { connectE2e, type E2eContext } from './support/n8n';

/** The simulator's contacts (simulator/fixtures/simulator.json), one per channel, and the bot's greeting (Meta's messaging webhooks carry no name). */
const FIRST_CONTACTS = [
	{ chat: 'whatsapp:4915112345678', greeting: 'Hi Ada Lovelace! 👋 You wrote hi.' },
	{ chat: 'messenger:6543210987654321', greeting: 'Hi! 👋 You wrote “hi”.' },
	{ chat: 'instagram:7654321098765432', greeting: 'Hi! 👋 You wrote “hi”.' },
	{ chat: 'viber:01234567890A=', greeting: 'Hi Margaret Hamilton! 👋 You wrote “hi”.' },
];

interface Box {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

/** Where a message's bubble, time and error line are, and the error line's colours. */
async function messageGeometry(row: Locator) {
	return await row.evaluate((element) => {
		const box = (selector: string) => {
			const rect = element.querySelector(selector)!.getBoundingClientRect();
			return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
		};
		const error = element.querySelector('.bubble-error') as typeof element;
		const style = element.ownerDocument.defaultView!.getComputedStyle(error);
		return { bubble: box('.bubble'), meta: box('.meta'), error: box('.bubble-error'), errorOverflows: error.scrollWidth > error.clientWidth, color: style.color, background: style.backgroundColor };
	});
}

function rgba(css: string): [number, number, number, number] {
	const [r, g, b, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
	return [r, g, b, a];
}

/** WCAG contrast ratio of two opaque colours. */
function contrast(foreground: string, background: string): number {
	const luminance = (css: string) => {
		const [r, g, b] = rgba(css).map((channel) => {
			const value = channel / 255;
			return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
	return (light + 0.05) / (dark + 0.05);
}

const inside = (inner: Box, outer: Box) => inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

describe('npm run dev: a new session, its output and the chat page', () => {
	const folder = mkdtempSync(join(tmpdir(), 'chatflow-dev-session-'));
	const shots = mkdtempSync(join(tmpdir(), 'chatflow-dev-shots-'));
	let terminal = '';
	let session: DevSession;
	let browser: Browser;
	let page: Page;
	let simulatorUrl = '';
	const pageErrors: string[] = [];

	const shot = async (name: string) => {
		const path = join(shots, `dev-${name}.png`);
		await page.screenshot({ path });
		process.stdout.write(`[simulator dev e2e] screenshot ${path}\n`);
	};
	const openChat = async (chat: string) => {
		await page.click(`.contact[data-chat="${chat}"]`);
		await page.waitForSelector(`.contact.active[data-chat="${chat}"]`);
	};
	const type = async (text: string) => {
		await page.fill('#composer-input', text);
		await page.press('#composer-input', 'Enter');
	};

	beforeAll(async () => {
		const packageDir = process.env.CHATFLOW_E2E_PACKAGE;
		if (!packageDir) throw new Error('CHATFLOW_E2E_PACKAGE is not set: run e2e with "npm run test:e2e"');
		process.env.CHATFLOW_SIMULATOR_PORT = '0';
		const out = new Writable({
			write(chunk: Buffer, _encoding, done) {
				terminal += chunk.toString();
				done();
			},
		});
		session = new DevSession({ userFolder: folder, port: await freePort(), packageDir, out, simulator: true });
		const started = Date.now();
		await session.start();
		session.summary().forEach((line) => session.log(line));
		process.stdout.write(`[simulator dev e2e] dev session ready in ${Date.now() - started} ms\n`);
		simulatorUrl = /chat simulator\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(terminal)?.[1] ?? '';
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.on('pageerror', (error) => pageErrors.push(error.message));
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await session?.stop();
	});

	it("prints n8n's own output without migrations, stack traces or deprecations dev causes, and ends with the summary", () => {
		expect(terminal).not.toContain('is not registered');
		expect(terminal).not.toMatch(/^\s*- (WEBHOOK_URL|N8N_RUNNERS_ENABLED) ->/m);
		expect(terminal).not.toMatch(/^(Starting|Finished) migration/m);
		expect(terminal).toContain('[chatflow] n8n is setting up its database');
		// n8n's own warnings stay in the terminal.
		expect(terminal).toContain('There are deprecations related to your n8n setup');

		const summary = terminal.slice(terminal.lastIndexOf('[chatflow] ready:'));
		const lines = summary.trim().split('\n');
		expect(lines[lines.length - 1]).toBe('[chatflow] Ctrl-C stops everything.');
		expect(summary).toMatch(/n8n editor\s+http:\/\/127\.0\.0\.1:\d+ {2}\(log in as owner@chatflow\.local/);
		expect(simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(summary).toMatch(/WhatsApp\s+→ workflow "Chatflow Simulator: WhatsApp echo bot" \(its Flow: "Chatflow Simulator: table booking Flow endpoint"\)/);
		for (const channel of ['Messenger', 'Instagram', 'Viber']) expect(summary).toMatch(new RegExp(`${channel}\\s+→ workflow "Chatflow Simulator: Messenger, Instagram and Viber bot"`));
		const logFile = /n8n's full log\s+(\S+)/.exec(summary)?.[1] ?? '';
		expect(logFile).toContain(folder);
		// Everything n8n printed, migrations included, is in the file the summary names.
		const log = readFileSync(logFile, 'utf8');
		expect(log.match(/^Finished migration/gm)?.length).toBeGreaterThan(100);
		expect(log).toContain('There are deprecations related to your n8n setup');
	});

	it('answers a first message on each of the four channels right after start', async () => {
		const started = Date.now();
		await page.goto(`${simulatorUrl}/?chat=${FIRST_CONTACTS[0].chat}`);
		await page.waitForSelector('.contact.active');
		for (const { chat, greeting } of FIRST_CONTACTS) {
			await openChat(chat);
			expect(await page.isHidden('#connect-bar')).toBe(true);
			await type('hi');
			await page.locator('.row.theirs', { hasText: greeting }).waitFor({ timeout: 30_000 });
		}
		process.stdout.write(`[simulator dev e2e] four channels answered in ${Date.now() - started} ms\n`);
		// The answer offers the next questions: a Messenger quick reply and a Viber keyboard button work too.
		await openChat('messenger:6543210987654321');
		await page.click('.chips .action:has-text("Opening hours")');
		await page.locator('.row.theirs', { hasText: 'We are open Monday to Saturday' }).waitFor({ timeout: 30_000 });
		await openChat('viber:01234567890A=');
		await page.click('#keyboard .viber-button:has-text("Where are you?")');
		await page.locator('.row.theirs', { hasText: 'Pariser Platz 1' }).waitFor({ timeout: 30_000 });
		await shot('1-four-channels');
		expect(await page.locator('.row .bubble-error').count()).toBe(0);
	});

	it('shows previews as plain text, whole names, and execution links that do not read as errors', async () => {
		await openChat('whatsapp:4915112345678');
		await page.click('.action:has-text("Opening hours")');
		await page.locator('.row.theirs', { hasText: 'Kitchen closes at 21:30' }).waitFor({ timeout: 30_000 });
		const preview = await page.locator('.contact[data-chat="whatsapp:4915112345678"] .contact-preview').textContent();
		expect(preview).toContain('We are open Monday to Saturday, 8:00–22:00 ☕ Kitchen closes');
		expect(preview).not.toMatch(/[*_~`]/);

		const names = await page.locator('.contact-name').evaluateAll((elements) => elements.map((element) => ({ text: element.textContent, cut: element.scrollWidth > element.clientWidth })));
		expect(names.length).toBeGreaterThanOrEqual(6);
		expect(names.filter((name) => name.cut)).toEqual([]);
		expect(await page.locator('.contact .channel-tag').count()).toBe(0);
		expect(await page.getAttribute('.contact[data-chat="viber:01234567890A="] .avatar-badge', 'aria-label')).toBe('Viber');

		await page.locator('.log-exec').first().waitFor({ timeout: 15_000 });
		const [r, g, b] = rgba(await page.locator('.log-exec').first().evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).color));
		// Not red: red clearly above both green and blue is what the log uses for failures.
		expect(r > g + 60 && r > b + 40).toBe(false);
	});

	it('shows a failed delivery on its own line inside the bubble, under the time', async () => {
		await fetch(`${simulatorUrl}/_sim/api/errors`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'whatsapp', code: 131047 }) });
		await type('and on Sunday?');
		const failed = page.locator('.row.theirs', { has: page.locator('.bubble-error') }).last();
		await failed.waitFor({ timeout: 30_000 });
		expect(await failed.locator('.bubble-error').textContent()).toContain('131047');
		const geometry = await messageGeometry(failed);
		expect(inside(geometry.error, geometry.bubble)).toBe(true);
		expect(geometry.error.top).toBeGreaterThanOrEqual(geometry.meta.bottom);
		expect(geometry.errorOverflows).toBe(false);
		expect(contrast(geometry.color, geometry.background)).toBeGreaterThanOrEqual(4.5);
		await shot('2-failed-delivery');
	});

	it('says how to connect a channel without a webhook, readable on Instagram, and connects it from the page', async () => {
		const saved = ((await (await fetch(`${simulatorUrl}/_sim/api/webhooks`)).json()) as { webhooks: Record<string, { url: string }> }).webhooks.instagram.url;
		expect(saved).toMatch(/\/webhook\/[\w-]+\/webhook$/);
		await fetch(`${simulatorUrl}/_sim/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'instagram', url: '' }) });
		await openChat('instagram:7654321098765432');
		await page.locator('#connect-bar').waitFor({ state: 'visible' });
		expect(await page.textContent('#connect-bar')).toContain('Instagram is not connected to n8n');
		expect(await page.locator('.hook.off').textContent()).toContain('Instagram');

		await type('are you there?');
		const own = page.locator('.row.own', { hasText: 'are you there?' });
		await own.locator('.bubble-error').waitFor({ timeout: 10_000 });
		expect(await own.locator('.bubble-error').textContent()).toContain('Not delivered: Instagram is not connected to n8n.');
		const geometry = await messageGeometry(own);
		expect(inside(geometry.error, geometry.bubble)).toBe(true);
		expect(geometry.error.top).toBeGreaterThanOrEqual(geometry.meta.bottom);
		expect(geometry.errorOverflows).toBe(false);
		// The line has its own opaque background, so the gradient behind it does not matter.
		expect(rgba(geometry.background)[3]).toBe(1);
		expect(contrast(geometry.color, geometry.background)).toBeGreaterThanOrEqual(4.5);
		await shot('3-instagram-not-connected');

		await own.locator('.connect-link').click();
		expect(await page.textContent('.connect-how')).toContain('To connect Instagram to n8n');
		expect(await page.textContent('.connect-how')).toContain(`Base URL ${simulatorUrl}`);
		await shot('4-connect-dialog');
		await page.fill('.settings-row.focus input.url', saved);
		await page.click('.settings-row.focus .primary');
		await page.locator('#dialog .sheet-close').click();
		expect(await page.isHidden('#connect-bar')).toBe(true);
		await type('hi again');
		await page.locator('.row.theirs', { hasText: 'You wrote “hi again”' }).waitFor({ timeout: 30_000 });
		expect(pageErrors).toEqual([]);
	});
});

describe('npm run dev started again on the same folder', () => {
	let n8n: E2eContext;
	const folder = mkdtempSync(join(tmpdir(), 'chatflow-dev-sim-'));
	const lines: string[] = [];
	let dev: DevSimulator | undefined;
	const linkFile = join(folder, 'simulator-link.json');
	const readLink = () => JSON.parse(readFileSync(linkFile, 'utf8')) as SimulatorLink;

	/** A new dev start on the folder: the simulator on the port the link was made with. */
	const restart = async () => {
		await dev?.close();
		lines.length = 0;
		process.env.CHATFLOW_SIMULATOR_PORT = new URL(readLink().simulatorUrl).port;
		dev = await startDevSimulator(folder, (line) => lines.push(line));
		await dev.link(n8n.api);
	};

	beforeAll(async () => {
		n8n = await connectE2e();
		process.env.CHATFLOW_SIMULATOR_PORT = '0';
		dev = await startDevSimulator(folder, (line) => lines.push(line));
		await dev.link(n8n.api);
	});

	afterAll(async () => {
		await dev?.close();
		for (const id of readLink().workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	});

	it('reuses what the first start created', async () => {
		expect(lines.some((line) => line.startsWith('created the simulator credentials'))).toBe(true);
		const first = readLink();
		expect(first.workflowIds).toHaveLength(3);
		await restart();
		expect(lines).toEqual([]);
		expect(readLink().workflowIds).toEqual(first.workflowIds);
		expect(dev!.wiring().map((wiring) => ('workflow' in wiring ? wiring.workflow : 'not wired'))).toEqual([
			'Chatflow Simulator: WhatsApp echo bot',
			'Chatflow Simulator: Messenger, Instagram and Viber bot',
			'Chatflow Simulator: Messenger, Instagram and Viber bot',
			'Chatflow Simulator: Messenger, Instagram and Viber bot',
		]);
		// A channel without a webhook URL: dev's summary says how to connect it.
		await fetch(`${dev!.url}/_sim/api/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'viber', url: '' }) });
		const viber = dev!.wiring().find((wiring) => wiring.channel === 'viber')!;
		expect(describeWiring(viber)).toBe(
			"not connected: activate a workflow with a Viber Trigger whose Registration is Automatic, or on the simulator page open ⚙ Webhooks and enter the trigger's Production URL and the bot's auth token",
		);
	});

	it('adds the Messenger, Instagram and Viber bot to a folder linked when dev wired WhatsApp only', async () => {
		const { messagingIds, ...old } = readLink();
		const botId = old.workflowIds.pop()!;
		await n8n.api.deactivate(botId);
		writeFileSync(linkFile, JSON.stringify(old));
		await restart();
		expect(lines).toEqual([expect.stringMatching(/^added the Messenger, Instagram and Viber bot/)]);
		const upgraded = readLink();
		expect(upgraded.workflowIds).toHaveLength(3);
		expect(upgraded.messagingIds).toBeDefined();
		expect(upgraded.messagingIds).not.toEqual(messagingIds);
		const sent = await fetch(`${dev!.url}/_sim/api/send`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ channel: 'viber', contactId: '01234567890A=', input: { kind: 'text', text: 'hi' } }),
		});
		expect(((await sent.json()) as { status: string }).status).toBe('delivered');
		const executions = await n8n.api.waitForExecutions(upgraded.workflowIds[2], 1);
		expect(executions[0].status).toBe('success');
	});
});
