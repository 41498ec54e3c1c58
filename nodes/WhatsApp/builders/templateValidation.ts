import { LIMITS } from './limits';
import { byPosition, componentsOfType, isNamedTemplate, placeholders, type TemplateComponent, type TemplateDefinition } from './templateDefinition';
import { checkButton, checkMediaHeader, checkTextParameter, describeButton, refusedByMeta } from './templateParameterChecks';
import { MessageFieldError } from '../../shared/fields';

export type TemplateComponentPayload = Record<string, unknown> & { type: string; parameters?: Array<Record<string, unknown>> };

/** Button types whose send needs a parameter (a URL button only when its URL has a variable). */
function buttonNeedsParameter(button: { type: string; url?: string }): boolean {
	const type = button.type.toUpperCase();
	return (type === 'URL' && placeholders(button.url).length > 0) || type === 'COPY_CODE' || type === 'OTP' || type === 'MPM';
}

/**
 * Checks components (built from fields or given as raw JSON) against the template before
 * sending: parameter count per component, named parameter names, no mixing of named and
 * positional, text parameters that are text and not empty, header type, media with an id or a
 * link, products with their catalog, buttons that need a value, each button's index, sub_type
 * and parameter, the carousel's card count, the offer's expiry. A failure names the field
 * (`card[1].header.image`).
 */
export function validateTemplateComponents(template: TemplateDefinition, components: TemplateComponentPayload[]): void {
	const label = `template "${template.name}" (${template.language})`;
	validateScope(label, template.components, components, isNamedTemplate(template), '');

	for (const definition of template.components) {
		const type = definition.type.toUpperCase();
		if (type === 'CAROUSEL') validateCarousel(label, definition, components);
		if (type === 'LIMITED_TIME_OFFER' && definition.limited_time_offer?.has_expiration) validateOffer(label, components);
	}
	const templateTypes = new Set(template.components.map((c) => c.type.toLowerCase()));
	for (const component of components) {
		const type = String(component.type).toLowerCase();
		const owner = type === 'button' ? 'buttons' : type;
		// order_status is passed through unchecked: no definition component describes it.
		if (!templateTypes.has(owner) && type !== 'order_status') {
			throw new MessageFieldError(type, `${label} has no ${type} component`);
		}
	}
}

/** Header, body and buttons of the template, or of one carousel card (`at` = `card[1].`). */
function validateScope(label: string, definitions: TemplateComponent[], components: TemplateComponentPayload[], named: boolean, at: string): void {
	const find = (type: string) => components.filter((c) => String(c.type).toLowerCase() === type);
	for (const component of definitions) {
		const type = component.type.toLowerCase();
		if (type === 'body' || (type === 'header' && (component.format ?? 'TEXT').toUpperCase() === 'TEXT')) {
			validateTextParameters(label, type, placeholders(component.text), find(type).flatMap((c) => c.parameters ?? []), named, at);
		} else if (type === 'header') {
			const format = (component.format ?? '').toLowerCase();
			const parameters = find('header').flatMap((c) => c.parameters ?? []);
			const parameter = parameters[0];
			if (!parameter) throw new MessageFieldError(`${at}header.${format}`, `required by ${label} (a ${format} header)`);
			if (parameter.type !== format) throw new MessageFieldError(`${at}header.${format}`, `${label} has a ${format} header, got a ${String(parameter.type)} parameter`);
			if (parameters.length > 1) throw refusedByMeta(`${at}header`, `${label} has one ${format} header parameter, got ${parameters.length}`, 132000);
			checkMediaHeader(`${at}header.${format}`, format, parameter);
		} else if (type === 'buttons') {
			(component.buttons ?? []).forEach((button, index) => {
				const given = find('button').some((c) => String(c.index) === String(index));
				if (buttonNeedsParameter(button) && !given) {
					throw refusedByMeta(`${at}button[${index}]`, `${label}: ${describeButton(button, index)} needs a parameter`, 131008);
				}
			});
		}
	}
	const buttons = definitions.find((c) => c.type.toUpperCase() === 'BUTTONS')?.buttons ?? [];
	for (const given of find('button')) checkButton(label, at, buttons, given);
}

function validateTextParameters(label: string, type: string, expected: string[], given: Array<Record<string, unknown>>, named: boolean, at: string): void {
	const givenNames = given.map((p) => p.parameter_name).filter((n): n is string => typeof n === 'string');
	if (givenNames.length > 0 && givenNames.length < given.length) {
		throw new MessageFieldError(`${at}${type}`, 'named (parameter_name) and positional parameters must not be mixed');
	}
	if (named) {
		if (given.length > 0 && givenNames.length === 0) throw new MessageFieldError(`${at}${type}`, `${label} uses named parameters: each needs parameter_name`);
		for (const name of expected) if (!givenNames.includes(name)) throw new MessageFieldError(`${at}${type}.${name}`, `required by ${label}`);
		for (const name of givenNames) if (!expected.includes(name)) throw new MessageFieldError(`${at}${type}.${name}`, `not a parameter of ${label}; it has: ${expected.join(', ') || 'none'}`);
		for (const parameter of given) checkTextParameter(`${at}${type}.${String(parameter.parameter_name)}`, parameter);
		return;
	}
	if (givenNames.length > 0) throw new MessageFieldError(`${at}${type}`, `${label} uses positional parameters ({{1}}, {{2}}, …): remove parameter_name`);
	if (given.length !== expected.length) {
		throw new MessageFieldError(`${at}${type}`, `${label} expects ${expected.length} parameter(s) (${expected.map((n) => `{{${n}}}`).join(', ') || 'none'}), got ${given.length}`);
	}
	const positions = byPosition(expected);
	given.forEach((parameter, index) => checkTextParameter(`${at}${type}.${positions[index]}`, parameter));
}

/** One card per card of the template, each with `card_index` 0…n-1, each checked like a template of its own. */
function validateCarousel(label: string, definition: TemplateComponent, components: TemplateComponentPayload[]): void {
	const defined = definition.cards ?? [];
	const carousel = componentsOfType(components, 'CAROUSEL')[0] as { cards?: Array<{ card_index?: unknown; components?: TemplateComponentPayload[] }> } | undefined;
	if (!carousel) throw new MessageFieldError('carousel', `required by ${label} (${defined.length} cards)`);
	const cards = Array.isArray(carousel.cards) ? carousel.cards : [];
	if (cards.length !== defined.length || cards.length > LIMITS.carouselCards) {
		throw new MessageFieldError('carousel.cards', `${label} has ${defined.length} cards, got ${cards.length}`);
	}
	defined.forEach((card, index) => {
		const given = cards.find((c) => Number(c.card_index) === index);
		if (!given) throw new MessageFieldError(`card[${index}]`, `${label}: no card with card_index ${index}`);
		validateScope(label, card.components, given.components ?? [], false, `card[${index}].`);
	});
}

function validateOffer(label: string, components: TemplateComponentPayload[]): void {
	const offer = componentsOfType(components, 'LIMITED_TIME_OFFER')[0] as TemplateComponentPayload | undefined;
	const parameter = offer?.parameters?.[0]?.limited_time_offer as { expiration_time_ms?: unknown } | undefined;
	if (!Number.isSafeInteger(parameter?.expiration_time_ms)) {
		throw new MessageFieldError('limited_time_offer.expiration_time_ms', `required by ${label} (the offer has an expiry)`);
	}
}
