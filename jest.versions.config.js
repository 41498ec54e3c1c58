// `npm run test:versions`: the version-range smoke (test/e2e/versions) against the n8n named by
// CHATFLOW_N8N_VERSION, with the package installed the way n8n's community-package installer
// does it (globals.chatflowInstall, read by the e2e global setup).
const e2e = require('./jest.e2e.config');

/** @type {import('jest').Config} */
module.exports = {
	...e2e,
	roots: ['<rootDir>/test/e2e/versions'],
	testMatch: ['**/*.versions.test.ts'],
	globals: { chatflowInstall: 'installer' },
};
