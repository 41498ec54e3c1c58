/**
 * One `npm run dev` session without its file watching: the real n8n with this package (its output
 * in the terminal without the database migrations, all of it in a log file), the chat simulator
 * linked to it with a bot on every channel, and the summary a user needs to start. dev.ts adds
 * the compiler and restarts; the dev e2e test runs exactly this.
 */
import { isAbsolute, relative } from 'node:path';

import { N8nApi, OWNER } from './n8n/api';
import { N8nInstance } from './n8n/instance';
import { quietN8nOutput } from './devOutput';
import { startDevSimulator, type ChannelWiring, type DevSimulator } from './simulatorDev';
import { FLOWS_ENDPOINT_NAME } from '../simulator/n8n/connect';

export interface DevSessionOptions {
	userFolder: string;
	port: number;
	/** The package n8n loads (default: this repository, rebuilt by dev's compiler). */
	packageDir?: string;
	/** The terminal. */
	out: NodeJS.WritableStream;
	/** false: no chat simulator (CHATFLOW_SIMULATOR=off). */
	simulator: boolean;
}

const CHANNEL_LABEL = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram', viber: 'Viber' } as const;

export class DevSession {
	private n8n: N8nInstance | undefined;

	private simulator: DevSimulator | undefined;

	constructor(private readonly options: DevSessionOptions) {}

	log(message: string): void {
		this.options.out.write(`[chatflow] ${message}\n`);
	}

	/** Starts n8n (again, after a change) and links the simulator to it. */
	async start(): Promise<void> {
		const { userFolder, port, packageDir, out } = this.options;
		const started = Date.now();
		this.log('starting n8n …');
		this.n8n = await N8nInstance.start({ userFolder, port, packageDir, echo: quietN8nOutput(out, (line) => this.log(line)) });
		await this.n8n.waitUntilReady();
		const api = await N8nApi.connect(this.n8n.url);
		this.log(`n8n is ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if (!this.options.simulator) return;
		this.simulator ??= await startDevSimulator(userFolder, (line) => this.log(line));
		// n8n stays useful when the examples cannot be set up (e.g. a node failed to load).
		await this.simulator.link(api).catch((error: unknown) => this.log(`the chat simulator could not be linked to n8n: ${error instanceof Error ? error.message : String(error)}`));
	}

	async stopN8n(): Promise<void> {
		await this.n8n?.stop();
	}

	async stop(): Promise<void> {
		await this.n8n?.stop();
		await this.simulator?.close();
	}

	/** What to open, what answers on which channel, and where n8n's full log is. */
	summary(): string[] {
		const n8n = this.n8n;
		if (!n8n) return [];
		const row = (label: string, text: string) => `  ${label.padEnd(16)}${text}`;
		const lines = ['ready:', row('n8n editor', `${n8n.url}  (log in as ${OWNER.email} / ${OWNER.password}; the nodes are under "Chatflow" in the node picker)`)];
		if (this.simulator) {
			lines.push(row('chat simulator', `${this.simulator.url}/  (type "hi" as any contact)`));
			for (const wiring of this.simulator.wiring()) lines.push(row(CHANNEL_LABEL[wiring.channel], describeWiring(wiring)));
		}
		lines.push(row("n8n's full log", shortPath(N8nInstance.logPath(n8n.options))));
		lines.push('Ctrl-C stops everything.');
		return lines;
	}
}

/** The summary's line for a channel: the workflow that answers it, another URL, or how to connect it. */
export function describeWiring(wiring: ChannelWiring): string {
	if ('workflow' in wiring) return `→ workflow "${wiring.workflow}"${wiring.channel === 'whatsapp' ? ` (its Flow: "${FLOWS_ENDPOINT_NAME}")` : ''}`;
	if ('url' in wiring) return `→ ${wiring.url} (set in the simulator's config file or on its page)`;
	const trigger = `${CHANNEL_LABEL[wiring.channel]} Trigger`;
	const secret = wiring.channel === 'viber' ? "the bot's auth token" : "the Meta App credential's app secret";
	return `not connected: activate a workflow with a ${trigger} whose Registration is Automatic, or on the simulator page open ⚙ Webhooks and enter the trigger's Production URL and ${secret}`;
}

function shortPath(path: string): string {
	const fromHere = relative(process.cwd(), path);
	return fromHere && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? fromHere : path;
}
