/**
 * What a chatflow trigger adds for conversations: its "Conversation" options and one call,
 * `routeTriggerEvents(this, events)`, after de-duplication. It returns the events that should
 * still start a new execution (keyword events flagged), having resumed the others.
 */
import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import type { ChatEvent } from '../ingestion';
import { followIdentityChange } from './identityChange';
import { parseKeywords, type KeywordRule } from './keywords';
import { routeToConversation, type ResumeBody, type RouteDecision, type WhenWaiting } from './route';
import { conversationRedisCredentials, openConversationSignals, openConversationStore } from './store';

export const conversationTriggerOptions: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversation',
	type: 'collection',
	placeholder: 'Add Conversation Option',
	default: {},
	description:
		'How messages reach executions waiting in a Chatflow Conversation node. With several n8n processes (queue mode) select a Chatflow State Store credential on this trigger and on the Conversation nodes.',
	options: [
		{
			displayName: 'Keywords',
			name: 'keywords',
			type: 'string',
			default: '',
			placeholder: 'STOP, MENU, AGENT',
			description:
				'Comma-separated words that always start a new execution (flagged with "keyword") and cancel the contact\'s waiting execution. Case and accents are ignored.',
		},
		{
			displayName: 'Keyword Match',
			name: 'keywordMatch',
			type: 'options',
			default: 'exact',
			options: [
				{ name: 'Whole Message', value: 'exact', description: '"menu" matches "Menu!" but not "menu please"' },
				{ name: 'Starts With', value: 'prefix', description: '"menu" matches "Menu please" but not "menus"' },
			],
		},
		{
			displayName: 'When the Contact Has a Waiting Execution',
			name: 'whenWaiting',
			type: 'options',
			default: 'resume',
			options: [
				{ name: 'Resume It', value: 'resume', description: 'The message continues the waiting execution; no new execution' },
				{ name: 'Start a New Execution', value: 'startNew', description: 'Ignore waiting executions; every message starts a new one' },
				{ name: 'Both', value: 'both', description: 'Resume the waiting execution and also start a new one' },
			],
		},
	],
};

export interface TriggerConversationSettings {
	keywords: KeywordRule[];
	whenWaiting: WhenWaiting;
}

export function readConversationSettings(ctx: Pick<IWebhookFunctions, 'getNodeParameter'>): TriggerConversationSettings {
	const options = ctx.getNodeParameter('conversation', {}) as IDataObject;
	const match = options.keywordMatch === 'prefix' ? 'prefix' : 'exact';
	return {
		keywords: parseKeywords(String(options.keywords ?? ''), match),
		whenWaiting: (['resume', 'startNew', 'both'].includes(String(options.whenWaiting)) ? options.whenWaiting : 'resume') as WhenWaiting,
	};
}

/** Routes each event; resolves with the events that still start an execution, in order. */
export async function routeTriggerEvents(ctx: IWebhookFunctions, events: ChatEvent[]): Promise<ChatEvent[]> {
	const settings = readConversationSettings(ctx);
	const credentials = await conversationRedisCredentials(ctx);
	const store = openConversationStore(credentials);
	const signals = openConversationSignals(credentials);
	const post = async (url: string, body: ResumeBody) => {
		const response = (await ctx.helpers.httpRequest({
			method: 'POST',
			url,
			body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 120_000,
		})) as { statusCode: number; body?: unknown };
		return response;
	};
	const log = (level: 'debug' | 'warn', message: string) =>
		ctx.logger[level](`${ctx.getNode().name}: ${message}`, { workflowId: ctx.getWorkflow().id });
	// One contact's messages are routed in order (the second may need the wait the first made);
	// different contacts do not wait for each other.
	const byContact = new Map<string, number[]>();
	events.forEach((event, index) => {
		const key = `${event.channel}:${event.accountId}:${event.contact?.key || event.contact?.id || ''}`;
		byContact.set(key, [...(byContact.get(key) ?? []), index]);
	});
	for (const event of events) {
		if (event.event !== 'identityChange') continue;
		const moved = await followIdentityChange(store, event);
		if (moved.length) log('debug', `contact ${event.contact.key} has a new identity: moved their ${moved.join(' and ')}`);
	}
	const decisions: RouteDecision[] = new Array(events.length);
	await Promise.all(
		[...byContact.values()].map(async (indexes) => {
			for (const index of indexes) {
				decisions[index] = await routeToConversation(events[index], {
					store,
					signals,
					keywords: settings.keywords,
					whenWaiting: settings.whenWaiting,
					post,
					log,
				});
			}
		}),
	);
	return decisions.filter((decision) => decision.emit).map((decision) => decision.event);
}
