import {
	buttonExample,
	byPosition,
	isNamedTemplate,
	placeholderExample,
	placeholders,
	type TemplateButton,
	type TemplateComponent,
	type TemplateDefinition,
} from './templateDefinition';

/**
 * The values a template send needs, read from the template's own components, one per field the
 * user fills in. Keys are stable (saved workflows keep their values): `header.1`, `body.name`,
 * `button[1].url`, `card[0].header.image`, `limited_time_offer.expiration_time_ms`, `catalog_id`.
 */
export type ParameterKind =
	| 'text'
	| 'image'
	| 'video'
	| 'document'
	| 'location'
	| 'product'
	| 'catalog_id'
	| 'expiration'
	| 'payload'
	| 'url'
	| 'coupon_code'
	| 'flow'
	| 'thumbnail'
	| 'sections';

export interface TemplateParameterSpec {
	key: string;
	component: 'header' | 'body' | 'button' | 'limited_time_offer' | 'catalog';
	kind: ParameterKind;
	/** Named parameter name, or the position ("1", "2", ...) for positional ones. */
	name?: string;
	buttonIndex?: number;
	/** Carousel card (0-based) the value belongs to. */
	card?: number;
	/** The button's sub_type on the wire, for button values. */
	subType?: string;
	required: boolean;
	/** How a person reads the template: `Card 2 · header image`, `Body "first_name"`. */
	label: string;
	/** Where the value goes and what it may be. */
	description: string;
	/** The example Meta stores with the template. */
	example?: string;
	/** The value type shown in the editor. */
	fieldType: 'string' | 'object' | 'array';
}

type Spec = TemplateParameterSpec;

/** The parameters a template needs, in the order they are sent. */
export function templateParameters(template: TemplateDefinition): Spec[] {
	const named = isNamedTemplate(template);
	const authentication = (template.category ?? '').toUpperCase() === 'AUTHENTICATION';
	const specs: Spec[] = [];
	for (const component of template.components) {
		const type = component.type.toUpperCase();
		if (type === 'CAROUSEL') {
			(component.cards ?? []).forEach((card, index) => specs.push(...scopeParameters(card.components, { named: false, card: index })));
		} else if (type === 'LIMITED_TIME_OFFER') {
			if (component.limited_time_offer?.has_expiration) specs.push(offerExpiry(component));
		} else {
			specs.push(...scopeParameters([component], { named, authentication }));
		}
	}
	if (specs.some((spec) => spec.kind === 'product')) specs.push(catalogId());
	return specs;
}

interface Scope {
	named: boolean;
	card?: number;
	authentication?: boolean;
}

/** Parameters of top-level components, or of one carousel card's components. */
function scopeParameters(components: TemplateComponent[], scope: Scope): Spec[] {
	const specs: Spec[] = [];
	for (const component of components) {
		const type = component.type.toUpperCase();
		if (type === 'HEADER') specs.push(...headerParameters(component, scope));
		else if (type === 'BODY') specs.push(...bodyParameters(component, scope));
		else if (type === 'BUTTONS') (component.buttons ?? []).forEach((button, index) => specs.push(...buttonParameters(button, index, scope)));
	}
	return specs;
}

function prefix(scope: Scope): { key: string; label: string } {
	return scope.card === undefined ? { key: '', label: '' } : { key: `card[${scope.card}].`, label: `Card ${scope.card + 1} · ` };
}

function capitalised(label: string, scope: Scope): string {
	return scope.card === undefined ? label.charAt(0).toUpperCase() + label.slice(1) : label;
}

function variableLabel(name: string): string {
	return /^\d+$/.test(name) ? `{{${name}}}` : `"${name}"`;
}

function headerParameters(component: TemplateComponent, scope: Scope): Spec[] {
	const { key, label } = prefix(scope);
	const format = (component.format ?? 'TEXT').toUpperCase();
	const base = { component: 'header' as const, card: scope.card, required: true };
	if (format === 'TEXT') {
		return placeholders(component.text).map((name) => ({
			...base,
			key: `${key}header.${name}`,
			kind: 'text',
			name,
			label: `${label}${capitalised(`header ${variableLabel(name)}`, scope)}`,
			description: `Header text: "${component.text}"`,
			example: placeholderExample(component, name),
			fieldType: 'string',
		}));
	}
	if (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT') {
		const kind = format.toLowerCase() as 'image' | 'video' | 'document';
		return [{
			...base,
			key: `${key}header.${kind}`,
			kind,
			label: `${label}${capitalised(`header ${kind}`, scope)}`,
			description: `A public https link or an uploaded media ID${kind === 'document' ? ' (or {"link"|"id":…, "filename":…})' : ''}`,
			example: component.example?.header_handle?.[0],
			fieldType: 'string',
		}];
	}
	if (format === 'LOCATION') {
		return [{ ...base, key: `${key}header.location`, kind: 'location', label: `${label}${capitalised('header location', scope)}`, description: '{"latitude":…, "longitude":…, "name":…, "address":…}', fieldType: 'object' }];
	}
	if (format === 'PRODUCT') {
		return [{ ...base, key: `${key}header.product`, kind: 'product', label: `${label}${capitalised('product (retailer ID)', scope)}`, description: 'The product\'s retailer ID (SKU, "Content ID" in Commerce Manager)', fieldType: 'string' }];
	}
	return [];
}

function bodyParameters(component: TemplateComponent, scope: Scope): Spec[] {
	const { key, label } = prefix(scope);
	const names = scope.named ? placeholders(component.text) : byPosition(placeholders(component.text));
	return names.map((name) => ({
		key: `${key}body.${name}`,
		component: 'body',
		kind: 'text',
		name,
		card: scope.card,
		required: true,
		label: scope.authentication ? 'One-time code' : `${label}${capitalised(`body ${variableLabel(name)}`, scope)}`,
		description: scope.authentication
			? 'The code shown in the message and copied or autofilled by its button'
			: 'Text, or {"currency":{…}} / {"date_time":{…}}',
		example: placeholderExample(component, name),
		fieldType: 'string',
	}));
}

/** Button types as a person names them, for buttons without a text of their own (copy code buttons have none). */
const BUTTON_NAMES: Record<string, string> = { QUICK_REPLY: 'quick reply', URL: 'URL', COPY_CODE: 'copy code', FLOW: 'Flow', CATALOG: 'catalog', MPM: 'multi-product' };

/** `button "Buy now" URL suffix`, or without a text `copy code button · coupon code`. */
function buttonLabel(button: TemplateButton, type: string, value: string): string {
	if (button.text) return `button "${button.text}" ${value}`;
	return `${BUTTON_NAMES[type] ?? type.toLowerCase()} button · ${value}`;
}

function buttonParameters(button: TemplateButton, index: number, scope: Scope): Spec[] {
	const { key: keyPrefix, label: labelPrefix } = prefix(scope);
	const type = button.type.toUpperCase();
	const key = `${keyPrefix}button[${index}]`;
	const label = (value: string) => `${labelPrefix}${capitalised(buttonLabel(button, type, value), scope)}`;
	const base = { component: 'button' as const, buttonIndex: index, card: scope.card, subType: buttonSubType(button), fieldType: 'string' as const };
	switch (type) {
		case 'QUICK_REPLY':
			return [{ ...base, key: `${key}.payload`, kind: 'payload', required: false, label: label('payload'), description: 'Sent back in the reply webhook when the button is tapped' }];
		case 'URL':
			if (placeholders(button.url).length === 0) return [];
			return [{ ...base, key: `${key}.url`, kind: 'url', required: true, label: label('URL suffix'), description: `Replaces the variable in ${button.url}`, example: buttonExample(button) }];
		case 'COPY_CODE':
			return [{ ...base, key: `${key}.coupon_code`, kind: 'coupon_code', required: true, label: label('coupon code'), description: 'The code copied by the button (at most 15 characters)', example: buttonExample(button) }];
		case 'FLOW':
			return [
				{ ...base, key: `${key}.flow_token`, kind: 'flow', name: 'flow_token', required: false, label: label('Flow token'), description: 'Your correlation ID for this Flow (default "unused")' },
				{ ...base, key: `${key}.flow_action_data`, kind: 'flow', name: 'flow_action_data', required: false, label: label('Flow data'), description: 'A JSON object handed to the first screen', fieldType: 'object' },
			];
		case 'CATALOG':
			return [{ ...base, key: `${key}.thumbnail_product_retailer_id`, kind: 'thumbnail', required: false, label: label('thumbnail product'), description: 'Retailer ID of the product shown as the thumbnail (default: the first product of the catalog)' }];
		case 'MPM':
			return [
				{ ...base, key: `${key}.thumbnail_product_retailer_id`, kind: 'thumbnail', required: true, label: label('thumbnail product'), description: 'Retailer ID of the product shown as the thumbnail' },
				{ ...base, key: `${key}.sections`, kind: 'sections', required: true, label: label('sections'), description: '[{"title":…, "product_items":[{"product_retailer_id":…}]}] (up to 10 sections, 30 products)', fieldType: 'array' },
			];
		default:
			// PHONE_NUMBER, VOICE_CALL and SPM take nothing at send time; OTP buttons take the body's code.
			return [];
	}
}

const SUB_TYPES: Record<string, string> = {
	QUICK_REPLY: 'quick_reply',
	COPY_CODE: 'copy_code',
	FLOW: 'flow',
	CATALOG: 'CATALOG', // spelled so in Meta's catalog template reference; compared without case
	MPM: 'mpm',
	OTP: 'url', // authentication templates: the code goes to the one-time password button as a URL parameter
};

/** The sub_type a button's value is sent with; none for buttons that take nothing at send time. */
export function buttonSubType(button: TemplateButton): string | undefined {
	const type = button.type.toUpperCase();
	if (type === 'URL') return placeholders(button.url).length > 0 ? 'url' : undefined;
	return SUB_TYPES[type];
}

function offerExpiry(component: TemplateComponent): Spec {
	return {
		key: 'limited_time_offer.expiration_time_ms',
		component: 'limited_time_offer',
		kind: 'expiration',
		required: true,
		label: `Offer expiry${component.limited_time_offer?.text ? ` ("${component.limited_time_offer.text}")` : ''}`,
		description: 'When the offer ends: a date and time (ISO 8601) or a UNIX time in milliseconds',
		fieldType: 'string',
	};
}

function catalogId(): Spec {
	return {
		key: 'catalog_id',
		component: 'catalog',
		kind: 'catalog_id',
		required: true,
		label: 'Catalog ID',
		description: 'The ecommerce catalog connected to the WhatsApp Business Account that holds the products',
		fieldType: 'string',
	};
}
