import { verifySignature } from '../../../nodes/shared/ingestion';
import { fixtureBytes } from '../../support/webhookFixtures';
import type { ContactConfig } from '../../../simulator/config';
import type { ChatSimulator } from '../../../simulator/chatSimulator';
import type { Received } from './receiver';

/**
 * The WhatsApp people the identity and action suites chat as, one per way Meta names a person
 * since 2026, and the checks those suites share.
 */

export const BUSINESS = { wabaId: '102290129340398', phoneNumberId: '106540352242922', displayPhoneNumber: '15550100100' };
export const METADATA = { display_phone_number: BUSINESS.displayPhoneNumber, phone_number_id: BUSINESS.phoneNumberId };

/** Shares a phone number, has no username, no BSUID configured (the simulator derives one). */
export const ADA = { channel: 'whatsapp', id: '4915112345678', name: 'Ada Lovelace' } satisfies ContactConfig;
/** Has a username and shares no phone number. */
export const HEDY = { channel: 'whatsapp', username: '@hedy.lamarr', bsuid: 'US.19140911830712345678', name: 'Hedy Lamarr' } satisfies ContactConfig;
/** Shares a phone number, has a username, and the business has parent BSUIDs enabled. */
export const GRACE = {
	channel: 'whatsapp',
	id: '+1 650 555 1234',
	username: 'grace.h',
	bsuid: 'US.13491208655302741918',
	parentBsuid: 'US.ENT.11815799212886844830',
	name: 'Grace Hopper',
} satisfies ContactConfig;

export const WHATSAPP_SECRET = 'wa-app-secret-2026';

/** The parsed body of a delivery, after checking it is signed with the app secret over its exact bytes. */
export function signedBody(delivery: Received): Record<string, any> {
	expect(delivery.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
	expect(verifySignature('whatsapp', delivery.headers, delivery.raw, [WHATSAPP_SECRET]).ok).toBe(true);
	expect(delivery.result.status).toBe(200);
	return JSON.parse(delivery.raw.toString()) as Record<string, any>;
}

/** A WhatsApp webhook body around one change, as Meta wraps every field. */
export function envelope(field: string, value: Record<string, unknown>): Record<string, unknown> {
	return { object: 'whatsapp_business_account', entry: [{ id: BUSINESS.wabaId, changes: [{ value: { messaging_product: 'whatsapp', metadata: METADATA, ...value }, field }] }] };
}

/** The keys of a JSON value in order, with the type of each leaf: what "the same shape" means. */
export function shapeOf(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(shapeOf);
	if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]);
	return typeof value;
}

/** The shape of one of the package's WhatsApp fixtures (Meta's documented payloads). */
export function fixtureShape(name: string): unknown {
	return shapeOf(JSON.parse(fixtureBytes('whatsapp', name).toString()));
}

/** The simulator's page API. */
export async function simulatorApi(simulator: ChatSimulator, path: string, body: unknown): Promise<{ status: number; json: Record<string, any> }> {
	const response = await fetch(`${simulator.url}/_sim/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** A send as the WhatsApp node makes it (`to` a phone number or `recipient` a BSUID). */
export async function graphSend(simulator: ChatSimulator, body: Record<string, unknown>): Promise<{ status: number; json: Record<string, any> }> {
	const response = await fetch(`${simulator.url}/v26.0/${BUSINESS.phoneNumberId}/messages`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer token' },
		body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
	});
	return { status: response.status, json: (await response.json()) as Record<string, any> };
}
