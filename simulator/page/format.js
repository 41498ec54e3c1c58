// Text as the phone shows it: HTML-escaped, then WhatsApp's formatting (*bold*, _italic_,
// ~strike~, ```mono```, `code`, > quote, - and 1. lists) and clickable links.

export function escapeHtml(text) {
	return String(text ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

const INLINE = [
	[/(^|[\s(])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s.,!?:;)])/g, '$1<strong>$2</strong>'],
	[/(^|[\s(])_(?=\S)([^_\n]*?\S)_(?=$|[\s.,!?:;)])/g, '$1<em>$2</em>'],
	[/(^|[\s(])~(?=\S)([^~\n]*?\S)~(?=$|[\s.,!?:;)])/g, '$1<del>$2</del>'],
	[/`([^`\n]+)`/g, '<code>$1</code>'],
	[/(https?:\/\/[^\s<]+[^\s<.,!?:;)])/g, '<a href="$1" target="_blank" rel="noopener">$1</a>'],
];

export function formatWhatsApp(text) {
	const blocks = [];
	// Monospace blocks first: nothing inside them is formatted.
	let escaped = escapeHtml(text).replace(/```([\s\S]*?)```/g, (_, code) => {
		blocks.push(`<pre>${code}</pre>`);
		return `\u0000${blocks.length - 1}\u0000`;
	});
	const lines = escaped.split('\n').map((line) => {
		let html = line;
		for (const [pattern, replacement] of INLINE) html = html.replace(pattern, replacement);
		if (/^&gt; /.test(html)) return `<span class="quote">${html.slice(5)}</span>`;
		if (/^[-*] /.test(line)) return `<span class="bullet">• ${html.slice(2)}</span>`;
		return html;
	});
	escaped = lines.join('<br>');
	return escaped.replace(/\u0000(\d+)\u0000/g, (_, index) => blocks[Number(index)]);
}

/**
 * One line of text without markup, for the conversation list: WhatsApp's *bold*, _italic_,
 * ~strike~, ```mono``` and `code` markers and "> " quotes removed, line breaks as spaces.
 */
export function previewText(text) {
	let plain = String(text ?? '').replace(/```([\s\S]*?)```/g, '$1');
	for (const marker of ['\\*', '_', '~']) {
		plain = plain.replace(new RegExp(`(^|[\\s(])${marker}(?=\\S)([^\\n]*?\\S)${marker}(?=$|[\\s.,!?:;)])`, 'gm'), '$1$2');
	}
	return plain
		.replace(/`([^`\n]+)`/g, '$1')
		.replace(/^> /gm, '')
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

/** Plain text with links only (Messenger, Instagram and Viber have no markup). */
export function formatPlain(text) {
	return escapeHtml(text)
		.replace(/(https?:\/\/[^\s<]+[^\s<.,!?:;)])/g, '<a href="$1" target="_blank" rel="noopener">$1</a>')
		.replace(/\n/g, '<br>');
}

export function timeOf(ms) {
	const date = new Date(ms);
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
