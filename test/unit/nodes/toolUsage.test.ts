import { shippedNodeDescriptions } from '../../support/shippedNodes';

const nodes = shippedNodeDescriptions();

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
