import { placeholders } from './templateDefinition';
import { count, integer, maxChars, MessageFieldError, oneOf, requireText, url } from '../../shared/fields';

/**
 * A new template as `POST /{WABA_ID}/message_templates` takes it, built from fields, with
 * Meta's limits checked before the request (template components reference): name, header
 * (60 characters, one variable), body (1024; 160 on a carousel card), footer (60, no
 * variables), buttons (10; labels 25; 2 URL, 1 phone, 1 copy code), examples for every
 * variable, authentication templates and carousels.
 */
export const CREATE_LIMITS = {
	name: 512,
	headerText: 60,
	body: 1024,
	cardBody: 160,
	footer: 60,
	buttons: 10,
	buttonText: 25,
	urlButtons: 2,
	url: 2000,
	phoneNumber: 20,
	copyCodeExample: 15,
	cards: 10,
	cardButtons: 2,
	codeExpirationMinutes: 90,
	signatureHash: 11,
} as const;

export interface TemplateButtonInput {
	type: string; // QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW
	text?: string;
	url?: string;
	example?: string;
	phoneNumber?: string;
	flowId?: string;
	flowAction?: string;
	navigateScreen?: string;
}

export interface TemplateCardInput {
	headerFormat: string; // IMAGE or VIDEO
	headerHandle: string;
	bodyText?: string;
	/** Examples for the card body's {{1}}, {{2}}, … in order. */
	bodyExamples?: string[];
	buttons: TemplateButtonInput[];
}

export interface TemplateCreateInput {
	name: string;
	language: string;
	category: string;
	parameterFormat?: string; // POSITIONAL (default) or NAMED
	header?: { format: string; text?: string; example?: string; handle?: string };
	body?: { text?: string; examples?: Record<string, string> };
	footer?: string;
	buttons?: TemplateButtonInput[];
	cards?: TemplateCardInput[];
	authentication?: {
		addSecurityRecommendation?: boolean;
		codeExpirationMinutes?: number;
		otpType: string; // COPY_CODE, ONE_TAP, ZERO_TAP
		buttonText?: string;
		autofillText?: string;
		packageName?: string;
		signatureHash?: string;
		zeroTapTermsAccepted?: boolean;
	};
}

type Json = Record<string, unknown>;

export function buildTemplateDefinition(input: TemplateCreateInput): Json {
	const name = requireText('name', input.name).trim();
	maxChars('name', name, CREATE_LIMITS.name);
	if (!/^[a-z0-9_]+$/.test(name)) throw new MessageFieldError('name', 'lowercase letters, digits and underscores only');
	const language = requireText('language', input.language).trim();
	const category = oneOf('category', String(input.category ?? '').toUpperCase(), ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const);
	const definition: Json = { name, language, category };
	if (category === 'AUTHENTICATION') {
		definition.components = authenticationComponents(input);
		return definition;
	}
	const named = String(input.parameterFormat ?? 'POSITIONAL').toUpperCase() === 'NAMED';
	if (named) definition.parameter_format = 'NAMED';
	const components: Json[] = [];
	const header = headerComponent(input.header, named);
	if (header) components.push(header);
	components.push(bodyComponent('body', input.body?.text, input.body?.examples ?? {}, named, CREATE_LIMITS.body));
	if (input.cards?.length) {
		if (header || input.footer || input.buttons?.length) throw new MessageFieldError('cards', 'a carousel template has only a body and its cards (no header, footer or buttons of its own)');
		if (category !== 'MARKETING') throw new MessageFieldError('cards', 'carousels are marketing templates');
		components.push(carouselComponent(input.cards));
	} else {
		const footer = (input.footer ?? '').trim();
		if (footer) {
			maxChars('footer', footer, CREATE_LIMITS.footer);
			if (placeholders(footer).length) throw new MessageFieldError('footer', 'cannot contain variables');
			components.push({ type: 'FOOTER', text: footer });
		}
		if (input.buttons?.length) components.push({ type: 'BUTTONS', buttons: buttonList('buttons', input.buttons, CREATE_LIMITS.buttons) });
	}
	definition.components = components;
	return definition;
}

function headerComponent(header: TemplateCreateInput['header'], named: boolean): Json | undefined {
	const format = String(header?.format ?? 'NONE').toUpperCase();
	if (format === 'NONE') return undefined;
	if (format === 'TEXT') {
		const text = maxChars('header.text', requireText('header.text', header?.text), CREATE_LIMITS.headerText);
		const variables = placeholders(text);
		if (variables.length > 1) throw new MessageFieldError('header.text', `at most one variable (got ${variables.length})`);
		const component: Json = { type: 'HEADER', format: 'TEXT', text };
		if (variables.length) {
			checkVariableNames('header.text', variables, named);
			const example = requireText('header.example', header?.example);
			component.example = named ? { header_text_named_params: [{ param_name: variables[0], example }] } : { header_text: [example] };
		}
		return component;
	}
	if (format === 'LOCATION') return { type: 'HEADER', format };
	const media = oneOf('header.format', format, ['IMAGE', 'VIDEO', 'DOCUMENT'] as const);
	return { type: 'HEADER', format: media, example: { header_handle: [requireText('header.handle', header?.handle).trim()] } };
}

/** Body text with an example for every variable; variables neither open nor close the text. */
function bodyComponent(field: string, value: unknown, examples: Record<string, string>, named: boolean, max: number): Json {
	const text = maxChars(`${field}.text`, requireText(`${field}.text`, value), max);
	const variables = placeholders(text);
	const component: Json = { type: 'BODY', text };
	if (variables.length === 0) return component;
	checkVariableNames(`${field}.text`, variables, named);
	if (/^\s*\{\{[^}]+\}\}/.test(text) || /\{\{[^}]+\}\}\s*$/.test(text)) {
		throw new MessageFieldError(`${field}.text`, 'a variable cannot open or close the text; add words around it');
	}
	const example = (name: string) => requireText(`${field}.examples.${name}`, examples[name]);
	component.example = named
		? { body_text_named_params: variables.map((name) => ({ param_name: name, example: example(name) })) }
		: { body_text: [variables.map(example)] };
	return component;
}

function checkVariableNames(field: string, variables: string[], named: boolean): void {
	if (named) {
		const bad = variables.find((name) => !/^[a-z_][a-z0-9_]*$/.test(name));
		if (bad) throw new MessageFieldError(field, `named variables use lowercase letters, digits and underscores ({{${bad}}})`);
		return;
	}
	const positions = variables.map(Number);
	if (positions.some((n) => !Number.isInteger(n))) throw new MessageFieldError(field, 'positional templates number their variables {{1}}, {{2}}, …');
	const sorted = [...positions].sort((a, b) => a - b);
	sorted.forEach((n, index) => {
		if (n !== index + 1) throw new MessageFieldError(field, `variables must be numbered {{1}} to {{${sorted.length}}} without gaps (found {{${n}}})`);
	});
}

function buttonList(field: string, buttons: TemplateButtonInput[], max: number): Json[] {
	count(field, buttons, 1, max);
	const ofType = (type: string) => buttons.filter((b) => String(b.type).toUpperCase() === type).length;
	if (ofType('URL') > CREATE_LIMITS.urlButtons) throw new MessageFieldError(field, `at most ${CREATE_LIMITS.urlButtons} URL buttons`);
	if (ofType('PHONE_NUMBER') > 1) throw new MessageFieldError(field, 'at most one phone number button');
	if (ofType('COPY_CODE') > 1) throw new MessageFieldError(field, 'at most one copy code button');
	return buttons.map((button, index) => templateButton(`${field}[${index}]`, button));
}

function templateButton(at: string, button: TemplateButtonInput): Json {
	const type = oneOf(`${at}.type`, String(button.type ?? '').toUpperCase(), ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW'] as const);
	if (type === 'COPY_CODE') return { type, example: maxChars(`${at}.example`, requireText(`${at}.example`, button.example), CREATE_LIMITS.copyCodeExample) };
	const text = maxChars(`${at}.text`, requireText(`${at}.text`, button.text), CREATE_LIMITS.buttonText);
	if (type === 'QUICK_REPLY') return { type, text };
	if (type === 'PHONE_NUMBER') return { type, text, phone_number: maxChars(`${at}.phoneNumber`, requireText(`${at}.phoneNumber`, button.phoneNumber), CREATE_LIMITS.phoneNumber) };
	if (type === 'FLOW') {
		const flow: Json = { type, text, flow_id: requireText(`${at}.flowId`, button.flowId).trim(), flow_action: (button.flowAction || 'navigate').toLowerCase() };
		if (button.navigateScreen) flow.navigate_screen = button.navigateScreen;
		return flow;
	}
	const link = url(`${at}.url`, button.url, CREATE_LIMITS.url);
	const variables = placeholders(link);
	if (variables.length > 1 || (variables.length === 1 && !/\{\{\s*1\s*\}\}$/.test(link))) throw new MessageFieldError(`${at}.url`, 'at most one variable, {{1}}, at the end of the URL');
	return variables.length ? { type, text, url: link, example: [url(`${at}.example`, button.example, CREATE_LIMITS.url)] } : { type, text, url: link };
}

function carouselComponent(cards: TemplateCardInput[]): Json {
	count('cards', cards, 1, CREATE_LIMITS.cards);
	const built = cards.map((card, index) => {
		const at = `cards[${index}]`;
		const format = oneOf(`${at}.headerFormat`, String(card.headerFormat ?? '').toUpperCase(), ['IMAGE', 'VIDEO'] as const);
		const components: Json[] = [{ type: 'HEADER', format, example: { header_handle: [requireText(`${at}.headerHandle`, card.headerHandle).trim()] } }];
		if ((card.bodyText ?? '').trim()) {
			const examples = Object.fromEntries((card.bodyExamples ?? []).map((example, i) => [String(i + 1), example]));
			components.push(bodyComponent(`${at}.body`, card.bodyText, examples, false, CREATE_LIMITS.cardBody));
		}
		if (card.buttons.length) components.push({ type: 'BUTTONS', buttons: buttonList(`${at}.buttons`, card.buttons, CREATE_LIMITS.cardButtons) });
		return { components };
	});
	// Meta requires the same components on every card: header format, body or not, button types.
	const shape = (card: { components: Json[] }) =>
		JSON.stringify(card.components.map((c) => [c.type, c.format, ((c.buttons as Json[] | undefined) ?? []).map((b) => b.type)]));
	built.forEach((card, index) => {
		if (shape(card) !== shape(built[0])) throw new MessageFieldError(`cards[${index}]`, 'every card needs the same components as card 1 (header format, body, button types)');
	});
	return { type: 'CAROUSEL', cards: built };
}

function authenticationComponents(input: TemplateCreateInput): Json[] {
	const auth = input.authentication;
	if (!auth) throw new MessageFieldError('authentication', 'is required for an authentication template');
	if (input.header && String(input.header.format).toUpperCase() !== 'NONE') throw new MessageFieldError('header', 'authentication templates have no header');
	const components: Json[] = [{ type: 'BODY', add_security_recommendation: Boolean(auth.addSecurityRecommendation) }];
	if (auth.codeExpirationMinutes !== undefined && auth.codeExpirationMinutes !== null && String(auth.codeExpirationMinutes) !== '' && Number(auth.codeExpirationMinutes) !== 0) {
		components.push({ type: 'FOOTER', code_expiration_minutes: integer('authentication.codeExpirationMinutes', auth.codeExpirationMinutes, 1, CREATE_LIMITS.codeExpirationMinutes) });
	}
	const otpType = oneOf('authentication.otpType', String(auth.otpType ?? '').toUpperCase(), ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const);
	const button: Json = { type: 'OTP', otp_type: otpType };
	if (auth.buttonText) button.text = maxChars('authentication.buttonText', auth.buttonText, CREATE_LIMITS.buttonText);
	if (otpType !== 'COPY_CODE') {
		if (auth.autofillText) button.autofill_text = maxChars('authentication.autofillText', auth.autofillText, CREATE_LIMITS.buttonText);
		const hash = requireText('authentication.signatureHash', auth.signatureHash).trim();
		if (hash.length !== CREATE_LIMITS.signatureHash) throw new MessageFieldError('authentication.signatureHash', `the app signing key hash has ${CREATE_LIMITS.signatureHash} characters (got ${hash.length})`);
		button.supported_apps = [{ package_name: requireText('authentication.packageName', auth.packageName).trim(), signature_hash: hash }];
		if (otpType === 'ZERO_TAP') {
			if (!auth.zeroTapTermsAccepted) throw new MessageFieldError('authentication.zeroTapTermsAccepted', 'zero-tap needs Meta\'s zero-tap terms accepted');
			button.zero_tap_terms_accepted = true;
		}
	}
	components.push({ type: 'BUTTONS', buttons: [button] });
	return components;
}
