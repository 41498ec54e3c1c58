// Whether a Flow field's value may be submitted, as the phone checks before a footer's action:
// required values, a CalendarPicker range's two dates, minimum counts of selected items and
// uploads, e-mail addresses, `pattern` and `min-chars`. No DOM: unit-tested on its own.

const MIN_COUNT = { CheckboxGroup: 'min-selected-items', ChipsSelector: 'min-selected-items', PhotoPicker: 'min-uploaded-photos', DocumentPicker: 'min-uploaded-documents' };

/** Why a field's value cannot be submitted, or nothing. */
export function fieldError(component, value) {
	const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
	if (component.type === 'CalendarPicker' && component.mode === 'range') {
		const required = component.required;
		const needs = (key) => (typeof required === 'object' && required ? required[key] : required) && !value?.[key];
		if (needs('start-date') || needs('end-date')) return 'Select the start and end dates';
		if (value?.['start-date'] && value?.['end-date'] && value['start-date'] > value['end-date']) return 'The end date is before the start date';
		return undefined;
	}
	if (component.required && empty) return 'Required';
	const minimum = component[MIN_COUNT[component.type]];
	if (minimum && (value ?? []).length < minimum) return `Select at least ${minimum}`;
	if (empty) return undefined;
	if (component['input-type'] === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return 'Enter a valid email';
	if (component.pattern && !matches(component.pattern, value)) return component['helper-text'] ?? 'Invalid format';
	if (component['min-chars'] && String(value).length < component['min-chars']) return `At least ${component['min-chars']} characters`;
	return undefined;
}

/** A `pattern` that is not a valid regular expression refuses nothing (the upload would have refused it). */
function matches(pattern, value) {
	try {
		return new RegExp(`^(?:${pattern})$`).test(String(value));
	} catch {
		return true;
	}
}
