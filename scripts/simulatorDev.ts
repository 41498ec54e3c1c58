/**
 * The chat simulator as `npm run dev` runs it: started once (it outlives n8n restarts), linked to
 * n8n with credentials and the example workflows the first time, and re-pointed at n8n (new API
 * key) after each restart. What was created is remembered in <dev folder>/simulator-link.json,
 * so a second `npm run dev` reuses it instead of creating duplicates.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadConfig } from '../simulator/config';
import { linkSimulator, reapply, type SimulatorLink } from '../simulator/n8n/connect';
import { ChatSimulator } from '../simulator/chatSimulator';
import type { N8nApi } from './n8n/api';
import { freePort } from './n8n/instance';

export interface DevSimulator {
	link(api: N8nApi): Promise<void>;
	close(): Promise<void>;
}

export async function startDevSimulator(userFolder: string, log: (line: string) => void): Promise<DevSimulator> {
	const config = loadConfig();
	const wanted = Number(process.env.CHATFLOW_SIMULATOR_PORT ?? config.port);
	config.port = (await portIsFree(wanted)) ? wanted : await freePort();
	const simulator = await ChatSimulator.start(config);
	const stateFile = join(userFolder, 'simulator-link.json');
	return {
		async link(api) {
			const started = Date.now();
			let link = readLink(stateFile);
			if (link && link.simulatorUrl === simulator.url && (await workflowsExist(api, link))) {
				reapply(api, simulator, link);
			} else {
				link = await linkSimulator(api, simulator);
				writeFileSync(stateFile, JSON.stringify(link, null, 2));
				log(`created the simulator credentials and the example workflows in ${Date.now() - started} ms`);
			}
			log(`chat simulator: open ${simulator.url}/  and type "hi" (WhatsApp, Ada Lovelace): the workflow "Chatflow Simulator: WhatsApp echo bot" answers`);
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
