/**
 * The chat simulator as `npm run dev` runs it: started once (it outlives n8n restarts), linked to
 * n8n with credentials and the example workflows the first time (a bot on every channel), and
 * re-pointed at n8n (new API key) after each restart. What was created is remembered in
 * <dev folder>/simulator-link.json, so a second `npm run dev` reuses it instead of creating
 * duplicates (and adds what a link saved by an older dev lacks).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CHANNELS, loadConfig, type ChannelName } from '../simulator/config';
import { BOT_OF_CHANNEL, addMessagingBot, linkSimulator, linkedWebhookPaths, reapply, triggerUrl, type SimulatorLink } from '../simulator/n8n/connect';
import { ChatSimulator } from '../simulator/chatSimulator';
import type { N8nApi } from './n8n/api';
import { freePort } from './n8n/instance';

/** Where a channel's webhooks go: an example workflow of dev's, another URL, or nowhere yet. */
export type ChannelWiring = { channel: ChannelName; workflow: string } | { channel: ChannelName; url: string } | { channel: ChannelName; unconnected: true };

export interface DevSimulator {
	readonly url: string;
	link(api: N8nApi): Promise<void>;
	/** Each channel's wiring, as the simulator delivers now. */
	wiring(): ChannelWiring[];
	close(): Promise<void>;
}

export async function startDevSimulator(userFolder: string, log: (line: string) => void): Promise<DevSimulator> {
	const config = loadConfig();
	const wanted = Number(process.env.CHATFLOW_SIMULATOR_PORT ?? config.port);
	config.port = (await portIsFree(wanted)) ? wanted : await freePort();
	const simulator = await ChatSimulator.start(config);
	const stateFile = join(userFolder, 'simulator-link.json');
	let linked: { api: N8nApi; link: SimulatorLink } | undefined;
	return {
		url: simulator.url,
		async link(api) {
			const started = Date.now();
			let link = readLink(stateFile);
			if (link && link.simulatorUrl === simulator.url && (await workflowsExist(api, link))) {
				if (!link.messagingIds) {
					await addMessagingBot(api, link);
					writeFileSync(stateFile, JSON.stringify(link, null, 2));
					log(`added the Messenger, Instagram and Viber bot in ${Date.now() - started} ms`);
				}
				// n8n activates saved workflows in the background after it starts: the first message
				// typed on the page should find every trigger registered.
				for (const path of linkedWebhookPaths(link)) await api.waitForWebhook(path);
				reapply(api, simulator, link);
			} else {
				link = await linkSimulator(api, simulator);
				writeFileSync(stateFile, JSON.stringify(link, null, 2));
				log(`created the simulator credentials and the example workflows in ${Date.now() - started} ms`);
			}
			linked = { api, link };
		},
		wiring() {
			return CHANNELS.map((channel): ChannelWiring => {
				const { url } = simulator.context.config.webhooks[channel];
				if (!url) return { channel, unconnected: true };
				if (linked && url === triggerUrl(linked.api, linked.link, channel)) return { channel, workflow: BOT_OF_CHANNEL[channel] };
				return { channel, url };
			});
		},
		close: async () => await simulator.close(),
	};
}

function readLink(file: string): SimulatorLink | undefined {
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as SimulatorLink;
	} catch {
		return undefined;
	}
}

async function workflowsExist(api: N8nApi, link: SimulatorLink): Promise<boolean> {
	for (const id of link.workflowIds) {
		try {
			const workflow = await api.request<{ active: boolean }>('GET', `/workflows/${id}`);
			if (!workflow.active) await api.request('POST', `/workflows/${id}/activate`);
		} catch {
			return false;
		}
	}
	return true;
}

async function portIsFree(port: number): Promise<boolean> {
	try {
		await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
		return false;
	} catch {
		return true;
	}
}
