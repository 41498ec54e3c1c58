import { cpus, freemem, totalmem } from 'node:os';

/** The facts a reader needs to compare results across machines. */
export function describeMachine(): Record<string, unknown> {
	const cores = cpus();
	return {
		cpuModel: cores[0]?.model ?? 'unknown',
		cores: cores.length,
		memoryGb: Math.round(totalmem() / 2 ** 30),
		freeMemoryGb: Math.round(freemem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
		n8n: process.env.CHATFLOW_N8N_DIR?.match(/n8n-([\d.]+)/)?.[1] ?? 'not installed',
		date: new Date().toISOString(),
	};
}
