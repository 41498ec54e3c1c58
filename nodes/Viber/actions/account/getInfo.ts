import type { INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../../shared/actions';
import { getViberAccountInfo } from '../../../shared/viber';
import type { ViberRun } from '../common/run';

/** Account → Get Info: the bot's name, URI, webhook and event types. */
export const description: INodeProperties[] = [];

export const execute: OperationExecute<ViberRun> = async function ({ viber, limiter }, itemIndex) {
	return await getViberAccountInfo(viber, { itemIndex, limiter });
};
