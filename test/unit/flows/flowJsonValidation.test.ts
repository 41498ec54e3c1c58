import { validateFlowJson, type FlowJsonIssue } from '../../../nodes/WhatsAppFlows/flowJsonValidation';

/** A valid two-screen endpoint Flow; each test breaks one thing. */
function flow(): Record<string, any> {
	return {
		version: '7.2',
		data_api_version: '3.0',
		routing_model: { FIRST: ['SECOND'], SECOND: [] },
		screens: [
			{
				id: 'FIRST',
				title: 'First',
				data: { greeting: { type: 'string', __example__: 'Hi' } },
				layout: {
					type: 'SingleColumnLayout',
					children: [
						{ type: 'TextHeading', text: '${data.greeting}' },
						{ type: 'TextInput', name: 'full_name', label: 'Name' },
						{
							type: 'Footer',
							label: 'Next',
							'on-click-action': { name: 'data_exchange', payload: { full_name: '${form.full_name}' } },
						},
					],
				},
			},
			{
				id: 'SECOND',
				title: 'Second',
				terminal: true,
				layout: {
					type: 'SingleColumnLayout',
					children: [
						{ type: 'TextBody', text: 'Done' },
						{ type: 'Footer', label: 'Finish', 'on-click-action': { name: 'complete', payload: {} } },
					],
				},
			},
		],
	};
}

const messages = (issues: FlowJsonIssue[]) => issues.map((issue) => `${issue.path}: ${issue.message}`);

describe('Flow JSON validation', () => {
	it('accepts a valid Flow, as object and as text', () => {
		expect(validateFlowJson(flow())).toEqual([]);
		expect(validateFlowJson(JSON.stringify(flow()))).toEqual([]);
	});

	it('reports JSON that does not parse', () => {
		expect(messages(validateFlowJson('{"version": '))[0]).toMatch(/^\$: Flow JSON does not parse/);
	});

	it('requires version and screens', () => {
		const document = flow();
		delete document.version;
		document.screens = [];
		expect(messages(validateFlowJson(document))).toEqual(
			expect.arrayContaining([expect.stringMatching(/^version: /), expect.stringMatching(/^screens: /)]),
		);
	});

	it('requires routing_model when the Flow has an endpoint', () => {
		const document = flow();
		delete document.routing_model;
		expect(messages(validateFlowJson(document))).toContainEqual(expect.stringMatching(/^routing_model: .*required/));
	});

	it('finds duplicate, reserved and badly formed screen ids', () => {
		const document = flow();
		document.screens[1].id = 'FIRST';
		expect(messages(validateFlowJson(document))).toContainEqual('screens[1].id: duplicate screen id "FIRST"');
		document.screens[1].id = 'SUCCESS';
		expect(messages(validateFlowJson(document))).toContainEqual('screens[1].id: screen id "SUCCESS" is reserved');
		document.screens[1].id = 'SECOND-2';
		expect(messages(validateFlowJson(document))).toContainEqual(expect.stringMatching(/^screens\[1\]\.id: .*letters and underscores/));
	});

	it('requires a Footer on terminal screens', () => {
		const document = flow();
		document.screens[1].layout.children.splice(1, 1);
		expect(messages(validateFlowJson(document))).toContainEqual('screens[1]: terminal screen "SECOND" has no Footer');
	});

	it('allows complete only on terminal screens, pointing at the component', () => {
		const document = flow();
		document.screens[0].layout.children[2]['on-click-action'] = { name: 'complete', payload: {} };
		expect(messages(validateFlowJson(document))).toContainEqual(
			expect.stringMatching(/^screens\[0\]\.layout\.children\[2\]\.on-click-action: "complete" is only allowed on terminal screens/),
		);
	});

	it('checks routing and navigate targets', () => {
		const document = flow();
		document.routing_model.FIRST = ['SECOND', 'THIRD'];
		document.screens[0].layout.children[2]['on-click-action'] = { name: 'navigate', next: { type: 'screen', name: 'NOWHERE' } };
		const found = messages(validateFlowJson(document));
		expect(found).toContainEqual('routing_model.FIRST[1]: routing target "THIRD" is not a screen');
		expect(found).toContainEqual('screens[0].layout.children[2].on-click-action.next.name: navigate target "NOWHERE" is not a screen');
	});

	it('needs an entry screen without inbound routes', () => {
		const document = flow();
		document.routing_model = { FIRST: ['SECOND'], SECOND: ['FIRST'] };
		expect(messages(validateFlowJson(document))).toContainEqual('screens: no entry screen: every screen has an inbound route');
	});

	it('allows at most 10 branches per screen', () => {
		const document = flow();
		document.routing_model.FIRST = Array.from({ length: 11 }, () => 'SECOND');
		expect(messages(validateFlowJson(document))).toContainEqual('routing_model.FIRST: 11 branches: at most 10 per screen');
	});

	it('resolves ${data.x} and ${form.x} references inside nested components', () => {
		const document = flow();
		document.screens[0].layout.children[0].text = '${data.missing}';
		document.screens[0].layout.children[2]['on-click-action'].payload.full_name = '${form.nobody}';
		const found = messages(validateFlowJson(document));
		expect(found).toContainEqual(expect.stringMatching(/^screens\[0\]\.layout\.children\[0\]\.text: \$\{data\.missing\}: "missing" is not declared/));
		expect(found).toContainEqual(
			expect.stringMatching(/^screens\[0\]\.layout\.children\[2\]\.on-click-action\.payload\.full_name: \$\{form\.nobody\}: no component named "nobody"/),
		);
	});

	it('finds components inside a Form container', () => {
		const document = flow();
		const children = document.screens[0].layout.children;
		document.screens[0].layout.children = [{ type: 'Form', name: 'form', children }];
		expect(validateFlowJson(document)).toEqual([]);
		children[0].text = '${data.nope}';
		expect(messages(validateFlowJson(document))).toContainEqual(expect.stringMatching(/^screens\[0\]\.layout\.children\[0\]\.children\[0\]\.text: /));
	});

	it('rejects null values where they are', () => {
		const document = flow();
		document.screens[1].title = null;
		expect(messages(validateFlowJson(document))).toContainEqual('screens[1].title: null is not allowed in Flow JSON');
	});

	it('rejects documents over 10 MB without parsing them', () => {
		const big = JSON.stringify({ ...flow(), padding: 'x'.repeat(10 * 1024 * 1024) });
		expect(messages(validateFlowJson(big))).toEqual(['$: Flow JSON is larger than 10 MB']);
	});
});
