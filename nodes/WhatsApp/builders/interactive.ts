import { compact, mediaObject, type MediaSource } from './basic';
import { envelope, type EnvelopeOptions, type OutgoingMessage } from './envelope';
import { LIMITS } from './limits';
import {
	jsonObject,
	maxChars,
	maxCount,
	MessageValidationError,
	optionalText,
	requireHttpsUrl,
	requireText,
	unique,
} from './validation';

/** Interactive messages: reply buttons, list, CTA URL, location request, Flow (channels.md §2). */

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
			parts.header = { type: 'text', text: requireText(header.text, 'interactive.header.text', LIMITS.interactiveHeaderText) };
		} else {
			if (!allowMediaHeader) throw new MessageValidationError('interactive.header.type', 'only a text header is allowed here');
			parts.header = { type: header.type, [header.type]: mediaObject(header.type, header.media ?? {}, `interactive.header.${header.type}`) };
		}
	}
	const body = bodyRequired
		? requireText(input.body, 'interactive.body.text', LIMITS.interactiveBody)
		: optionalText(input.body, 'interactive.body.text', LIMITS.interactiveBody);
	if (body !== undefined) parts.body = { text: body };
	const footer = optionalText(input.footer, 'interactive.footer.text', LIMITS.interactiveFooter);
	if (footer !== undefined) parts.footer = { text: footer };
	return parts;
}

export interface ReplyButton {
	id: string;
	title: string;
}

export function buttonsMessage(to: unknown, input: InteractiveFrame & { buttons: ReplyButton[] }, options?: EnvelopeOptions): OutgoingMessage {
	const field = 'interactive.action.buttons';
	maxCount(input.buttons, field, LIMITS.replyButtons, 1);
	const buttons = input.buttons.map((button, index) => ({
		type: 'reply',
		reply: {
			id: requireText(button.id, `${field}[${index}].id`, LIMITS.replyButtonId),
			title: requireText(button.title, `${field}[${index}].title`, LIMITS.replyButtonTitle),
		},
	}));
	unique(input.buttons.map((b) => b.id), field, 'id');
	unique(input.buttons.map((b) => b.title), field, 'title');
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
	maxCount(input.sections, field, LIMITS.listSections, 1);
	const totalRows = input.sections.reduce((sum, section) => sum + section.rows.length, 0);
	if (totalRows > LIMITS.listRowsTotal) throw new MessageValidationError(field, `at most ${LIMITS.listRowsTotal} rows in total (got ${totalRows})`);
	const sections = input.sections.map((section, s) => {
		const title =
			input.sections.length > 1
				? requireText(section.title, `${field}[${s}].title`, LIMITS.listSectionTitle)
				: optionalText(section.title, `${field}[${s}].title`, LIMITS.listSectionTitle);
		maxCount(section.rows, `${field}[${s}].rows`, LIMITS.listRowsTotal, 1);
		const rows = section.rows.map((row, r) =>
			compact({
				id: requireText(row.id, `${field}[${s}].rows[${r}].id`, LIMITS.listRowId),
				title: requireText(row.title, `${field}[${s}].rows[${r}].title`, LIMITS.listRowTitle),
				description: optionalText(row.description, `${field}[${s}].rows[${r}].description`, LIMITS.listRowDescription),
			}),
		);
		return title === undefined ? { rows } : { title, rows };
	});
	const allIds = input.sections.flatMap((section) => section.rows.map((row) => row.id));
	const seen = new Set<string>();
	for (const id of allIds) {
		if (seen.has(id)) throw new MessageValidationError(`${field}.rows.id`, `duplicate row id "${id}"; row ids must be unique`);
		seen.add(id);
	}
	const button = requireText(input.button, 'interactive.action.button', LIMITS.listButton);
	return envelope(to, 'interactive', { type: 'list', ...frame(input, true, false), action: { button, sections } }, options);
}

export function ctaUrlMessage(
	to: unknown,
	input: InteractiveFrame & { displayText: string; url: string },
	options?: EnvelopeOptions,
): OutgoingMessage {
	const parameters = {
		display_text: requireText(input.displayText, 'interactive.action.parameters.display_text', LIMITS.ctaDisplayText),
		url: requireHttpsUrl(input.url, 'interactive.action.parameters.url'),
	};
	return envelope(to, 'interactive', { type: 'cta_url', ...frame(input, true, true), action: { name: 'cta_url', parameters } }, options);
}

export function locationRequestMessage(to: unknown, body: string, options?: EnvelopeOptions): OutgoingMessage {
	return envelope(
		to,
		'interactive',
		{ type: 'location_request_message', body: { text: requireText(body, 'interactive.body.text', LIMITS.interactiveBody) }, action: { name: 'send_location' } },
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

/** The Flow CTA message (whatsapp-flows.md §5). */
export function flowMessage(to: unknown, input: FlowInput, options?: EnvelopeOptions): OutgoingMessage {
	const field = 'interactive.action.parameters';
	const flowId = optionalText(input.flowId?.trim(), `${field}.flow_id`);
	const flowName = optionalText(input.flowName?.trim(), `${field}.flow_name`);
	if (!flowId === !flowName) throw new MessageValidationError(`${field}.flow_id`, 'give either a Flow ID or a Flow name (not both)');
	const cta = requireText(input.cta, `${field}.flow_cta`, LIMITS.flowCta);
	if (/\p{Extended_Pictographic}/u.test(cta)) throw new MessageValidationError(`${field}.flow_cta`, 'emoji are not allowed');
	const parameters: Record<string, unknown> = {
		flow_message_version: '3',
		flow_token: optionalText(input.flowToken, `${field}.flow_token`) ?? 'unused',
		...(flowId ? { flow_id: flowId } : { flow_name: flowName }),
		flow_cta: cta,
		mode: input.mode,
		flow_action: input.action,
	};
	if (input.action === 'navigate') {
		const screen = requireText(input.screen, `${field}.flow_action_payload.screen`).trim();
		const data = jsonObject(input.data, `${field}.flow_action_payload.data`);
		parameters.flow_action_payload = data && Object.keys(data).length > 0 ? { screen, data } : { screen };
	}
	maxChars(cta, `${field}.flow_cta`, LIMITS.flowCta);
	return envelope(to, 'interactive', { type: 'flow', ...frame(input, true, true), action: { name: 'flow', parameters } }, options);
}
