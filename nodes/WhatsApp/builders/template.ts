import { locationObject } from './basic';
import { recipientField } from './envelope';
import { LIMITS } from './limits';
import {
	isNamedTemplate,
	placeholders,
	templateParameters,
	type TemplateDefinition,
} from './templateDefinition';
import { jsonObject, maxChars, MessageFieldError, requireText } from '../../shared/fields';

/** Template messages: components from user values, and validation against the template. */

export type TemplateComponentPayload = Record<string, unknown> & { type: string; parameters?: Array<Record<string, unknown>> };

function textParameter(value: unknown, field: string, name: string | undefined, maxLength?: number): Record<string, unknown> {
	const typed = typedValue(value);
	let parameter: Record<string, unknown>;
	if (typed && 'currency' in typed) {
		const currency = typed.currency as Record<string, unknown>;
		if (!currency || typeof currency !== 'object') throw new MessageFieldError(field, 'currency must be an object');
		requireText(`${field}.currency.fallback_value`, currency.fallback_value);
		requireText(`${field}.currency.code`, currency.code);
		if (!Number.isInteger(Number(currency.amount_1000))) throw new MessageFieldError(`${field}.currency.amount_1000`, 'must be an integer (amount × 1000)');
		parameter = { type: 'currency', currency: { fallback_value: String(currency.fallback_value), code: String(currency.code), amount_1000: Number(currency.amount_1000) } };
	} else if (typed && 'date_time' in typed) {
		const dateTime = typed.date_time as Record<string, unknown>;
		parameter = { type: 'date_time', date_time: { fallback_value: requireText(`${field}.date_time.fallback_value`, dateTime?.fallback_value) } };
	} else {
		const text = requireText(field, value);
		parameter = { type: 'text', text: maxLength ? maxChars(field, text, maxLength) : text };
	}
	if (name !== undefined) parameter.parameter_name = name;
	return parameter;
}

/** `{"currency":…}` / `{"date_time":…}` given as an object or JSON text; anything else is text. */
function typedValue(value: unknown): Record<string, unknown> | undefined {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
	if (typeof value === 'string' && /^\s*\{\s*"(currency|date_time)"/.test(value)) {
		try {
			return JSON.parse(value) as Record<string, unknown>;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function mediaParameter(kind: 'image' | 'video' | 'document', value: unknown, field: string): Record<string, unknown> {
	const typed = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	const raw = typed ? String(typed.id ?? typed.link ?? '') : requireText(field, value).trim();
	if (raw === '') throw new MessageFieldError(field, 'a media ID or an https link is required');
	const media: Record<string, unknown> = /^\d+$/.test(raw) ? { id: raw } : { link: raw };
	if (typed?.filename && kind === 'document') media.filename = String(typed.filename);
	return { type: kind, [kind]: media };
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Builds `components` from values keyed by the parameter keys `templateParameters` names
 * (`header.1`, `header.image`, `body.first_name`, `button[1].url`, ...). Missing required
 * values and keys the template does not have are errors naming the key.
 */
export function buildTemplateComponents(template: TemplateDefinition, values: Record<string, unknown>): TemplateComponentPayload[] {
	const specs = templateParameters(template);
	const named = isNamedTemplate(template);
	const known = new Set(specs.map((spec) => spec.key));
	for (const key of Object.keys(values)) {
		if (!known.has(key) && !isEmpty(values[key])) {
			throw new MessageFieldError(key, `not a parameter of template "${template.name}" (${template.language}); it has: ${[...known].join(', ') || 'none'}`);
		}
	}
	const header: Array<Record<string, unknown>> = [];
	const body: Array<Record<string, unknown>> = [];
	const buttons = new Map<number, { subType: string; parameters: Array<Record<string, unknown>> }>();
	const flowActions = new Map<number, Record<string, unknown>>();

	for (const spec of specs) {
		const value = values[spec.key];
		if (isEmpty(value)) {
			if (spec.required) throw new MessageFieldError(spec.key, `required by template "${template.name}" (${template.language})`);
			continue;
		}
		const name = named && spec.kind === 'text' ? spec.name : undefined;
		switch (spec.kind) {
			case 'text':
				(spec.component === 'header' ? header : body).push(
					textParameter(value, spec.key, name, spec.component === 'header' ? LIMITS.templateHeaderText : undefined),
				);
				break;
			case 'image':
			case 'video':
			case 'document':
				header.push(mediaParameter(spec.kind, value, spec.key));
				break;
			case 'location': {
				const location = jsonObject(spec.key, value) ?? {};
				header.push({ type: 'location', location: locationObject(location as never, spec.key) });
				break;
			}
			case 'payload':
				buttons.set(spec.buttonIndex!, { subType: 'quick_reply', parameters: [{ type: 'payload', payload: String(value) }] });
				break;
			case 'url':
				buttons.set(spec.buttonIndex!, { subType: 'url', parameters: [{ type: 'text', text: requireText(spec.key, value) }] });
				break;
			case 'coupon_code':
				buttons.set(spec.buttonIndex!, {
					subType: 'copy_code',
					parameters: [{ type: 'coupon_code', coupon_code: maxChars(spec.key, requireText(spec.key, value), 15) }],
				});
				break;
			case 'flow': {
				const action = flowActions.get(spec.buttonIndex!) ?? {};
				if (spec.name === 'flow_token') action.flow_token = String(value);
				else action.flow_action_data = jsonObject(spec.key, value);
				flowActions.set(spec.buttonIndex!, action);
				buttons.set(spec.buttonIndex!, { subType: 'flow', parameters: [{ type: 'action', action }] });
				break;
			}
		}
	}

	const components: TemplateComponentPayload[] = [];
	if (header.length) components.push({ type: 'header', parameters: header });
	if (body.length) components.push({ type: 'body', parameters: body });
	for (const index of [...buttons.keys()].sort((a, b) => a - b)) {
		const button = buttons.get(index)!;
		components.push({ type: 'button', sub_type: button.subType, index: String(index), parameters: button.parameters });
	}
	validateTemplateComponents(template, components);
	return components;
}

/**
 * Checks components (built above or given as raw JSON) against the template: parameter count
 * per component, named parameter names, no mixing of named and positional, required buttons.
 */
export function validateTemplateComponents(template: TemplateDefinition, components: TemplateComponentPayload[]): void {
	const label = `template "${template.name}" (${template.language})`;
	const named = isNamedTemplate(template);
	const find = (type: string) => components.filter((c) => String(c.type).toLowerCase() === type);

	for (const component of template.components) {
		const type = component.type.toLowerCase();
		if (type === 'body' || (type === 'header' && (component.format ?? 'TEXT').toUpperCase() === 'TEXT')) {
			const expected = placeholders(component.text);
			const given = find(type).flatMap((c) => c.parameters ?? []);
			const givenNames = given.map((p) => p.parameter_name).filter((n): n is string => typeof n === 'string');
			if (givenNames.length > 0 && givenNames.length < given.length) {
				throw new MessageFieldError(type, 'named (parameter_name) and positional parameters must not be mixed');
			}
			if (named) {
				if (given.length > 0 && givenNames.length === 0) throw new MessageFieldError(type, `${label} uses named parameters: each needs parameter_name`);
				for (const name of expected) if (!givenNames.includes(name)) throw new MessageFieldError(`${type}.${name}`, `required by ${label}`);
				for (const name of givenNames) if (!expected.includes(name)) throw new MessageFieldError(`${type}.${name}`, `not a parameter of ${label}; it has: ${expected.join(', ') || 'none'}`);
			} else {
				if (givenNames.length > 0) throw new MessageFieldError(type, `${label} uses positional parameters ({{1}}, {{2}}, …): remove parameter_name`);
				if (given.length !== expected.length) {
					throw new MessageFieldError(type, `${label} expects ${expected.length} parameter(s) (${expected.map((n) => `{{${n}}}`).join(', ') || 'none'}), got ${given.length}`);
				}
			}
		} else if (type === 'header') {
			const format = (component.format ?? '').toLowerCase();
			const parameter = find('header').flatMap((c) => c.parameters ?? [])[0];
			if (!parameter) throw new MessageFieldError(`header.${format}`, `required by ${label} (a ${format} header)`);
			if (parameter.type !== format) throw new MessageFieldError(`header.${format}`, `${label} has a ${format} header, got a ${String(parameter.type)} parameter`);
		} else if (type === 'buttons') {
			(component.buttons ?? []).forEach((button, index) => {
				const needs = (button.type === 'URL' && placeholders(button.url).length > 0) || button.type === 'COPY_CODE';
				const given = find('button').some((c) => String(c.index) === String(index));
				if (needs && !given) throw new MessageFieldError(`button[${index}]`, `${label}: the ${button.type} button "${button.text ?? ''}" needs a parameter`);
			});
		}
	}
	const templateTypes = new Set(template.components.map((c) => c.type.toLowerCase()));
	for (const component of components) {
		const type = String(component.type).toLowerCase();
		const owner = type === 'button' ? 'buttons' : type;
		if (!templateTypes.has(owner) && !['carousel', 'limited_time_offer', 'order_status'].includes(type)) {
			throw new MessageFieldError(type, `${label} has no ${type} component`);
		}
	}
}

export function templateMessage(
	to: unknown,
	template: Pick<TemplateDefinition, 'name' | 'language'>,
	components: TemplateComponentPayload[],
	options: { replyToMessageId?: string; bizOpaqueCallbackData?: string } = {},
): Record<string, unknown> {
	const payload: Record<string, unknown> = { name: template.name, language: { code: template.language, policy: 'deterministic' } };
	if (components.length) payload.components = components;
	const message: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...recipientField(to),
		type: 'template',
		template: payload,
	};
	if (options.replyToMessageId) message.context = { message_id: options.replyToMessageId };
	if (options.bizOpaqueCallbackData) message.biz_opaque_callback_data = options.bizOpaqueCallbackData;
	return message;
}
