import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { searchFlows } from './searchFlows';

/** Pages of 100: a WhatsApp Business Account with more Flows than this is not expected. */
const MAX_PAGES = 10;

/**
 * The account's Flows as a dropdown, for Flow ID fields that sit inside a list of values (a
 * template's buttons), where the field is one of several per entry: the same list as the Flow
 * picker, every page read at once. An expression in the field still takes any Flow ID.
 */
export async function listFlows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	let token: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await searchFlows.call(this, undefined, token);
		options.push(...result.results.map((flow) => ({ name: flow.name, value: String(flow.value) })));
		token = result.paginationToken === undefined ? undefined : String(result.paginationToken);
		if (!token) break;
	}
	return options;
}
