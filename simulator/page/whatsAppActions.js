// What a WhatsApp chat offers beyond writing: the contact edits or deletes a message they sent
// (the ⌄ on their bubble), and the chat's ⋮ menu: contact info (phone number, username,
// business-scoped user id), writing as the business from the WhatsApp Business app (an echo),
// and stopping or resuming marketing messages. Each posts to the simulator's /_sim/api/, which
// sends the webhook Meta would.
import { h } from './render.js';

/**
 * `page` is what the chat page lends: openSheet(title, ...content), closeSheet(), toast(text),
 * activeContact() and businessName().
 */
export function whatsAppActions(page) {
	async function post(path, body) {
		const response = await fetch(`/_sim/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const answer = await response.json().catch(() => ({}));
		if (!response.ok || answer.error) page.toast(answer.error ?? `${path} failed: ${response.status}`);
		return answer;
	}

	/** The ⌄ on a bubble the contact sent: Edit (text only) and Delete. */
	function messageActions(message) {
		if (message.channel !== 'whatsapp') return null;
		const items = [];
		if (message.payload.kind === 'text') items.push({ label: 'Edit', icon: '✏️', run: () => openEdit(message) });
		items.push({ label: 'Delete', icon: '🗑', danger: true, run: () => openDelete(message) });
		return h('button', { class: 'bubble-menu', title: 'Message options', 'aria-label': 'Message options', onclick: (event) => popup(event.currentTarget, items) }, '⌄');
	}

	function openEdit(message) {
		const input = h('input', { class: 'sheet-input', value: message.payload.text ?? '', 'aria-label': 'Edited message' });
		const save = () => {
			const text = input.value.trim();
			if (!text || text === message.payload.text) return page.closeSheet();
			page.closeSheet();
			void post('edit', { messageId: message.id, text });
		};
		input.addEventListener('keydown', (event) => event.key === 'Enter' && save());
		page.openSheet('Edit message', h('div', { class: 'sheet-body' }, h('p', { class: 'muted' }, 'The trigger gets an "edit" event with the new text.'), input), h('button', { class: 'sheet-send', onclick: save }, 'Save'));
		input.focus();
		input.select();
	}

	function openDelete(message) {
		page.openSheet(
			'Delete message?',
			h('div', { class: 'sheet-body' }, h('p', { class: 'muted' }, 'The trigger gets a "revoke" event naming this message.')),
			h('button', { class: 'sheet-send danger', onclick: () => {
				page.closeSheet();
				void post('delete', { messageId: message.id });
			} }, 'Delete for everyone'),
		);
	}

	/** The ⋮ of the chat header (WhatsApp chats only). */
	function openChatMenu(anchor) {
		const contact = page.activeContact();
		const stopped = Boolean(contact.marketingStopped);
		popup(anchor, [
			{ label: 'Contact info', icon: '👤', run: () => openContactInfo(contact) },
			{ label: `Write as ${page.businessName()} (WhatsApp Business app)…`, icon: '📱', run: () => openEcho(contact) },
			{ label: stopped ? 'Resume marketing messages' : 'Stop marketing messages', icon: stopped ? '🔔' : '🔕', run: () => setMarketing(contact, stopped ? 'resume' : 'stop') },
		]);
	}

	function setMarketing(contact, value) {
		void post('marketing', { contactId: contact.id, value });
	}

	function openEcho(contact) {
		const input = h('textarea', { class: 'sheet-input', rows: 3, placeholder: `Message ${displayName(contact)} as ${page.businessName()}`, 'aria-label': 'Business app message' });
		const send = () => {
			const text = input.value.trim();
			if (!text) return;
			page.closeSheet();
			void post('echo', { contactId: contact.id, text });
		};
		page.openSheet(
			'WhatsApp Business app',
			h('div', { class: 'sheet-body' }, h('p', { class: 'muted' }, `Write as ${page.businessName()} from the WhatsApp Business app on the same number. The contact sees it like any message of the business; the trigger gets an "echo" event (smb_message_echoes).`), input),
			h('button', { class: 'sheet-send', onclick: send }, 'Send from the app'),
		);
		input.focus();
	}

	function openContactInfo(contact) {
		const stopped = Boolean(contact.marketingStopped);
		const row = (label, value, note) => h('div', { class: 'info-row' }, h('span', { class: 'info-label' }, label), h('span', { class: 'info-value' }, value ?? h('i', { class: 'muted' }, note ?? '—')));
		page.openSheet(
			displayName(contact),
			h(
				'div',
				{ class: 'sheet-body contact-info' },
				row('Name', contact.name),
				row('Username', contact.username ? `@${contact.username}` : undefined, 'none'),
				row('Phone number', contact.phone ? `+${contact.phone}` : undefined, 'not shared: replies go to the business-scoped user ID'),
				row('Business-scoped user ID', contact.bsuid ? h('code', {}, contact.bsuid) : undefined),
				contact.parentBsuid ? row('Parent BSUID', h('code', {}, contact.parentBsuid)) : null,
				row('Marketing messages', stopped ? 'stopped (marketing templates fail with 131050)' : 'receiving'),
			),
			h('button', { class: 'sheet-send', onclick: () => {
				page.closeSheet();
				setMarketing(contact, stopped ? 'resume' : 'stop');
			} }, stopped ? 'Resume marketing messages' : 'Stop marketing messages'),
		);
	}

	return { messageActions, openChatMenu };
}

/** How the page names a contact: a WhatsApp person who shares no phone number by their @username. */
export function displayName(contact) {
	return contact.channel === 'whatsapp' && !contact.phone && contact.username ? `@${contact.username}` : contact.name;
}

/** Whether the page should say this WhatsApp contact shares no phone number. */
export function sharesNoNumber(contact) {
	return contact.channel === 'whatsapp' && !contact.phone;
}

/** A small menu under `anchor` inside the phone; any click elsewhere closes it. */
function popup(anchor, items) {
	document.querySelector('.popup-menu')?.remove();
	const phone = anchor.closest('.phone');
	const box = anchor.getBoundingClientRect();
	const frame = phone.getBoundingClientRect();
	const menu = h(
		'div',
		{ class: 'popup-menu', role: 'menu' },
		...items.map((item) => h('button', { class: `popup-item${item.danger ? ' danger' : ''}`, role: 'menuitem', onclick: () => {
			menu.remove();
			item.run();
		} }, h('span', { class: 'popup-icon' }, item.icon), item.label)),
	);
	menu.style.right = `${Math.max(8, frame.right - box.right)}px`;
	phone.append(menu);
	// Below the anchor, or above it when the phone ends first.
	const below = box.bottom - frame.top + 4;
	menu.style.top = `${below + menu.offsetHeight > frame.height - 8 ? box.top - frame.top - menu.offsetHeight - 4 : below}px`;
	const close = (event) => {
		if (menu.contains(event.target) || event.target === anchor) return;
		menu.remove();
		document.removeEventListener('mousedown', close, true);
	};
	document.addEventListener('mousedown', close, true);
}
