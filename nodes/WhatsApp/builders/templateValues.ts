import { locationObject } from './basic';
import { LIMITS } from './limits';
import { count, jsonObject, maxChars, MessageFieldError, parseJsonText, requireText, text } from '../../shared/fields';

/**
 * One template parameter on the wire, from what the user typed or mapped (Meta's template
 * parameter objects). Each function names the field in its errors.
 */
export type WireParameter = Record<string, unknown>;

export function textParameter(value: unknown, field: string, name: string | undefined, maxLength?: number): WireParameter {
	const typed = typedValue(value);
	let parameter: WireParameter;
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
		const given = requireText(field, value);
		parameter = { type: 'text', text: maxLength ? maxChars(field, given, maxLength) : given };
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

export function mediaParameter(kind: 'image' | 'video' | 'document', value: unknown, field: string): WireParameter {
	const typed = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	const raw = typed ? String(typed.id ?? typed.link ?? '') : requireText(field, value).trim();
	if (raw === '') throw new MessageFieldError(field, 'a media ID or an https link is required');
	const media: Record<string, unknown> = /^\d+$/.test(raw) ? { id: raw } : { link: raw };
	if (typed?.filename && kind === 'document') media.filename = String(typed.filename);
	return { type: kind, [kind]: media };
}

export function locationParameter(value: unknown, field: string): WireParameter {
	const location = jsonObject(field, value) ?? {};
	return { type: 'location', location: locationObject(location as never, field) };
}

export function productParameter(retailerId: unknown, catalogId: unknown, field: string): WireParameter {
	return {
		type: 'product',
		product: { product_retailer_id: requireText(field, retailerId).trim(), catalog_id: requireText('catalog_id', catalogId).trim() },
	};
}

/** The offer's end as a UNIX time in milliseconds, from a number, digits or an ISO 8601 date. */
export function expirationParameter(value: unknown, field: string): WireParameter {
	let ms: number;
	if (typeof value === 'number') ms = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) ms = Number(value);
	else if (typeof value === 'string' || value instanceof Date) ms = new Date(value as string).getTime();
	else ms = Number.NaN;
	if (!Number.isSafeInteger(ms) || ms <= 0) {
		throw new MessageFieldError(field, `must be a date and time or a UNIX time in milliseconds (got ${JSON.stringify(value)})`);
	}
	return { type: 'limited_time_offer', limited_time_offer: { expiration_time_ms: ms } };
}

export function couponParameter(value: unknown, field: string): WireParameter {
	return { type: 'coupon_code', coupon_code: maxChars(field, requireText(field, value), LIMITS.templateCouponCode) };
}

interface ProductSection {
	title?: string;
	product_items: Array<{ product_retailer_id: string }>;
}

/**
 * Multi-product sections: `[{"title":…, "product_items":[{"product_retailer_id":…}]}]` as an
 * array or JSON text, or retailer IDs separated by commas (one section).
 */
export function productSections(value: unknown, field: string): ProductSection[] {
	let raw: unknown = value;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		raw = trimmed.startsWith('[') || trimmed.startsWith('{')
			? parseJsonText(field, trimmed)
			: [{ product_items: trimmed.split(',').map((id) => id.trim()).filter(Boolean).map((id) => ({ product_retailer_id: id })) }];
	}
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) raw = [raw];
	if (!Array.isArray(raw)) throw new MessageFieldError(field, 'must be a list of sections');
	const sections = count(field, raw as Array<Record<string, unknown>>, 1, LIMITS.mpmSections).map((section, s) => {
		const at = `${field}[${s}]`;
		const items = Array.isArray(section?.product_items) ? (section.product_items as unknown[]) : [];
		count(`${at}.product_items`, items, 1, LIMITS.mpmProducts);
		const built: ProductSection = {
			product_items: items.map((item, i) => ({
				product_retailer_id: requireText(`${at}.product_items[${i}].product_retailer_id`, typeof item === 'object' && item !== null ? (item as Record<string, unknown>).product_retailer_id : item),
			})),
		};
		if (raw && (raw as unknown[]).length > 1) built.title = text(`${at}.title`, section.title, LIMITS.listSectionTitle);
		else if (section.title !== undefined && section.title !== '') built.title = text(`${at}.title`, section.title, LIMITS.listSectionTitle);
		return built;
	});
	const total = sections.reduce((sum, section) => sum + section.product_items.length, 0);
	if (total > LIMITS.mpmProducts) throw new MessageFieldError(field, `at most ${LIMITS.mpmProducts} products in all sections (got ${total})`);
	return sections.map((section) => (section.title === undefined ? section : { title: section.title, product_items: section.product_items }));
}
