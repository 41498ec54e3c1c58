import type { ChannelName } from '../config';
import type { Contact } from './contacts';

/**
 * Everything the chat page shows, as one ordered journal: messages both ways, their statuses,
 * edits and deletions, new or changed contacts, and the preview log. The page long-polls `since=<seq>` and applies the entries in order, so a
 * reload or a second tab sees exactly the same conversation.
 */

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface ChatMessage {
	/** Platform id: wamid…, m_…, or the Viber message token (as a string). */
	id: string;
	channel: ChannelName;
	contactId: string;
	/** in = from the contact (the page), out = from the business (the workflow). */
	direction: 'in' | 'out';
	at: number;
	/** WhatsApp: the message object (type + content); Messenger/Instagram: `message`; Viber: the send body. */
	payload: Record<string, unknown>;
	status?: MessageStatus;
	error?: string;
	/** The contact changed the text after sending it. */
	edited?: boolean;
	/** The contact deleted it for everyone. */
	revoked?: boolean;
	/** The business wrote it in the WhatsApp Business app (an echo), not through the API. */
	origin?: 'businessApp';
}

export interface LogEntry {
	id: number;
	at: number;
	/** webhook = the simulator called n8n; api = a node called the simulator. */
	kind: 'webhook' | 'api' | 'flow' | 'note';
	channel?: ChannelName;
	method: string;
	target: string;
	status: number | string;
	latencyMs?: number;
	summary: string;
	request?: unknown;
	response?: unknown;
	executionUrl?: string;
}

export type JournalEntry =
	| { seq: number; type: 'message'; message: ChatMessage }
	| { seq: number; type: 'status'; id: string; status: MessageStatus; error?: string }
	| { seq: number; type: 'messageUpdate'; message: ChatMessage }
	| { seq: number; type: 'contact'; contact: Contact }
	| { seq: number; type: 'log'; entry: LogEntry }
	| { seq: number; type: 'logUpdate'; id: number; executionUrl: string }
	| { seq: number; type: 'typing'; channel: ChannelName; contactId: string };

type Entry = JournalEntry extends infer E ? (E extends { seq: number } ? Omit<E, 'seq'> : never) : never;

const MAX_ENTRIES = 5000;

export class Journal {
	private entries: JournalEntry[] = [];

	private sequence = 0;

	private logIds = 0;

	private waiters = new Set<() => void>();

	readonly messages = new Map<string, ChatMessage>();

	append(entry: Entry): JournalEntry {
		const full = { ...entry, seq: ++this.sequence } as JournalEntry;
		this.entries.push(full);
		if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
		if (full.type === 'message') this.messages.set(full.message.id, full.message);
		if (full.type === 'status') {
			const message = this.messages.get(full.id);
			if (message) Object.assign(message, { status: full.status, error: full.error ?? message.error });
		}
		for (const wake of this.waiters) wake();
		this.waiters.clear();
		return full;
	}

	addMessage(message: ChatMessage): ChatMessage {
		this.append({ type: 'message', message });
		return message;
	}

	/** Changes a message (an edit, a deletion) and tells the page. */
	update(id: string, change: Partial<Pick<ChatMessage, 'payload' | 'edited' | 'revoked'>>): ChatMessage | undefined {
		const message = this.messages.get(id);
		if (!message) return undefined;
		Object.assign(message, change);
		this.append({ type: 'messageUpdate', message: { ...message } });
		return message;
	}

	setStatus(id: string, status: MessageStatus, error?: string): void {
		this.append({ type: 'status', id, status, error });
	}

	log(entry: Omit<LogEntry, 'id' | 'at'> & { at?: number }): LogEntry {
		const full: LogEntry = { at: Date.now(), ...entry, id: ++this.logIds };
		this.append({ type: 'log', entry: full });
		return full;
	}

	linkExecution(logId: number, executionUrl: string): void {
		this.append({ type: 'logUpdate', id: logId, executionUrl });
	}

	since(seq: number): JournalEntry[] {
		return this.entries.filter((entry) => entry.seq > seq);
	}

	get last(): number {
		return this.sequence;
	}

	/** Entries after `seq`; waits up to `timeoutMs` for the first one (long poll). */
	async wait(seq: number, timeoutMs: number): Promise<JournalEntry[]> {
		const ready = this.since(seq);
		if (ready.length > 0 || timeoutMs <= 0) return ready;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, timeoutMs);
			function done() {
				clearTimeout(timer);
				resolve();
			}
			this.waiters.add(done);
		});
		return this.since(seq);
	}

	/** Wakes every waiting long poll (on shutdown). */
	release(): void {
		for (const wake of this.waiters) wake();
		this.waiters.clear();
	}

	/** Messages of one conversation, oldest first. */
	conversation(channel: ChannelName, contactId: string): ChatMessage[] {
		return [...this.messages.values()].filter((message) => message.channel === channel && message.contactId === contactId);
	}
}
