// Whether a Flow field's value may be submitted, as the phone checks before a footer's action:
// required values, a CalendarPicker range's two dates and its length (`min-days`, `max-days`),
// dates on weekdays the picker leaves out (`include-days`), minimum counts of selected items and
// uploads, e-mail addresses, `pattern` and `min-chars`. No DOM: unit-tested on its own.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why a CalendarPicker cannot offer this date (YYYY-MM-DD), or nothing: listed as unavailable,
 * or on a weekday outside `include-days` (all days when absent). Values are already resolved.
 */
export function calendarDateProblem(component, date) {
	if (!date) return undefined;
	// Dynamic (`${data.…}`) lists arrive resolved from the picker; unresolved ones check nothing.
	const unavailable = component['unavailable-dates'];
	if (Array.isArray(unavailable) && unavailable.includes(date)) return `${date} is not available`;
	const included = component['include-days'];
	const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
	if (Array.isArray(included) && included.length > 0 && !included.includes(weekday)) return `${weekday} is not a day you can pick`;
	return undefined;
}

/** Days in a range, both ends counted (2024-05-01 to 2024-05-03 is 3). */
function rangeDays(start, end) {
	return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1;
}

const MIN_COUNT = { CheckboxGroup: 'min-selected-items', ChipsSelector: 'min-selected-items', PhotoPicker: 'min-uploaded-photos', DocumentPicker: 'min-uploaded-documents' };

/** Why a field's value cannot be submitted, or nothing. */
export function fieldError(component, value) {
	const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0);
	if (component.type === 'CalendarPicker' && component.mode === 'range') {
		const required = component.required;
		const needs = (key) => (typeof required === 'object' && required ? required[key] : required) && !value?.[key];
		if (needs('start-date') || needs('end-date')) return 'Select the start and end dates';
		const start = value?.['start-date'];
		const end = value?.['end-date'];
		if (start && end && start > end) return 'The end date is before the start date';
		if (start && end) {
			const days = rangeDays(start, end);
			if (component['min-days'] && days < component['min-days']) return `Select at least ${component['min-days']} days`;
			if (component['max-days'] && days > component['max-days']) return `Select at most ${component['max-days']} days`;
		}
		return calendarDateProblem(component, start) ?? calendarDateProblem(component, end);
	}
	if (component.type === 'CalendarPicker' || component.type === 'DatePicker') {
		const problem = calendarDateProblem(component, value);
		if (problem) return problem;
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
