import type { SimulatorContext } from '../context';
import type { KnownError } from '../businessAccount/errors';
import { messagingStatus, viberStatus } from '../webhooks/payloads';
import { addressedBy, whatsAppStatus, type StatusDetails } from '../webhooks/whatsApp';
import type { ChatMessage } from './journal';

/**
 * Delivery statuses of the business's messages, sent back as the platform sends them:
 * WhatsApp `sent` → `delivered` → `read` (or `failed` with errors), Messenger `delivery` and
 * `read`, Instagram `read`, Viber `delivered` and `seen` (or `failed`). Each step waits for the
 * previous webhook, so they arrive in order. "Read" follows once the chat is on screen in the
 * page (config statuses.read = onView), at once (auto), or never.
 */
export class StatusEmitter {
	/** conversation key → last time the page showed it */
	private readonly viewed = new Map<string, number>();

	private readonly conversationIds = new Map<string, string>();

	constructor(private readonly ctx: SimulatorContext) {}

	/** The page reports which conversation is on screen with every poll. */
	viewing(channel: string, contactId: string): void {
		const key = `${channel}:${contactId}`;
		this.viewed.set(key, Date.now());
		for (const message of this.ctx.journal.conversation(channel as ChatMessage['channel'], contactId)) {
			// Business-app echoes are not API sends: Meta reports no statuses for them.
			if (message.direction === 'out' && message.status === 'delivered' && message.origin !== 'businessApp') void this.read(message);
		}
	}

	start(message: ChatMessage, failure?: KnownError, callbackData?: string): void {
		const { enabled, delayMs } = this.ctx.config.statuses;
		if (!enabled) return;
		this.ctx.later(delayMs, async () => {
			if (failure) {
				await this.fail(message, failure, callbackData);
				return;
			}
			if (message.channel === 'whatsapp') await this.whatsApp(message, 'sent', callbackData);
			this.ctx.journal.setStatus(message.id, 'sent');
			this.ctx.later(delayMs, async () => {
				await this.delivered(message, callbackData);
				const readMode = this.ctx.config.statuses.read;
				if (readMode === 'auto' || (readMode === 'onView' && this.isViewed(message))) this.ctx.later(delayMs, () => this.read(message, callbackData));
			});
		});
	}

	private isViewed(message: ChatMessage): boolean {
		return Date.now() - (this.viewed.get(`${message.channel}:${message.contactId}`) ?? 0) < 30_000;
	}

	private async delivered(message: ChatMessage, callbackData?: string): Promise<void> {
		const at = Date.now();
		if (message.channel === 'whatsapp') await this.whatsApp(message, 'delivered', callbackData);
		else if (message.channel === 'viber') await this.emit('viber', viberStatus(message.contactId, message.id, 'delivered', at), `delivered ${short(message.id)}`, { messageId: message.id, status: 'delivered' });
		else {
			const body = messagingStatus(this.ctx.config, message.channel, message.contactId, message.id, 'delivered', at);
			if (body) await this.emit(message.channel, body, `delivery ${short(message.id)}`, { messageId: message.id, status: 'delivered' });
		}
		// Only now: a page poll may mark delivered messages read, and "read" must not overtake "delivered".
		this.ctx.journal.setStatus(message.id, 'delivered');
	}

	private async read(message: ChatMessage, callbackData?: string): Promise<void> {
		if (message.status === 'read' || this.ctx.config.statuses.read === 'never') return;
		const at = Date.now();
		this.ctx.journal.setStatus(message.id, 'read');
		if (message.channel === 'whatsapp') await this.whatsApp(message, 'read', callbackData);
		else if (message.channel === 'viber') await this.emit('viber', viberStatus(message.contactId, message.id, 'seen', at), `seen ${short(message.id)}`, { messageId: message.id, status: 'read' });
		else {
			const body = messagingStatus(this.ctx.config, message.channel, message.contactId, message.id, 'read', at);
			if (body) await this.emit(message.channel, body, `read ${short(message.id)}`, { messageId: message.id, status: 'read' });
		}
	}

	private async fail(message: ChatMessage, failure: KnownError, callbackData?: string): Promise<void> {
		this.ctx.journal.setStatus(message.id, 'failed', `${failure.code} ${failure.title}`);
		if (message.channel === 'whatsapp') {
			const body = this.whatsAppBody(message, 'failed', { callbackData, error: { code: failure.code, title: failure.title, message: failure.details } });
			await this.emit('whatsapp', body, `failed ${failure.code} ${short(message.id)}`, { messageId: message.id, status: 'failed' });
		} else if (message.channel === 'viber') {
			await this.emit('viber', viberStatus(message.contactId, message.id, 'failed', Date.now(), failure.title), `failed ${short(message.id)}`, { messageId: message.id, status: 'failed' });
		}
	}

	private async whatsApp(message: ChatMessage, status: 'sent' | 'delivered' | 'read', callbackData?: string): Promise<void> {
		const body = this.whatsAppBody(message, status, { callbackData });
		await this.emit('whatsapp', body, `${status} ${short(message.id)}`, { messageId: message.id, status });
	}

	/** The status webhook names the person as the send did: by phone number (`to`) or by BSUID (`recipient`). */
	private whatsAppBody(message: ChatMessage, status: 'sent' | 'delivered' | 'read' | 'failed', details: Omit<StatusDetails, 'conversationId'>): Record<string, unknown> {
		const recipient = this.ctx.contacts.ensure('whatsapp', message.contactId);
		return whatsAppStatus(this.ctx.config, recipient, addressedBy(message.payload), message.id, status, Date.now(), { conversationId: this.conversationId(message), ...details });
	}

	/** Statuses go only where a trigger listens; without a URL they just tick on the page. */
	private async emit(...args: Parameters<SimulatorContext['webhooks']['send']>): Promise<void> {
		if (!this.ctx.config.webhooks[args[0]].url) return;
		await this.ctx.webhooks.send(...args);
	}

	/** One conversation (24-hour window) id per contact, as Meta reports in statuses. */
	private conversationId(message: ChatMessage): string {
		const key = `${message.channel}:${message.contactId}`;
		let id = this.conversationIds.get(key);
		if (!id) {
			id = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
			this.conversationIds.set(key, id);
		}
		return id;
	}
}

/** wamid.HBgL…: the tail is what tells two messages apart in the log. */
function short(id: string): string {
	const bare = id.replace(/=+$/, '');
	return bare.length > 18 ? `${bare.slice(0, 6)}…${bare.slice(-8)}` : bare;
}
