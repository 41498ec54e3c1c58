import type { ChatEvent, EventFilter, MessageType } from './types';

/** The message-type groups a trigger filters on; every MessageType belongs to one. */
export const MESSAGE_TYPE_GROUPS: Record<string, readonly MessageType[]> = {
	text: ['text'],
	media: ['image', 'video', 'audio', 'document', 'sticker'],
	reply: ['reply'],
	flowResponse: ['flowResponse'],
	location: ['location'],
	contacts: ['contacts'],
	reaction: ['reaction'],
	order: ['order'],
	other: ['system', 'url', 'unsupported', 'requestWelcome', 'deleted', 'unknown'],
};

const GROUP_OF = new Map<string, string>(
	Object.entries(MESSAGE_TYPE_GROUPS).flatMap(([group, types]) => types.map((type) => [type, group] as [string, string])),
);

export function messageTypeGroup(type: string): string {
	return GROUP_OF.get(type) ?? 'other';
}

/**
 * Keeps the events the trigger asked for. Empty lists mean "everything". Status filters apply to
 * events that carry a delivery status, message-type filters to messages and echoes, account
 * filters to every event (matching the account id or, on WhatsApp, the business account id).
 */
export function filterEvents(events: ChatEvent[], filter: EventFilter | undefined): ChatEvent[] {
	if (!filter) return events;
	const kinds = setOf(filter.events);
	const statuses = setOf(filter.statuses);
	const groups = setOf(filter.messageTypes);
	const accounts = setOf(filter.accountIds);
	return events.filter((event) => {
		if (kinds && !kinds.has(event.event)) return false;
		if (statuses && event.status !== undefined && !statuses.has(event.status)) return false;
		if (groups && (event.event === 'message' || event.event === 'echo') && !groups.has(messageTypeGroup(event.type))) {
			return false;
		}
		if (accounts && !accounts.has(event.accountId) && !accounts.has(event.businessAccountId)) return false;
		return true;
	});
}

function setOf(values: readonly string[] | undefined): Set<string> | undefined {
	const cleaned = (values ?? []).map((value) => value.trim()).filter(Boolean);
	return cleaned.length ? new Set(cleaned) : undefined;
}
