import type { INodeProperties } from 'n8n-workflow';

import { flowIdProperty } from './common/flowId';
import { flowJsonSourceProperties } from './common/flowJsonInput';
import type { OperationExecute } from './common/run';
import * as generateKeyPair from './encryptionKey/generate';
import * as getPublicKey from './encryptionKey/get';
import { phoneNumberIdProperty } from './encryptionKey/phoneNumber';
import * as uploadPublicKey from './encryptionKey/upload';
import * as create from './flow/create';
import * as remove from './flow/delete';
import * as get from './flow/get';
import * as list from './flow/list';
import * as metrics from './flow/metrics';
import * as preview from './flow/preview';
import * as status from './flow/status';
import * as update from './flow/update';
import * as generate from './flowJson/generate';
import * as uploadJson from './flowJson/upload';
import * as validate from './flowJson/validate';

/**
 * The node's one operation list (no resource parameter, so the router knows it as resource '');
 * its files are grouped by what they act on: a Flow, a Flow JSON, the phone number's encryption key.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'list',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a flow', description: 'Create a Flow (optionally with its Flow JSON, endpoint, or as a clone)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a draft flow', description: 'Delete a DRAFT Flow' },
			{ name: 'Deprecate', value: 'deprecate', action: 'Deprecate a flow', description: 'Deprecate a PUBLISHED Flow' },
			{
				name: 'Generate Flow JSON',
				value: 'generate',
				action: 'Generate flow JSON with a chat model',
				description: 'A chat model writes Flow JSON from a description; invalid answers go back to it with their problems',
			},
			{ name: 'Generate Key Pair', value: 'generateKeyPair', action: 'Generate an RSA key pair', description: 'A 2048-bit RSA key pair for the endpoint (private key output once)' },
			{ name: 'Get', value: 'get', action: 'Get a flow', description: 'Status, validation errors, health' },
			{ name: 'Get Metrics', value: 'metrics', action: 'Get flow metrics', description: 'Endpoint request counts, errors, latency, availability' },
			{ name: 'Get Preview URL', value: 'preview', action: 'Get a flow preview URL' },
			{ name: 'Get Public Key', value: 'getPublicKey', action: 'Get the business public key', description: 'The uploaded key of a phone number and its signature status' },
			{ name: 'List', value: 'list', action: 'List flows', description: 'The Flows of the WhatsApp Business Account' },
			{ name: 'Publish', value: 'publish', action: 'Publish a flow' },
			{ name: 'Update Metadata', value: 'update', action: 'Update flow metadata', description: 'Name, categories, endpoint URI, application' },
			{ name: 'Upload Flow JSON', value: 'uploadJson', action: 'Upload flow JSON', description: 'From a field or a binary file; validated locally first' },
			{ name: 'Upload Public Key', value: 'uploadPublicKey', action: 'Upload the business public key', description: 'For the data-exchange endpoint of a phone number' },
			{ name: 'Validate Flow JSON', value: 'validate', action: 'Validate flow JSON locally', description: 'Local checks with paths to each problem; no request' },
		],
	},
	flowIdProperty,
	...create.description,
	...update.description,
	...flowJsonSourceProperties,
	...uploadJson.description,
	...generate.description,
	...list.description,
	...get.description,
	...preview.description,
	...metrics.description,
	phoneNumberIdProperty,
	...uploadPublicKey.description,
	...generateKeyPair.description,
];

export const operations: Record<string, OperationExecute> = {
	create: create.execute,
	update: update.execute,
	uploadJson: uploadJson.execute,
	publish: status.publish,
	deprecate: status.deprecate,
	delete: remove.execute,
	list: list.execute,
	get: get.execute,
	preview: preview.execute,
	metrics: metrics.execute,
	uploadPublicKey: uploadPublicKey.execute,
	getPublicKey: getPublicKey.execute,
	generateKeyPair: generateKeyPair.execute,
	validate: validate.execute,
	generate: generate.execute,
};
