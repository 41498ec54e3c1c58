import { validateFlowJson, type FlowJsonIssue } from '../flowJsonValidation';
import { FLOW_JSON_SYSTEM_PROMPT, flowRequestPrompt, repairPrompt, type FlowRequest } from './prompt';

export interface ChatTurn {
	role: 'system' | 'user' | 'assistant';
	content: string;
}

/** One call to the chat model: the conversation so far in, the assistant's text out. */
export type AskModel = (conversation: ChatTurn[]) => Promise<string>;

export interface GeneratedFlow {
	flowJson: Record<string, unknown>;
	/** Model calls it took: 1 when the first answer was valid. */
	attempts: number;
	/** The problems each rejected answer had, in order. */
	repairs: FlowJsonIssue[][];
}

/** The model could not produce valid Flow JSON within the allowed repairs. */
export class FlowGenerationError extends Error {
	constructor(
		readonly issues: FlowJsonIssue[],
		readonly attempts: number,
	) {
		super(`The chat model's Flow JSON is still not valid after ${attempts} attempts: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
		this.name = 'FlowGenerationError';
	}
}

/**
 * Asks the model for Flow JSON, checks its answer with the package's validator, and hands the
 * problems back for repair at most `maxRepairs` times. The answer is valid Flow JSON or a
 * FlowGenerationError with the problems that remain.
 */
export async function generateFlowJson(ask: AskModel, request: FlowRequest, maxRepairs: number): Promise<GeneratedFlow> {
	const conversation: ChatTurn[] = [
		{ role: 'system', content: FLOW_JSON_SYSTEM_PROMPT },
		{ role: 'user', content: flowRequestPrompt(request) },
	];
	const repairs: FlowJsonIssue[][] = [];
	for (let attempt = 1; ; attempt++) {
		const answer = await ask(conversation);
		const candidate = jsonIn(answer);
		const issues = validateFlowJson(candidate);
		if (issues.length === 0) return { flowJson: JSON.parse(candidate) as Record<string, unknown>, attempts: attempt, repairs };
		repairs.push(issues);
		if (attempt > maxRepairs) throw new FlowGenerationError(issues, attempt);
		conversation.push({ role: 'assistant', content: answer }, { role: 'user', content: repairPrompt(issues.map((issue) => `${issue.path}: ${issue.message}`)) });
	}
}

/** The JSON object in a model's answer: without code fences or prose around it. */
export function jsonIn(answer: string): string {
	const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(answer);
	const text = (fenced ? fenced[1] : answer).trim();
	const start = text.indexOf('{');
	const end = text.lastIndexOf('}');
	return start !== -1 && end > start ? text.slice(start, end + 1) : text;
}
