import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { validateFlowJson } from '../../flowJsonValidation';
import { readFlowJson } from '../common/flowJsonInput';
import type { OperationExecute } from '../common/run';

/** Validate Flow JSON: local checks with the path of each problem; no request. */
export const description: INodeProperties[] = [];

export const execute: OperationExecute = async function (_run, itemIndex) {
	const issues = validateFlowJson(await readFlowJson(this, itemIndex));
	return { valid: issues.length === 0, issues: issues as unknown as IDataObject[] };
};
