/**
 * `npx tsx simulator/cli.ts [--config file.json] [--port 5690]` (or `npm run simulator`): starts
 * the chat simulator and prints the URL to open and the Base URL to put into the credentials.
 * Ctrl-C stops it.
 */
import { loadConfig } from './config';
import { ChatSimulator } from './chatSimulator';

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
	const config = loadConfig(flag('config') ?? process.env.CHATFLOW_SIMULATOR_CONFIG ?? undefined);
	const port = flag('port') ?? process.env.CHATFLOW_SIMULATOR_PORT;
	if (port !== undefined) config.port = Number(port);
	const simulator = await ChatSimulator.start(config);
	const out = (line: string) => process.stdout.write(`[simulator] ${line}\n`);
	out(`chat page:  ${simulator.url}/`);
	out(`Base URL for the WhatsApp, Meta App, Messenger and Instagram credentials: ${simulator.url}`);
	out(`Base URL for the Viber credential: ${simulator.url}/pa`);
	for (const [channel, target] of Object.entries(config.webhooks)) {
		out(`${channel.padEnd(9)} webhooks → ${target.url || '(not set: set it on the page, in the config, or register the trigger automatically)'}`);
	}
	const stop = async () => {
		await simulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	process.stderr.write(`[simulator] ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
