import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Channel, WebhookRequest } from '../../nodes/shared/ingestion';
import { signRequestBody, signViberBody } from '../../nodes/shared/webhook/signature';

/** Webhook bodies as the platforms send them, one JSON file each, read as untouched bytes. */
export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'webhooks');

export const TEST_APP_SECRET = 'test-app-secret-5f1c9d0e7a2b';
export const TEST_PREVIOUS_APP_SECRET = 'test-previous-app-secret-0a9b';
export const TEST_VIBER_TOKEN = '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f';

export function fixtureBytes(channel: Channel, name: string): Buffer {
	return readFileSync(join(FIXTURES_DIR, channel, `${name}.json`));
}

export function fixtureNames(channel: Channel): string[] {
	return readdirSync(join(FIXTURES_DIR, channel))
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.sort();
}

/** The signature header the platform would send for `body` with `secret`. */
export function signatureHeaders(channel: Channel, body: Buffer | string, secret?: string): Record<string, string> {
	if (channel === 'viber') return { 'x-viber-content-signature': signViberBody(body, secret ?? TEST_VIBER_TOKEN) };
	return { 'x-hub-signature-256': signRequestBody(body, secret ?? TEST_APP_SECRET) };
}

/** A signed request with the platform's content type, as the trigger receives it. */
export function signedRequest(channel: Channel, body: Buffer | string, secret?: string): WebhookRequest {
	const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	return {
		headers: { 'content-type': 'application/json', ...signatureHeaders(channel, rawBody, secret) },
		rawBody,
	};
}

export function secretsFor(channel: Channel): string[] {
	return channel === 'viber' ? [TEST_VIBER_TOKEN] : [TEST_APP_SECRET, TEST_PREVIOUS_APP_SECRET];
}
