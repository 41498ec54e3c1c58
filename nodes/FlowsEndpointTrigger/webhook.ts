import type { IBinaryKeyData, ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkWithWebhookCredential } from '../shared/webhook/credentialCache';
import { rawRequestBody } from '../shared/webhook/rawBody';
import { rememberAesKey } from '../shared/flows/aesKeyCache';
import { FLOWS_ENDPOINT_CREDENTIAL, privateKeyOf, readFlowsCredential } from '../shared/flows/credential';
import { handleEndpointRequest } from '../shared/flows/endpoint';
import { PrivateKeyError } from '../shared/flows/privateKey';
import { outputIndexFor, parseRoutes, ROUTING_ONE_OUTPUT, ROUTING_PER_ROUTE } from '../shared/flows/routeOutputs';
import type { EndpointOutcome } from '../shared/flows/types';
import { attachUploadedFiles, DEFAULT_MAX_FILE_MB, type AttachContext } from '../shared/flows/media';

/** 432 signature, 421 key, 427 token: what a rotated credential would cause. */
const CREDENTIAL_REJECTIONS = new Set([421, 427, 432]);

export interface EndpointTriggerOptions {
	skipSignatureCheck?: boolean;
	passPings?: boolean;
	passErrorNotifications?: boolean;
	passUnknownActions?: boolean;
	decryptFiles?: boolean;
	maxFileSizeMb?: number;
}

/** Meta waits 10 s for the whole answer: a file that takes longer is reported, not awaited. */
const FILE_DOWNLOAD_TIMEOUT_MS = 7000;

/**
 * The endpoint trigger's webhook: runs the pure handler, answers rejections, health checks and
 * error notifications itself (written to the response, no workflow run unless asked), and hands
 * INIT / BACK / data_exchange to the workflow, whose respond node answers. The AES key stays in
 * this process (short-lived cache); the item carries only the encrypted key and the IV.
 */
export async function receiveEndpointRequest(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = ctx.getNodeParameter('options', {}) as EndpointTriggerOptions;
	const verifyToken = ctx.getNodeParameter('verifyFlowToken', false) as boolean;
	const request = ctx.getRequestObject();
	const rawBody = (await rawRequestBody(ctx)) ?? Buffer.from(JSON.stringify(request.body ?? {}));
	const response = ctx.getResponseObject();
	const reply = (status: number, contentType: string, body: string): IWebhookResponseData => {
		response.status(status).setHeader('content-type', contentType);
		response.end(body);
		return { noWebhookResponse: true };
	};

	/** The handler's verdict with one version of the credential; a string is a configuration error to log. */
	const evaluate = (data: ICredentialDataDecryptedObject): EndpointOutcome | string => {
		const credential = readFlowsCredential(data);
		if (verifyToken && credential.tokenSecret === '') return '"Verify Flow Token" is on but the credential has no Flow Token Secret';
		if (!options.skipSignatureCheck && credential.appSecrets.length === 0) {
			return 'the credential has no App Secret, so request signatures cannot be checked';
		}
		try {
			return handleEndpointRequest(
				{ rawBody, headers: request.headers },
				{
					privateKey: privateKeyOf(credential),
					appSecrets: credential.appSecrets,
					skipSignatureCheck: options.skipSignatureCheck === true,
					tokenSecret: verifyToken ? credential.tokenSecret : undefined,
					passUnknownActions: options.passUnknownActions === true,
				},
			);
		} catch (error) {
			// Node's crypto errors never echo their input, so the message is safe to log.
			return error instanceof PrivateKeyError ? error.message : `unexpected error: ${(error as Error).message}`;
		}
	};

	// Rejected or misconfigured with a cached credential: the user may just have rotated it.
	const { result: outcome } = await checkWithWebhookCredential(
		ctx,
		FLOWS_ENDPOINT_CREDENTIAL,
		evaluate,
		(verdict) => typeof verdict === 'string' || (verdict.kind === 'rejected' && CREDENTIAL_REJECTIONS.has(verdict.status)),
	);
	if (typeof outcome === 'string') {
		ctx.logger.error(`Flows endpoint: ${outcome}`);
		return reply(500, 'application/json', JSON.stringify({ error_msg: 'endpoint misconfigured' }));
	}

	if (outcome.kind === 'rejected') {
		ctx.logger.warn(`Flows endpoint: answered ${outcome.status}: ${outcome.reason}`);
		return reply(outcome.status, outcome.contentType, outcome.body);
	}
	if (outcome.kind === 'answered') {
		reply(outcome.status, outcome.contentType, outcome.body);
		const pass = outcome.notification === 'ping' ? options.passPings : options.passErrorNotifications;
		if (!pass) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: toOutputs(ctx, toItem(outcome)) };
	}
	rememberAesKey(outcome.session.encryptedAesKey, outcome.session.aesKey);
	const item = toItem(outcome);
	// On unless turned off: a Flow with a picker is of no use with its files still encrypted.
	const binary = options.decryptFiles !== false ? await decryptFiles(ctx, item, options) : undefined;
	return { workflowData: toOutputs(ctx, item, binary) };
}

/**
 * The pickers' files of the request as binary properties; `data` then holds, per file, its
 * binary property or its error, and `fileErrors` maps media ids to errors (the shape a picker's
 * `error-message` takes, so the respond node can show them). The workflow runs either way.
 */
async function decryptFiles(ctx: IWebhookFunctions, item: IDataObject, options: EndpointTriggerOptions): Promise<IBinaryKeyData | undefined> {
	const attached = await attachUploadedFiles(ctx as unknown as AttachContext, item.data as IDataObject, {
		maxFileBytes: Math.max(1, Number(options.maxFileSizeMb) || DEFAULT_MAX_FILE_MB) * 1024 * 1024,
		timeoutMs: FILE_DOWNLOAD_TIMEOUT_MS,
	});
	if (!attached) return undefined;
	item.data = attached.payload;
	if (Object.keys(attached.errors).length > 0) {
		item.fileErrors = attached.errors;
		ctx.logger.warn(`Flows endpoint: ${Object.keys(attached.errors).length} uploaded file(s) refused: ${Object.values(attached.errors).join('; ')}`);
	}
	return attached.binary;
}

/** One output, or the item on its route's output (`routeOutputs.ts`), every other output empty. */
function toOutputs(ctx: IWebhookFunctions, item: IDataObject, binary?: IBinaryKeyData): INodeExecutionData[][] {
	const execution: INodeExecutionData = binary && Object.keys(binary).length > 0 ? { json: item, binary } : { json: item };
	if (ctx.getNodeParameter('routing', ROUTING_ONE_OUTPUT) !== ROUTING_PER_ROUTE) return [[execution]];
	const routes = parseRoutes(ctx.getNodeParameter('routes', ''));
	const outputs: INodeExecutionData[][] = Array.from({ length: routes.length + 1 }, () => []);
	outputs[outputIndexFor(String(item.route), routes)].push(execution);
	return outputs;
}

/**
 * `INIT`, `BACK[:SCREEN]`, `data_exchange:SCREEN`; `ping` and `error_notification` for the
 * notifications the trigger already answered (so a Switch never sends them to a respond node).
 */
function routeOf(outcome: Exclude<EndpointOutcome, { kind: 'rejected' }>, screen: string | null): string {
	if (outcome.kind === 'answered') return outcome.notification === 'ping' ? 'ping' : 'error_notification';
	return screen && outcome.request.action !== 'INIT' ? `${outcome.request.action}:${screen}` : outcome.request.action;
}

/**
 * The item the workflow sees. One Switch on `{{ $json.route }}` routes by action and screen. `session` holds the encrypted
 * AES key and the IV: useless without the private key, needed by the respond node.
 */
function toItem(outcome: Exclude<EndpointOutcome, { kind: 'rejected' }>): IDataObject {
	const { request, session, token } = outcome;
	const screen = typeof request.screen === 'string' && request.screen !== '' ? request.screen : null;
	const item: IDataObject = {
		version: request.version ?? null,
		action: request.action,
		screen,
		data: (request.data ?? {}) as IDataObject,
		flowToken: request.flow_token ?? null,
		route: routeOf(outcome, screen),
		tokenStatus: token?.status ?? 'unchecked',
		tokenContext: token && token.status === 'ok' ? (token.context as IDataObject) : null,
		session: { encryptedAesKey: session.encryptedAesKey, initialVector: session.initialVector },
	};
	if (outcome.kind === 'answered') item.notification = outcome.notification;
	return item;
}
