// RichText's Markdown subset as DOM nodes (never innerHTML, the text comes from the Flow):
// `#`/`##` headings, `-`/`1.` lists, `**bold**`, `*italic*`, `~~strike~~` and `[links](url)`;
// anything else stays plain text.
import { h } from './render.js';

export function renderRichText(text) {
	const lines = (Array.isArray(text) ? text.join('\n') : String(text ?? '')).split('\n');
	const blocks = [];
	let list = null;
	for (const line of lines) {
		const heading = /^(#{1,2})\s+(.*)$/.exec(line);
		const item = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line);
		if (item) {
			const tag = item[1] ? 'ol' : 'ul';
			if (!list || list.tagName.toLowerCase() !== tag) blocks.push((list = h(tag, {})));
			list.append(h('li', {}, ...inline(item[2])));
			continue;
		}
		list = null;
		if (heading) blocks.push(h(heading[1].length === 1 ? 'h2' : 'h3', {}, ...inline(heading[2])));
		else if (line.trim()) blocks.push(h('p', {}, ...inline(line)));
	}
	return blocks;
}

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|~~(.+?)~~|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text) {
	const parts = [];
	let last = 0;
	for (const match of text.matchAll(INLINE)) {
		parts.push(text.slice(last, match.index));
		if (match[1]) parts.push(h('strong', {}, match[1]));
		else if (match[2]) parts.push(h('em', {}, match[2]));
		else if (match[3]) parts.push(h('s', {}, match[3]));
		else parts.push(h('a', { href: /^https?:/.test(match[5]) ? match[5] : '#', target: '_blank', rel: 'noopener' }, match[4]));
		last = match.index + match[0].length;
	}
	parts.push(text.slice(last));
	return parts;
}
