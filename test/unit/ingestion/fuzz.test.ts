import { runPipeline, type Channel, type ChatEvent } from '../../../nodes/shared/ingestion';
import { fixtureBytes, fixtureNames, secretsFor, signedRequest } from '../../support/webhookFixtures';

/**
 * Random and mutated payloads through the whole pipeline: nothing may throw, every answer is one
 * of the defined statuses (500 would mean a normaliser crashed), and every emitted event has the
 * common fields with the right types. Seeded: a failure prints its seed and case number.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const CASES_PER_CHANNEL = 1000;
const DEFINED = new Set([200, 400, 401, 403, 413, 415]);
const CHANNELS: Channel[] = ['whatsapp', 'messenger', 'instagram', 'viber'];

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const WEIRD_VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x', '{', [], {}, [null], { id: null }, '9007199254740993', NaN.toString(), '\u0000', '😀'.repeat(3)];

function randomValue(rand: Rand, depth: number): unknown {
	if (depth > 3 || rand() < 0.5) return pick(rand, WEIRD_VALUES);
	if (rand() < 0.5) return Array.from({ length: Math.floor(rand() * 3) }, () => randomValue(rand, depth + 1));
	const keys = ['id', 'type', 'text', 'messages', 'statuses', 'entry', 'changes', 'value', 'message', 'mid', 'event', 'user', 'sender'];
	return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(rand, keys), randomValue(rand, depth + 1)]));
}

/** Replaces one random node of a parsed fixture with a random value (structure-aware mutation). */
function mutateTree(rand: Rand, node: unknown, depth = 0): unknown {
	if (node === null || typeof node !== 'object') return rand() < 0.3 ? randomValue(rand, depth) : node;
	if (rand() < 0.1) return randomValue(rand, depth);
	const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...(node as object) };
	const keys = Object.keys(copy);
	if (keys.length === 0) return copy;
	const key = pick(rand, keys);
	(copy as Record<string, unknown>)[key] = mutateTree(rand, (copy as Record<string, unknown>)[key], depth + 1);
	if (rand() < 0.1) delete (copy as Record<string, unknown>)[pick(rand, keys)];
	return copy;
}

/** Byte-level damage: flips, truncation, insertion. */
function mutateBytes(rand: Rand, bytes: Buffer): Buffer {
	const copy = Buffer.from(bytes);
	const op = rand();
	if (op < 0.4) {
		for (let i = 0; i < 1 + rand() * 4; i++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
		return copy;
	}
	if (op < 0.7) return copy.subarray(0, Math.floor(rand() * copy.length));
	const at = Math.floor(rand() * copy.length);
	return Buffer.concat([copy.subarray(0, at), Buffer.from(pick(rand, ['{', '}', '"', ',', '[', '\\', '\u00ff', '1e999'])), copy.subarray(at)]);
}

function checkEvent(event: ChatEvent, channel: Channel): void {
	expect(event.channel).toBe(channel);
	for (const field of ['event', 'accountId', 'businessAccountId', 'messageId', 'timestamp', 'type', 'platformType', 'text'] as const) {
		expect(typeof event[field]).toBe('string');
	}
	expect(typeof event.contact.id).toBe('string');
	expect(typeof event.contact.name).toBe('string');
	expect(event.raw).toBeInstanceOf(Object);
	if (event.timestamp) expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false);
}

describe.each(CHANNELS)('fuzz %s', (channel) => {
	it(`${CASES_PER_CHANNEL} random and mutated payloads: no exception, defined statuses`, () => {
		const rand = mulberry32(SEED ^ channel.length * 7919);
		const fixtures = fixtureNames(channel).map((name) => fixtureBytes(channel, name));
		const statuses = new Map<number, number>();
		let events = 0;
		for (let i = 0; i < CASES_PER_CHANNEL; i++) {
			const base = pick(rand, fixtures);
			const mode = rand();
			let body: Buffer;
			if (mode < 0.45) body = Buffer.from(JSON.stringify(mutateTree(rand, JSON.parse(base.toString('utf8')))));
			else if (mode < 0.75) body = mutateBytes(rand, base);
			else body = Buffer.from(JSON.stringify(randomValue(rand, 0)) ?? '');
			// Most requests are signed correctly so that they reach the parsers.
			const request = signedRequest(channel, body, rand() < 0.85 ? undefined : 'wrong');
			if (rand() < 0.05) request.headers['content-type'] = pick(rand, ['text/xml', 'multipart/form-data', '']);
			let result;
			try {
				result = runPipeline(request, { channel, secrets: secretsFor(channel), maxBodyBytes: 64 * 1024 });
			} catch (error) {
				throw new Error(`seed ${SEED} case ${i}: pipeline threw ${String(error)}`);
			}
			if (!DEFINED.has(result.status)) {
				throw new Error(`seed ${SEED} case ${i}: status ${result.status} (${result.reason}) for ${body.toString('utf8').slice(0, 300)}`);
			}
			statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
			for (const event of result.events) checkEvent(event, channel);
			events += result.events.length;
		}
		// The mix must exercise both the happy path and the refusals.
		expect(statuses.get(200)).toBeGreaterThan(CASES_PER_CHANNEL * 0.2);
		expect(statuses.get(400)).toBeGreaterThan(0);
		expect(statuses.get(403)).toBeGreaterThan(0);
		expect(events).toBeGreaterThan(CASES_PER_CHANNEL * 0.2);
	});
});
