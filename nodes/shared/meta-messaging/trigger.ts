import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import { eventsSubtitle } from '../canvas';
import { conversationTriggerOptions } from '../conversation';
import { triggerProperties, type TriggerPropertyTexts } from '../trigger/descriptions';
import { META_WEBHOOKS } from '../trigger/nodeParts';
import { WEBHOOK_TRIGGER_VERSIONS } from '../webhook/versions';

/** What differs between the Messenger and the Instagram trigger besides their names: texts and the account credential. */
export interface MetaMessagingTriggerTexts extends Pick<TriggerPropertyTexts, 'manualHelp' | 'automaticHelp' | 'events' | 'accountIds'> {
	/** The channel's account credential (media downloads and automatic registration). */
	accountCredential: { name: string; displayName: string };
}

/**
 * The description of a trigger for Meta's Messenger Platform webhooks (Messenger and Instagram
 * deliver the same `entry[].messaging[]` shape), all but what names the node (display name,
 * type name, icon, group, description, defaults), which the node file keeps as n8n's lint rules
 * read them: the Meta App credential signs and registers, the channel's account credential is
 * optional, conversations are routed like every trigger's.
 */
export function metaMessagingTriggerParts({ accountCredential, ...texts }: MetaMessagingTriggerTexts) {
	const properties = [...triggerProperties(texts), conversationTriggerOptions];
	return {
		...WEBHOOK_TRIGGER_VERSIONS,
		subtitle: eventsSubtitle(properties),
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'chatflowMetaAppApi', displayName: 'Meta App (Signatures and Registration)', required: true },
			{ ...accountCredential, required: false },
			{ name: 'chatflowRedisApi', displayName: 'State Store (Redis, for Queue Mode, Optional)', required: false, testedBy: 'chatflowRedisConnectionTest' },
		],
		webhooks: META_WEBHOOKS,
		properties,
	} satisfies Partial<INodeTypeDescription>;
}
