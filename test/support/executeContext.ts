import type { Readable } from 'node:stream';

import axios, { type AxiosRequestConfig } from 'axios';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	NodeEgressFilter,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ChatflowWhatsAppApi } from '../../credentials/ChatflowWhatsAppApi.credentials';
import { ChatflowMessengerApi } from '../../credentials/ChatflowMessengerApi.credentials';
import { ChatflowInstagramApi } from '../../credentials/ChatflowInstagramApi.credentials';
import { ChatflowViberApi } from '../../credentials/ChatflowViberApi.credentials';
import { passthroughEgress } from './egress';

/**
 * A minimal IExecuteFunctions for integration tests of action nodes, until (and beside) the
 * in-process harness: n8n's parameter and binary helpers, and what n8n gives nodes for HTTP:
 * an egress filter (pass-through by default, as n8n with SSRF protection off), so the package's
 * own HTTP layer sends real HTTP; and `httpRequestWithAuthentication` (axios, with the
 * credential's own `authenticate` applied, so a wrong header would fail against FakePlatform's
 * token check), which the layer uses when the context has no egress filter (`egressFilter:
 * false`, as an n8n older than 2.x). It mirrors n8n-core for the parts the nodes use; it is not
 * a mock of HTTP.
 */
export interface ExecuteContextOptions {
	/** Node parameters: one object for every item, or one per item index. */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: INodeExecutionData[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	nodeName?: string;
	nodeType?: string;
	/** What `helpers.getSecureEgressFilter()` returns; false: the helper is missing (n8n 1.x). */
	egressFilter?: NodeEgressFilter | false;
	/** What `getExecutionCancelSignal()` returns (the execution being stopped). */
	cancelSignal?: AbortSignal;
}

export interface TestExecuteContext extends IExecuteFunctions {
	/** Hints the node added with addExecutionHints. */
	readonly hints: NodeExecutionHint[];
	/** Every request n8n's request helper sent (secrets included: for assertions only). */
	readonly sent: IHttpRequestOptions[];
	/** Messages the node logged at warn level. */
	readonly warnings: string[];
}

const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	chatflowWhatsAppApi: new ChatflowWhatsAppApi(),
	chatflowMessengerApi: new ChatflowMessengerApi(),
	chatflowInstagramApi: new ChatflowInstagramApi(),
	chatflowViberApi: new ChatflowViberApi(),
};

/**
 * The node's saved parameters as n8n would hold them: a parameter whose value differs between
 * items can only be an expression in a real workflow, so it is saved as one (nodes may treat
 * expression-free parameters as the same for every item, as withFastParameters does).
 */
function rawParameters(parameters: ExecuteContextOptions['parameters'], itemCount: number): INodeParameters {
	if (typeof parameters !== 'function') return parameters as INodeParameters;
	const perItem = Array.from({ length: Math.max(itemCount, 1) }, (_, i) => parameters(i));
	const raw: IDataObject = { ...perItem[0] };
	for (const name of new Set(perItem.flatMap((values) => Object.keys(values)))) {
		const first = JSON.stringify(perItem[0][name]);
		if (perItem.some((values) => JSON.stringify(values[name]) !== first)) raw[name] = '={{ $parameterPerItem }}';
	}
	return raw as INodeParameters;
}

export function createExecuteContext(options: ExecuteContextOptions): TestExecuteContext {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const node: INode = {
		id: 'test-node',
		name: options.nodeName ?? 'Node',
		type: options.nodeType ?? 'n8n-nodes-chatflow.chatflowWhatsApp',
		typeVersion: 1,
		position: [0, 0],
		parameters: rawParameters(options.parameters, items.length),
	};
	const hints: NodeExecutionHint[] = [];
	const sent: IHttpRequestOptions[] = [];
	const warnings: string[] = [];
	const egressFilter = options.egressFilter === undefined ? passthroughEgress() : options.egressFilter;
	const parametersFor = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;

	const getCredentials = async (type: string) => {
		const data = options.credentials[type];
		if (!data) throw new NodeOperationError(node, `no credentials of type ${type} in the test context`);
		return { ...data };
	};

	const httpRequestWithAuthentication = async (
		type: string,
		request: IHttpRequestOptions,
		additional?: { credentialsDecrypted?: { data?: ICredentialDataDecryptedObject } },
	) => {
		// As n8n-core: credentials handed over already decrypted are used instead of loading them.
		const credentials = additional?.credentialsDecrypted?.data ?? (await getCredentials(type));
		const authenticated = await applyAuthentication(CREDENTIAL_TYPES[type], credentials, request);
		sent.push(authenticated);
		try {
			return await sendWithAxios(authenticated);
		} catch (error) {
			throw new NodeApiError(node, error as never);
		}
	};

	const binaryOf = (itemIndex: number, property: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[property];
		if (!binary) throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`);
		return binary;
	};

	const context = {
		hints,
		sent,
		warnings,
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials,
		getNodeParameter: (name: string, itemIndex: number, ...rest: [unknown?, { extractValue?: boolean }?]) => {
			const [fallback, extra] = rest;
			let value = getPath(parametersFor(itemIndex), name);
			if (value === undefined) {
				if (rest.length >= 1) return fallback;
				throw new Error(`test context: parameter "${name}" is not set`);
			}
			if (extra?.extractValue && isResourceLocator(value)) value = value.value;
			return value;
		},
		addExecutionHints: (...added: NodeExecutionHint[]) => hints.push(...added),
		getExecutionId: () => 'test-execution',
		getMode: () => 'manual',
		getExecutionCancelSignal: () => options.cancelSignal,
		logger: { debug() {}, info() {}, warn: (message: string) => warnings.push(message), error() {} },
		helpers: {
			httpRequestWithAuthentication,
			...(egressFilter ? { getSecureEgressFilter: () => egressFilter } : {}),
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
			assertBinaryData: (itemIndex: number, property: string) => binaryOf(itemIndex, property),
			getBinaryDataBuffer: async (itemIndex: number, property: string) => Buffer.from(binaryOf(itemIndex, property).data, 'base64'),
			prepareBinaryData: async (input: Buffer | Readable, fileName?: string, mimeType?: string): Promise<IBinaryData> => {
				const data = Buffer.isBuffer(input) ? input : Buffer.concat(await input.toArray());
				return {
					data: data.toString('base64'),
					mimeType: mimeType ?? 'application/octet-stream',
					fileName,
					fileSize: humanSize(data.length),
					bytes: data.length,
					fileExtension: fileName?.includes('.') ? fileName.split('.').pop() : undefined,
				};
			},
		},
	};
	return context as unknown as TestExecuteContext;
}

/**
 * Applies the credential's `authenticate`, as n8n's credentials helper does: a function is
 * called; a generic block's `={{$credentials.x}}` templates are resolved.
 */
async function applyAuthentication(
	type: ICredentialType | undefined,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authenticate = type?.authenticate;
	if (!authenticate) return request;
	if (typeof authenticate === 'function') return await authenticate(credentials, { ...request });
	const resolve = (template: unknown) =>
		String(template)
			.replace(/^=/, '')
			.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, field: string) => String(credentials[field] ?? ''));
	const headers = { ...(request.headers ?? {}) };
	for (const [name, template] of Object.entries(authenticate.properties.headers ?? {})) headers[name] = resolve(template);
	const qs = { ...(request.qs ?? {}) };
	for (const [name, template] of Object.entries(authenticate.properties.qs ?? {})) qs[name] = resolve(template);
	return { ...request, headers, qs };
}

/** What n8n-core's httpRequest does with these options, on axios. */
async function sendWithAxios(request: IHttpRequestOptions): Promise<unknown> {
	const config: AxiosRequestConfig = {
		method: request.method ?? 'GET',
		url: request.url,
		baseURL: request.baseURL,
		params: request.qs,
		headers: request.headers as Record<string, string>,
		data: request.body,
		timeout: request.timeout,
		responseType: request.encoding as AxiosRequestConfig['responseType'],
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		validateStatus: request.ignoreHttpStatusErrors ? () => true : undefined,
	};
	const response = await axios.request(config);
	if (request.returnFullResponse) {
		return { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	}
	return response.data;
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function isResourceLocator(value: unknown): value is { __rl: true; value: unknown } {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

function humanSize(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
