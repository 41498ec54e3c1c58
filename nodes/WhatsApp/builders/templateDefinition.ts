/**
 * A message template as `GET /{WABA_ID}/message_templates` returns it, and the parameters it
 * needs, read from its own components (Meta's template components reference).
 */
export interface TemplateButton {
	type: string; // QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, OTP, ...
	text?: string;
	url?: string;
	flow_id?: string;
	flow_action?: string;
	navigate_screen?: string;
}

export interface TemplateComponent {
	type: string; // HEADER, BODY, FOOTER, BUTTONS
	format?: string; // header: TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION
	text?: string;
	buttons?: TemplateButton[];
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

export type ParameterKind = 'text' | 'image' | 'video' | 'document' | 'location' | 'payload' | 'url' | 'coupon_code' | 'flow';

/** One value the user fills in; `key` is the field name shown to the user and used in errors. */
export interface TemplateParameterSpec {
	key: string;
	component: 'header' | 'body' | 'button';
	kind: ParameterKind;
	/** Named parameter name, or the position ("1", "2", ...) for positional ones. */
	name?: string;
	buttonIndex?: number;
	required: boolean;
	/** For the UI: where the value goes. */
	description: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

export function placeholders(text: string | undefined): string[] {
	if (!text) return [];
	const names: string[] = [];
	for (const match of text.matchAll(PLACEHOLDER)) if (!names.includes(match[1])) names.push(match[1]);
	return names;
}

export function isNamedTemplate(template: TemplateDefinition): boolean {
	if (template.parameter_format) return template.parameter_format.toUpperCase() === 'NAMED';
	const all = template.components.flatMap((c) => placeholders(c.text));
	return all.some((name) => !/^\d+$/.test(name));
}

function byPosition(names: string[]): string[] {
	return [...names].sort((a, b) => Number(a) - Number(b));
}

/** The parameters a template needs, in the order they are sent. */
export function templateParameters(template: TemplateDefinition): TemplateParameterSpec[] {
	const named = isNamedTemplate(template);
	const specs: TemplateParameterSpec[] = [];
	for (const component of template.components) {
		const type = component.type.toUpperCase();
		if (type === 'HEADER') {
			const format = (component.format ?? 'TEXT').toUpperCase();
			if (format === 'TEXT') {
				for (const name of placeholders(component.text)) {
					specs.push({ key: `header.${name}`, component: 'header', kind: 'text', name, required: true, description: `Header text {{${name}}}: "${component.text}"` });
				}
			} else if (format === 'IMAGE' || format === 'VIDEO' || format === 'DOCUMENT') {
				const kind = format.toLowerCase() as 'image' | 'video' | 'document';
				specs.push({ key: `header.${kind}`, component: 'header', kind, required: true, description: `Header ${kind}: a public https link or an uploaded media ID` });
			} else if (format === 'LOCATION') {
				specs.push({ key: 'header.location', component: 'header', kind: 'location', required: true, description: 'Header location: {"latitude":…, "longitude":…, "name":…, "address":…}' });
			}
		} else if (type === 'BODY') {
			const names = named ? placeholders(component.text) : byPosition(placeholders(component.text));
			for (const name of names) {
				specs.push({ key: `body.${name}`, component: 'body', kind: 'text', name, required: true, description: `Body {{${name}}}: text, or {"currency":…} / {"date_time":…}` });
			}
		} else if (type === 'BUTTONS') {
			(component.buttons ?? []).forEach((button, index) => {
				const buttonType = button.type.toUpperCase();
				const base = `button[${index}]`;
				if (buttonType === 'QUICK_REPLY') {
					specs.push({ key: `${base}.payload`, component: 'button', kind: 'payload', buttonIndex: index, required: false, description: `Payload sent back when "${button.text}" is tapped (optional)` });
				} else if (buttonType === 'URL' && placeholders(button.url).length > 0) {
					specs.push({ key: `${base}.url`, component: 'button', kind: 'url', buttonIndex: index, required: true, description: `URL suffix for "${button.text}": ${button.url}` });
				} else if (buttonType === 'COPY_CODE') {
					specs.push({ key: `${base}.coupon_code`, component: 'button', kind: 'coupon_code', buttonIndex: index, required: true, description: 'Code copied by the "Copy code" button (≤15 characters)' });
				} else if (buttonType === 'FLOW') {
					specs.push({ key: `${base}.flow_token`, component: 'button', kind: 'flow', name: 'flow_token', buttonIndex: index, required: false, description: `Flow token for "${button.text}" (your correlation id; default "unused")` });
					specs.push({ key: `${base}.flow_action_data`, component: 'button', kind: 'flow', name: 'flow_action_data', buttonIndex: index, required: false, description: 'Flow action data: a JSON object handed to the first screen' });
				}
			});
		}
	}
	return specs;
}
