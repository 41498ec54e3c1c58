import { conversationOutputs } from '../../../nodes/Conversation/canvas';
import { ChatflowConversation } from '../../../nodes/Conversation/ChatflowConversation.node';
import { ChatflowFlowsEndpointTrigger } from '../../../nodes/FlowsEndpointTrigger/ChatflowFlowsEndpointTrigger.node';
import { routeOutputs } from '../../../nodes/shared/flows/routeOutputs';
import { inputsExpression, outputsExpression } from '../../../nodes/shared/canvas';
import { ChatflowWhatsAppFlows } from '../../../nodes/WhatsAppFlows/ChatflowWhatsAppFlows.node';
import { flowsInputs } from '../../../nodes/WhatsAppFlows/canvas';
import { evaluateEditorExpression } from './editorEvaluation';

describe('outputs that depend on parameters, as the editor evaluates them', () => {
	test('the Conversation node: three named outputs for Wait for Reply, one for Session', () => {
		const expression = new ChatflowConversation().description.outputs as string;
		expect(expression).toBe(outputsExpression(conversationOutputs));
		expect(evaluateEditorExpression(expression, { operation: 'waitForReply' })).toEqual([
			{ type: 'main', displayName: 'Reply' },
			{ type: 'main', displayName: 'Timed Out' },
			{ type: 'main', displayName: 'Not Accepted' },
		]);
		expect(evaluateEditorExpression(expression, { operation: 'session' })).toEqual([{ type: 'main' }]);
	});

	test('the Flows endpoint trigger: one output per listed route, then Other', () => {
		const expression = new ChatflowFlowsEndpointTrigger().description.outputs as string;
		expect(expression).toBe(outputsExpression(routeOutputs));
		expect(evaluateEditorExpression(expression, { routing: 'outputPerRoute', routes: 'INIT, BACK' })).toEqual([
			{ type: 'main', displayName: 'INIT' },
			{ type: 'main', displayName: 'BACK' },
			{ type: 'main', displayName: 'Other' },
		]);
	});

	test('the WhatsApp Flows node: a Chat Model input for Generate Flow JSON only', () => {
		const expression = new ChatflowWhatsAppFlows().description.inputs as string;
		expect(expression).toBe(inputsExpression(flowsInputs));
		expect(evaluateEditorExpression(expression, { operation: 'generate' })).toEqual([
			'main',
			{ type: 'ai_languageModel', displayName: 'Chat Model', required: true, maxConnections: 1 },
		]);
		expect(evaluateEditorExpression(expression, { operation: 'list' })).toEqual(['main']);
	});

	test('a function that uses a name from its module fails as it would in the editor', () => {
		const outside = 'Reply';
		const leaning = () => [{ type: 'main' as const, displayName: outside }];
		expect(() => evaluateEditorExpression(outputsExpression(leaning), {})).toThrow(ReferenceError);
	});
});
