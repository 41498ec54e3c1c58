// One message as the phone shows it. Business messages (out) are rendered from the send body the
// node made; the contact's messages (in) from what was done on the page. Taps call `ui.act`.
import { escapeHtml, formatPlain, formatWhatsApp, timeOf } from './format.js';

export function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [key, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) continue;
		if (key === 'class') element.className = value;
		else if (key === 'html') element.innerHTML = value;
		else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
		else element.setAttribute(key, value === true ? '' : value);
	}
	for (const child of children.flat()) {
		if (child === undefined || child === null || child === false) continue;
		element.append(child instanceof Node ? child : document.createTextNode(String(child)));
	}
	return element;
}

const TICKS = { sending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

export function statusMark(message) {
	const status = message.status ?? 'sending';
	return h('span', { class: `ticks ${status}`, title: message.error ? `${status}: ${message.error}` : status, 'data-status': status }, TICKS[status] ?? '');
}

/** The bubble (and any buttons under it) for one message. */
export function renderMessage(message, ui) {
	if (message.payload.kind === 'marketingPreference') return preferenceNote(message, ui);
	const own = message.direction === 'in';
	const body = message.revoked ? { content: h('div', { class: 'text deleted' }, '🚫 This message was deleted') } : own ? renderContactMessage(message) : renderBusinessMessage(message, ui);
	const meta = h('span', { class: 'meta' }, message.edited && !message.revoked ? h('span', { class: 'edited' }, 'Edited') : null, timeOf(message.at), own || message.channel !== 'instagram' ? statusMark(message) : null);
	const origin = message.origin === 'businessApp' ? h('div', { class: 'origin', title: 'Sent from the WhatsApp Business app on the same number: n8n gets it as an smb_message_echoes webhook' }, '📱 Sent from the WhatsApp Business app') : null;
	const bubble = h('div', { class: `bubble ${own ? 'own' : 'theirs'}` }, origin, body.content, meta, own && !message.revoked ? (ui.messageActions?.(message) ?? null) : null);
	if (message.error) bubble.append(errorLine(message, ui));
	return h('div', { class: `row ${own ? 'own' : 'theirs'}`, 'data-id': message.id }, bubble, body.after ?? null);
}

/** What the simulator says when a channel has no webhook URL (simulator/chat/inbound.ts). */
const NOT_CONNECTED = /^no webhook URL/;

/**
 * Why a message failed, on its own line under the time. A message that went nowhere because its
 * channel is not connected to n8n says so and offers to connect it.
 */
export function errorLine(message, ui) {
	if (NOT_CONNECTED.test(message.error ?? '')) {
		return h(
			'div',
			{ class: 'bubble-error', role: 'alert' },
			h('span', {}, `⚠ Not delivered: ${ui.channelLabel(message.channel)} is not connected to n8n.`),
			h('button', { class: 'link connect-link', type: 'button', onclick: () => ui.connect(message.channel) }, 'Connect it'),
		);
	}
	return h('div', { class: 'bubble-error', role: 'alert' }, `⚠ ${message.error}`);
}

/** Stopping or resuming marketing messages shows in the chat as a note, as on the phone. */
function preferenceNote(message, ui) {
	const text = `${message.payload.value === 'stop' ? '🔕 You stopped' : '🔔 You resumed'} marketing messages from ${ui.businessName()}`;
	return h(
		'div',
		{ class: 'row note', 'data-id': message.id },
		h('div', { class: 'system-note preference' }, text, ' ', statusMark(message), message.error ? errorLine(message, ui) : null),
	);
}

function renderContactMessage(message) {
	const input = message.payload;
	switch (input.kind) {
		case 'text':
			return { content: h('div', { class: 'text', html: message.channel === 'whatsapp' ? formatWhatsApp(input.text) : formatPlain(input.text) }) };
		case 'reply':
			return { content: h('div', { class: 'text reply-echo' }, h('span', { class: 'reply-icon' }, '↩'), input.title) };
		case 'location':
			return { content: locationCard(input.latitude, input.longitude, input.name, input.address) };
		case 'image':
			return { content: h('div', {}, h('img', { class: 'media', src: input.url, alt: input.fileName }), input.caption ? h('div', { class: 'text' }, input.caption) : null) };
		case 'contact':
			return { content: h('div', { class: 'text' }, `👤 ${input.name}\n${input.phone}`) };
		case 'flow':
			return { content: flowAnswer(input.responseJson, input.masked ?? []) };
		default:
			return { content: h('div', { class: 'text' }, JSON.stringify(input)) };
	}
}

/** The chat's summary of a completed Flow; values of `sensitive` fields are hidden, as WhatsApp does. */
function flowAnswer(responseJson, masked) {
	let fields = {};
	try {
		fields = JSON.parse(responseJson);
	} catch {
		fields = {};
	}
	const rows = Object.entries(fields)
		.filter(([key]) => key !== 'flow_token')
		.map(([key, value]) => h('div', { class: 'flow-field', 'data-key': key }, h('span', {}, key), h('b', {}, masked.includes(key) ? '••••••' : Array.isArray(value) ? value.join(', ') : String(value))));
	return h('div', { class: 'flow-answer' }, h('div', { class: 'flow-answer-title' }, '📋 Sent'), ...rows);
}

function renderBusinessMessage(message, ui) {
	if (message.channel === 'whatsapp') return renderWhatsApp(message, ui);
	if (message.channel === 'viber') return renderViber(message, ui);
	return renderMessaging(message, ui);
}

function mediaElement(type, media) {
	const src = media.link ?? media.url ?? (media.id ? `/_sim/media/${encodeURIComponent(media.id)}` : '');
	const fallback = (event) => event.target.replaceWith(h('div', { class: 'media-missing' }, `🖼 ${type} (${src || 'no link'})`));
	if (type === 'image' || type === 'sticker') return h('img', { class: `media ${type}`, src, alt: type, onerror: fallback });
	if (type === 'video') return h('video', { class: 'media', src, controls: true });
	if (type === 'audio') return h('audio', { src, controls: true });
	return h('a', { class: 'document', href: src, target: '_blank', rel: 'noopener' }, '📄 ', media.filename ?? media.file_name ?? 'document');
}

function locationCard(latitude, longitude, name, address) {
	return h(
		'div',
		{ class: 'location' },
		h('div', { class: 'map' }, h('span', { class: 'pin' }, '📍')),
		name ? h('b', {}, name) : null,
		address ? h('div', { class: 'muted' }, address) : null,
		h('div', { class: 'muted' }, `${Number(latitude).toFixed(5)}, ${Number(longitude).toFixed(5)}`),
	);
}

function buttonBar(buttons) {
	return h('div', { class: 'buttons' }, ...buttons);
}

function actionButton(label, onclick, icon = '') {
	return h('button', { class: 'action', onclick }, icon ? h('span', { class: 'icon' }, icon) : null, label);
}

function renderWhatsApp(message, ui) {
	const body = message.payload;
	const type = body.type;
	if (type === 'text') return { content: h('div', { class: 'text', html: formatWhatsApp(body.text?.body) }) };
	if (['image', 'video', 'audio', 'document', 'sticker'].includes(type)) {
		const media = body[type] ?? {};
		return { content: h('div', {}, mediaElement(type, media), media.caption ? h('div', { class: 'text', html: formatWhatsApp(media.caption) }) : null) };
	}
	if (type === 'location') return { content: locationCard(body.location.latitude, body.location.longitude, body.location.name, body.location.address) };
	if (type === 'contacts') {
		return { content: h('div', {}, ...(body.contacts ?? []).map((card) => h('div', { class: 'contact-card' }, '👤 ', h('b', {}, card.name?.formatted_name ?? ''), h('div', { class: 'muted' }, (card.phones ?? []).map((phone) => phone.phone).join(', '))))) };
	}
	if (type === 'reaction') {
		ui.react(body.reaction?.message_id, body.reaction?.emoji);
		return { content: h('div', { class: 'text muted' }, body.reaction?.emoji ? `reacted ${body.reaction.emoji}` : 'removed a reaction') };
	}
	if (type === 'interactive') return renderInteractive(message, body.interactive ?? {}, ui);
	if (type === 'template') return renderTemplate(message, body.template ?? {}, ui);
	return { content: h('div', { class: 'text muted' }, `(${type} message)`) };
}

function interactiveHeader(header) {
	if (!header) return null;
	if (header.type === 'text') return h('div', { class: 'header-text' }, header.text);
	return mediaElement(header.type, header[header.type] ?? {});
}

function renderInteractive(message, interactive, ui) {
	const parts = [
		interactiveHeader(interactive.header),
		interactive.body?.text ? h('div', { class: 'text', html: formatWhatsApp(interactive.body.text) }) : null,
		interactive.footer?.text ? h('div', { class: 'footer-text' }, interactive.footer.text) : null,
	];
	const action = interactive.action ?? {};
	let buttons = [];
	if (interactive.type === 'button') {
		buttons = (action.buttons ?? []).map((button) =>
			actionButton(button.reply?.title, () => ui.act({ kind: 'reply', source: 'button', id: button.reply?.id, title: button.reply?.title, replyTo: message.id }), '↩'),
		);
	} else if (interactive.type === 'list') {
		buttons = [actionButton(action.button ?? 'Menu', () => ui.openList(action, message), '☰')];
	} else if (interactive.type === 'cta_url') {
		buttons = [h('a', { class: 'action', href: action.parameters?.url, target: '_blank', rel: 'noopener' }, h('span', { class: 'icon' }, '↗'), action.parameters?.display_text ?? 'Open')];
	} else if (interactive.type === 'flow') {
		const parameters = action.parameters ?? {};
		buttons = [actionButton(parameters.flow_cta ?? 'Open', () => ui.openFlow(parameters, message), '▤')];
	} else if (interactive.type === 'location_request_message') {
		buttons = [actionButton('Send location', () => ui.shareLocation(), '📍')];
	}
	return { content: h('div', {}, ...parts), after: buttons.length ? buttonBar(buttons) : null };
}

/** Fills {{1}} / {{name}} from the send's parameters; the text of a parameter per type. */
function parameterText(parameter) {
	if (!parameter) return '';
	if (parameter.type === 'text') return parameter.text;
	if (parameter.type === 'currency') return parameter.currency?.fallback_value ?? '';
	if (parameter.type === 'date_time') return parameter.date_time?.fallback_value ?? '';
	if (parameter.type === 'payload') return parameter.payload;
	return parameter[parameter.type]?.link ?? parameter.type;
}

function fill(text, parameters) {
	return String(text ?? '').replace(/\{\{\s*([\w]+)\s*\}\}/g, (whole, key) => {
		const parameter = /^\d+$/.test(key) ? parameters[Number(key) - 1] : parameters.find((candidate) => candidate.parameter_name === key);
		return parameter ? parameterText(parameter) : whole;
	});
}

function renderTemplate(message, template, ui) {
	const definition = ui.template(template.name, template.language?.code);
	if (!definition) {
		return { content: h('div', { class: 'text muted' }, `Template "${template.name}" (${template.language?.code ?? '?'}): not defined in the simulator config`) };
	}
	const { parts, after } = renderTemplateComponents(definition.components ?? [], template.components ?? [], message, ui);
	return { content: h('div', { class: 'template' }, ...parts), after: after.length ? buttonBar(after) : null };
}

/** The definition's components filled with what was sent: the whole template, or one carousel card. */
function renderTemplateComponents(components, sent, message, ui) {
	const parametersOf = (type) => sent.find((component) => component.type === type)?.parameters ?? [];
	const parts = [];
	const after = [];
	for (const component of components) {
		const type = String(component.type).toUpperCase();
		if (type === 'HEADER') {
			const format = String(component.format ?? 'TEXT').toUpperCase();
			const parameter = parametersOf('header')[0] ?? {};
			if (format === 'TEXT') parts.push(h('div', { class: 'header-text' }, fill(component.text, parametersOf('header'))));
			else if (format === 'PRODUCT') parts.push(h('div', { class: 'product' }, `🛍 Product ${parameter.product?.product_retailer_id ?? '?'} (catalog ${parameter.product?.catalog_id ?? '?'})`));
			else parts.push(mediaElement(format.toLowerCase(), parameter[format.toLowerCase()] ?? {}));
		} else if (type === 'LIMITED_TIME_OFFER') {
			const ends = parametersOf('limited_time_offer')[0]?.limited_time_offer?.expiration_time_ms;
			parts.push(h('div', { class: 'offer' }, `⏱ ${component.limited_time_offer?.text ?? 'Offer'}${ends ? ` · ends ${new Date(ends).toLocaleString()}` : ''}`));
		} else if (type === 'BODY') {
			parts.push(h('div', { class: 'text', html: formatWhatsApp(fill(component.text, parametersOf('body'))) }));
		} else if (type === 'FOOTER') {
			parts.push(h('div', { class: 'footer-text' }, component.text));
		} else if (type === 'CAROUSEL') {
			const cards = sent.find((candidate) => candidate.type === 'carousel')?.cards ?? [];
			parts.push(h('div', { class: 'carousel' }, ...(component.cards ?? []).map((card, index) => {
				const given = cards.find((candidate) => Number(candidate.card_index) === index);
				const inner = renderTemplateComponents(card.components ?? [], given?.components ?? [], message, ui);
				return h('div', { class: 'card' }, ...inner.parts, inner.after.length ? buttonBar(inner.after) : null);
			})));
		} else if (type === 'BUTTONS') {
			(component.buttons ?? []).forEach((button, index) => after.push(templateButton(button, sent.find((candidate) => candidate.type === 'button' && Number(candidate.index) === index), message, ui)));
		}
	}
	return { parts, after };
}

function templateButton(button, sentButton, message, ui) {
	const kind = String(button.type).toUpperCase();
	const parameter = sentButton?.parameters?.[0] ?? {};
	if (kind === 'QUICK_REPLY') {
		const payload = parameter.payload ?? button.text;
		return actionButton(button.text, () => ui.act({ kind: 'reply', source: 'template_button', id: payload, title: button.text, replyTo: message.id }), '↩');
	}
	if (kind === 'URL') return h('a', { class: 'action', href: fill(button.url, sentButton?.parameters ?? []), target: '_blank', rel: 'noopener' }, h('span', { class: 'icon' }, '↗'), button.text);
	if (kind === 'FLOW') {
		const action = parameter.action ?? {};
		return actionButton(button.text, () => ui.openFlow({ flow_id: button.flow_id, flow_name: button.flow_name, flow_token: action.flow_token ?? 'unused', flow_action: button.flow_action ?? 'navigate', flow_action_payload: { screen: button.navigate_screen, data: action.flow_action_data } }, message), '▤');
	}
	if (kind === 'PHONE_NUMBER') return h('a', { class: 'action', href: `tel:${button.phone_number}` }, h('span', { class: 'icon' }, '📞'), button.text);
	// Copy-code and OTP buttons carry the code (OTP codes travel as a URL button parameter).
	const code = parameter.coupon_code ?? (kind === 'OTP' ? parameter.text : undefined);
	if (code !== undefined) return actionButton(`${button.text ?? 'Copy code'}: ${code}`, () => navigator.clipboard?.writeText(String(code)), '⧉');
	const products = parameter.action?.sections?.flatMap((section) => section.product_items ?? []).length;
	return actionButton(`${button.text ?? kind}${products ? ` (${products} products)` : ''}`, () => undefined, kind === 'CATALOG' || kind === 'MPM' || kind === 'SPM' ? '🛍' : '');
}

function renderMessaging(message, ui) {
	const body = message.payload.message ?? {};
	const parts = [];
	const after = [];
	if (body.text) parts.push(h('div', { class: 'text', html: formatPlain(body.text) }));
	const attachment = body.attachment;
	if (attachment) {
		const payload = attachment.payload ?? {};
		if (attachment.type === 'template') {
			if (payload.template_type === 'button') {
				parts.push(h('div', { class: 'text', html: formatPlain(payload.text) }));
				after.push(...(payload.buttons ?? []).map((button) => messagingButton(button, message, ui)));
			} else if (payload.template_type === 'generic') {
				return { content: h('div', { class: 'carousel' }, ...(payload.elements ?? []).map((element) => genericCard(element, message, ui))) };
			} else {
				parts.push(h('div', { class: 'text muted' }, `(${payload.template_type} template)`));
			}
		} else {
			const type = attachment.type === 'file' ? 'document' : attachment.type;
			parts.push(mediaElement(type, { link: payload.url ?? (payload.attachment_id ? undefined : ''), id: payload.attachment_id }));
		}
	}
	if (Array.isArray(body.quick_replies)) {
		after.push(...body.quick_replies.map((reply) => actionButton(reply.title ?? reply.content_type, () => ui.act({ kind: 'reply', source: 'quick_reply', id: reply.payload ?? reply.title, title: reply.title ?? reply.payload }))));
	}
	return { content: h('div', {}, ...parts), after: after.length ? h('div', { class: 'chips' }, ...after) : null };
}

function messagingButton(button, message, ui) {
	if (button.type === 'web_url') return h('a', { class: 'action', href: button.url, target: '_blank', rel: 'noopener' }, button.title);
	if (button.type === 'phone_number') return h('a', { class: 'action', href: `tel:${button.payload}` }, button.title);
	return actionButton(button.title, () => ui.act({ kind: 'reply', source: 'postback', id: button.payload, title: button.title, replyTo: message.id }));
}

function genericCard(element, message, ui) {
	return h(
		'div',
		{ class: 'card' },
		element.image_url ? mediaElement('image', { link: element.image_url }) : null,
		h('b', {}, element.title),
		element.subtitle ? h('div', { class: 'muted' }, element.subtitle) : null,
		h('div', { class: 'card-buttons' }, ...(element.buttons ?? []).map((button) => messagingButton(button, message, ui))),
	);
}

function renderViber(message, ui) {
	const body = message.payload;
	let content;
	if (body.type === 'text') content = h('div', { class: 'text', html: formatPlain(body.text) });
	else if (body.type === 'picture') content = h('div', {}, mediaElement('image', { link: body.media }), body.text ? h('div', { class: 'text' }, body.text) : null);
	else if (body.type === 'video') content = mediaElement('video', { link: body.media });
	else if (body.type === 'file') content = mediaElement('document', { link: body.media, filename: body.file_name });
	else if (body.type === 'contact') content = h('div', { class: 'contact-card' }, '👤 ', h('b', {}, body.contact?.name), h('div', { class: 'muted' }, body.contact?.phone_number));
	else if (body.type === 'location') content = locationCard(body.location?.lat, body.location?.lon);
	else if (body.type === 'url') content = h('a', { href: body.media, target: '_blank', rel: 'noopener' }, body.media);
	else if (body.type === 'sticker') content = h('div', { class: 'sticker-placeholder' }, `sticker ${body.sticker_id}`);
	else if (body.type === 'rich_media') content = richMedia(body.rich_media ?? {}, ui);
	else content = h('div', { class: 'text muted' }, `(${body.type})`);
	if (body.keyboard) ui.keyboard(message, body.keyboard);
	return { content };
}

function richMedia(richMedia, ui) {
	const columns = richMedia.ButtonsGroupColumns ?? 6;
	const grid = h('div', { class: 'rich-media', style: `grid-template-columns: repeat(${columns}, 1fr)` });
	for (const button of richMedia.Buttons ?? []) grid.append(viberButton(button, ui, 'rich'));
	return grid;
}

/** A Viber keyboard or rich-media button: reply, open-url, location-picker, share-phone, none. */
export function viberButton(button, ui, kind = 'keyboard') {
	const label = h('span', { html: formatViberText(button.Text ?? '') });
	const style = [`grid-column: span ${button.Columns ?? 6}`, `grid-row: span ${button.Rows ?? 1}`, button.BgColor ? `background:${button.BgColor}` : '']
		.filter(Boolean)
		.join(';');
	const onclick = () => {
		const type = button.ActionType ?? 'reply';
		if (type === 'open-url') window.open(button.ActionBody, '_blank', 'noopener');
		else if (type === 'location-picker') ui.shareLocation();
		else if (type === 'share-phone') ui.act({ kind: 'contact', name: ui.contactName(), phone: '+447700900123' });
		else if (type === 'reply') ui.act({ kind: 'reply', source: 'button', id: button.ActionBody, title: stripTags(button.Text ?? button.ActionBody) });
	};
	return h('button', { class: `viber-button ${kind}${button.BgColor ? ' filled' : ''}`, style, onclick }, button.Image ? h('img', { src: button.Image, alt: '' }) : null, label);
}

function stripTags(text) {
	return String(text).replace(/<[^>]+>/g, '');
}

/** Viber buttons allow <b>, <i>, <u>, <br> and <font color>; everything else is text. */
function formatViberText(text) {
	return escapeHtml(text)
		.replace(/&lt;(\/?)(b|i|u)&gt;/g, '<$1$2>')
		.replace(/&lt;br\s*\/?&gt;/g, '<br>')
		.replace(/&lt;font color=(?:&quot;)?(#[0-9a-fA-F]{3,8})(?:&quot;)?&gt;/g, '<span style="color:$1">')
		.replace(/&lt;\/font&gt;/g, '</span>');
}
