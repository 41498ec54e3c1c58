import { randomBytes } from 'node:crypto';

import { graphError } from './defaults';
import type { RecordedRequest, ScriptedResponse } from './types';

/**
 * WhatsApp Flows management on the fake Graph API (Meta's Flows API): create,
 * update, assets, publish, deprecate, delete (DRAFT only, error 139004), list, get with
 * `fields` (preview, metric), and the business encryption key of a phone number.
 *
 * Flow ids are 17 digits starting with 7, and the routes match only such ids, so that
 * `GET /{id}` of other objects (media, messages) stays free for other routes.
 */

export type FakeFlowStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' | 'BLOCKED' | 'THROTTLED';

export interface FakeFlow {
	id: string;
	name: string;
	categories: string[];
	status: FakeFlowStatus;
	endpoint_uri?: string;
	application_id?: string;
	json_version?: string;
	data_api_version?: string;
	flowJson?: string;
	validation_errors: unknown[];
	wabaId: string;
}

export interface FakeFlowsState {
	flows: Map<string, FakeFlow>;
	/** phone number id → uploaded public key PEM */
	publicKeys: Map<string, string>;
	/** Adds a flow directly (a test's starting point). */
	seed(flow: Partial<FakeFlow> & { wabaId: string }): FakeFlow;
}

interface RouteHost {
	on(method: string, pattern: string | RegExp, responder: (request: RecordedRequest) => ScriptedResponse): unknown;
}

const states = new WeakMap<object, FakeFlowsState>();

/** The flows a FakePlatform holds (after `installFlowsRoutes`). */
export function fakeFlows(platform: object): FakeFlowsState {
	const state = states.get(platform);
	if (!state) throw new Error('fake platform: flows routes are not installed');
	return state;
}

const newFlowId = () => `7${BigInt(`0x${randomBytes(8).toString('hex')}`).toString().padStart(16, '0').slice(0, 16)}`;
const FLOW = '(7\\d{16})';
const VERSION = '/v[^/]+';

function fields(request: RecordedRequest): Record<string, unknown> {
	if (request.json && typeof request.json === 'object') return request.json as Record<string, unknown>;
	const type = String(request.headers['content-type'] ?? '');
	if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
	if (type.includes('multipart/form-data')) return parseMultipart(request.body, type);
	return {};
}

/** Just enough multipart parsing for the asset upload: field values and file contents as text. */
function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
	const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
	if (!boundary) return {};
	const result: Record<string, unknown> = {};
	for (const part of body.toString('utf8').split(`--${boundary}`)) {
		const [head, ...rest] = part.split('\r\n\r\n');
		const name = /name="([^"]+)"/.exec(head)?.[1];
		if (!name) continue;
		const value = rest.join('\r\n\r\n').replace(/\r\n$/, '');
		result[name] = value;
		const fileName = /filename="([^"]+)"/.exec(head)?.[1];
		if (fileName) result[`${name}__filename`] = fileName;
	}
	return result;
}

function categoriesOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value) as unknown;
			if (Array.isArray(parsed)) return parsed.map(String);
		} catch {
			return value.split(',').map((entry) => entry.trim());
		}
	}
	return [];
}

/** Meta's validation in miniature: JSON must parse and have version + screens. */
function validationErrors(flowJson: string): unknown[] {
	try {
		const document = JSON.parse(flowJson) as { version?: unknown; screens?: unknown };
		const errors: unknown[] = [];
		if (typeof document.version !== 'string') errors.push({ error: 'INVALID_PROPERTY', error_type: 'FLOW_JSON_ERROR', message: 'version is required', line_start: 1, line_end: 1, column_start: 1, column_end: 1, pointers: [{ path: 'version' }] });
		if (!Array.isArray(document.screens)) errors.push({ error: 'INVALID_PROPERTY', error_type: 'FLOW_JSON_ERROR', message: 'screens is required', line_start: 1, line_end: 1, column_start: 1, column_end: 1, pointers: [{ path: 'screens' }] });
		return errors;
	} catch (error) {
		return [{ error: 'INVALID_JSON', error_type: 'JSON_SCHEMA_ERROR', message: (error as Error).message }];
	}
}

function flowView(flow: FakeFlow, requested: string | undefined): Record<string, unknown> {
	const base: Record<string, unknown> = {
		id: flow.id,
		name: flow.name,
		categories: flow.categories,
		status: flow.status,
		validation_errors: flow.validation_errors,
		json_version: flow.json_version ?? '7.2',
		data_api_version: flow.data_api_version ?? '3.0',
		endpoint_uri: flow.endpoint_uri,
		health_status: { can_send_message: flow.status === 'BLOCKED' ? 'BLOCKED' : 'AVAILABLE', entities: [] },
	};
	if (!requested) return { id: flow.id, name: flow.name, status: flow.status, categories: flow.categories, validation_errors: flow.validation_errors };
	const view: Record<string, unknown> = { id: flow.id };
	for (const field of requested.split(/,(?![^(]*\))/)) {
		const name = field.split(/[.(]/)[0];
		if (name === 'preview') {
			view.preview = { preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${randomBytes(8).toString('hex')}`, expires_at: new Date(Date.now() + 30 * 86400_000).toISOString() };
		} else if (name === 'metric') {
			const metric = /name\(([^)]+)\)/.exec(field)?.[1] ?? 'ENDPOINT_REQUEST_COUNT';
			const granularity = /granularity\(([^)]+)\)/.exec(field)?.[1] ?? 'DAY';
			view.metric = { name: metric, granularity, data_points: [{ timestamp: '2026-11-20T00:00:00+0000', data: [{ key: 'value', value: 42 }] }] };
		} else if (name in base) {
			view[name] = base[name];
		}
	}
	return view;
}

export function installFlowsRoutes(platform: RouteHost & object): void {
	const state: FakeFlowsState = {
		flows: new Map(),
		publicKeys: new Map(),
		seed(partial) {
			const flow: FakeFlow = { id: newFlowId(), name: 'seeded', categories: ['OTHER'], status: 'DRAFT', validation_errors: [], ...partial };
			state.flows.set(flow.id, flow);
			return flow;
		},
	};
	states.set(platform, state);
	const flowOf = (request: RecordedRequest) => state.flows.get(/\/(7\d{16})/.exec(request.path)?.[1] ?? '');
	const missing = (request: RecordedRequest) =>
		graphError(100, `Unsupported ${request.method.toLowerCase()} request. Object with ID '${/\/(7\d{16})/.exec(request.path)?.[1]}' does not exist`, 400, { error_subcode: 33 });

	platform.on('POST', new RegExp(`^${VERSION}/([^/]+)/flows/?$`), (request) => {
		const body = fields(request);
		if (typeof body.name !== 'string' || body.name === '') return graphError(100, '(#100) The parameter name is required');
		const categories = categoriesOf(body.categories);
		if (categories.length === 0) return graphError(100, '(#100) The parameter categories is required');
		const wabaId = request.path.split('/')[2];
		const flowJson = typeof body.flow_json === 'string' ? body.flow_json : undefined;
		const flow = state.seed({
			wabaId,
			name: body.name,
			categories,
			endpoint_uri: typeof body.endpoint_uri === 'string' ? body.endpoint_uri : undefined,
			flowJson,
			validation_errors: flowJson ? validationErrors(flowJson) : [],
		});
		if (body.publish === true || body.publish === 'true') flow.status = 'PUBLISHED';
		return { json: { id: flow.id, success: true, validation_errors: flow.validation_errors } };
	});

	platform.on('GET', new RegExp(`^${VERSION}/([^/]+)/flows/?$`), (request) => {
		const wabaId = request.path.split('/')[2];
		const all = [...state.flows.values()].filter((flow) => flow.wabaId === wabaId);
		const limit = Number(request.query.limit ?? 25);
		const start = request.query.after ? Number(Buffer.from(request.query.after, 'base64').toString()) : 0;
		const page = all.slice(start, start + limit);
		const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64') : undefined;
		return {
			json: {
				data: page.map((flow) => flowView(flow, undefined)),
				paging: { cursors: { before: Buffer.from(String(start)).toString('base64'), after: Buffer.from(String(start + page.length)).toString('base64') }, ...(next ? { next: `${request.path}?after=${next}` } : {}) },
			},
		};
	});

	platform.on('POST', new RegExp(`^${VERSION}/${FLOW}/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		const body = fields(request);
		if (typeof body.name === 'string') flow.name = body.name;
		if (body.categories !== undefined) flow.categories = categoriesOf(body.categories);
		if (typeof body.endpoint_uri === 'string') flow.endpoint_uri = body.endpoint_uri;
		if (typeof body.application_id === 'string') flow.application_id = body.application_id;
		return { json: { success: true } };
	});

	platform.on('GET', new RegExp(`^${VERSION}/${FLOW}/?$`), (request) => {
		const flow = flowOf(request);
		return flow ? { json: flowView(flow, request.query.fields) } : missing(request);
	});

	platform.on('DELETE', new RegExp(`^${VERSION}/${FLOW}/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		if (flow.status !== 'DRAFT') return graphError(139004, 'Flow can only be deleted when in DRAFT status', 400, { error_user_title: 'Flow Deletion Error', error_user_msg: 'Only DRAFT flows can be deleted. Deprecate it instead.' });
		state.flows.delete(flow.id);
		return { json: { success: true } };
	});

	platform.on('POST', new RegExp(`^${VERSION}/${FLOW}/assets/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		const body = fields(request);
		if (body.asset_type !== 'FLOW_JSON') return graphError(100, '(#100) Param asset_type must be one of {FLOW_JSON}');
		if (typeof body.file !== 'string') return graphError(100, '(#100) The parameter file is required');
		flow.flowJson = body.file;
		flow.validation_errors = validationErrors(body.file);
		if (flow.status === 'PUBLISHED') flow.status = 'DRAFT';
		return { json: { success: true, validation_errors: flow.validation_errors } };
	});

	platform.on('GET', new RegExp(`^${VERSION}/${FLOW}/assets/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		return { json: { data: flow.flowJson ? [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: `https://mmg.whatsapp.net/flow/${flow.id}.json` }] : [] } };
	});

	platform.on('POST', new RegExp(`^${VERSION}/${FLOW}/publish/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		if (flow.status !== 'DRAFT' || !flow.flowJson || flow.validation_errors.length > 0) {
			return graphError(139002, 'Publishing Flow in invalid state', 400, { error_user_msg: 'The Flow is not a valid DRAFT' });
		}
		flow.status = 'PUBLISHED';
		return { json: { success: true } };
	});

	platform.on('POST', new RegExp(`^${VERSION}/${FLOW}/deprecate/?$`), (request) => {
		const flow = flowOf(request);
		if (!flow) return missing(request);
		if (flow.status !== 'PUBLISHED') return graphError(139003, 'Can\'t deprecate unpublished flow', 400);
		flow.status = 'DEPRECATED';
		return { json: { success: true } };
	});

	platform.on('POST', new RegExp(`^${VERSION}/([^/]+)/whatsapp_business_encryption/?$`), (request) => {
		const key = fields(request).business_public_key;
		if (typeof key !== 'string' || !key.includes('BEGIN PUBLIC KEY')) return graphError(100, '(#100) Param business_public_key must be a valid RSA public key');
		state.publicKeys.set(request.path.split('/')[2], key);
		return { json: { success: true } };
	});

	platform.on('GET', new RegExp(`^${VERSION}/([^/]+)/whatsapp_business_encryption/?$`), (request) => {
		const key = state.publicKeys.get(request.path.split('/')[2]);
		return { json: { data: key ? [{ business_public_key: key, business_public_key_signature_status: 'VALID' }] : [] } };
	});
}
