/**
 * What the chat model is told. Flow JSON has rules a model does not reliably know (screen ids,
 * a terminal screen that completes, data declared before it is used); the prompt states the
 * ones the local validator checks, so a first answer is usually valid and a repair is short.
 */
export const FLOW_JSON_SYSTEM_PROMPT = [
	'You write WhatsApp Flow JSON (Meta\'s Flow JSON reference). Answer with one JSON object and nothing else: no prose, no code fences.',
	'Rules:',
	'- "version" is a string such as "7.2"; "screens" lists at least one screen.',
	'- Each screen has an "id" of letters and underscores (upper case by convention, never "SUCCESS"), a "title", and a "layout" of type "SingleColumnLayout" with "children".',
	'- Exactly the last screen(s) of a path are "terminal": true, and every terminal screen has a Footer whose on-click-action is {"name": "complete", "payload": {...}}.',
	'- Non-terminal screens move on with a Footer whose on-click-action is {"name": "navigate", "next": {"type": "screen", "name": "<screen id>"}} (or "data_exchange" when an endpoint provides the next data).',
	'- Form inputs (TextInput, TextArea, Dropdown, RadioButtonsGroup, CheckboxGroup, DatePicker, OptIn) have unique "name"s; a payload refers to them as "${form.<name>}".',
	'- Data a screen shows from the endpoint is declared in the screen\'s "data" with a type and an "__example__", and referred to as "${data.<key>}".',
	'- When an endpoint provides data, add "data_api_version": "3.0" at the top level.',
].join('\n');

export interface FlowRequest {
	/** What the Flow should do, in the user's words. */
	description: string;
	/** Data the endpoint will provide to the screens (keys and example values), if any. */
	screenData?: unknown;
	/** The Flow JSON version to write. */
	version: string;
}

export function flowRequestPrompt(request: FlowRequest): string {
	const parts = [`Write a WhatsApp Flow (Flow JSON version "${request.version}") for this:`, request.description.trim()];
	if (request.screenData !== undefined && request.screenData !== null && request.screenData !== '') {
		parts.push('The data-exchange endpoint will provide this data to the screens (declare and use it):', JSON.stringify(request.screenData, null, 2));
	}
	return parts.join('\n\n');
}

export function repairPrompt(problems: string[]): string {
	return [
		'That Flow JSON is not valid. The problems, each with its path:',
		...problems.map((problem) => `- ${problem}`),
		'Answer with the corrected, complete Flow JSON object only.',
	].join('\n');
}
