import type { ICredentialDataDecryptedObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { FLOWS_ENDPOINT_CREDENTIAL, readFlowsCredential } from '../flows/credential';
import { verifyFlowToken } from '../flows/flowToken';
import type { ChatEvent } from '../ingestion/types';
import { optionalCredentials } from './settings';

/**
 * A journey workflow without a Switch: the WhatsApp trigger starts only for the answers of
 * Flows sent with a flow token of one journey (the package's signed tokens carry their context,
 * `{ journey: "booking", … }`), so each Flow's answers can start their own workflow.
 */
export const flowJourneyProperty: INodeProperties = {
	displayName: 'Only Flow Answers of Journey',
	name: 'flowJourney',
	type: 'string',
	default: '',
	placeholder: 'booking',
	description:
		'If set, only Flow answers whose flow token (Create Flow Token, with the Flows Endpoint credential\'s Flow Token Secret) carries this journey start the workflow; every other event is acknowledged and ignored. Needs the Chatflow WhatsApp Flows Endpoint credential.',
};

/** Why events were dropped, for one log line; undefined when the filter is off. */
export interface JourneyFiltered {
	kept: ChatEvent[];
	dropped: number;
	/** Set when the filter cannot work: every event is then dropped. */
	problem?: string;
}

export async function keepFlowJourney(ctx: IWebhookFunctions, events: ChatEvent[]): Promise<JourneyFiltered | undefined> {
	const journey = String(ctx.getNodeParameter('flowJourney', '') ?? '').trim();
	if (journey === '') return undefined;
	const data = await optionalCredentials<ICredentialDataDecryptedObject>(ctx, FLOWS_ENDPOINT_CREDENTIAL);
	const secret = data ? readFlowsCredential(data).tokenSecret : '';
	if (secret === '') {
		return { kept: [], dropped: events.length, problem: '"Only Flow Answers of Journey" needs the Flows Endpoint credential with a Flow Token Secret' };
	}
	const kept = events.filter((event) => {
		const token = event.flowResponse?.flowToken;
		if (!token) return false;
		const check = verifyFlowToken(secret, token);
		return check.status === 'ok' && (check.context as { journey?: unknown } | undefined)?.journey === journey;
	});
	return { kept, dropped: events.length - kept.length };
}
