import { randomBytes } from 'node:crypto';

import type { FakePlatform } from './fakePlatform';
import type { RecordedRequest, ScriptedResponse } from './types';

/**
 * A chat model with scripted answers behind an OpenAI-compatible `POST /v1/chat/completions`, so
 * n8n's own OpenAI chat model node (its credential's Base URL set to `<fake platform>/v1`) runs
 * against it without a hosted model. Each request takes the next scripted answer, in order;
 * with none left it answers as OpenAI does to a bad request, so a test that asks more than it
 * scripted fails loudly.
 */
export interface ScriptedChatAnswer {
	/** The assistant's text. */
	content?: string;
	/** Tool calls the assistant makes instead of (or with) text. */
	toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
}

export const CHAT_COMPLETIONS = /^\/v1\/chat\/completions\/?$/;

/**
 * Answers each request with the next of `answers`, or with what `answers(request)` returns: a
 * function answers by what the request holds (the contact's last message, a tool's result), so
 * concurrent conversations get the same answers whatever order their requests arrive in.
 * Returning undefined answers as the empty queue does.
 */
export type ChatAnswerer = (request: RecordedRequest) => ScriptedChatAnswer | undefined;

export function scriptChatModel(platform: FakePlatform, answers: ScriptedChatAnswer[] | ChatAnswerer): void {
	const queue = typeof answers === 'function' ? [] : [...answers];
	platform.on('POST', CHAT_COMPLETIONS, (request) => {
		const answer = typeof answers === 'function' ? answers(request) : queue.shift();
		if (!answer) {
			return { status: 400, json: { error: { message: 'the fake chat model has no scripted answer left', type: 'invalid_request_error', code: null } } };
		}
		return completion(request, answer);
	});
}

/** The messages a request sent, as the model received them. */
export function chatMessages(request: RecordedRequest): Array<{ role: string; content: string }> {
	const messages = ((request.json as { messages?: Array<{ role: string; content: unknown }> })?.messages ?? []).map((message) => ({
		role: message.role,
		content: typeof message.content === 'string' ? message.content : message.content === null || message.content === undefined ? '' : JSON.stringify(message.content),
	}));
	return messages;
}

/** The names of the tools a request offered the model. */
export function chatTools(request: RecordedRequest): string[] {
	const tools = (request.json as { tools?: Array<{ function?: { name?: string } }> })?.tools ?? [];
	return tools.map((tool) => String(tool.function?.name ?? ''));
}

function completion(request: RecordedRequest, answer: ScriptedChatAnswer): ScriptedResponse {
	const body = (request.json ?? {}) as { model?: string; stream?: boolean };
	const id = `chatcmpl-${randomBytes(8).toString('hex')}`;
	const created = Math.floor(Date.now() / 1000);
	const toolCalls = (answer.toolCalls ?? []).map((call, index) => ({
		index,
		id: `call_${randomBytes(6).toString('hex')}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	}));
	const message = { role: 'assistant', content: answer.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
	const finishReason = toolCalls.length ? 'tool_calls' : 'stop';
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	if (!body.stream) {
		return { json: { id, object: 'chat.completion', created, model: body.model ?? 'scripted', choices: [{ index: 0, message, finish_reason: finishReason }], usage } };
	}
	// Streaming clients get the same answer as server-sent events: one delta, then the end.
	const chunk = (delta: unknown, finish: string | null) =>
		`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model ?? 'scripted', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
	return {
		headers: { 'content-type': 'text/event-stream' },
		body: chunk(message, null) + chunk({}, finishReason) + 'data: [DONE]\n\n',
	};
}
