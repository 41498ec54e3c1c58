import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

import { whatsAppContactProblem } from './chat/whatsAppIdentity';

/**
 * What the user defines for the simulator in one JSON file (default: simulator/fixtures/
 * simulator.json; another via `--config <path>` or CHATFLOW_SIMULATOR_CONFIG): the business
 * accounts, the contacts to chat as, where webhooks go and how they are signed, templates,
 * Flows with their Flow JSON, and the Flows endpoint with its public key.
 */

export type ChannelName = 'whatsapp' | 'messenger' | 'instagram' | 'viber';

export const CHANNELS: readonly ChannelName[] = ['whatsapp', 'messenger', 'instagram', 'viber'];

export interface WebhookTarget {
	/** Where the platform POSTs (a trigger's production URL). Empty: nothing is sent. */
	url: string;
	/** Meta: the app secret (X-Hub-Signature-256). Viber: the bot's auth token (X-Viber-Content-Signature). */
	secret: string;
}

export interface ContactConfig {
	channel: ChannelName;
	/**
	 * The phone number (WhatsApp `wa_id`), PSID (Messenger), IGSID (Instagram) or the Viber user
	 * id. WhatsApp: leave it out for a person with a username who shares no phone number.
	 */
	id?: string;
	/** The profile name. */
	name: string;
	/** WhatsApp: the business-scoped user id (`US.…`); derived from the phone number or username when left out. */
	bsuid?: string;
	/** WhatsApp: the parent business-scoped user id (`US.ENT.…`), for a business that has them enabled. */
	parentBsuid?: string;
	/** WhatsApp: the person's username (with or without "@"). */
	username?: string;
}

export interface FlowConfig {
	id: string;
	name: string;
	status?: 'DRAFT' | 'PUBLISHED';
	/** Endpoint for data_exchange; empty: the simulator's `flowsEndpoint.url`. */
	endpointUri?: string;
	flowJson: Record<string, unknown>;
	/** Instead of `flowJson`: a JSON file, relative to the config file. */
	flowJsonFile?: string;
}

export interface SimulatorConfig {
	/** Port of the simulator (Graph API, Viber API and the chat page on one port). 0 = any free port. */
	port: number;
	business: {
		name: string;
		wabaId: string;
		phoneNumberId: string;
		displayPhoneNumber: string;
		appId: string;
		pageId: string;
		instagramId: string;
		viberBotName: string;
	};
	webhooks: Record<ChannelName, WebhookTarget>;
	flowsEndpoint: {
		url: string;
		appSecret: string;
		/** PEM of the business public key; the key uploaded with POST /{phone}/whatsapp_business_encryption wins. */
		publicKeyPem: string;
	};
	/** Statuses sent after each accepted send: sent, delivered, then read when the chat is on screen. */
	statuses: { enabled: boolean; delayMs: number; read: 'onView' | 'auto' | 'never' };
	/** n8n's URL and an API key, so the log can link each webhook to its execution. */
	n8n: { url: string; apiKey: string };
	contacts: ContactConfig[];
	/** Message templates as `GET /{WABA}/message_templates` returns them. */
	templates: Array<Record<string, unknown>>;
	flows: FlowConfig[];
}

export const DEFAULT_CONFIG_PATH = join(__dirname, 'fixtures', 'simulator.json');

const DEFAULTS: SimulatorConfig = {
	port: 5690,
	business: {
		name: 'Chatflow Café',
		wabaId: '102290129340398',
		phoneNumberId: '106540352242922',
		displayPhoneNumber: '15550100100',
		appId: '1234567890123456',
		pageId: '108123456789012',
		instagramId: '17841400000000000',
		viberBotName: 'Chatflow Café',
	},
	webhooks: {
		whatsapp: { url: '', secret: '' },
		messenger: { url: '', secret: '' },
		instagram: { url: '', secret: '' },
		viber: { url: '', secret: '' },
	},
	flowsEndpoint: { url: '', appSecret: '', publicKeyPem: '' },
	statuses: { enabled: true, delayMs: 350, read: 'onView' },
	n8n: { url: '', apiKey: '' },
	contacts: [],
	templates: [],
	flows: [],
};

/** Reads the file (a missing `flowJson` may be a path to a JSON file next to it) over the defaults. */
export function loadConfig(path = process.env.CHATFLOW_SIMULATOR_CONFIG || DEFAULT_CONFIG_PATH): SimulatorConfig {
	let raw: Partial<SimulatorConfig>;
	try {
		raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SimulatorConfig>;
	} catch (error) {
		throw new Error(`simulator config ${path}: ${(error as Error).message}`);
	}
	const config = mergeConfig(raw);
	for (const flow of config.flows) {
		const source = flow.flowJsonFile;
		if (source && !flow.flowJson) {
			const file = isAbsolute(source) ? source : join(dirname(path), source);
			flow.flowJson = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
		}
	}
	return config;
}

/** Fills what `partial` leaves out with the defaults (one level deep per section). */
export function mergeConfig(partial: Partial<SimulatorConfig> = {}): SimulatorConfig {
	const webhooks = { ...DEFAULTS.webhooks };
	for (const channel of CHANNELS) webhooks[channel] = { ...DEFAULTS.webhooks[channel], ...(partial.webhooks?.[channel] ?? {}) };
	const config: SimulatorConfig = {
		port: partial.port ?? DEFAULTS.port,
		business: { ...DEFAULTS.business, ...(partial.business ?? {}) },
		webhooks,
		flowsEndpoint: { ...DEFAULTS.flowsEndpoint, ...(partial.flowsEndpoint ?? {}) },
		statuses: { ...DEFAULTS.statuses, ...(partial.statuses ?? {}) },
		n8n: { ...DEFAULTS.n8n, ...(partial.n8n ?? {}) },
		contacts: partial.contacts?.length ? partial.contacts : defaultContacts(),
		templates: partial.templates ?? [],
		flows: partial.flows ?? [],
	};
	for (const contact of config.contacts) {
		if (!CHANNELS.includes(contact.channel)) throw new Error(`simulator config: contact ${contact.id ?? contact.name} has unknown channel "${contact.channel}"`);
		const problem = contact.channel === 'whatsapp' ? whatsAppContactProblem(contact) : contact.id ? undefined : `${contact.channel} contact ${contact.name} needs an id`;
		if (problem) throw new Error(`simulator config: ${problem}`);
	}
	return config;
}

function defaultContacts(): ContactConfig[] {
	return [
		{ channel: 'whatsapp', id: '4915112345678', name: 'Ada Lovelace' },
		{ channel: 'messenger', id: '6543210987654321', name: 'Grace Hopper' },
		{ channel: 'instagram', id: '7654321098765432', name: 'Katherine Johnson' },
		{ channel: 'viber', id: '01234567890A=', name: 'Margaret Hamilton' },
	];
}
