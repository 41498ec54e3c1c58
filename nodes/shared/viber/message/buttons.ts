import { integer, MessageFieldError, oneOf, optionalText, text, url } from '../../fields';
import { VIBER_LIMITS } from '../limits';
import type { ViberActionType, ViberButton } from './types';

export interface ButtonGrid {
	/** Allowed action types where the buttons are shown. */
	actionTypes: readonly ViberActionType[];
	maxColumns: number;
	maxRows: number;
}

/**
 * Validates one keyboard or rich-media button and fills what Viber requires but users rarely
 * care about (ActionBody of a share-phone button). Unknown keys (Image, BgColor, Silent…) pass
 * through untouched so raw JSON keeps every styling option.
 */
export function checkButton(field: string, button: unknown, grid: ButtonGrid): ViberButton {
	if (typeof button !== 'object' || button === null || Array.isArray(button)) {
		throw new MessageFieldError(field, 'must be an object with ActionType and ActionBody');
	}
	const source = button as Record<string, unknown>;
	const actionType = oneOf(`${field}.ActionType`, source.ActionType ?? 'reply', grid.actionTypes);
	const checked: ViberButton = { ...source, ActionType: actionType, ActionBody: actionBody(field, actionType, source.ActionBody) };

	const label = optionalText(`${field}.Text`, source.Text, VIBER_LIMITS.buttonText);
	if (label === undefined && !source.Image && actionType !== 'none') {
		throw new MessageFieldError(`${field}.Text`, 'is required unless the button has an Image');
	}
	if (label === undefined) delete checked.Text;
	if (source.Columns !== undefined) checked.Columns = integer(`${field}.Columns`, source.Columns, 1, grid.maxColumns);
	if (source.Rows !== undefined) checked.Rows = integer(`${field}.Rows`, source.Rows, 1, grid.maxRows);
	return checked;
}

function actionBody(field: string, actionType: ViberActionType, value: unknown): string {
	const name = `${field}.ActionBody`;
	switch (actionType) {
		case 'open-url':
			return url(name, value);
		case 'reply':
			return text(name, value, VIBER_LIMITS.buttonActionBody);
		default:
			// Viber wants a non-empty ActionBody even where it is ignored.
			return optionalText(name, value, VIBER_LIMITS.buttonActionBody) ?? actionType;
	}
}

/** Cells a button covers; Viber's defaults are 6 columns × 1 row. */
export function cells(button: ViberButton, defaultColumns: number, defaultRows: number): number {
	return (button.Columns ?? defaultColumns) * (button.Rows ?? defaultRows);
}
