// `npm run test:e2e`: starts the real n8n once (globalSetup) and runs the suites one at a time
// against it; every suite talks to n8n over real HTTP on loopback.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json'}],
	},
	globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 120000,
};
