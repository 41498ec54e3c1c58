import { verifyFlowToken, type FlowTokenCheck } from '../../shared/flows/flowToken';
import { tokenProblem } from '../../shared/flows/endpoint';
import { extractFlowResponse, FlowResponseError } from './extractResponse';
import { foldBuilderKeys } from './builderKeys';
import { mapWithJsonata } from './jsonataMapping';

/** Options of the Flow response node's "Parse" operation. */
export interface ParseFlowResponseOptions {
	foldBuilderKeys: boolean;
	/** When set, the token is verified with it. */
	tokenSecret?: string;
	/** 'error' fails the item on an invalid token, 'flag' keeps it with token.status. */
	onInvalidToken: 'error' | 'flag';
	jsonata?: string;
	nowMs?: number;
}

/**
 * The clean answer: `response` (the Flow's fields, without flow_token), `flowToken`, the
 * token's `context` when it verified, and where it came from. With a JSONata expression the
 * expression's result is the output instead (an object as is, anything else under `result`).
 */
export async function parseFlowResponse(
	item: Record<string, unknown>,
	options: ParseFlowResponseOptions,
): Promise<Record<string, unknown>> {
	const extracted = extractFlowResponse(item);
	const fields = { ...extracted.response };
	delete fields.flow_token; // reported as flowToken, not as a field of the answer
	let token: FlowTokenCheck | undefined;
	if (options.tokenSecret) {
		token = verifyFlowToken(options.tokenSecret, extracted.flowToken, options.nowMs);
		if (token.status !== 'ok' && options.onInvalidToken === 'error') {
			throw new FlowResponseError(extracted.flowToken === undefined ? 'the Flow answer has no flow_token' : tokenProblem(token));
		}
	}
	const clean: Record<string, unknown> = {
		response: options.foldBuilderKeys ? foldBuilderKeys(fields) : fields,
		flowToken: extracted.flowToken ?? null,
		...(token ? { token: { status: token.status, ...('expiresAt' in token ? { expiresAt: token.expiresAt } : {}) } } : {}),
		context: token && 'context' in token && token.status === 'ok' ? token.context : null,
		...(options.foldBuilderKeys ? { rawResponse: fields } : {}),
		replyTo: extracted.replyTo ?? null,
		from: extracted.from ?? null,
	};
	if (!options.jsonata || options.jsonata.trim() === '') return clean;
	return await mapAnswer(clean, options.jsonata);
}

/** The expression's result: an object as is, anything else under `result`. */
export async function mapAnswer(clean: Record<string, unknown>, expression: string): Promise<Record<string, unknown>> {
	const mapped = await mapWithJsonata(expression, clean);
	return typeof mapped === 'object' && mapped !== null && !Array.isArray(mapped)
		? (mapped as Record<string, unknown>)
		: { result: mapped ?? null };
}
