import { NodeConnectionTypes, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import type { AskModel } from './generateFlowJson';

/** The part of a LangChain chat model (what n8n's chat model sub-nodes supply) this node uses. */
interface ChatModel {
	invoke(messages: Array<[string, string]>): Promise<{ content: unknown }>;
}

const LANGCHAIN_ROLE = { system: 'system', user: 'human', assistant: 'ai' } as const;

/**
 * The chat model connected to the node's "Chat Model" input, as an AskModel. Any model a user has
 * configured in n8n works: n8n hands over the sub-node's LangChain chat model.
 */
export async function connectedChatModel(ctx: IExecuteFunctions, itemIndex: number): Promise<AskModel> {
	const supplied = (await ctx.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, itemIndex)) as ChatModel | ChatModel[] | undefined;
	const model = Array.isArray(supplied) ? supplied[0] : supplied;
	if (!model || typeof model.invoke !== 'function') {
		throw new NodeOperationError(ctx.getNode(), 'Connect a chat model (for example "OpenAI Chat Model") to the node\'s Chat Model input', { itemIndex });
	}
	return async (conversation) => {
		const answer = await model.invoke(conversation.map((turn) => [LANGCHAIN_ROLE[turn.role], turn.content]));
		return textOf(answer.content);
	};
}

/** A message's content as text: a string, or the text parts of a multi-part content. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
	}
	return '';
}
