import { foldText, matchKeyword, parseKeywords } from '../../../nodes/shared/conversation';

describe('keywords', () => {
	it('folds case, accents, spaces and edge punctuation', () => {
		expect(foldText('  MÉNÚ!! ')).toBe('menu');
		expect(foldText('Ça  va ?')).toBe('ca va');
		expect(foldText('STOP 🛑')).toBe('stop');
	});

	it('parses comma and newline separated lists', () => {
		expect(parseKeywords('STOP, MENU\nAGENT,,', 'prefix')).toEqual([
			{ keyword: 'STOP', match: 'prefix' },
			{ keyword: 'MENU', match: 'prefix' },
			{ keyword: 'AGENT', match: 'prefix' },
		]);
	});

	it('matches whole messages case- and accent-insensitively', () => {
		const rules = parseKeywords('MENU, Atención');
		expect(matchKeyword(rules, { text: 'menu' })?.keyword).toBe('MENU');
		expect(matchKeyword(rules, { text: 'Ménu!' })?.keyword).toBe('MENU');
		expect(matchKeyword(rules, { text: 'ATENCION' })?.keyword).toBe('Atención');
		expect(matchKeyword(rules, { text: 'menu please' })).toBeUndefined();
		expect(matchKeyword(rules, { text: '' })).toBeUndefined();
	});

	it('prefix matches whole leading words only', () => {
		const rules = parseKeywords('menu', 'prefix');
		expect(matchKeyword(rules, { text: 'Menu please' })?.keyword).toBe('menu');
		expect(matchKeyword(rules, { text: 'menu' })?.keyword).toBe('menu');
		expect(matchKeyword(rules, { text: 'menus' })).toBeUndefined();
		expect(matchKeyword(rules, { text: 'the menu' })).toBeUndefined();
	});

	it('matches a tapped button by title or id', () => {
		const rules = parseKeywords('MENU');
		expect(matchKeyword(rules, { text: '', reply: { id: 'opt_1', title: 'Menu' } })?.keyword).toBe('MENU');
		expect(matchKeyword(rules, { text: '', reply: { id: 'menu', title: 'Back' } })?.keyword).toBe('MENU');
		expect(matchKeyword(rules, { text: '', reply: { id: 'book', title: 'Book' } })).toBeUndefined();
	});
});
