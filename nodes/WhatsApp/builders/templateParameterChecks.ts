import { buttonSubType } from './templateParameters';
import type { TemplateButton } from './templateDefinition';
import { MessageFieldError } from '../../shared/fields';

/**
 * Checks of one parameter or one button of a send against what the template defines there.
 * Each names the Cloud API error the send would otherwise come back with, so a user who
 * knows Meta's code recognises it, and one who does not reads what it means.
 */

type Parameter = Record<string, unknown>;

const META_ERRORS = {
	131008: 'Required parameter is missing',
	131009: 'Parameter value is not valid',
	132000: 'Number of parameters does not match the expected number of params',
	132012: 'Parameter format does not match format in the created template',
} as const;

/** A value the Cloud API would refuse with `code`, refused before sending. */
export function refusedByMeta(field: string, problem: string, code: keyof typeof META_ERRORS): MessageFieldError {
	return new MessageFieldError(field, `${problem} (Meta refuses this with ${code}: ${META_ERRORS[code]})`);
}

const filled = (value: unknown) => (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));

/** A parameter of a text header or of the body: text, currency or date_time, and text not empty. */
export function checkTextParameter(field: string, parameter: Parameter): void {
	const type = String(parameter.type);
	if (type !== 'text' && type !== 'currency' && type !== 'date_time') {
		throw refusedByMeta(field, `a parameter of type "${type}" where the template has a text variable; use text, currency or date_time`, 132012);
	}
	if (type === 'text' && !filled(parameter.text)) throw refusedByMeta(field, 'the text is empty', 131008);
}

/** The parameter of an image, video, document or product header. */
export function checkMediaHeader(field: string, format: string, parameter: Parameter): void {
	const value = (parameter[format] ?? {}) as Parameter;
	if (format === 'product') {
		if (!filled(value.product_retailer_id)) throw refusedByMeta(`${field}.product_retailer_id`, 'the product header needs the product\'s retailer ID', 131008);
		if (!filled(value.catalog_id)) throw refusedByMeta(`${field}.catalog_id`, 'the product header needs the ID of the catalog that holds the product', 131008);
	} else if (format === 'image' || format === 'video' || format === 'document') {
		if (!filled(value.id) && !filled(value.link)) throw refusedByMeta(field, `the ${format} needs an "id" (uploaded media) or a "link"`, 131008);
	}
}

/** `button 1 (URL "Book now!")`, or `button 0 (COPY_CODE)` for a button without a text of its own. */
export function describeButton(button: TemplateButton, index: number): string {
	return `button ${index} (${button.type}${button.text ? ` "${button.text}"` : ''})`;
}

/**
 * A button component of the send: its index names a button of the template, its sub_type is the
 * one that button takes, and it carries one parameter. `at` is the card prefix (`card[1].`).
 */
export function checkButton(label: string, at: string, buttons: TemplateButton[], given: Parameter): void {
	const index = Number(given.index);
	const field = `${at}button[${String(given.index)}]`;
	if (String(given.index ?? '').trim() === '' || !Number.isInteger(index) || index < 0 || index >= buttons.length) {
		const has = buttons.length === 0 ? 'no buttons' : buttons.length === 1 ? 'one button (index 0)' : `buttons at index 0–${buttons.length - 1}`;
		throw refusedByMeta(field, `${label} has ${has}, not at index ${String(given.index)}`, 131009);
	}
	const button = buttons[index];
	const name = describeButton(button, index);
	const expected = buttonSubType(button);
	if (!expected) throw refusedByMeta(field, `${label}: ${name} takes no value at send time; remove this component`, 132012);
	if (String(given.sub_type).toLowerCase() !== expected.toLowerCase()) {
		throw refusedByMeta(`${field}.sub_type`, `${label}: ${name} takes sub_type "${expected}", got "${String(given.sub_type)}"`, 132012);
	}
	const parameters = Array.isArray(given.parameters) ? given.parameters.length : 0;
	if (parameters !== 1) throw refusedByMeta(field, `${label}: ${name} takes exactly one parameter, got ${parameters}`, 132000);
}
