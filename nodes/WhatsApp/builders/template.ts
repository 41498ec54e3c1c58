import { recipientField, type RecipientField } from './envelope';
import { LIMITS } from './limits';
import { componentsOfType, isNamedTemplate, type TemplateDefinition } from './templateDefinition';
import { templateParameters, type TemplateParameterSpec } from './templateParameters';
import { validateTemplateComponents, type TemplateComponentPayload } from './templateValidation';
import {
	couponParameter,
	expirationParameter,
	locationParameter,
	mediaParameter,
	productParameter,
	productSections,
	textParameter,
	type WireParameter,
} from './templateValues';
import { jsonObject, MessageFieldError, requireText } from '../../shared/fields';

/** Template messages: the `components` of a send, built from the user's values for the template's parameters. */

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

interface ScopeParts {
	header: WireParameter[];
	body: WireParameter[];
	offer: WireParameter[];
	buttons: Map<number, { subType: string; parameters: WireParameter[] }>;
}

/**
 * Builds `components` from values keyed by the parameter keys `templateParameters` names
 * (`header.1`, `header.image`, `body.first_name`, `button[1].url`, `card[0].body.1`, ...).
 * Missing required values and keys the template does not have are errors naming the key.
 */
export function buildTemplateComponents(template: TemplateDefinition, values: Record<string, unknown>): TemplateComponentPayload[] {
	const specs = templateParameters(template);
	const known = new Set(specs.map((spec) => spec.key));
	for (const key of Object.keys(values)) {
		if (!known.has(key) && !isEmpty(values[key])) {
			throw new MessageFieldError(key, `not a parameter of template "${template.name}" (${template.language}); it has: ${[...known].join(', ') || 'none'}`);
		}
	}
	for (const spec of specs) {
		if (spec.required && isEmpty(values[spec.key])) throw new MessageFieldError(spec.key, `required by template "${template.name}" (${template.language})`);
	}
	const named = isNamedTemplate(template);
	const top = buildScope(specs.filter((spec) => spec.card === undefined), values, named);
	const components = assemble(top);

	// Authentication templates: the OTP button carries the same code as the body, as a URL button parameter.
	const code = top.body[0]?.text;
	componentsOfType(template.components, 'BUTTONS').forEach((component) =>
		(component.buttons ?? []).forEach((button, index) => {
			if (button.type.toUpperCase() === 'OTP' && typeof code === 'string') {
				components.push({ type: 'button', sub_type: 'url', index: String(index), parameters: [{ type: 'text', text: code }] });
			}
		}),
	);

	const carousel = componentsOfType(template.components, 'CAROUSEL')[0];
	if (carousel) {
		const cards = (carousel.cards ?? []).map((_, index) => ({
			card_index: index,
			components: assemble(buildScope(specs.filter((spec) => spec.card === index), values, false)),
		}));
		const bodyAt = components.findIndex((component) => component.type === 'body');
		components.splice(bodyAt + 1, 0, { type: 'carousel', cards });
	}
	const ordered = [...components.filter((c) => c.type !== 'button'), ...components.filter((c) => c.type === 'button').sort((a, b) => Number(a.index) - Number(b.index))];
	validateTemplateComponents(template, ordered);
	return ordered;
}

function buildScope(specs: TemplateParameterSpec[], values: Record<string, unknown>, named: boolean): ScopeParts {
	const parts: ScopeParts = { header: [], body: [], offer: [], buttons: new Map() };
	const addButton = (spec: TemplateParameterSpec, parameter: WireParameter) =>
		parts.buttons.set(spec.buttonIndex!, { subType: spec.subType!, parameters: [parameter] });
	for (const spec of specs) {
		const value = values[spec.key];
		if (isEmpty(value)) continue;
		switch (spec.kind) {
			case 'text': {
				const name = named ? spec.name : undefined;
				if (spec.component === 'header') parts.header.push(textParameter(value, spec.key, name, LIMITS.templateHeaderText));
				else parts.body.push(textParameter(value, spec.key, name));
				break;
			}
			case 'image':
			case 'video':
			case 'document':
				parts.header.push(mediaParameter(spec.kind, value, spec.key));
				break;
			case 'location':
				parts.header.push(locationParameter(value, spec.key));
				break;
			case 'product':
				parts.header.push(productParameter(value, values.catalog_id, spec.key));
				break;
			case 'expiration':
				parts.offer.push(expirationParameter(value, spec.key));
				break;
			case 'payload':
				addButton(spec, { type: 'payload', payload: String(value) });
				break;
			case 'url':
				addButton(spec, { type: 'text', text: requireText(spec.key, value) });
				break;
			case 'coupon_code':
				addButton(spec, couponParameter(value, spec.key));
				break;
			case 'flow':
			case 'thumbnail':
			case 'sections': {
				const existing = parts.buttons.get(spec.buttonIndex!)?.parameters[0]?.action as Record<string, unknown> | undefined;
				const action = { ...(existing ?? {}), ...actionField(spec, value) };
				addButton(spec, { type: 'action', action });
				break;
			}
			case 'catalog_id':
				break; // goes into each product parameter
		}
	}
	return parts;
}

/** One field of a button's `action` (Flow, catalog and multi-product buttons). */
function actionField(spec: TemplateParameterSpec, value: unknown): Record<string, unknown> {
	if (spec.kind === 'sections') return { sections: productSections(value, spec.key) };
	if (spec.kind === 'thumbnail') return { thumbnail_product_retailer_id: requireText(spec.key, value).trim() };
	if (spec.name === 'flow_token') return { flow_token: String(value) };
	return { flow_action_data: jsonObject(spec.key, value) };
}

function assemble(parts: ScopeParts): TemplateComponentPayload[] {
	const components: TemplateComponentPayload[] = [];
	if (parts.header.length) components.push({ type: 'header', parameters: parts.header });
	if (parts.body.length) components.push({ type: 'body', parameters: parts.body });
	if (parts.offer.length) components.push({ type: 'limited_time_offer', parameters: parts.offer });
	for (const index of [...parts.buttons.keys()].sort((a, b) => a - b)) {
		const button = parts.buttons.get(index)!;
		components.push({ type: 'button', sub_type: button.subType, index: String(index), parameters: button.parameters });
	}
	return components;
}

export function templateMessage(
	to: unknown,
	template: Pick<TemplateDefinition, 'name' | 'language' | 'category'>,
	components: TemplateComponentPayload[],
	options: { replyToMessageId?: string; bizOpaqueCallbackData?: string } = {},
): Record<string, unknown> {
	const payload: Record<string, unknown> = { name: template.name, language: { code: template.language, policy: 'deterministic' } };
	if (components.length) payload.components = components;
	const recipient = recipientField(to);
	checkAuthenticationRecipient(template, recipient);
	const message: Record<string, unknown> = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		...recipient,
		type: 'template',
		template: payload,
	};
	if (options.replyToMessageId) message.context = { message_id: options.replyToMessageId };
	if (options.bizOpaqueCallbackData) message.biz_opaque_callback_data = options.bizOpaqueCallbackData;
	return message;
}

/**
 * Meta sends authentication templates (one-tap, zero-tap, copy code: every authentication
 * template has one of these buttons) to phone numbers only, and refuses a business-scoped user ID
 * with error 131062 after the request; refused here before it, when the template's category is known.
 */
function checkAuthenticationRecipient(template: Pick<TemplateDefinition, 'name' | 'category'>, recipient: RecipientField): void {
	if (recipient.recipient === undefined || template.category?.toUpperCase() !== 'AUTHENTICATION') return;
	throw new MessageFieldError(
		'to',
		`"${recipient.recipient}" is a business-scoped user ID, and "${template.name}" is an authentication template, which Meta sends to phone numbers only (error 131062): send it to the person's phone number`,
	);
}
