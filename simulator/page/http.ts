import type { RecordedRequest, ScriptedResponse } from '../platform/types';

/** The JSON body of a page API request (an empty object when there is none). */
export function bodyOf<T>(request: RecordedRequest): T {
	return (request.json ?? {}) as T;
}

/** A page API request the simulator cannot do, answered with 400 and why. */
export function bad(message: string): ScriptedResponse {
	return { status: 400, json: { error: message } };
}
