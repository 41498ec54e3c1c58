import { graphError } from './graphError';
import type { ScriptedResponse } from './types';

/**
 * Checks a template send against the template's definition the way the Cloud API does, and
 * answers with Meta's error codes: 132001 (no such template in this language), 132000 (number
 * of parameters or cards differs), 132012 (parameter format differs: media type, named vs
 * positional, button sub_type), 131008 (a required parameter is missing: a button's value, the
 * offer's expiry, a product), 132015/132016 (template paused/disabled), 131062 (an authentication
 * template to a business-scoped user ID; the code is Meta's, the wording ours). Written from Meta's
 * error-code reference, independently of the node's own checks, so both must agree.
 */

type Json = Record<string, unknown>;
type Definition = { name?: unknown; language?: unknown; status?: unknown; category?: unknown; parameter_format?: unknown; components?: unknown };
type DefComponent = { type?: string; format?: string; text?: string; buttons?: Array<{ type?: string; url?: string }>; cards?: Array<{ components?: DefComponent[] }>; limited_time_offer?: { has_expiration?: boolean } };

class SendRefused extends Error {
	constructor(
		readonly code: number,
		readonly title: string,
		readonly details: string,
		readonly status = 400,
	) {
		super(details);
	}
}

const mismatch = (details: string) => new SendRefused(132000, 'Number of parameters does not match the expected number of params', details);
const formatMismatch = (details: string) => new SendRefused(132012, 'Parameter format does not match format in the created template', details);
const missing = (details: string) => new SendRefused(131008, 'Required parameter is missing', details);

/** Undefined when the send is acceptable, or when no templates are known (nothing to check against). */
export function checkTemplateSend(body: Json, templates: Definition[]): ScriptedResponse | undefined {
	if (body.type !== 'template' || templates.length === 0) return undefined;
	try {
		const definition = check((body.template ?? {}) as Json, templates);
		if (body.recipient !== undefined && String(definition.category ?? '').toUpperCase() === 'AUTHENTICATION') {
			throw new SendRefused(131062, 'Business-scoped user ID not supported', 'authentication templates cannot be sent to a business-scoped user ID; use the phone number');
		}
		return undefined;
	} catch (error) {
		if (!(error instanceof SendRefused)) throw error;
		return graphError(error.code, `(#${error.code}) ${error.title}`, error.status, { error_data: { messaging_product: 'whatsapp', details: error.details } });
	}
}

/** The template's definition, once the send matches it. */
function check(template: Json, templates: Definition[]): Definition {
	const name = String(template.name ?? '');
	const language = String((template.language as Json | undefined)?.code ?? '');
	const definition = templates.find((t) => t.name === name && t.language === language);
	if (!definition) throw new SendRefused(132001, 'Template name does not exist in the translation', `template name (${name}) does not exist in ${language}`, 404);
	const status = String(definition.status ?? 'APPROVED').toUpperCase();
	if (status === 'PAUSED') throw new SendRefused(132015, 'Template is Paused', `template ${name} is paused because of low quality`);
	if (status === 'DISABLED') throw new SendRefused(132016, 'Template is disabled', `template ${name} is disabled`);
	if (status !== 'APPROVED') throw new SendRefused(132001, 'Template name does not exist in the translation', `template name (${name}) is ${status}, not approved, in ${language}`, 404);

	const defined = (Array.isArray(definition.components) ? definition.components : []) as DefComponent[];
	const sent = (Array.isArray(template.components) ? template.components : []) as Json[];
	const named = String(definition.parameter_format ?? '').toUpperCase() === 'NAMED';
	checkScope(defined, sent, named, '');
	checkCarousel(defined, sent);
	checkOffer(defined, sent);
	return definition;
}

const ofType = (components: Json[], type: string) => components.filter((c) => String(c.type).toLowerCase() === type);
const typed = (components: DefComponent[], type: string) => components.find((c) => String(c.type).toUpperCase() === type);
const variables = (text: string | undefined) => [...new Set([...(text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]))];
const parametersOf = (components: Json[]) => components.flatMap((c) => (Array.isArray(c.parameters) ? (c.parameters as Json[]) : []));

/** Header, body and buttons of the template or of one carousel card. */
function checkScope(defined: DefComponent[], sent: Json[], named: boolean, where: string): void {
	const header = typed(defined, 'HEADER');
	const format = String(header?.format ?? 'TEXT').toUpperCase();
	const headerParameters = parametersOf(ofType(sent, 'header'));
	if (!header || format === 'TEXT') checkText(`${where}header`, variables(header?.text), headerParameters, named);
	else checkMediaHeader(`${where}header`, format, headerParameters);
	checkText(`${where}body`, variables(typed(defined, 'BODY')?.text), parametersOf(ofType(sent, 'body')), named);
	checkButtons(`${where}buttons`, typed(defined, 'BUTTONS')?.buttons ?? [], ofType(sent, 'button'));
}

function checkText(where: string, expected: string[], given: Json[], named: boolean): void {
	if (given.length !== expected.length) {
		throw mismatch(`${where}: number of localizable_params (${given.length}) does not match the expected number of params (${expected.length})`);
	}
	for (const parameter of given) {
		const hasName = typeof parameter.parameter_name === 'string';
		if (named !== hasName) throw formatMismatch(`${where}: the template uses ${named ? 'named' : 'positional'} parameters`);
		if (named && !expected.includes(String(parameter.parameter_name))) throw mismatch(`${where}: parameter ${String(parameter.parameter_name)} is not in the template`);
		const kind = String(parameter.type);
		if (!['text', 'currency', 'date_time'].includes(kind)) throw formatMismatch(`${where}: parameter of type ${kind} where text is expected`);
		if (kind === 'text' && (typeof parameter.text !== 'string' || parameter.text.trim() === '')) throw missing(`${where}: a text parameter has no text`);
	}
}

function checkMediaHeader(where: string, format: string, given: Json[]): void {
	if (given.length === 0) throw missing(`${where}: Format ${format} requires a parameter`);
	if (given.length > 1) throw mismatch(`${where}: number of params (${given.length}) does not match the expected number of params (1)`);
	const kind = String(given[0].type).toUpperCase();
	if (kind !== format) throw formatMismatch(`${where}: Format mismatch, expected ${format}, received ${kind}`);
	const value = given[0][format.toLowerCase()] as Json | undefined;
	if (format === 'PRODUCT' && (!value?.product_retailer_id || !value?.catalog_id)) throw missing(`${where}: product_retailer_id and catalog_id are required`);
	if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format) && !value?.id && !value?.link) throw missing(`${where}: ${format.toLowerCase()} needs an id or a link`);
}

/** The sub_type a button's parameter must have, for buttons that take one at send time. */
function requiredSubType(button: { type?: string; url?: string }): string | undefined {
	const type = String(button.type).toUpperCase();
	if (type === 'URL') return variables(button.url).length > 0 ? 'url' : undefined;
	return ({ COPY_CODE: 'copy_code', OTP: 'url', MPM: 'mpm' } as Record<string, string>)[type];
}

const OPTIONAL_SUB_TYPES: Record<string, string> = { QUICK_REPLY: 'quick_reply', FLOW: 'flow', CATALOG: 'catalog' };

function checkButtons(where: string, defined: Array<{ type?: string; url?: string }>, sent: Json[]): void {
	defined.forEach((button, index) => {
		const expected = requiredSubType(button);
		const given = sent.find((c) => String(c.index) === String(index));
		if (expected && !given) throw missing(`${where}: Button at index ${index} of type ${String(button.type)} requires a parameter`);
		if (!given) return;
		const subType = String(given.sub_type).toLowerCase();
		if (subType !== (expected ?? OPTIONAL_SUB_TYPES[String(button.type).toUpperCase()])) {
			throw formatMismatch(`${where}: Button at index ${index} is ${String(button.type)}, received sub_type ${String(given.sub_type)}`);
		}
		if (parametersOf([given]).length !== 1) throw mismatch(`${where}: Button at index ${index} takes exactly one parameter`);
	});
	for (const given of sent) {
		if (Number(given.index) >= defined.length || !(Number(given.index) >= 0)) throw new SendRefused(131009, 'Parameter value is not valid', `${where}: the template has no button at index ${String(given.index)}`);
	}
}

function checkCarousel(defined: DefComponent[], sent: Json[]): void {
	const carousel = typed(defined, 'CAROUSEL');
	const given = ofType(sent, 'carousel')[0];
	if (!carousel) {
		if (given) throw mismatch('carousel: the template has no carousel');
		return;
	}
	const cards = Array.isArray(given?.cards) ? (given.cards as Json[]) : [];
	const expected = carousel.cards ?? [];
	if (cards.length !== expected.length) throw mismatch(`carousel: number of cards (${cards.length}) does not match the expected number of cards (${expected.length})`);
	expected.forEach((card, index) => {
		const match = cards.find((c) => Number(c.card_index) === index);
		if (!match) throw missing(`carousel: card_index ${index} is missing`);
		checkScope(card.components ?? [], (Array.isArray(match.components) ? match.components : []) as Json[], false, `cards[${index}].`);
	});
}

function checkOffer(defined: DefComponent[], sent: Json[]): void {
	const offer = typed(defined, 'LIMITED_TIME_OFFER');
	const given = parametersOf(ofType(sent, 'limited_time_offer'))[0];
	if (!offer) {
		if (given) throw mismatch('limited_time_offer: the template has no limited-time offer');
		return;
	}
	const expiry = (given?.limited_time_offer as Json | undefined)?.expiration_time_ms;
	if (offer.limited_time_offer?.has_expiration && !Number.isSafeInteger(expiry)) throw missing('limited_time_offer: expiration_time_ms is required');
}
