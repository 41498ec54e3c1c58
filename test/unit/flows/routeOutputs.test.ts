import { outputIndexFor, parseRoutes, ROUTE_OUTPUTS_EXPRESSION, ROUTE_OUTPUTS_FUNCTION } from '../../../nodes/shared/flows/routeOutputs';

// The editor evaluates the outputs from the JavaScript source; the trigger routes with parseRoutes.
const outputsOf = new Function(`return (${ROUTE_OUTPUTS_FUNCTION});`)() as (parameters: Record<string, unknown>) => Array<{ type: string; displayName?: string }>;

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
		expect(ROUTE_OUTPUTS_EXPRESSION.startsWith('={{(')).toBe(true);
		expect(ROUTE_OUTPUTS_EXPRESSION.endsWith(')($parameter)}}')).toBe(true);
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
