import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { setViberWebhook } from '../../../shared/viber';
import type { ViberRun } from '../common/run';

/** Webhook → Remove: Viber stops posting the bot's events (an empty webhook URL). */
export const description: INodeProperties[] = [];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	return await setViberWebhook(viber, { url: '' }, { itemIndex, limiter });
};
