/**
 * A message template as `GET /{WABA_ID}/message_templates` returns it (Meta's template
 * components reference): the types, and reading its placeholders and stored examples.
 * What a send needs from it is derived in `templateParameters.ts`.
 */
export interface TemplateButton {
	type: string; // QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, OTP, CATALOG, MPM, SPM, VOICE_CALL
	text?: string;
	url?: string;
	phone_number?: string;
	/** URL buttons: the full example URL; copy code buttons: the example code (string or one-element list). */
	example?: string | string[];
	flow_id?: string;
	flow_name?: string;
	flow_json?: string;
	flow_action?: string;
	navigate_screen?: string;
	/** OTP buttons: COPY_CODE, ONE_TAP or ZERO_TAP. */
	otp_type?: string;
	autofill_text?: string;
	zero_tap_terms_accepted?: boolean;
	supported_apps?: Array<{ package_name: string; signature_hash: string }>;
}

export interface TemplateExample {
	header_text?: string[];
	header_text_named_params?: Array<{ param_name: string; example: string }>;
	header_handle?: string[];
	body_text?: string[][];
	body_text_named_params?: Array<{ param_name: string; example: string }>;
}

export interface TemplateComponent {
	type: string; // HEADER, BODY, FOOTER, BUTTONS, CAROUSEL, LIMITED_TIME_OFFER
	format?: string; // header: TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION, PRODUCT
	text?: string;
	example?: TemplateExample;
	buttons?: TemplateButton[];
	/** Carousel: every card has the same components (header, optional body, buttons). */
	cards?: Array<{ components: TemplateComponent[] }>;
	limited_time_offer?: { text?: string; has_expiration?: boolean };
	/** Authentication templates. */
	add_security_recommendation?: boolean;
	code_expiration_minutes?: number;
}

export interface TemplateDefinition {
	id?: string;
	name: string;
	language: string;
	status?: string;
	category?: string;
	parameter_format?: string; // NAMED | POSITIONAL
	components: TemplateComponent[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function placeholders(text: string | undefined): string[] {
	if (!text) return [];
	const names: string[] = [];
	for (const match of text.matchAll(PLACEHOLDER)) if (!names.includes(match[1])) names.push(match[1]);
	return names;
}

/** Positional placeholders in the order they are sent: {{1}}, {{2}}, … {{10}}. */
export function byPosition(names: string[]): string[] {
	return [...names].sort((a, b) => Number(a) - Number(b));
}

export function isNamedTemplate(template: TemplateDefinition): boolean {
	if (template.parameter_format) return template.parameter_format.toUpperCase() === 'NAMED';
	const all = template.components.flatMap((c) => placeholders(c.text));
	return all.some((name) => !/^\d+$/.test(name));
}

/** The example Meta stores for placeholder `name` of a header or body component, if any. */
export function placeholderExample(component: TemplateComponent, name: string): string | undefined {
	const example = component.example;
	if (!example) return undefined;
	const isHeader = component.type.toUpperCase() === 'HEADER';
	const namedList = isHeader ? example.header_text_named_params : example.body_text_named_params;
	const named = namedList?.find((entry) => entry.param_name === name)?.example;
	if (named !== undefined) return named;
	if (!/^\d+$/.test(name)) return undefined;
	const position = Number(name) - 1;
	return isHeader ? example.header_text?.[position] : example.body_text?.[0]?.[position];
}

/** A button's stored example (URL buttons keep the full example URL). */
export function buttonExample(button: TemplateButton): string | undefined {
	return Array.isArray(button.example) ? button.example[0] : button.example;
}

/** Components of a type (case-insensitive, as Graph answers upper case and takes lower case). */
export function componentsOfType<T extends { type: unknown }>(components: T[], type: string): T[] {
	return components.filter((component) => String(component.type).toUpperCase() === type);
}
