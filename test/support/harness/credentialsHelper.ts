import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

import { getCredentialType, packageCredentialTypes } from './credentialTypes';

/** Credential data by credential TYPE name, as given to runWorkflow. */
export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/**
 * n8n's credentials helper, for one run: every node credential reference (whatever its id or
 * name) resolves to the data given for its type, with the type's defaults filled in, and
 * requests are authenticated by the type's own `authenticate` (a function, or a generic block
 * whose `={{$credentials.x}}` expressions are resolved by the workflow's real expression engine,
 * as n8n does). `preAuthentication` runs for types that define it, as in n8n.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: CredentialsByType) {
		super();
	}

	getParentTypes(name: string): string[] {
		const parents = getCredentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...(packageCredentialTypes().has(parent) ? this.getParentTypes(parent) : [])]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = packageCredentialTypes().get(credentialType);
		if (!type?.supportedNodes || !(type as { restrictToSupportedNodes?: boolean }).restrictToSupportedNodes) return true;
		return type.supportedNodes.some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return getCredentialType(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = getCredentialType(typeName);
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate.type !== 'generic') return options;
		if (!workflow || !node) throw new Error(`harness: authenticating "${typeName}" needs the workflow and node`);

		const resolve = (value: unknown) => resolveCredentialExpression(value, credentials, workflow, node);
		const target = options as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			const resolved: Record<string, unknown> = { ...(target[section] ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				resolved[String(resolve(key))] = resolve(value);
			}
			target[section] = resolved;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = getCredentialType(typeName);
		const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
		if (!type.preAuthentication || !expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined) return undefined;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		// Stored back, as n8n stores the refreshed token in the credential.
		this.credentials[typeName] = { ...this.credentials[typeName], ...output };
		return { ...credentials, ...output };
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = getCredentialType(typeName);
		if (!type.preAuthentication) return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.dataFor(type));
		return credentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.dataFor(type);
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.credentials[type] = data;
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.credentials[type] = { ...this.credentials[type], ...data };
	}

	/** The data given for `type`, over the type's defaults (what n8n's getDecrypted returns). */
	private dataFor(type: string): ICredentialDataDecryptedObject {
		const given = this.credentials[type];
		if (!given) {
			const known = Object.keys(this.credentials).join(', ') || 'none';
			throw new Error(`harness: no credentials of type "${type}" were given to runWorkflow (given: ${known})`);
		}
		return withDefaults(getCredentialType(type), given);
	}
}

function withDefaults(type: ICredentialType, given: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const defaults = NodeHelpers.getNodeParameters(type.properties, given as never, true, false, null, null) ?? {};
	return { ...(defaults as ICredentialDataDecryptedObject), ...given };
}

/** n8n's rule: only strings starting with '=' are expressions; they see `$credentials`. */
function resolveCredentialExpression(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
	return resolved === undefined || resolved === null ? '' : String(resolved);
}
