import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

/**
 * The Flow picker: a resource locator on every Flow ID field (list with search, by ID, by URL).
 *
 * Saved workflows from before the picker hold a plain string here. n8n accepts that as a legacy
 * resource-locator value: the engine hands the string through unchanged and counts it as filled,
 * and the editor shows it as typed until the user picks a mode. So the parameter keeps its name
 * and type version, and `flowIdFrom` reads both shapes.
 */

/** A URL that names a Flow: WhatsApp Manager (`…/flows/<id>/…`) or the Graph API (`…/v21.0/<id>`). */
export const FLOW_URL_PATTERN = '(?:/flows/|graph\\.facebook\\.com/v[\\d.]+/)(\\d+)';

export const SEARCH_FLOWS_METHOD = 'searchFlows';

export function flowLocatorProperty(property: Pick<INodeProperties, 'displayName' | 'name'> & Partial<INodeProperties>): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A Flow of the credential\'s WhatsApp Business Account',
		...property,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: SEARCH_FLOWS_METHOD, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1234567890123456',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A Flow ID has digits only' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://business.facebook.com/wa/manage/flows/1234567890123456/',
				validation: [{ type: 'regex', properties: { regex: `.*${FLOW_URL_PATTERN}.*`, errorMessage: 'Not a Flow URL: it must contain /flows/<Flow ID>' } }],
				extractValue: { type: 'regex', regex: FLOW_URL_PATTERN },
			},
		],
	};
}

/** The Flow ID in a saved value: a plain string (before the picker), or a locator in any mode. Empty when unset. */
export function flowIdFrom(value: unknown): string {
	if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
	if (value === null || typeof value !== 'object' || !('value' in value)) return '';
	const locator = value as { mode?: unknown; value?: unknown };
	const text = String(locator.value ?? '').trim();
	if (locator.mode !== 'url') return text;
	return new RegExp(FLOW_URL_PATTERN).exec(text)?.[1] ?? text;
}

/** A Flow ID field's value, checked before any request (Flow IDs are digits). */
export function readFlowId(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const id = flowIdFrom(ctx.getNodeParameter(name, itemIndex, ''));
	if (!/^\d+$/.test(id)) throw new NodeOperationError(ctx.getNode(), `${label}: "${id}" is not a Flow ID (digits only)`, { itemIndex });
	return id;
}
