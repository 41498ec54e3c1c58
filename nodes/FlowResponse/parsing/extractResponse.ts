/**
 * Finds and parses a Flow's answer (the `nfm_reply` of a messages webhook) in whatever an inbound item looks like: the
 * triggers' normalised `flowResponse`, a raw messages-webhook message with
 * `interactive.nfm_reply`, or a whole webhook body. Errors say what was looked for.
 */

export class FlowResponseError extends Error {}

export interface ExtractedFlowResponse {
	response: Record<string, unknown>;
	flowToken?: string;
	/** id of the Flow message the contact answered (`context.id`), when the item has it */
	replyTo?: string;
	from?: string;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message object holding `interactive.nfm_reply`, wherever it sits in the item. */
function findNfmMessage(item: Obj): Obj | undefined {
	const candidates: unknown[] = [item, item.message, item.raw, item.original];
	// A whole webhook body: as posted, or under `body` (n8n's Webhook node).
	const body = isObject(item.body) ? item.body : item;
	const entries = Array.isArray(body.entry) ? body.entry : [];
	for (const entry of entries) {
		for (const change of (isObject(entry) && Array.isArray(entry.changes) ? entry.changes : []) as unknown[]) {
			const value = isObject(change) ? change.value : undefined;
			if (isObject(value) && Array.isArray(value.messages)) candidates.push(...value.messages);
		}
	}
	return candidates.find(
		(candidate): candidate is Obj => isObject(candidate) && isObject(candidate.interactive) && isObject(candidate.interactive.nfm_reply),
	);
}

export function parseResponseJson(value: unknown, field: string): Record<string, unknown> {
	if (isObject(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new FlowResponseError(`${field} is missing: the item holds no Flow answer`);
	}
	let parsed: unknown;
	let problem = '';
	try {
		parsed = JSON.parse(value);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem) throw new FlowResponseError(`${field} is not valid JSON: ${problem}`);
	if (!isObject(parsed)) throw new FlowResponseError(`${field} must be a JSON object`);
	return parsed;
}

export function extractFlowResponse(item: Obj): ExtractedFlowResponse {
	const normalised = item.flowResponse;
	const message = findNfmMessage(item);
	// The triggers' normalised item (nodes/shared/ingestion): responseJson is null when the
	// answer was not JSON; then the raw message below gives the precise error.
	if (isObject(normalised) && (normalised.responseJson !== null || !message)) {
		const response = parseResponseJson(normalised.responseJson, 'flowResponse.responseJson');
		return {
			response,
			flowToken: stringOrUndefined(normalised.flowToken) ?? stringOrUndefined(response.flow_token),
			replyTo: isObject(item.context) ? stringOrUndefined(item.context.messageId) : undefined,
			from: isObject(item.contact) ? stringOrUndefined(item.contact.id) : stringOrUndefined(item.from),
		};
	}
	if (!message) {
		throw new FlowResponseError(
			'no Flow answer in the item: expected flowResponse.responseJson (Chatflow triggers) or interactive.nfm_reply.response_json (a WhatsApp message)',
		);
	}
	const reply = (message.interactive as Obj).nfm_reply as Obj;
	const response = parseResponseJson(reply.response_json, 'interactive.nfm_reply.response_json');
	return {
		response,
		flowToken: stringOrUndefined(response.flow_token),
		replyTo: isObject(message.context) ? stringOrUndefined(message.context.id) : undefined,
		from: stringOrUndefined(message.from),
	};
}

function stringOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}
