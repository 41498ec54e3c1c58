export { metaCheckExists, metaCreate, metaDelete, subscriptionFields } from './meta';
export { viberCheckExists, viberCreate, viberDelete } from './viber';
export { loadState, type RegistrationState } from './state';

import type { IHookFunctions } from 'n8n-workflow';

import type { META_OBJECT } from '../../ingestion/pipeline';
import { metaCheckExists, metaCreate, metaDelete } from './meta';
import { overrideCheckExists, overrideCreate, overrideDelete, overrideLevel } from './whatsAppOverride';
import { viberCheckExists, viberCreate, viberDelete } from './viber';
import { withStateStoreCheck } from '../stateStoreCheck';

/**
 * `webhookMethods.default` of a Meta trigger: registration per the node's "Registration" mode
 * (manual, the app's subscription, or a WhatsApp callback override), after the queue-mode
 * State Store check. Deactivation undoes whatever this node recorded, whichever mode is
 * selected now.
 */
export function metaWebhookMethods(channel: keyof typeof META_OBJECT) {
	return withStateStoreCheck({
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const level = overrideLevel(this);
			return level ? await overrideCheckExists(this, level) : await metaCheckExists.call(this, channel);
		},
		async create(this: IHookFunctions): Promise<boolean> {
			const level = overrideLevel(this);
			return level ? await overrideCreate(this, level) : await metaCreate.call(this, channel);
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			await overrideDelete(this);
			return await metaDelete.call(this);
		},
	});
}

/** `webhookMethods.default` of the Viber trigger. */
export const viberWebhookMethods = withStateStoreCheck({ checkExists: viberCheckExists, create: viberCreate, delete: viberDelete });
