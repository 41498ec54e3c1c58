import { compact, mediaObject, type MediaSource } from './basic';
import { envelope, type EnvelopeOptions, type OutgoingMessage } from './envelope';
import { LIMITS } from './limits';
import { count, jsonObject, MessageFieldError, optionalText, requireText, text, unique, url } from '../../shared/fields';

/** Interactive messages: reply buttons, list, CTA URL, location request, Flow (Meta's interactive message reference). */

export interface InteractiveFrame {
	header?: { type: 'none' | 'text' | 'image' | 'video' | 'document'; text?: string; media?: MediaSource };
	body?: string;
	footer?: string;
}

function frame(input: InteractiveFrame, bodyRequired: boolean, allowMediaHeader: boolean): Record<string, unknown> {
	const parts: Record<string, unknown> = {};
	const header = input.header;
	if (header && header.type !== 'none') {
		if (header.type === 'text') {
			parts.header = { type: 'text', text: text('interactive.header.text', header.text, LIMITS.interactiveHeaderText) };
		} else {
			if (!allowMediaHeader) throw new MessageFieldError('interactive.header.type', 'only a text header is allowed here');
			parts.header = { type: header.type, [header.type]: mediaObject(header.type, header.media ?? {}, `interactive.header.${header.type}`) };
		}
	}
	const body = bodyRequired
		? text('interactive.body.text', input.body, LIMITS.interactiveBody)
		: optionalText('interactive.body.text', input.body, LIMITS.interactiveBody);
	if (body !== undefined) parts.body = { text: body };
	const footer = optionalText('interactive.footer.text', input.footer, LIMITS.interactiveFooter);
	if (footer !== undefined) parts.footer = { text: footer };
	return parts;
}

export interface ReplyButton {
	id: string;
	title: string;
}

export function buttonsMessage(to: unknown, input: InteractiveFrame & { buttons: ReplyButton[] }, options?: EnvelopeOptions): OutgoingMessage {
	const field = 'interactive.action.buttons';
	count(field, input.buttons, 1, LIMITS.replyButtons);
	const buttons = input.buttons.map((button, index) => ({
		type: 'reply',
		reply: {
			id: text(`${field}[${index}].id`, button.id, LIMITS.replyButtonId),
			title: text(`${field}[${index}].title`, button.title, LIMITS.replyButtonTitle),
		},
	}));
	unique(field, input.buttons, 'id', 'button id');
	unique(field, input.buttons, 'title', 'button title');
	return envelope(to, 'interactive', { type: 'button', ...frame(input, true, true), action: { buttons } }, options);
}

export interface ListSection {
	title?: string;
	rows: Array<{ id: string; title: string; description?: string }>;
}

export function listMessage(
	to: unknown,
	input: InteractiveFrame & { button: string; sections: ListSection[] },
	options?: EnvelopeOptions,
): OutgoingMessage {
	const field = 'interactive.action.sections';
	count(field, input.sections, 1, LIMITS.listSections);
	const totalRows = input.sections.reduce((sum, section) => sum + section.rows.length, 0);
	if (totalRows > LIMITS.listRowsTotal) throw new MessageFieldError(field, `at most ${LIMITS.listRowsTotal} rows in total (got ${totalRows})`);
	const sections = input.sections.map((section, s) => {
		const title =
			input.sections.length > 1
				? text(`${field}[${s}].title`, section.title, LIMITS.listSectionTitle)
				: optionalText(`${field}[${s}].title`, section.title, LIMITS.listSectionTitle);
		count(`${field}[${s}].rows`, section.rows, 1, LIMITS.listRowsTotal);
		const rows = section.rows.map((row, r) =>
			compact({
				id: text(`${field}[${s}].rows[${r}].id`, row.id, LIMITS.listRowId),
				title: text(`${field}[${s}].rows[${r}].title`, row.title, LIMITS.listRowTitle),
				description: optionalText(`${field}[${s}].rows[${r}].description`, row.description, LIMITS.listRowDescription),
			}),
		);
		return title === undefined ? { rows } : { title, rows };
	});
	const allIds = input.sections.flatMap((section) => section.rows.map((row) => row.id));
	const seen = new Set<string>();
	for (const id of allIds) {
		if (seen.has(id)) throw new MessageFieldError(`${field}.rows.id`, `duplicate row id "${id}"; row ids must be unique`);
		seen.add(id);
	}
	const button = text('interactive.action.button', input.button, LIMITS.listButton);
	return envelope(to, 'interactive', { type: 'list', ...frame(input, true, false), action: { button, sections } }, options);
}

export function ctaUrlMessage(
	to: unknown,
	input: InteractiveFrame & { displayText: string; url: string },
	options?: EnvelopeOptions,
): OutgoingMessage {
	const parameters = {
		display_text: text('interactive.action.parameters.display_text', input.displayText, LIMITS.ctaDisplayText),
		url: url('interactive.action.parameters.url', input.url, LIMITS.link),
	};
	return envelope(to, 'interactive', { type: 'cta_url', ...frame(input, true, true), action: { name: 'cta_url', parameters } }, options);
}

export function locationRequestMessage(to: unknown, body: string, options?: EnvelopeOptions): OutgoingMessage {
	return envelope(
		to,
		'interactive',
		{ type: 'location_request_message', body: { text: text('interactive.body.text', body, LIMITS.interactiveBody) }, action: { name: 'send_location' } },
		options,
	);
}

export interface FlowInput extends InteractiveFrame {
	flowId?: string;
	flowName?: string;
	cta: string;
	flowToken?: string;
	mode: 'published' | 'draft';
	action: 'navigate' | 'data_exchange';
	screen?: string;
	data?: unknown;
}

/** The Flow CTA message (Meta's "Sending a Flow"). */
export function flowMessage(to: unknown, input: FlowInput, options?: EnvelopeOptions): OutgoingMessage {
	const field = 'interactive.action.parameters';
	const flowId = optionalText(`${field}.flow_id`, input.flowId?.trim());
	const flowName = optionalText(`${field}.flow_name`, input.flowName?.trim());
	if (!flowId === !flowName) throw new MessageFieldError(`${field}.flow_id`, 'give either a Flow ID or a Flow name (not both)');
	const cta = text(`${field}.flow_cta`, input.cta, LIMITS.flowCta);
	if (/\p{Extended_Pictographic}/u.test(cta)) throw new MessageFieldError(`${field}.flow_cta`, 'emoji are not allowed');
	const parameters: Record<string, unknown> = {
		flow_message_version: '3',
		flow_token: optionalText(`${field}.flow_token`, input.flowToken) ?? 'unused',
		...(flowId ? { flow_id: flowId } : { flow_name: flowName }),
		flow_cta: cta,
		mode: input.mode,
		flow_action: input.action,
	};
	if (input.action === 'navigate') {
		const screen = requireText(`${field}.flow_action_payload.screen`, input.screen).trim();
		const data = jsonObject(`${field}.flow_action_payload.data`, input.data);
		parameters.flow_action_payload = data && Object.keys(data).length > 0 ? { screen, data } : { screen };
	}
	return envelope(to, 'interactive', { type: 'flow', ...frame(input, true, true), action: { name: 'flow', parameters } }, options);
}
