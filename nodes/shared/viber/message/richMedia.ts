import { count, integer, MessageFieldError } from '../../fields';
import { VIBER_LIMITS } from '../limits';
import { cells, checkButton } from './buttons';
import type { ViberRichMedia } from './types';

const RICH_MEDIA_ACTIONS = ['reply', 'open-url', 'none'] as const;

/**
 * Validates a rich media (carousel) object: the group grid is 1–6 columns × 1–7 rows, each
 * button fits in one group, and all buttons together fill at most six groups.
 */
export function checkRichMedia(value: unknown, field = 'rich_media'): ViberRichMedia {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new MessageFieldError(field, 'must be an object with Buttons');
	}
	const source = value as Record<string, unknown>;
	const columns = integer(`${field}.ButtonsGroupColumns`, source.ButtonsGroupColumns ?? VIBER_LIMITS.richMediaColumns, 1, VIBER_LIMITS.richMediaColumns);
	const rows = integer(`${field}.ButtonsGroupRows`, source.ButtonsGroupRows ?? VIBER_LIMITS.richMediaRows, 1, VIBER_LIMITS.richMediaRows);
	if (!Array.isArray(source.Buttons)) throw new MessageFieldError(`${field}.Buttons`, 'must be a list of buttons');
	const maxButtons = VIBER_LIMITS.richMediaGroups * columns * rows;
	const buttons = count(`${field}.Buttons`, source.Buttons, 1, maxButtons).map((button, index) =>
		checkButton(`${field}.Buttons[${index}]`, button, { actionTypes: RICH_MEDIA_ACTIONS, maxColumns: columns, maxRows: rows }),
	);
	const used = buttons.reduce((sum, button) => sum + cells(button, columns, 1), 0);
	if (used > maxButtons) {
		throw new MessageFieldError(
			`${field}.Buttons`,
			`the buttons cover ${used} cells; a carousel holds at most ${VIBER_LIMITS.richMediaGroups} groups of ${columns}×${rows} = ${maxButtons}`,
		);
	}
	return { ...source, Type: 'rich_media', ButtonsGroupColumns: columns, ButtonsGroupRows: rows, Buttons: buttons };
}
