import type { IExecuteFunctions } from 'n8n-workflow';

import type { InteractiveFrame } from '../../builders';
import { stringParam } from './parameters';

/** Header, body and footer of an interactive message from the shared parameters. */
export function interactiveFrame(ctx: IExecuteFunctions, itemIndex: number): InteractiveFrame {
	const type = stringParam(ctx, 'headerType', itemIndex, 'none') as NonNullable<InteractiveFrame['header']>['type'];
	const media = stringParam(ctx, 'headerMedia', itemIndex).trim();
	return {
		header: {
			type,
			text: stringParam(ctx, 'headerText', itemIndex),
			media: /^\d+$/.test(media) ? { id: media } : { link: media },
		},
		body: stringParam(ctx, 'body', itemIndex),
		footer: stringParam(ctx, 'footer', itemIndex),
	};
}
