import { shippedNodeDescriptions, visibleTexts } from '../../support/shippedNodes';

const nodes = shippedNodeDescriptions();

// A tab typed into a description shows in the editor as a gap in the middle of a sentence.
const CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

describe.each(nodes.map((description) => [description.displayName, description] as const))('%s', (_, description) => {
	test('no label, description or placeholder holds a tab or another control character', () => {
		const texts = description.properties.flatMap(visibleTexts);
		expect(texts.filter((text) => CONTROL.test(text))).toEqual([]);
	});
});
