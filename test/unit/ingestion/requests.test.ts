import { runPipeline } from '../../../nodes/shared/ingestion';
import { answerMetaHandshake } from '../../../nodes/shared/trigger/handshake';
import { signRequestBody } from '../../../nodes/shared/webhook/signature';
import {
	fixtureBytes,
	secretsFor,
	signedRequest,
	TEST_APP_SECRET,
	TEST_PREVIOUS_APP_SECRET,
} from '../../support/webhookFixtures';

const whatsapp = { channel: 'whatsapp' as const, secrets: [TEST_APP_SECRET] };
const body = fixtureBytes('whatsapp', 'text');

describe('signatures', () => {
	it('accepts the HMAC of the exact bytes and refuses the same JSON re-serialised', () => {
		expect(runPipeline(signedRequest('whatsapp', body), whatsapp).status).toBe(200);
		// Non-ASCII text: JSON.stringify(JSON.parse(body)) is other bytes than Meta signed.
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
		const request = { headers: signedRequest('whatsapp', body).headers, rawBody: reserialised };
		expect(runPipeline(request, whatsapp)).toMatchObject({ status: 403, events: [] });
	});

	it('accepts the previous app secret only when it is configured', () => {
		const request = signedRequest('whatsapp', body, TEST_PREVIOUS_APP_SECRET);
		expect(runPipeline(request, whatsapp).status).toBe(403);
		expect(runPipeline(request, { ...whatsapp, secrets: [TEST_APP_SECRET, TEST_PREVIOUS_APP_SECRET] }).status).toBe(200);
	});

	it('answers 401 without a signature and 403 with a wrong, truncated or unprefixed one', () => {
		const good = signRequestBody(body, TEST_APP_SECRET);
		const cases: Array<[Record<string, string>, number]> = [
			[{ 'content-type': 'application/json' }, 401],
			[{ 'x-hub-signature-256': signRequestBody(body, 'another secret') }, 403],
			[{ 'x-hub-signature-256': good.slice(0, -2) }, 403],
			[{ 'x-hub-signature-256': good.slice('sha256='.length) }, 403],
			[{ 'x-hub-signature-256': 'sha256=' + 'z'.repeat(64) }, 403],
			[{ 'X-Hub-Signature-256': good }, 200],
		];
		for (const [headers, status] of cases) {
			const result = runPipeline({ headers, rawBody: body }, whatsapp);
			expect(result.status).toBe(status);
			if (status !== 200) expect(result.reason).not.toContain(TEST_APP_SECRET);
		}
	});

	it('refuses everything when no secret is configured', () => {
		expect(runPipeline(signedRequest('whatsapp', body), { ...whatsapp, secrets: [''] })).toMatchObject({ status: 403 });
	});

	it('checks Viber signatures with the auth token, not the Meta header', () => {
		const viber = fixtureBytes('viber', 'message_text');
		expect(runPipeline(signedRequest('viber', viber), { channel: 'viber', secrets: secretsFor('viber') }).status).toBe(200);
		expect(runPipeline(signedRequest('viber', viber, 'wrong-token'), { channel: 'viber', secrets: secretsFor('viber') }).status).toBe(403);
		const metaSigned = signedRequest('whatsapp', viber);
		expect(runPipeline(metaSigned, { channel: 'viber', secrets: secretsFor('viber') }).status).toBe(401);
	});
});

describe('bad input answers with a defined status and a reason', () => {
	const cases: Array<[string, string | Buffer, Record<string, string>, number, RegExp]> = [
		['empty body', '', {}, 400, /empty body/],
		['invalid JSON', '{"object":', {}, 400, /invalid JSON/],
		['JSON array', '[1,2]', {}, 400, /not an object/],
		['JSON string', '"hello"', {}, 400, /not an object/],
		['form body', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }, 415, /not JSON/],
		['XML body', '<a/>', { 'content-type': 'application/xml' }, 415, /not JSON/],
		['no entry array', '{"object":"whatsapp_business_account","entry":{}}', {}, 400, /entry/],
	];
	it.each(cases)('%s', (_name, text, headers, status, reason) => {
		const request = signedRequest('whatsapp', text);
		request.headers = { ...request.headers, ...headers };
		const result = runPipeline(request, whatsapp);
		expect(result).toMatchObject({ status, events: [] });
		expect(result.reason).toMatch(reason);
	});

	it('refuses oversize bodies with 413 before hashing them', () => {
		const big = Buffer.alloc(2048, 0x20);
		const result = runPipeline({ headers: {}, rawBody: big }, { ...whatsapp, maxBodyBytes: 1024 });
		expect(result).toMatchObject({ status: 413 });
		expect(result.reason).toMatch(/2048 bytes exceeds the limit of 1024/);
	});

	it('acknowledges another object with 200, no events and a reason', () => {
		const result = runPipeline(signedRequest('whatsapp', fixtureBytes('messenger', 'text')), whatsapp);
		expect(result).toMatchObject({ status: 200, events: [] });
		expect(result.reason).toMatch(/object "page" is not whatsapp_business_account/);
	});

	it('accepts JSON with a charset, a BOM, or labelled text/plain', () => {
		for (const type of ['application/json; charset=utf-8', 'text/plain', 'application/vnd.api+json']) {
			const request = signedRequest('whatsapp', body);
			request.headers['content-type'] = type;
			expect(runPipeline(request, whatsapp).events).toHaveLength(1);
		}
		const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
		expect(runPipeline(signedRequest('whatsapp', bom), whatsapp).events).toHaveLength(1);
	});

	it('refuses a Viber body without an event field', () => {
		const result = runPipeline(signedRequest('viber', '{"timestamp":1}'), { channel: 'viber', secrets: secretsFor('viber') });
		expect(result).toMatchObject({ status: 400 });
	});
});

describe('Meta verification handshake', () => {
	const query = (token: string) => ({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' });

	it('echoes the challenge only for the right verify token', () => {
		expect(answerMetaHandshake(query('my-verify-token'), 'my-verify-token')).toEqual({ status: 200, body: '1158201444' });
		expect(answerMetaHandshake(query('wrong'), 'my-verify-token')).toMatchObject({ status: 403 });
		expect(answerMetaHandshake(query('my-verify-token-longer'), 'my-verify-token')).toMatchObject({ status: 403 });
	});

	it('refuses when no verify token is configured, and non-subscribe requests', () => {
		expect(answerMetaHandshake(query(''), '')).toMatchObject({ status: 403 });
		expect(answerMetaHandshake({ 'hub.challenge': '1' }, 'x')).toMatchObject({ status: 400 });
		expect(answerMetaHandshake({}, 'x')).toMatchObject({ status: 400 });
	});
});
