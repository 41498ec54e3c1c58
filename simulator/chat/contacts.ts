import { canonicalWhatsAppId, phoneDigits, whatsAppIdKind } from '../../nodes/shared/identity';
import type { ChannelName, ContactConfig } from '../config';
import { bareUsername, deriveBsuid } from './whatsAppIdentity';

/** A person to chat as. */
export interface Contact {
	channel: ChannelName;
	/**
	 * The conversation, and where a reply goes (the trigger's `contact.id`): Messenger's PSID,
	 * Instagram's IGSID, the Viber user id; on WhatsApp the phone number, or the BSUID of a person
	 * who shares none.
	 */
	id: string;
	name: string;
	/** WhatsApp: the phone number (`wa_id`), when the person shares it. */
	phone?: string;
	/** WhatsApp: the business-scoped user id; every WhatsApp contact has one. */
	bsuid?: string;
	/** WhatsApp: the parent business-scoped user id, when the business has them enabled. */
	parentBsuid?: string;
	/** WhatsApp: the username, without "@". */
	username?: string;
	/** WhatsApp: the person stopped marketing messages (marketing templates then fail with 131050). */
	marketingStopped?: boolean;
}

/**
 * The people to chat as: the configured ones plus anyone a workflow sends to. A WhatsApp person is
 * found by any id Meta names them by (phone number, BSUID, parent BSUID), so a reply addressed by
 * BSUID lands in the conversation of the same person's phone number.
 */
export class ContactBook {
	private readonly contacts: Contact[] = [];

	private readonly byKey = new Map<string, Contact>();

	/** Viber's tracking_data of the last bot message, echoed in the contact's next message. */
	readonly trackingData = new Map<string, string>();

	/** `onChange` hears of every contact added or changed after the start (the page shows them). */
	constructor(
		contacts: ContactConfig[],
		private readonly onChange: (contact: Contact) => void = () => undefined,
	) {
		for (const contact of contacts) this.add(fromConfig(contact));
	}

	all(): Contact[] {
		return [...this.contacts];
	}

	/** The contact a conversation id, phone number, BSUID or parent BSUID names. */
	find(channel: ChannelName, id: string): Contact | undefined {
		return this.byKey.get(key(channel, channel === 'whatsapp' ? whatsAppRef(id) : id));
	}

	/** The contact, created on first use (a workflow may send to someone nobody configured). */
	ensure(channel: ChannelName, id: string): Contact {
		const existing = this.find(channel, id);
		if (existing) return existing;
		const contact = channel === 'whatsapp' ? unknownWhatsAppPerson(id) : { channel, id, name: id };
		this.add(contact);
		this.onChange(contact);
		return contact;
	}

	/** Records what the person chose about marketing messages. */
	setMarketingStopped(contact: Contact, stopped: boolean): void {
		contact.marketingStopped = stopped;
		this.onChange(contact);
	}

	/** Messenger or Instagram, by whose scoped id it is. */
	channelOfScopedId(id: string): 'messenger' | 'instagram' | undefined {
		if (this.find('instagram', id)) return 'instagram';
		if (this.find('messenger', id)) return 'messenger';
		return undefined;
	}

	private add(contact: Contact): void {
		this.contacts.push(contact);
		for (const id of [contact.id, contact.phone, contact.bsuid, contact.parentBsuid]) if (id) this.byKey.set(key(contact.channel, id), contact);
	}
}

const key = (channel: ChannelName, id: string) => `${channel}:${id}`;

/** Phone numbers in any notation as their digits; BSUIDs as they are; anything else by its digits. */
function whatsAppRef(id: string): string {
	return canonicalWhatsAppId(id)?.id ?? id.replace(/\D/g, '');
}

function fromConfig(config: ContactConfig): Contact {
	if (config.channel !== 'whatsapp') return { channel: config.channel, id: config.id ?? '', name: config.name };
	const phone = config.id ? phoneDigits(config.id) : undefined;
	const username = bareUsername(config.username);
	const bsuid = config.bsuid ?? deriveBsuid(phone ?? username ?? config.parentBsuid ?? config.name, phone);
	return compact({ channel: 'whatsapp', id: phone ?? bsuid, name: config.name, phone, bsuid, parentBsuid: config.parentBsuid, username });
}

/** Someone a workflow wrote to first: by phone number, or by BSUID (a person who shares none). */
function unknownWhatsAppPerson(id: string): Contact {
	const ref = whatsAppRef(id);
	const kind = whatsAppIdKind(ref);
	if (kind === 'bsuid') return { channel: 'whatsapp', id: ref, name: ref, bsuid: ref };
	if (kind === 'parentBsuid') {
		// The person's own BSUID is from the same country as the parent one.
		const bsuid = `${ref.slice(0, 2)}${deriveBsuid(ref).slice(2)}`;
		return { channel: 'whatsapp', id: bsuid, name: ref, bsuid, parentBsuid: ref };
	}
	return { channel: 'whatsapp', id: ref, name: `+${ref}`, phone: ref, bsuid: deriveBsuid(ref, ref) };
}

function compact(contact: Contact): Contact {
	return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)) as unknown as Contact;
}
