import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { GRAPH_API_VERSION_DEFAULT } from '../../../credentials/common/graphDefaults';
import { FakePlatform } from '../../../simulator/platform';
import { binaryItem, loadWorkflowFixture, runWorkflow, type WorkflowJson } from '../../support/harness';

// Test-only node types (runWorkflow's `nodeTypes` option) exercise the engine services the
// package's nodes rely on: binary data and credential handling, through n8n-core's own helpers.
const description = (name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: 1,
	description: name,
	defaults: { name },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
	...extra,
});

class MakeBinary implements INodeType {
	description = description('makeBinary');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const data = await this.helpers.prepareBinaryData(Buffer.from(String(items[i].json.text)), 'note.txt', 'text/plain');
			output.push({ json: {}, binary: { data }, pairedItem: { item: i } });
		}
		return [output];
	}
}

class ReadBinary implements INodeType {
	description = description('readBinary');

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const bytes = await this.helpers.getBinaryDataBuffer(i, 'data');
			output.push({ json: { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }, pairedItem: { item: i } });
		}
		return [output];
	}
}

class GraphGet implements INodeType {
	description = description('graphGet', { credentials: [{ name: 'chatflowWhatsAppApi', required: true }] });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('chatflowWhatsAppApi');
		const response = await this.helpers.httpRequestWithAuthentication.call(this, 'chatflowWhatsAppApi', {
			method: 'GET',
			url: `${String(credentials.baseUrl)}/${String(credentials.apiVersion)}/${String(credentials.businessAccountId)}`,
			json: true,
		});
		return [[{ json: { response, apiVersion: credentials.apiVersion } }]];
	}
}

const testNodeTypes = { 'test.makeBinary': new MakeBinary(), 'test.readBinary': new ReadBinary(), 'test.graphGet': new GraphGet() };
const testNode = (name: string, type: string): INode => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {} });
const trigger: INode = { ...testNode('Trigger', 'n8n-nodes-base.manualTrigger') };
const chain = (...nodes: INode[]): WorkflowJson => ({
	nodes,
	connections: Object.fromEntries(nodes.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }])),
});
const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

describe('binary data', () => {
	test('prepareBinaryData stores in the filesystem store; the next node and the result read the bytes back', async () => {
		const text = 'Grüße aus dem Harness ✓';
		const result = await runWorkflow({
			workflow: chain(trigger, testNode('Make', 'test.makeBinary'), testNode('Read', 'test.readBinary')),
			nodeTypes: testNodeTypes,
			input: [{ text }],
		});

		expect(result.error).toBeUndefined();
		const stored = result.outputs('Make')[0][0].binary?.data;
		expect(stored).toMatchObject({ mimeType: 'text/plain', fileName: 'note.txt', bytes: Buffer.byteLength(text) });
		expect(stored?.id).toMatch(/^filesystem-v2:/); // not inline: the real store, as a default n8n
		expect((await result.binary('Make')).toString('utf8')).toBe(text);
		expect(result.output('Read')).toEqual([{ length: Buffer.byteLength(text), sha256: sha256(text) }]);
	});

	test('input items may carry inline binary (binaryItem); a regular node as start node receives them', async () => {
		const bytes = Buffer.from([0, 255, 1, 254, 2, 253]);
		const result = await runWorkflow({
			workflow: chain(testNode('Read', 'test.readBinary')),
			nodeTypes: testNodeTypes,
			input: [binaryItem(bytes, { mimeType: 'application/octet-stream', fileName: 'raw.bin' })],
		});

		expect(result.output('Read')).toEqual([{ length: 6, sha256: sha256(bytes) }]);
	});
});

describe('credentials', () => {
	let platform: FakePlatform;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: ['EAAG-harness'] });
		platform.on('GET', '/:version/:id', (request, params) => ({ json: { id: params.id, version: params.version, name: 'WABA' } }));
	});
	afterAll(async () => await platform.close());

	test("the type's defaults fill missing fields; an `=Bearer {{$credentials.x}}` header is resolved by n8n's expression engine", async () => {
		const result = await runWorkflow({
			workflow: chain(trigger, testNode('Graph', 'test.graphGet')),
			nodeTypes: testNodeTypes,
			credentials: { chatflowWhatsAppApi: { accessToken: 'EAAG-harness', businessAccountId: '1029384756', baseUrl: platform.url } },
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Graph')).toEqual([
			{ response: { id: '1029384756', version: GRAPH_API_VERSION_DEFAULT, name: 'WABA' }, apiVersion: GRAPH_API_VERSION_DEFAULT },
		]);
		const [request] = platform.received('GET', '/:version/:id');
		expect(request.headers.authorization).toBe('Bearer EAAG-harness');
	});
});

describe('loading and errors', () => {
	test('an unknown built-in type rejects with the supported list', async () => {
		await expect(runWorkflow({ workflow: chain(testNode('Slack', 'n8n-nodes-base.slack')) })).rejects.toThrow(
			/unknown node type "n8n-nodes-base.slack".*n8n-nodes-base.manualTrigger/,
		);
	});

	test('an unknown package type rejects naming the node', async () => {
		await expect(runWorkflow({ workflow: chain(testNode('X', 'n8n-nodes-chatflow.chatflowNope')) })).rejects.toThrow(
			'no node named "chatflowNope"',
		);
	});

	test('a startNode that is not in the workflow rejects', async () => {
		await expect(runWorkflow({ workflow: chain(trigger), startNode: 'Elsewhere' })).rejects.toThrow('startNode "Elsewhere"');
	});
});

describe('speed', () => {
	test('a 3-node workflow with real HTTP runs again and again once loaded (median time printed, not asserted)', async () => {
		const platform = await FakePlatform.start();
		try {
			// A token per run: the Viber node's own per-bot rate limiter (20/s) would otherwise set the pace.
			let runs = 0;
			const run = async () =>
				await runWorkflow({
					workflow: loadWorkflowFixture('viber-send-text'),
					credentials: { chatflowViberApi: { authToken: `token-${++runs}`, senderName: 'Bot', baseUrl: platform.url } },
				});
			await run(); // loads the node types and n8n-core's lazily required modules
			const times: number[] = [];
			for (let i = 0; i < 20; i++) {
				const started = performance.now();
				expect((await run()).status).toBe('success');
				times.push(performance.now() - started);
			}
			times.sort((a, b) => a - b);
			// Printed, never asserted: the machines that run the tests are shared and noisy (3 to 12 ms quiet).
			process.stdout.write(`[harness] a loaded 3-node workflow runs in ${times[10].toFixed(1)} ms (median of 20)\n`);
			expect(platform.requests).toHaveLength(21);
		} finally {
			await platform.close();
		}
	});
});
