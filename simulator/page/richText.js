// RichText's Markdown subset as DOM nodes (never innerHTML, the text comes from the Flow):
// `#`/`##` headings, `-`/`1.` lists, `| a | b |` tables (the row after the header is the
// `| --- |` separator), `![alt](data:image/…)` images, `**bold**`, `*italic*`, `~~strike~~` and
// `[links](url)`; anything else stays plain text.
import { h } from './render.js';

export function renderRichText(text) {
	const lines = (Array.isArray(text) ? text.join('\n') : String(text ?? '')).split('\n');
	const blocks = [];
	let list = null;
	let table = null;
	for (const line of lines) {
		if (/^\s*\|.*\|\s*$/.test(line)) {
			list = null;
			const cells = line.trim().slice(1, -1).split('|').map((cell) => cell.trim());
			if (!table) blocks.push((table = { element: h('table', {}), rows: 0 }).element);
			if (table.rows === 1 && cells.every((cell) => /^:?-{3,}:?$/.test(cell))) continue;
			const tag = table.rows === 0 ? 'th' : 'td';
			table.element.append(h('tr', {}, ...cells.map((cell) => h(tag, {}, ...inline(cell)))));
			table.rows += 1;
			continue;
		}
		table = null;
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

const INLINE = /!\[([^\]]*)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|\*(.+?)\*|~~(.+?)~~|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text) {
	const parts = [];
	let last = 0;
	for (const match of text.matchAll(INLINE)) {
		parts.push(text.slice(last, match.index));
		// Images: WhatsApp shows only images embedded as data URIs; any other source shows its alt text.
		if (match[2] !== undefined) parts.push(/^data:image\//.test(match[2]) ? h('img', { class: 'rich-image', src: match[2], alt: match[1] }) : `[${match[1] || 'image'}]`);
		else if (match[3]) parts.push(h('strong', {}, match[3]));
		else if (match[4]) parts.push(h('em', {}, match[4]));
		else if (match[5]) parts.push(h('s', {}, match[5]));
		else parts.push(h('a', { href: /^https?:/.test(match[7]) ? match[7] : '#', target: '_blank', rel: 'noopener' }, match[6]));
		last = match.index + match[0].length;
	}
	parts.push(text.slice(last));
	return parts;
}
