import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import type { OperationExecute } from '../../shared/actions';
import { DEFAULT_MAX_FILE_MB } from '../../shared/flows/media';
import { mapAnswer, parseFlowResponse } from '../parsing/parseFlowResponse';
import { attachAnswerFiles } from './answerFiles';
import { ON_INVALID_TOKEN, type FlowResponseRun } from './tokenSecret';

const show = { operation: ['parse'] };

/** Parse Flow Response: clean JSON from an nfm_reply, token verified, builder keys folded, mapped. */
export const description: INodeProperties[] = [
	{
		displayName: 'Fold Builder Keys',
		name: 'foldBuilderKeys',
		type: 'boolean',
		default: true,
		description: 'Whether to turn builder names like screen_1_TextInput_1 into text_input and option IDs like 0_Yes into Yes (the raw answer stays in rawResponse)',
		displayOptions: { show },
	},
	{
		displayName: 'Verify Flow Token',
		name: 'verifyToken',
		type: 'boolean',
		default: false,
		description: 'Whether to verify the flow_token with the credential\'s Flow Token Secret and output its context',
		displayOptions: { show },
	},
	{
		// Token operations always need the secret; this hidden twin turns the credential on for them.
		displayName: 'Verify Flow Token',
		name: 'verifyToken',
		type: 'hidden',
		default: true,
		displayOptions: { show: { operation: ['createToken', 'verifyToken'] } },
	},
	{
		displayName: 'Download Uploaded Files',
		name: 'downloadFiles',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the files of PhotoPicker and DocumentPicker fields into binary properties (field_index, e.g. photo_picker_0), checked against their SHA-256; needs the WhatsApp credential. A file that fails fails the item.',
		displayOptions: { show },
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSizeMb',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_FILE_MB,
		displayOptions: { show: { ...show, downloadFiles: [true] } },
	},
	{
		displayName: 'JSONata Expression',
		name: 'jsonata',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: '{ "email": response.email, "journey": context.journey }',
		description: 'Optional: maps the clean answer ({ response, flowToken, context, from, replyTo }) into the shape the next system needs',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { ...show, verifyToken: [true] } },
		options: [
			{
				displayName: 'On Invalid Token',
				name: 'onInvalidToken',
				type: 'options',
				default: 'error',
				options: ON_INVALID_TOKEN,
			},
		],
	},
];

export const execute: OperationExecute<FlowResponseRun> = async function (run, itemIndex) {
	const options = this.getNodeParameter('options', itemIndex, {}) as { onInvalidToken?: 'error' | 'flag' };
	const parsed = (await parseFlowResponse(this.getInputData()[itemIndex].json, {
		foldBuilderKeys: this.getNodeParameter('foldBuilderKeys', itemIndex, true) as boolean,
		tokenSecret: run.tokenSecret,
		onInvalidToken: options.onInvalidToken ?? 'error',
		// Mapped after the files are in place, so the expression sees what they became.
		jsonata: '',
	})) as IDataObject;
	const files = run.graph ? await attachAnswerFiles(this, run.graph, parsed, itemIndex) : undefined;
	if (files && Object.keys(files.errors).length > 0) {
		const reasons = Object.entries(files.errors).map(([id, reason]) => `${id}: ${reason}`);
		throw new NodeOperationError(this.getNode(), `Uploaded files refused: ${reasons.join('; ')}`, { itemIndex });
	}
	const jsonata = this.getNodeParameter('jsonata', itemIndex, '') as string;
	const json = jsonata.trim() === '' ? parsed : ((await mapAnswer(parsed, jsonata)) as IDataObject);
	return files && Object.keys(files.binary).length > 0 ? { json, binary: files.binary } : json;
};
