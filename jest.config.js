// `npm test`: unit and integration tests; no n8n server. The e2e suite (test/e2e) has its own
// config because it starts a real n8n and runs serially.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json'}],
		// The chat page's plain ES modules, so their pure logic has unit tests.
		'/simulator/page/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true } }],
	},
	testTimeout: 30000,
};
