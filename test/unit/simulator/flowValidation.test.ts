/**
 * The checks the Flow previewer runs on a field before a footer's action, as the phone does.
 */
import { calendarDateProblem, fieldError } from '../../../simulator/page/flowValidation.js';

describe('Flow field validation', () => {
	it('requires a value, whatever its kind', () => {
		for (const value of [undefined, '', false, []]) expect(fieldError({ type: 'TextInput', required: true }, value)).toBe('Required');
		expect(fieldError({ type: 'TextInput', required: true }, '0')).toBeUndefined();
		expect(fieldError({ type: 'TextInput' }, '')).toBeUndefined();
	});

	it('checks a CalendarPicker range: both dates when required, in order', () => {
		const range = { type: 'CalendarPicker', mode: 'range', required: { 'start-date': true, 'end-date': false } };
		expect(fieldError(range, undefined)).toBe('Select the start and end dates');
		expect(fieldError(range, { 'start-date': '2027-01-02' })).toBeUndefined();
		expect(fieldError({ ...range, required: true }, { 'start-date': '2027-01-02' })).toBe('Select the start and end dates');
		expect(fieldError(range, { 'start-date': '2027-01-05', 'end-date': '2027-01-02' })).toBe('The end date is before the start date');
	});

	it('keeps a CalendarPicker range within min-days and max-days, both ends counted', () => {
		const range = { type: 'CalendarPicker', mode: 'range', 'min-days': 2, 'max-days': 7 };
		expect(fieldError(range, { 'start-date': '2027-01-04', 'end-date': '2027-01-04' })).toBe('Select at least 2 days');
		expect(fieldError(range, { 'start-date': '2027-01-04', 'end-date': '2027-01-05' })).toBeUndefined();
		expect(fieldError(range, { 'start-date': '2027-01-04', 'end-date': '2027-01-10' })).toBeUndefined();
		expect(fieldError(range, { 'start-date': '2027-01-04', 'end-date': '2027-01-11' })).toBe('Select at most 7 days');
	});

	it('offers only the weekdays in include-days and never an unavailable date', () => {
		const weekdays = { type: 'CalendarPicker', 'include-days': ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], 'unavailable-dates': ['2027-01-05'] };
		expect(calendarDateProblem(weekdays, '2027-01-04')).toBeUndefined(); // a Monday
		expect(calendarDateProblem(weekdays, '2027-01-09')).toBe('Sat is not a day you can pick');
		expect(calendarDateProblem(weekdays, '2027-01-05')).toBe('2027-01-05 is not available');
		expect(fieldError(weekdays, '2027-01-10')).toBe('Sun is not a day you can pick');
		expect(fieldError({ ...weekdays, mode: 'range' }, { 'start-date': '2027-01-04', 'end-date': '2027-01-09' })).toBe('Sat is not a day you can pick');
		// A list still bound to data (`${data.days}`) is checked by the picker once resolved, not here.
		expect(fieldError({ type: 'CalendarPicker', 'include-days': '${data.days}' }, '2027-01-09')).toBeUndefined();
	});

	it('counts selected items and uploads, even when the field is optional', () => {
		expect(fieldError({ type: 'ChipsSelector', 'min-selected-items': 2 }, ['a'])).toBe('Select at least 2');
		expect(fieldError({ type: 'CheckboxGroup', 'min-selected-items': 1 }, undefined)).toBe('Select at least 1');
		expect(fieldError({ type: 'PhotoPicker', 'min-uploaded-photos': 1 }, [])).toBe('Select at least 1');
		expect(fieldError({ type: 'DocumentPicker', 'min-uploaded-documents': 1 }, [{ media_id: 'm' }])).toBeUndefined();
	});

	it('checks e-mail, pattern (the helper text is the message) and min-chars', () => {
		expect(fieldError({ type: 'TextInput', 'input-type': 'email' }, 'ada@')).toBe('Enter a valid email');
		expect(fieldError({ type: 'TextInput', 'input-type': 'email' }, 'ada@example.com')).toBeUndefined();
		expect(fieldError({ type: 'TextInput', pattern: '[A-Z]{3}', 'helper-text': 'Three capitals' }, 'ABCD')).toBe('Three capitals');
		expect(fieldError({ type: 'TextInput', pattern: '[A-Z]{3}' }, 'abc')).toBe('Invalid format');
		expect(fieldError({ type: 'TextInput', pattern: '[A-Z' }, 'abc')).toBeUndefined();
		expect(fieldError({ type: 'TextArea', 'min-chars': 5 }, 'abc')).toBe('At least 5 characters');
	});
});
