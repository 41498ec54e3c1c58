/** A Flow JSON the validator accepts: a form screen that navigates to a terminal summary. */
export const VALID_FLOW = {
	version: '7.2',
	screens: [
		{
			id: 'CONTACT',
			title: 'Your details',
			layout: {
				type: 'SingleColumnLayout',
				children: [
					{ type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email', required: true },
					{ type: 'Footer', label: 'Continue', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DONE' }, payload: { email: '${form.email}' } } },
				],
			},
		},
		{
			id: 'DONE',
			title: 'Thanks',
			terminal: true,
			data: { email: { type: 'string', __example__: 'ada@example.com' } },
			layout: {
				type: 'SingleColumnLayout',
				children: [
					{ type: 'TextBody', text: '${data.email}' },
					{ type: 'Footer', label: 'Confirm', 'on-click-action': { name: 'complete', payload: { email: '${data.email}' } } },
				],
			},
		},
	],
};
