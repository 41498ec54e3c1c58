import type { Journal } from './chat/journal';
import type { ChannelName, ContactConfig, SimulatorConfig } from './config';
import type { FakePlatform } from './platform/server';
import type { ErrorInjector } from './platformApi/errors';
import type { MediaStore } from './platformApi/media';
import type { WebhookSender } from './webhooks/sender';

/** The parts of a running simulator, handed to each route module. */
export interface SimulatorContext {
	config: SimulatorConfig;
	platform: FakePlatform;
	journal: Journal;
	webhooks: WebhookSender;
	media: MediaStore;
	errors: ErrorInjector;
	contacts: ContactBook;
	/** setTimeout that is cancelled when the simulator closes. */
	later(ms: number, run: () => void | Promise<void>): void;
}

/** The people to chat as: the configured ones plus anyone a workflow sends to. */
export class ContactBook {
	private readonly byKey = new Map<string, ContactConfig>();

	/** Viber's tracking_data of the last bot message, echoed in the contact's next message. */
	readonly trackingData = new Map<string, string>();

	constructor(contacts: ContactConfig[]) {
		for (const contact of contacts) this.byKey.set(key(contact.channel, contact.id), { ...contact });
	}

	all(): ContactConfig[] {
		return [...this.byKey.values()];
	}

	find(channel: ChannelName, id: string): ContactConfig | undefined {
		return this.byKey.get(key(channel, id));
	}

	/** The contact, created on first use (a workflow may send to a number nobody configured). */
	ensure(channel: ChannelName, id: string): ContactConfig {
		const existing = this.find(channel, id);
		if (existing) return existing;
		const contact = { channel, id, name: channel === 'whatsapp' ? `+${id}` : id };
		this.byKey.set(key(channel, id), contact);
		return contact;
	}

	/** Messenger or Instagram, by whose scoped id it is. */
	channelOfScopedId(id: string): 'messenger' | 'instagram' | undefined {
		if (this.find('instagram', id)) return 'instagram';
		if (this.find('messenger', id)) return 'messenger';
		return undefined;
	}
}

const key = (channel: ChannelName, id: string) => `${channel}:${id}`;
