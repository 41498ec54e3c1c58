import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nApi } from '../../scripts/n8n/api';
import { fanOutWorkflow } from '../../scripts/n8n/fanOutWorkflow';
import { N8nInstance, freePort } from '../../scripts/n8n/instance';

/** n8n's peak RSS (VmHWM, cumulative since start) in MB. */
export function peakRssMb(pid: number): number {
	return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** POST without a client-side time limit (fetch gives up on headers after 300 s; a 20k run can take longer). */
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: string }> {
	const payload = Buffer.from(JSON.stringify(body));
	return await new Promise((resolve, reject) => {
		const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(payload);
	});
}

/**
 * What n8n itself needs for an execution of N items, with no HTTP at all: the send benchmark's
 * workflow with n8n's Set node (one expression per item, as the send node's text) in place of
 * the send node, in a separate n8n (peak RSS is cumulative, so it cannot share the process).
 * Its peak RSS after 2k and after 20k items is the floor under the send node's own figures.
 */
export async function measureMemoryFloor(
	packageDir: string,
	env: Record<string, string>,
	sizes: { n: number; nLarge: number },
	log: (message: string) => void,
): Promise<{ peakRssMb: number; peakRssMbLarge: number }> {
	const userFolder = mkdtempSync(join(tmpdir(), 'chatflow-bench-floor-'));
	const n8n = await N8nInstance.start({ userFolder, packageDir, port: await freePort(), env });
	try {
		await n8n.waitUntilReady();
		const api = await N8nApi.connect(n8n.url);
		const hook = randomUUID();
		const setNode = {
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { assignments: { assignments: [{ id: randomUUID(), name: 'text', value: '=Hello {{ $json.name }}', type: 'string' }] }, includeOtherFields: true, options: {} },
		};
		await api.createWorkflow(fanOutWorkflow('bench memory floor', hook, setNode), { webhooks: [{ path: hook }] });
		const run = async (count: number) => {
			const recipients = Array.from({ length: count }, (_, i) => ({ to: String(4915000000000 + i), name: `R${i}` }));
			const response = await postJson(`${n8n.url}/webhook/${hook}`, { recipients });
			if (response.status !== 200) throw new Error(`memory floor: webhook answered ${response.status}: ${response.body.slice(0, 300)}`);
			const rss = peakRssMb(n8n.pid);
			log(`n8n floor (Set instead of a send node), ${count} items: peak RSS ${rss.toFixed(0)} MB`);
			return rss;
		};
		await run(200);
		return { peakRssMb: await run(sizes.n), peakRssMbLarge: await run(sizes.nLarge) };
	} finally {
		await n8n.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}
