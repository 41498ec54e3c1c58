// The chat page: conversations per channel and contact, the composer, the preview log, error
// injection and webhook settings. State comes from the simulator's journal: `state` once, then
// `events` long-polled, so reloads and second tabs show the same thing.
import { openFlow } from './flow.js';
import { previewText, timeOf } from './format.js';
import { errorLine, h, renderMessage, statusMark, viberButton } from './render.js';
import { displayName, sharesNoNumber, whatsAppActions } from './whatsAppActions.js';

const CHANNEL_LABEL = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram', viber: 'Viber' };
const PLACES = [
	{ name: 'Brandenburg Gate', address: 'Pariser Platz, 10117 Berlin', latitude: 52.516275, longitude: 13.377704 },
	{ name: 'Eiffel Tower', address: 'Champ de Mars, 75007 Paris', latitude: 48.85837, longitude: 2.294481 },
	{ name: 'Sydney Opera House', address: 'Bennelong Point, Sydney NSW 2000', latitude: -33.856784, longitude: 151.215297 },
];

const state = {
	seq: 0,
	business: {},
	contacts: [],
	webhooks: {},
	templates: [],
	errors: { pending: [], known: [] },
	messages: new Map(),
	log: new Map(),
	active: undefined,
	unread: new Map(),
	logFilter: 'all',
};

const $ = (selector) => document.querySelector(selector);
const key = (channel, id) => `${channel}:${id}`;
const activeContact = () => state.contacts.find((contact) => key(contact.channel, contact.id) === state.active);

const ui = {
	act: (input) => send(input),
	openList: (action, message) => openListSheet(action, message),
	openFlow: (parameters, message) => {
		const contact = activeContact();
		return openFlow({ parameters, message, contactId: contact.id, host: $('#phone'), onDone: () => $('#composer-input').focus() }).catch((error) => toast(String(error)));
	},
	shareLocation: () => openLocationSheet(),
	template: (name, language) => state.templates.find((template) => template.name === name && (!language || !template.language || template.language === language)) ?? state.templates.find((template) => template.name === name),
	react: (messageId, emoji) => {
		const row = document.querySelector(`.row[data-id="${CSS.escape(messageId ?? '')}"] .bubble`);
		if (!row) return;
		row.querySelector('.reaction')?.remove();
		if (emoji) row.append(h('span', { class: 'reaction' }, emoji));
	},
	keyboard: () => undefined,
	contactName: () => activeContact()?.name ?? 'Me',
	businessName: () => state.business.name ?? 'the business',
	messageActions: (message) => whatsApp.messageActions(message),
	channelLabel: (channel) => CHANNEL_LABEL[channel] ?? channel,
	connect: (channel) => openSettings(channel),
};

const whatsApp = whatsAppActions({ openSheet, closeSheet, toast, activeContact, businessName: ui.businessName });

async function boot() {
	const response = await fetch('/_sim/api/state');
	const initial = await response.json();
	Object.assign(state, { business: initial.business, contacts: initial.contacts, webhooks: initial.webhooks, templates: initial.templates, errors: initial.errors, n8nUrl: initial.n8nUrl });
	const requested = new URLSearchParams(location.search).get('chat');
	state.active = requested && initial.contacts.some((contact) => key(contact.channel, contact.id) === requested) ? requested : key(initial.contacts[0].channel, initial.contacts[0].id);
	for (const entry of initial.entries) apply(entry, false);
	state.seq = initial.seq;
	renderAll();
	wireComposer();
	wireTopbar();
	window.addEventListener('focus', () => void refreshWebhooks());
	poll();
}

async function poll() {
	for (;;) {
		try {
			const response = await fetch(`/_sim/api/events?since=${state.seq}&view=${encodeURIComponent(state.active ?? '')}`);
			const { seq, entries } = await response.json();
			for (const entry of entries) apply(entry, true);
			state.seq = Math.max(state.seq, seq);
			$('#connection').classList.remove('down');
		} catch (error) {
			$('#connection').classList.add('down');
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

function apply(entry, live) {
	if (entry.seq <= state.seq) return;
	if (entry.type === 'message') {
		const message = entry.message;
		state.messages.set(message.id, message);
		const conversation = key(message.channel, message.contactId);
		if (!state.contacts.some((contact) => key(contact.channel, contact.id) === conversation)) {
			state.contacts.push({ channel: message.channel, id: message.contactId, name: message.channel === 'whatsapp' && /^\d+$/.test(message.contactId) ? `+${message.contactId}` : message.contactId });
		}
		if (live) {
			if (conversation === state.active) appendMessage(message);
			else state.unread.set(conversation, (state.unread.get(conversation) ?? 0) + 1);
			renderSidebar();
			if (message.direction === 'out') setTyping(false);
		}
	} else if (entry.type === 'messageUpdate') {
		state.messages.set(entry.message.id, entry.message);
		if (live) {
			document.querySelector(`.row[data-id="${CSS.escape(entry.message.id)}"]`)?.replaceWith(renderMessage(entry.message, ui));
			renderSidebar();
		}
	} else if (entry.type === 'contact') {
		const index = state.contacts.findIndex((contact) => key(contact.channel, contact.id) === key(entry.contact.channel, entry.contact.id));
		if (index === -1) state.contacts.push(entry.contact);
		else state.contacts[index] = entry.contact;
		if (live) {
			renderSidebar();
			if (key(entry.contact.channel, entry.contact.id) === state.active) renderHeader();
		}
	} else if (entry.type === 'status') {
		const message = state.messages.get(entry.id);
		if (message) {
			message.status = entry.status;
			if (entry.error) message.error = entry.error;
			if (live) updateStatus(message);
		}
	} else if (entry.type === 'log') {
		state.log.set(entry.entry.id, entry.entry);
		if (live) appendLog(entry.entry);
	} else if (entry.type === 'logUpdate') {
		const log = state.log.get(entry.id);
		if (log) {
			log.executionUrl = entry.executionUrl;
			if (live) updateLog(log);
		}
	} else if (entry.type === 'typing' && live && key(entry.channel, entry.contactId) === state.active) {
		setTyping(true);
	}
}

function renderAll() {
	renderSidebar();
	renderConversation();
	renderLog();
	renderWebhookDots();
}

function renderSidebar() {
	const list = $('#contacts');
	const rows = state.contacts.map((contact) => {
		const conversation = key(contact.channel, contact.id);
		const messages = [...state.messages.values()].filter((message) => key(message.channel, message.contactId) === conversation);
		const last = messages[messages.length - 1];
		const unread = state.unread.get(conversation) ?? 0;
		return h(
			'button',
			{ class: `contact ${conversation === state.active ? 'active' : ''}`, 'data-chat': conversation, onclick: () => selectConversation(conversation) },
			h(
				'span',
				{ class: `avatar ${contact.channel}` },
				initials(contact.name),
				h('span', { class: `avatar-badge ${contact.channel}`, title: CHANNEL_LABEL[contact.channel], 'aria-label': CHANNEL_LABEL[contact.channel] }, CHANNEL_LABEL[contact.channel][0]),
			),
			h(
				'span',
				{ class: 'contact-text' },
				h('span', { class: 'contact-name' }, displayName(contact)),
				h(
					'span',
					{ class: 'contact-preview' },
					sharesNoNumber(contact) ? h('span', { class: 'no-number', title: 'Shares no phone number: replies go to the business-scoped user ID' }, 'no number') : null,
					last ? preview(last) : sharesNoNumber(contact) ? 'shares no phone number' : CHANNEL_LABEL[contact.channel],
				),
			),
			h('span', { class: 'contact-side' }, last ? h('span', { class: 'contact-time' }, timeOf(last.at)) : null, unread ? h('span', { class: 'unread' }, String(unread)) : null),
		);
	});
	list.replaceChildren(...rows);
}

function initials(name) {
	return String(name)
		.replace(/^\+/, '')
		.split(/\s+/)
		.map((part) => part[0])
		.join('')
		.slice(0, 2)
		.toUpperCase();
}

/** The last message as one line of plain text (no WhatsApp markup) for the conversation list. */
function preview(message) {
	const payload = message.payload;
	const prefix = message.direction === 'in' ? 'You: ' : '';
	if (message.revoked) return `${prefix}🚫 This message was deleted`;
	if (payload.kind === 'marketingPreference') return `You ${payload.value === 'stop' ? 'stopped' : 'resumed'} marketing messages`;
	if (message.origin === 'businessApp') return `📱 ${previewText(payload.text?.body)}`;
	if (message.direction === 'in') return prefix + previewText(payload.text ?? payload.title ?? (payload.kind === 'flow' ? 'Flow response' : payload.kind));
	if (message.channel === 'whatsapp') return previewText(payload.text?.body ?? payload.interactive?.body?.text ?? (payload.type === 'template' ? `Template ${payload.template?.name}` : payload.type));
	if (message.channel === 'viber') return previewText(payload.text ?? payload.type);
	return previewText(payload.message?.text ?? payload.message?.attachment?.type ?? 'message');
}

function selectConversation(conversation) {
	state.active = conversation;
	state.unread.delete(conversation);
	const url = new URL(location.href);
	url.searchParams.set('chat', conversation);
	history.replaceState(null, '', url);
	renderSidebar();
	renderConversation();
	void refreshWebhooks();
	// A fresh poll carries the new view at once, so "read" statuses follow.
	fetch(`/_sim/api/events?since=${state.seq}&wait=0&view=${encodeURIComponent(conversation)}`).catch(() => undefined);
}

function renderConversation() {
	const contact = activeContact();
	const phone = $('#phone');
	phone.className = `phone ${contact.channel}`;
	phone.querySelector('.flow-panel')?.remove();
	closeSheet();
	renderHeader();
	const list = $('#messages');
	list.replaceChildren(h('div', { class: 'day' }, 'Today'), h('div', { class: 'system-note' }, channelNote(contact.channel)));
	for (const message of state.messages.values()) {
		if (key(message.channel, message.contactId) === state.active) list.append(renderMessage(message, ui));
	}
	updateKeyboard();
	renderConnectBar();
	$('#composer-input').placeholder = contact.channel === 'viber' ? 'Type a message…' : contact.channel === 'whatsapp' ? 'Message' : 'Aa';
	list.scrollTop = list.scrollHeight;
}

function renderHeader() {
	const contact = activeContact();
	$('#chat-avatar').textContent = initials(contact.name);
	$('#chat-avatar').className = `avatar ${contact.channel}`;
	$('#chat-name').textContent = displayName(contact);
	$('#chat-sub').textContent = [CHANNEL_LABEL[contact.channel], ...whoIs(contact)].join(' · ');
	$('#chat-menu').hidden = contact.channel !== 'whatsapp';
	$('#business-name').textContent = state.business.name ?? '';
}

/** What the header says about who this is: WhatsApp's phone number or, without one, the profile name. */
function whoIs(contact) {
	if (contact.channel !== 'whatsapp') return [contact.id];
	if (!contact.phone) return [contact.name, 'no number shared'];
	return [`+${contact.phone}`, ...(contact.username ? [`@${contact.username}`] : [])];
}

function channelNote(channel) {
	if (channel === 'whatsapp') return '🔒 Messages are simulated locally. Webhooks are signed with your app secret.';
	if (channel === 'viber') return 'Simulated Viber chat. Callbacks carry X-Viber-Content-Signature.';
	return `Simulated ${CHANNEL_LABEL[channel]} conversation.`;
}

function appendMessage(message) {
	const list = $('#messages');
	const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
	list.append(renderMessage(message, ui));
	if (message.channel === 'viber') updateKeyboard();
	if (stick || message.direction === 'in') list.scrollTop = list.scrollHeight;
}

function updateStatus(message) {
	const row = document.querySelector(`.row[data-id="${CSS.escape(message.id)}"]`);
	if (!row) return;
	row.querySelector('.ticks')?.replaceWith(statusMark(message));
	if (message.error && !row.querySelector('.bubble-error')) row.querySelector('.bubble').append(errorLine(message, ui));
}

function setTyping(on) {
	const sub = $('#chat-typing');
	clearTimeout(setTyping.timer);
	sub.hidden = !on;
	if (on) setTyping.timer = setTimeout(() => (sub.hidden = true), 25_000);
}

/** Viber shows the keyboard of the bot's latest message, until a message without one replaces it. */
function updateKeyboard() {
	const panel = $('#keyboard');
	const contact = activeContact();
	const outs = [...state.messages.values()].filter((message) => key(message.channel, message.contactId) === state.active && message.direction === 'out');
	const keyboard = contact.channel === 'viber' ? outs[outs.length - 1]?.payload.keyboard : undefined;
	if (!keyboard) {
		panel.hidden = true;
		panel.replaceChildren();
		return;
	}
	panel.hidden = false;
	panel.style.background = keyboard.BgColor ?? '';
	panel.replaceChildren(...(keyboard.Buttons ?? []).map((button) => viberButton(button, ui)));
}

async function send(input) {
	const contact = activeContact();
	const response = await fetch('/_sim/api/send', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ channel: contact.channel, contactId: contact.id, input }),
	});
	if (!response.ok) toast((await response.json()).error ?? `send failed: ${response.status}`);
	else if (!state.webhooks[contact.channel]?.url) void refreshWebhooks();
}

/** The webhook targets as the simulator has them now (a trigger with automatic registration may have set one). */
async function refreshWebhooks() {
	const response = await fetch('/_sim/api/webhooks').catch(() => undefined);
	if (!response?.ok) return;
	state.webhooks = (await response.json()).webhooks;
	renderWebhookDots();
	renderConnectBar();
}

/** Above the composer while the open conversation's channel has no webhook URL: what you type goes nowhere. */
function renderConnectBar() {
	const bar = $('#connect-bar');
	const channel = activeContact()?.channel;
	const connected = !channel || Boolean(state.webhooks[channel]?.url);
	bar.hidden = connected;
	if (connected) return bar.replaceChildren();
	bar.replaceChildren(
		h('span', {}, `${CHANNEL_LABEL[channel]} is not connected to n8n: what you type here reaches no workflow.`),
		h('button', { class: 'primary small', type: 'button', onclick: () => openSettings(channel) }, `Connect ${CHANNEL_LABEL[channel]}`),
	);
}

function wireComposer() {
	const form = $('#composer');
	const input = $('#composer-input');
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const text = input.value.trim();
		if (!text) return;
		input.value = '';
		void send({ kind: 'text', text });
	});
	$('#attach').addEventListener('click', () => $('#file').click());
	$('#file').addEventListener('change', async (event) => {
		const file = event.target.files[0];
		event.target.value = '';
		if (!file) return;
		const upload = await fetch('/_sim/api/upload', { method: 'POST', headers: { 'content-type': file.type || 'image/jpeg', 'x-file-name': encodeURIComponent(file.name) }, body: file });
		const media = await upload.json();
		if (!upload.ok) return toast(media.error ?? 'upload failed');
		const caption = input.value.trim();
		input.value = '';
		await send({ kind: 'image', mediaId: media.mediaId, url: media.url, mimeType: media.mimeType, sha256: media.sha256, size: media.size, fileName: media.fileName, ...(caption ? { caption } : {}) });
	});
	$('#location').addEventListener('click', () => openLocationSheet());
	$('#chat-menu').addEventListener('click', (event) => whatsApp.openChatMenu(event.currentTarget));
	input.focus();
}

function openSheet(title, ...content) {
	const sheet = $('#sheet');
	sheet.replaceChildren(h('div', { class: 'sheet-scrim', onclick: closeSheet }), h('div', { class: 'sheet-card' }, h('div', { class: 'sheet-handle' }), h('div', { class: 'sheet-title' }, h('button', { class: 'sheet-close', onclick: closeSheet }, '✕'), title), ...content));
	sheet.hidden = false;
}

function closeSheet() {
	const sheet = $('#sheet');
	sheet.hidden = true;
	sheet.replaceChildren();
}

function openListSheet(action, message) {
	let chosen;
	const sendButton = h('button', { class: 'sheet-send', disabled: true, onclick: () => {
		closeSheet();
		void send({ kind: 'reply', source: 'list', id: chosen.id, title: chosen.title, description: chosen.description, replyTo: message.id });
	} }, 'Send');
	const sections = (action.sections ?? []).map((section) =>
		h('div', { class: 'list-section' }, section.title ? h('div', { class: 'list-section-title' }, section.title) : null, ...(section.rows ?? []).map((row) =>
			h('label', { class: 'list-row' }, h('span', { class: 'choice-text' }, row.title, row.description ? h('small', {}, row.description) : null), h('input', { type: 'radio', name: 'list-row', value: row.id, onchange: () => {
				chosen = row;
				sendButton.disabled = false;
			} })),
		)),
	);
	openSheet(action.button ?? 'Menu', h('div', { class: 'sheet-body' }, ...sections), sendButton);
}

function openLocationSheet() {
	const custom = h('div', { class: 'custom-location' }, h('input', { id: 'lat', placeholder: 'Latitude', value: '52.52' }), h('input', { id: 'lon', placeholder: 'Longitude', value: '13.405' }), h('button', { class: 'sheet-send small', onclick: () => {
		closeSheet();
		void send({ kind: 'location', latitude: Number($('#lat').value), longitude: Number($('#lon').value) });
	} }, 'Send'));
	openSheet(
		'Send location',
		h('div', { class: 'sheet-body' }, ...PLACES.map((place) => h('button', { class: 'place', onclick: () => {
			closeSheet();
			void send({ kind: 'location', ...place });
		} }, h('span', { class: 'pin' }, '📍'), h('span', { class: 'choice-text' }, place.name, h('small', {}, place.address))))),
		custom,
	);
}

// ---- preview log ----

function renderLog() {
	const list = $('#log-entries');
	list.replaceChildren();
	for (const entry of state.log.values()) appendLog(entry);
}

function logVisible(entry) {
	return state.logFilter === 'all' || entry.kind === state.logFilter || (state.logFilter === 'webhook' && entry.kind === 'flow');
}

function appendLog(entry) {
	const list = $('#log-entries');
	const row = logRow(entry);
	row.hidden = !logVisible(entry);
	const stick = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
	list.append(row);
	if (stick) list.scrollTop = list.scrollHeight;
}

function updateLog(entry) {
	document.querySelector(`.log-row[data-log="${entry.id}"]`)?.replaceWith(logRow(entry));
}

function statusClass(status) {
	if (typeof status === 'number') return status >= 200 && status < 300 ? 'ok' : 'bad';
	if (/^2\d\d( \(viber 0\))?$/.test(String(status)) || status === 'ok' || status === 'typing') return 'ok';
	return 'bad';
}

function logRow(entry) {
	const arrow = entry.kind === 'webhook' ? '→ n8n' : entry.kind === 'flow' ? '⇄ Flow' : entry.kind === 'api' ? '← node' : '•';
	const details = h('pre', { class: 'log-json', hidden: true }, JSON.stringify({ request: entry.request, response: entry.response }, null, 2));
	return h(
		'div',
		{ class: `log-row ${entry.kind}`, 'data-log': entry.id },
		h(
			'div',
			{ class: 'log-line', onclick: () => (details.hidden = !details.hidden) },
			h('span', { class: 'log-time' }, new Date(entry.at).toLocaleTimeString()),
			h('span', { class: `log-kind ${entry.kind}` }, arrow),
			entry.channel ? h('span', { class: `channel-dot ${entry.channel}`, title: entry.channel }) : null,
			h('span', { class: 'log-summary', title: `${entry.method} ${entry.target}` }, entry.summary),
			h('span', { class: `log-status ${statusClass(entry.status)}` }, String(entry.status)),
			entry.latencyMs !== undefined ? h('span', { class: 'log-latency' }, `${entry.latencyMs} ms`) : null,
			entry.executionUrl ? h('a', { class: 'log-exec', href: entry.executionUrl, target: '_blank', rel: 'noopener', onclick: (event) => event.stopPropagation() }, 'execution ↗') : null,
		),
		h('div', { class: 'log-target' }, `${entry.method} ${entry.target}`),
		details,
	);
}

// ---- top bar: webhook settings and error injection ----

function renderWebhookDots() {
	const dots = $('#webhook-dots');
	dots.replaceChildren(
		...Object.entries(state.webhooks).map(([channel, target]) =>
			h(
				'button',
				{
					type: 'button',
					class: `hook ${target.url ? 'on' : 'off'}`,
					'data-channel': channel,
					title: target.url ? `${CHANNEL_LABEL[channel]} → ${target.url}${target.signed ? ' (signed)' : ' (NOT signed: no secret)'}` : `${CHANNEL_LABEL[channel]} is not connected to n8n: click to connect it`,
					onclick: () => openSettings(channel),
				},
				h('span', { class: `channel-dot ${channel}` }),
				CHANNEL_LABEL[channel],
				target.url ? null : h('span', { class: 'hook-state' }, 'not connected'),
			),
		),
	);
}

function wireTopbar() {
	$('#open-settings').addEventListener('click', openSettings);
	$('#open-errors').addEventListener('click', openErrors);
	for (const button of document.querySelectorAll('[data-filter]')) {
		button.addEventListener('click', () => {
			state.logFilter = button.dataset.filter;
			for (const other of document.querySelectorAll('[data-filter]')) other.classList.toggle('active', other === button);
			for (const row of document.querySelectorAll('.log-row')) row.hidden = !logVisible(state.log.get(Number(row.dataset.log)));
		});
	}
	$('#log-clear').addEventListener('click', () => {
		state.log.clear();
		$('#log-entries').replaceChildren();
	});
}

function dialog(title, ...content) {
	const box = $('#dialog');
	box.replaceChildren(h('div', { class: 'dialog-card' }, h('div', { class: 'dialog-title' }, title, h('button', { class: 'sheet-close', onclick: () => box.close() }, '✕')), ...content));
	box.showModal();
}

function openSettings(focus) {
	const rows = Object.entries(state.webhooks).map(([channel, target]) => {
		const url = h('input', { value: target.url, placeholder: `${CHANNEL_LABEL[channel]} Trigger's Production URL`, 'data-channel': channel, class: 'url' });
		const secret = h('input', { type: 'password', placeholder: target.signed ? '(set: leave empty to keep)' : channel === 'viber' ? 'auth token' : 'app secret', class: 'secret' });
		return h('div', { class: `settings-row${channel === focus ? ' focus' : ''}` }, h('span', { class: `channel-tag ${channel}` }, CHANNEL_LABEL[channel]), url, secret, h('button', { class: 'primary', onclick: async () => {
			const response = await fetch('/_sim/api/webhooks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel, url: url.value, secret: secret.value }) });
			const next = await response.json();
			state.webhooks = next.webhooks;
			renderWebhookDots();
			renderConnectBar();
			toast(`${CHANNEL_LABEL[channel]} webhook saved`);
		} }, 'Save'));
	});
	dialog('Webhooks (where the simulator delivers, and the secret it signs with)', connectHowTo(focus), ...rows, h('p', { class: 'muted' }, 'Meta channels are signed with X-Hub-Signature-256 (app secret), Viber with X-Viber-Content-Signature (auth token).'));
	document.querySelector(`.settings-row.focus .url`)?.focus();
}

/** How a channel gets connected to a workflow in n8n, with this simulator's own Base URLs. */
function connectHowTo(channel) {
	const base = location.origin;
	const name = channel ? CHANNEL_LABEL[channel] : undefined;
	const first = !channel
		? `In n8n, add the channel's trigger and send node with credentials whose Base URL is ${base} (Viber: ${base}/pa), and publish (activate) the workflow.`
		: channel === 'viber'
			? `In n8n, add a Viber Trigger and a Viber node with a Viber credential whose Base URL is ${base}/pa, and publish (activate) the workflow.`
			: `In n8n, add ${name === 'Instagram' ? 'an' : 'a'} ${name} Trigger (a Meta App credential) and ${name === 'Instagram' ? 'an' : 'a'} ${name} node (${name === 'Instagram' ? 'an' : 'a'} ${name} credential), both credentials with Base URL ${base}, and publish (activate) the workflow.`;
	return h(
		'div',
		{ class: 'connect-how' },
		h('b', {}, `To connect ${name ?? 'a channel'} to n8n`),
		h(
			'ol',
			{},
			h('li', {}, first),
			h('li', {}, "Set the trigger's Registration to Automatic: publishing tells the simulator its URL and secret. Or copy the trigger's Production URL below, with the Meta App's app secret (Viber: the bot's auth token)."),
		),
		h('span', { class: 'muted' }, 'npm run dev connects all four channels to example bots by itself.'),
	);
}

async function openErrors() {
	const response = await fetch('/_sim/api/errors');
	const errors = await response.json();
	const contact = activeContact();
	const times = h('input', { type: 'number', min: 1, value: 1, class: 'times' });
	const known = errors.known.filter((error) => error.channels.includes(contact.channel));
	const list = known.map((error) =>
		h('button', { class: 'error-choice', 'data-code': error.code, onclick: async () => {
			const result = await fetch('/_sim/api/errors', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: contact.channel, code: error.code, times: Number(times.value) }) });
			$('#dialog').close();
			toast(result.ok ? `Next ${times.value} ${CHANNEL_LABEL[contact.channel]} send(s) fail with ${error.code}` : (await result.json()).error);
		} }, h('b', {}, String(error.code)), ` ${error.title}`, h('small', {}, error.mode === 'status' ? 'accepted, then a failed status webhook' : 'the send call fails')),
	);
	const pending = errors.pending.length ? h('p', { class: 'muted' }, `Pending: ${errors.pending.map((entry) => `${entry.channel} ${entry.code} ×${entry.remaining}`).join(', ')} `, h('button', { class: 'link', onclick: async () => {
		await fetch('/_sim/api/errors', { method: 'DELETE' });
		$('#dialog').close();
	} }, 'clear')) : null;
	dialog(`Inject a ${CHANNEL_LABEL[contact.channel]} error into the next sends`, h('label', { class: 'times-label' }, 'Times ', times), ...list, pending);
}

function toast(text) {
	const element = h('div', { class: 'toast' }, text);
	document.body.append(element);
	setTimeout(() => element.remove(), 3500);
}

boot().catch((error) => {
	document.body.prepend(h('div', { class: 'fatal' }, `The simulator page could not start: ${error}`));
});
