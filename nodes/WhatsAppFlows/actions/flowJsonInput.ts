import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { validateFlowJson } from '../../shared/flows';

/** The Flow JSON of an item: from the "Flow JSON" field or an n8n binary property. */
export async function readFlowJson(ctx: IExecuteFunctions, itemIndex: number): Promise<string> {
	const source = ctx.getNodeParameter('flowJsonSource', itemIndex, 'field') as 'field' | 'binary';
	if (source === 'binary') {
		const property = ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		return bytes.toString('utf8');
	}
	const value = ctx.getNodeParameter('flowJson', itemIndex, '') as unknown;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Runs the local checks; with `strict` the first problems fail the item before any upload. */
export function checkFlowJson(ctx: IExecuteFunctions, itemIndex: number, flowJson: string) {
	const issues = validateFlowJson(flowJson);
	return {
		issues,
		assertValid() {
			if (issues.length === 0) return;
			const shown = issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`).join('; ');
			const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
			throw new NodeOperationError(ctx.getNode(), `Flow JSON is invalid: ${shown}${more}`, {
				itemIndex,
				description: 'Fix the Flow JSON, or turn off "Validate Locally First" to let Meta validate it.',
			});
		},
	};
}
