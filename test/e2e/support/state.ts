/** What global-setup hands to the suites (they may run in jest worker processes). */
export interface E2eState {
	url: string;
	apiKey: string;
	cookie: string;
	userFolder: string;
	pid: number;
	logFile: string;
	/** The snapshot of the built package that this run's n8n loads (package.json, dist, …). */
	packageDir: string;
}

/**
 * global-setup writes the state into its user folder and puts the path in the environment,
 * which jest's workers inherit; several e2e runs at once each have their own.
 */
export const STATE_ENV = 'CHATFLOW_E2E_STATE';

export function stateFile(): string {
	const file = process.env[STATE_ENV];
	if (!file) throw new Error(`${STATE_ENV} is not set: run e2e suites with "npm run test:e2e"`);
	return file;
}
