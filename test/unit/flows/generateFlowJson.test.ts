import { VALID_FLOW } from '../../support/validFlowJson';
import { FlowGenerationError, generateFlowJson, jsonIn, type ChatTurn } from '../../../nodes/WhatsAppFlows/generation/generateFlowJson';

/** A model that answers from a script and keeps what it was asked. */
function scriptedModel(answers: string[]) {
	const asked: ChatTurn[][] = [];
	const ask = async (conversation: ChatTurn[]) => {
		asked.push(conversation.map((turn) => ({ ...turn })));
		const answer = answers.shift();
		if (answer === undefined) throw new Error('asked more often than scripted');
		return answer;
	};
	return { ask, asked };
}

const request = { description: 'Ask for an email, then confirm it', version: '7.2' };

describe('generating Flow JSON with a chat model', () => {
	test('a valid first answer is returned as it is, in one call', async () => {
		const model = scriptedModel([JSON.stringify(VALID_FLOW)]);
		const generated = await generateFlowJson(model.ask, request, 2);
		expect(generated).toEqual({ flowJson: VALID_FLOW, attempts: 1, repairs: [] });
		expect(model.asked[0].map((turn) => turn.role)).toEqual(['system', 'user']);
		expect(model.asked[0][1].content).toContain('Ask for an email, then confirm it');
	});

	test('an invalid answer goes back with its problems, and the repaired one is returned', async () => {
		const broken = { ...VALID_FLOW, screens: [{ ...VALID_FLOW.screens[0], id: 'contact-1' }, VALID_FLOW.screens[1]] };
		const model = scriptedModel([`Here it is:\n\`\`\`json\n${JSON.stringify(broken)}\n\`\`\``, JSON.stringify(VALID_FLOW)]);
		const generated = await generateFlowJson(model.ask, request, 2);
		expect(generated.attempts).toBe(2);
		expect(generated.flowJson).toEqual(VALID_FLOW);
		expect(generated.repairs).toHaveLength(1);
		expect(generated.repairs[0].map((issue) => issue.path)).toContain('screens[0].id');
		const repairTurn = model.asked[1];
		expect(repairTurn.map((turn) => turn.role)).toEqual(['system', 'user', 'assistant', 'user']);
		expect(repairTurn[3].content).toContain('screens[0].id');
	});

	test('after the allowed repairs, the remaining problems are the error', async () => {
		const model = scriptedModel(['not JSON at all', '{"version": "7.2"}']);
		const failure = await generateFlowJson(model.ask, request, 1).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(FlowGenerationError);
		expect((failure as FlowGenerationError).attempts).toBe(2);
		expect((failure as FlowGenerationError).issues).toEqual([{ path: 'screens', message: expect.stringContaining('at least one screen') }]);
		expect(model.asked).toHaveLength(2);
	});

	test('screen data the endpoint provides is part of the request', async () => {
		const model = scriptedModel([JSON.stringify(VALID_FLOW)]);
		await generateFlowJson(model.ask, { ...request, screenData: { slots: ['09:00', '10:00'] } }, 0);
		expect(model.asked[0][1].content).toContain('"09:00"');
	});

	test.each([
		['```json\n{"a": 1}\n```', '{"a": 1}'],
		['Sure! {"a": {"b": 2}} Hope it helps.', '{"a": {"b": 2}}'],
		['no braces', 'no braces'],
	])('the JSON in %j', (answer, json) => {
		expect(jsonIn(answer)).toBe(json);
	});
});
