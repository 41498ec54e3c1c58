/**
 * What a new user reads in the real n8n editor (Debian's Chromium driven by playwright-core):
 * the subtitles on the canvas, the labels of a trigger's credentials, and the node picker's
 * names and actions for the package. Screenshots go to test/e2e/artifacts/editor-*.png; the checks read the
 * page's text, so they hold whatever the editor's layout.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { problemsOf } from '../support/humanLabels';
import { connectE2e, nodeType, type E2eContext } from './support/n8n';

const CHROMIUM = process.env.CHATFLOW_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');

/** What reads as broken in a label: split brand names, apostrophes lost, internal values. */
const BROKEN_LABEL = /whats app|\bcontact s\b|\buser s\b|sendButtons|sendFlow|: message\b|On unknown|On errors/i;

describe('the n8n editor shows the package as a person reads it', () => {
	let n8n: E2eContext;
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let workflowId: string;

	const shot = async (name: string) => {
		await page.screenshot({ path: join(ARTIFACTS, `editor-${name}.png`) });
	};

	/** Closes whatever n8n shows first to a new owner (survey, what's new) so the canvas takes input. */
	const dismissDialogs = async () => {
		for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
	};

	beforeAll(async () => {
		if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/install-browser.sh\` (Debian's chromium) first`);
		mkdirSync(ARTIFACTS, { recursive: true });
		n8n = await connectE2e();
		workflowId = await n8n.api.createWorkflow(
			{
				name: 'editor labels',
				nodes: [
					{
						id: 'a1',
						name: 'WhatsApp Trigger',
						type: nodeType('chatflowWhatsAppTrigger'),
						typeVersion: 2,
						position: [0, 0],
						webhookId: 'c0ffee00-0000-4000-8000-00000000e001',
						parameters: { events: ['message', 'status'] },
					},
					{
						id: 'a2',
						name: 'Send Flow',
						type: nodeType('chatflowWhatsApp'),
						typeVersion: 2,
						position: [300, 0],
						parameters: { resource: 'message', operation: 'sendFlow' },
					},
					{
						id: 'a3',
						name: 'Ask',
						type: nodeType('chatflowConversation'),
						typeVersion: 2,
						position: [600, 0],
						parameters: { operation: 'waitForReply' },
					},
				],
				connections: {
					'WhatsApp Trigger': { main: [[{ node: 'Send Flow', type: 'main', index: 0 }]] },
					'Send Flow': { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
				},
			},
			{ activate: false },
		);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
		});
		context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
		// The owner's session from the e2e set-up: the editor opens logged in.
		const url = new URL(n8n.state.url);
		const cookies = n8n.api.cookie
			.split(';')
			.map((part) => part.trim())
			.filter((part) => part.includes('='))
			.map((part) => ({ name: part.slice(0, part.indexOf('=')), value: part.slice(part.indexOf('=') + 1), domain: url.hostname, path: '/' }));
		await context.addCookies(cookies);
		page = await context.newPage();
	});

	afterAll(async () => {
		await browser?.close();
		if (workflowId) await n8n.api.deleteWorkflow(workflowId).catch(() => undefined);
	});

	it('draws subtitles from the chosen operation and events', async () => {
		await page.goto(`${n8n.state.url}/workflow/${workflowId}`);
		await page.getByText('Send a WhatsApp Flow').first().waitFor({ timeout: 60_000 });
		await dismissDialogs();
		await page.getByText("Wait for the contact's reply").first().waitFor();
		await page.getByText('Messages, Statuses').first().waitFor();
		await shot('canvas');
		expect(await page.locator('body').innerText()).not.toMatch(BROKEN_LABEL);
	});

	it('labels each of the trigger\'s credentials with what it is for', async () => {
		// The node's name is a label under the node that takes no clicks: open the node at its icon.
		const label = await page.getByText('WhatsApp Trigger', { exact: true }).first().boundingBox();
		if (!label) throw new Error('the WhatsApp Trigger is not on the canvas');
		await page.mouse.dblclick(label.x + label.width / 2, label.y - 50);
		await page.getByText('Meta App (Signatures and Registration)').first().waitFor({ timeout: 30_000 });
		await page.getByText('WhatsApp Account (Media and Registration, Optional)').first().waitFor();
		await page.getByText('State Store (Redis, for Queue Mode, Optional)').first().waitFor();
		await shot('trigger-credentials');
		expect(await page.locator('body').innerText()).not.toMatch(BROKEN_LABEL);
		await page.keyboard.press('Escape');
	});

	it('lists the package\'s nodes and their actions in the node picker with names a person reads', async () => {
		await page.goto(`${n8n.state.url}/workflow/${workflowId}`);
		await page.getByText('Send a WhatsApp Flow').first().waitFor({ timeout: 60_000 });
		await dismissDialogs();
		// "N" opens n8n's node picker on the canvas; its search field takes the typing.
		await page.keyboard.press('n');
		const picker = page.locator('[data-test-id="node-creator"]');
		await picker.waitFor({ timeout: 30_000 });
		await page.keyboard.type('Chatflow');
		for (const name of ['Chatflow WhatsApp', 'Chatflow Messenger', 'Chatflow Instagram', 'Chatflow Viber', 'Chatflow Conversation']) {
			await picker.getByText(name, { exact: true }).first().waitFor({ timeout: 30_000 });
		}
		await shot('node-picker');
		const results = await picker.locator('[data-test-id="node-creator-item-name"]').allInnerTexts();
		const ours = results.filter((name) => name.startsWith('Chatflow'));
		// The picker shows a trigger and the action node of the same name as one entry.
		expect([...ours].sort()).toEqual([
			'Chatflow Conversation',
			'Chatflow Instagram',
			'Chatflow Messenger',
			'Chatflow Respond to WhatsApp Flow',
			'Chatflow Viber',
			'Chatflow WhatsApp',
			'Chatflow WhatsApp Flow Response',
			'Chatflow WhatsApp Flows',
			'Chatflow WhatsApp Flows Endpoint Trigger',
		]);
		for (const name of ours) expect({ name, problems: problemsOf(name) }).toEqual({ name, problems: [] });
		// One node's actions, as the picker lists them after a click on the node.
		await picker.getByText('Chatflow WhatsApp', { exact: true }).first().click();
		await picker.getByText('Send a WhatsApp Flow').first().waitFor({ timeout: 30_000 });
		await shot('node-picker-whatsapp-actions');
		// The node's panel lists "Actions (N)" under upper-case group headings (MEDIA ACTIONS, ...),
		// then its trigger's events: every line after the count is a name a person reads.
		const lines = (await picker.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
		const heading = lines.findIndex((line) => /^Actions \(\d+\)$/.test(line));
		expect(heading).toBeGreaterThanOrEqual(0);
		const count = Number(/\d+/.exec(lines[heading])![0]);
		const names = lines.slice(heading + 1).filter((line) => line !== line.toUpperCase() && !/^(Actions|Triggers) \(\d+\)$/.test(line));
		expect(names.length).toBeGreaterThanOrEqual(count);
		for (const name of names) expect({ name, problems: problemsOf(name) }).toEqual({ name, problems: [] });
		expect(await picker.innerText()).not.toMatch(BROKEN_LABEL);
		await page.keyboard.press('Escape');
	});
});
