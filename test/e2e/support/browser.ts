/**
 * Headless Chromium for the browser e2e tests: Debian's package (`bash scripts/install-browser.sh`,
 * or CHATFLOW_CHROMIUM), driven by playwright-core, which downloads no browser of its own.
 */
import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.CHATFLOW_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`bash scripts/install-browser.sh\` (Debian's chromium) first`);
	return await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
	});
}
