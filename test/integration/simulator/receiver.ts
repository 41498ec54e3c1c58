import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { runPipeline, type Channel, type PipelineResult } from '../../../nodes/shared/ingestion';
import type { SimulatorConfig } from '../../../simulator/config';
import { ChatSimulator } from '../../../simulator/chatSimulator';

export interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	raw: Buffer;
	/** What this package's ingestion pipeline made of it (signature checked with the secret). */
	result: PipelineResult;
}

/**
 * A stand-in for n8n's trigger webhooks on loopback: each path is one channel's trigger, every
 * delivery goes through the real ingestion pipeline (verify → parse → normalise) and is answered
 * with the status the trigger would answer with.
 */
export class WebhookReceiver {
	readonly received: Received[] = [];

	private constructor(
		private readonly server: Server,
		private readonly secrets: Record<Channel, string>,
	) {}

	static async start(secrets: Record<Channel, string>): Promise<WebhookReceiver> {
		let receiver: WebhookReceiver | undefined;
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const raw = Buffer.concat(chunks);
				const channel = (req.url ?? '/').split('/')[1] as Channel;
				const result = runPipeline({ headers: req.headers, rawBody: raw }, { channel, secrets: [receiver!.secrets[channel]] });
				receiver!.received.push({ path: req.url ?? '/', headers: req.headers, raw, result });
				res.writeHead(result.status, { 'content-type': 'text/plain' });
				res.end(result.body);
			});
		});
		receiver = new WebhookReceiver(server, secrets);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return receiver;
	}

	url(channel: Channel): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${channel}`;
	}

	of(channel: Channel): Received[] {
		return this.received.filter((entry) => entry.path === `/${channel}`);
	}

	async waitFor(predicate: (entries: Received[]) => boolean, timeoutMs = 5000): Promise<Received[]> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(this.received)) {
			if (Date.now() > deadline) {
				throw new Error(`webhooks not received in time; got: ${this.received.map((entry) => `${entry.path} ${entry.raw.toString().slice(0, 160)}`).join('\n')}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return this.received;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/**
 * Registers the jest hooks of a simulator suite: one receiver for the run, a fresh simulator per
 * test (from `config()`, then pointed at the receiver by `wire`).
 */
export function simulatorSuite(
	secrets: Record<Channel, string>,
	config: () => SimulatorConfig,
	wire: (config: SimulatorConfig, receiver: WebhookReceiver) => void,
): { readonly simulator: ChatSimulator; readonly receiver: WebhookReceiver; restart(next: SimulatorConfig): Promise<void> } {
	const suite = { simulator: undefined as unknown as ChatSimulator, receiver: undefined as unknown as WebhookReceiver };
	beforeAll(async () => {
		suite.receiver = await WebhookReceiver.start(secrets);
	});
	beforeEach(async () => {
		suite.receiver.received.length = 0;
		const next = config();
		next.port = 0;
		wire(next, suite.receiver);
		suite.simulator = await ChatSimulator.start(next);
	});
	afterEach(async () => await suite.simulator.close());
	afterAll(async () => await suite.receiver.close());
	return {
		get simulator() {
			return suite.simulator;
		},
		get receiver() {
			return suite.receiver;
		},
		async restart(next: SimulatorConfig) {
			await suite.simulator.close();
			suite.simulator = await ChatSimulator.start(next);
		},
	};
}
