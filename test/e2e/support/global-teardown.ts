import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
	const n8n = globalThis.__CHATFLOW_N8N__;
	if (n8n) {
		await n8n.stop();
		process.stdout.write(`[e2e] n8n (pid ${n8n.pid}) stopped\n`);
		if (!process.env.CHATFLOW_E2E_KEEP) rmSync(n8n.options.userFolder, { recursive: true, force: true });
	}
}
