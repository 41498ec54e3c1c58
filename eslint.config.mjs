// Lint: n8n's community-node rules, as n8n's own tooling applies them.
// - eslint-plugin-n8n-nodes-base: `community` (package.json), `credentials`, `nodes` rule sets;
// - @n8n/eslint-plugin-community-nodes (what `n8n-node lint` runs), without the n8n Cloud
//   restrictions (imports/globals), because Flow response mapping needs jsonata at run time and
//   queue-mode state needs a Redis client (ioredis); everything else applies.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const community = communityNodes.configs.recommendedWithoutN8nCloudSupport;

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**', 'test/e2e/artifacts/**', '**/*.js', '**/*.mjs'],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...community.rules,
			// Flow response mapping (jsonata) and queue-mode state (ioredis) need these at run time.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			...community.rules,
			// Our documentation lives in the README on the repository, not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...community.plugins },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			...community.rules,
			'n8n-nodes-base/node-class-description-icon-not-svg': 'error',
			// The rule's sentence case splits brand names and drops apostrophes ("Send a whats app
			// flow", "the contact s reply"). test/unit/nodes/humanNames.test.ts checks action names
			// instead: sentence case with WhatsApp, Flow and apostrophes kept.
			'n8n-nodes-base/node-param-operation-option-action-miscased': 'off',
		},
	},
];
