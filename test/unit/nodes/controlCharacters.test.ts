import { shippedNodeDescriptions } from '../../support/shippedNodes';

const nodes = shippedNodeDescriptions();

/** Every text of a parameter a person reads, with those of its options and sub-fields. */
function visibleTexts(property: Record<string, unknown>): string[] {
	const own = ['displayName', 'description', 'placeholder', 'hint', 'action'].map((key) => property[key]).filter((value): value is string => typeof value === 'string');
	const nested = [property.options, property.values].flatMap((list) => (Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []));
	return [...own, ...nested.flatMap(visibleTexts)];
}

// A tab typed into a description shows in the editor as a gap in the middle of a sentence.
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

describe.each(nodes.map((description) => [description.displayName, description] as const))('%s', (_, description) => {
	test('no label, description or placeholder holds a tab or another control character', () => {
		const texts = description.properties.flatMap((property) => visibleTexts(property as never));
		expect(texts.filter((text) => CONTROL.test(text))).toEqual([]);
	});
});
