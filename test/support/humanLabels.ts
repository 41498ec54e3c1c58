/** What a person reads as broken: split brand names, lost apostrophes, code words, lone letters. */
export function problemsOf(text: unknown, { capitalised = true } = {}): string[] {
	if (typeof text !== 'string' || text.trim() === '') return ['empty'];
	const problems: string[] = [];
	if (/whats app/i.test(text)) problems.push('"whats app"');
	if (/(^|\s)[b-zB-Z](?=\s|$)/.test(text)) problems.push('a lone letter');
	const codeWords = text.split(/[\s,:/()]+/).filter((word) => /[a-z][A-Z]/.test(word) && word !== 'WhatsApp');
	if (codeWords.length > 0) problems.push(`code words ${codeWords.join(', ')}`);
	if (capitalised && !/^[A-Z]/.test(text)) problems.push('not capitalised');
	return problems;
}
