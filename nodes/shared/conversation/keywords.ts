/**
 * Global keywords (STOP, MENU, AGENT...): matched case- and accent-insensitively on the message
 * text, or on the title or id of the tapped button, so a "Menu" button works like typing "menu".
 */
export interface KeywordRule {
	/** As the user typed it in the trigger (reported in the flagged item). */
	keyword: string;
	/** `exact`: the whole message; `prefix`: the message starts with the keyword as a whole word. */
	match: 'exact' | 'prefix';
}

/**
 * Lower case, accents removed (NFD, combining marks dropped), spaces collapsed, punctuation and
 * emoji at both ends dropped ("Menu!" is "menu").
 */
export function foldText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
}

/** Parses "STOP, MENU, AGENT" (commas or new lines) into rules with one match mode. */
export function parseKeywords(list: string, match: KeywordRule['match'] = 'exact'): KeywordRule[] {
	return list
		.split(/[,\n]/)
		.map((word) => word.trim())
		.filter(Boolean)
		.map((keyword) => ({ keyword, match }));
}

/** The first rule the message matches, or undefined. */
export function matchKeyword(
	rules: readonly KeywordRule[],
	message: { text?: unknown; reply?: { id?: unknown; title?: unknown } },
): KeywordRule | undefined {
	const candidates = [message.text, message.reply?.title, message.reply?.id]
		.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
		.map(foldText);
	if (candidates.length === 0) return undefined;
	return rules.find((rule) => {
		const word = foldText(rule.keyword);
		if (!word) return false;
		return candidates.some((text) =>
			rule.match === 'exact' ? text === word : text === word || (text.startsWith(word) && !/[\p{L}\p{N}]/u.test(text[word.length])),
		);
	});
}
