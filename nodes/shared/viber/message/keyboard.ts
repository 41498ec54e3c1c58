import { count, MessageFieldError, oneOf } from '../../fields';
import { VIBER_API_VERSION_FOR, VIBER_LIMITS } from '../limits';
import { checkButton } from './buttons';
import type { ViberKeyboard } from './types';

const KEYBOARD_ACTIONS = ['reply', 'open-url', 'location-picker', 'share-phone', 'none'] as const;
const INPUT_FIELD_STATES = ['regular', 'minimized', 'hidden'] as const;

/** Viber does not publish a button count; 24 rows of six keeps the keyboard inside 30 KB. */
const MAX_KEYBOARD_BUTTONS = 144;

/**
 * Validates a keyboard (built from fields or pasted as JSON) and returns it in Viber's shape,
 * with `Type: "keyboard"` set.
 */
export function checkKeyboard(value: unknown, field = 'keyboard'): ViberKeyboard {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new MessageFieldError(field, 'must be an object with Buttons');
	}
	const source = value as Record<string, unknown>;
	if (!Array.isArray(source.Buttons)) throw new MessageFieldError(`${field}.Buttons`, 'must be a list of buttons');
	const buttons = count(`${field}.Buttons`, source.Buttons, 1, MAX_KEYBOARD_BUTTONS).map((button, index) =>
		checkButton(`${field}.Buttons[${index}]`, button, {
			actionTypes: KEYBOARD_ACTIONS,
			maxColumns: VIBER_LIMITS.keyboardColumns,
			maxRows: VIBER_LIMITS.keyboardRows,
		}),
	);
	const keyboard: ViberKeyboard = { ...source, Type: 'keyboard', Buttons: buttons };
	if (source.InputFieldState !== undefined) {
		keyboard.InputFieldState = oneOf(`${field}.InputFieldState`, source.InputFieldState, INPUT_FIELD_STATES);
	}
	return keyboard;
}

/** The lowest `min_api_version` the keyboard's features work with (1 when nothing special). */
export function keyboardApiVersion(keyboard: ViberKeyboard): number {
	let version = 1;
	for (const button of keyboard.Buttons) {
		if (button.ActionType === 'location-picker') version = Math.max(version, VIBER_API_VERSION_FOR.locationPicker);
		if (button.ActionType === 'share-phone') version = Math.max(version, VIBER_API_VERSION_FOR.sharePhone);
	}
	if (keyboard.InputFieldState !== undefined) version = Math.max(version, VIBER_API_VERSION_FOR.inputFieldState);
	return version;
}
