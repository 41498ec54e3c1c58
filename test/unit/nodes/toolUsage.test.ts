import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { n8n } from '../../../package.json';

/** Every node the package ships, loaded from its source as package.json lists it. */
const nodes = n8n.nodes.map((built) => {
	const source = built.replace(/^dist\//, '../../../').replace(/\.js$/, '');
	const module = require(source) as Record<string, new () => INodeType>;
	const className = source.split('/').pop()!.replace('.node', '');
	return new module[className]().description as INodeTypeDescription;
});

const tools = nodes.filter((description) => description.usableAsTool).map((description) => description.name).sort();

describe('which nodes an AI agent is offered as tools', () => {
	test('the action nodes whose operations work from a tool call', () => {
		expect(tools).toEqual([
			'chatflowFlowResponse',
			'chatflowInstagram',
			'chatflowMessenger',
			'chatflowViber',
			'chatflowWhatsApp',
			'chatflowWhatsAppFlows',
		]);
	});

	test('never a trigger, the Conversation node (it waits for a person) or Respond to Flow (it answers the endpoint request of its own execution)', () => {
		for (const name of ['chatflowConversation', 'chatflowFlowsRespond']) expect(tools).not.toContain(name);
		expect(tools.filter((name) => name.endsWith('Trigger'))).toEqual([]);
	});
});
