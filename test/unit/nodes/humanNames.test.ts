import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { evaluateEditorExpression } from '../canvas/editorEvaluation';
import { problemsOf } from '../../support/humanLabels';
import { shippedNodeDescriptions, visibleTexts } from '../../support/shippedNodes';

const nodes = shippedNodeDescriptions();

const optionsOf = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];

const GENERIC_EVENT_NAMES = ['Unknown', 'Errors', 'Error', 'Other', 'Misc'];

describe.each(nodes.map((description) => [description.displayName, description] as const))('%s reads as n8n\'s own nodes do', (_, description) => {
	const properties = description.properties;
	const operations = properties.filter((property) => property.name === 'operation' && property.type === 'options');
	const events = properties.find((property) => property.name === 'events');

	test('every operation has an action name a person can read', () => {
		const actions = operations.flatMap((property) => optionsOf(property).map((option) => option.action));
		for (const action of actions) expect({ action, problems: problemsOf(action) }).toEqual({ action, problems: [] });
	});

	test('every event name reads after "On" in the node picker', () => {
		for (const option of optionsOf(events)) {
			expect({ event: option.name, problems: problemsOf(option.name) }).toEqual({ event: option.name, problems: [] });
			expect(GENERIC_EVENT_NAMES).not.toContain(option.name);
		}
	});

	test('with more than one credential, each says what it is for (n8n labels them all "Credential" otherwise)', () => {
		const credentials = description.credentials ?? [];
		if (credentials.length < 2) return;
		const labels = credentials.map((credential) => credential.displayName);
		for (const label of labels) expect({ label, problems: problemsOf(label) }).toEqual({ label, problems: [] });
		expect(new Set(labels).size).toBe(labels.length);
	});

	test('the subtitle under the node reads as a phrase for every choice', () => {
		if (description.subtitle === undefined) return;
		const choices: Array<Record<string, unknown>> = [];
		for (const property of operations) {
			const resources = (property.displayOptions?.show?.resource as string[] | undefined) ?? [undefined];
			for (const option of optionsOf(property)) for (const resource of resources) choices.push({ resource, operation: option.value });
		}
		// Any other choice the subtitle reads ($parameter["respondWith"], $parameter["sessionAction"]).
		for (const [, name] of String(description.subtitle).matchAll(/\$parameter\["(\w+)"\]/g)) {
			if (['resource', 'operation', 'events'].includes(name)) continue;
			for (const option of optionsOf(properties.find((property) => property.name === name))) choices.push({ [name]: option.value });
		}
		if (events) {
			const values = optionsOf(events).map((option) => option.value);
			choices.push({ events: [] }, { events: values.slice(0, 1) }, { events: values.slice(0, 2) });
		}
		if (choices.length === 0) choices.push({});
		// The editor's $parameter holds every parameter, with its default unless chosen.
		const defaults = Object.fromEntries(properties.map((property) => [property.name, property.default]));
		for (const choice of choices) {
			const parameters = { ...defaults, ...choice };
			const subtitle = String(description.subtitle).startsWith('={{') ? evaluateEditorExpression(String(description.subtitle), parameters) : description.subtitle;
			expect({ choice, subtitle, problems: problemsOf(subtitle, { capitalised: false }) }).toEqual({ choice, subtitle, problems: [] });
		}
	});
});

/** An expression written as n8n would not evaluate it: `$JSON`, `.ID` (a lint fix for prose casing). */
const MISCASED_EXPRESSION = /\{\{[^}]*(\$[A-Z]{2,}|\.(ID|JSON)\b)[^}]*\}\}/;

describe.each(nodes.map((description) => [description.displayName, description] as const))('%s help texts', (_, description) => {
	test('quote expressions as n8n evaluates them ($json, lower-case fields)', () => {
		const miscased = description.properties.flatMap(visibleTexts).filter((text) => MISCASED_EXPRESSION.test(text));
		expect(miscased).toEqual([]);
	});
});

describe('the checks themselves', () => {
	test.each(['After a trigger use {{ $JSON.contact.id }}', 'e.g. {{ $json.message.image.ID }}'])('%j is a miscased expression', (text) => {
		expect(text).toMatch(MISCASED_EXPRESSION);
	});

	test.each(['After a trigger use {{ $json.contact.id }}', 'Upload flow JSON', 'the ID of {{ $json.media.id }}'])('%j is no miscased expression', (text) => {
		expect(text).not.toMatch(MISCASED_EXPRESSION);
	});

	test.each([
		['Send a whats app flow', '"whats app"'],
		['Wait for the contact s reply', 'a lone letter'],
		['sendButtons: message', 'code words sendButtons'],
		['send a message', 'not capitalised'],
	])('%j is refused (%s)', (text, problem) => {
		expect(problemsOf(text)).toContain(problem);
	});

	test.each(["Wait for the contact's reply", 'Send a WhatsApp Flow', 'Send an image, video, audio, document or sticker', 'Upload flow JSON'])(
		'%j reads well',
		(text) => {
			expect(problemsOf(text)).toEqual([]);
		},
	);
});
