import { outputIndexFor, parseRoutes, routeOutputs } from '../../../nodes/shared/flows/routeOutputs';
import { outputsExpression } from '../../../nodes/shared/canvas';
import { evaluateEditorExpression } from '../canvas/editorEvaluation';

// The editor evaluates the outputs from the function's source text; the trigger routes with parseRoutes.
const outputsOf = (parameters: Record<string, unknown>) => evaluateEditorExpression(outputsExpression(routeOutputs), parameters);

describe('one output per route', () => {
	test.each([
		['INIT, data_exchange, BACK', ['INIT', 'data_exchange', 'BACK']],
		['INIT,data_exchange:FIRST\n data_exchange:SECOND ,, INIT', ['INIT', 'data_exchange:FIRST', 'data_exchange:SECOND']],
		['', []],
		[undefined, []],
	])('parses %j', (text, routes) => {
		expect(parseRoutes(text)).toEqual(routes);
		// the editor's outputs: the same routes, then Other
		expect(outputsOf({ routing: 'outputPerRoute', routes: text })).toEqual([
			...routes.map((route) => ({ type: 'main', displayName: route })),
			{ type: 'main', displayName: 'Other' },
		]);
	});

	test('one output unless routing per route', () => {
		expect(outputsOf({ routing: 'oneOutput', routes: 'INIT' })).toEqual([{ type: 'main' }]);
		expect(outputsOf({})).toEqual([{ type: 'main' }]);
	});

	test('exact route first, then its action, then Other', () => {
		const routes = ['INIT', 'data_exchange:SECOND', 'data_exchange', 'BACK:FIRST'];
		expect(outputIndexFor('INIT', routes)).toBe(0);
		expect(outputIndexFor('data_exchange:SECOND', routes)).toBe(1);
		expect(outputIndexFor('data_exchange:FIRST', routes)).toBe(2);
		expect(outputIndexFor('BACK:FIRST', routes)).toBe(3);
		expect(outputIndexFor('BACK:SECOND', routes)).toBe(4);
		expect(outputIndexFor('ping', routes)).toBe(4);
		expect(outputIndexFor('INIT', [])).toBe(0);
	});
});
