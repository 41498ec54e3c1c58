import type { INodeProperties } from 'n8n-workflow';

import { businessAccountId } from '../common/parameters';
import type { OperationExecute } from '../common/run';
import { templateProperty } from '../common/templateLocator';
import { fetchTemplate, parseTemplateRef } from '../common/templates';

export const description: INodeProperties[] = [templateProperty(['get'])];

export const execute: OperationExecute = async function (run, itemIndex) {
	const ref = parseTemplateRef(String(this.getNodeParameter('template', itemIndex, '', { extractValue: true }) ?? ''));
	return { ...(await fetchTemplate(run.graph, businessAccountId(this, run, itemIndex), ref, itemIndex)) };
};
