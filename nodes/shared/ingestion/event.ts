import type { IDataObject } from 'n8n-workflow';

import { personContact } from '../identity';
import type { Channel, ChatEvent, EventKind } from './types';

/** A ChatEvent with every common field present; normalisers fill in the rest. */
export function baseEvent(channel: Channel, event: EventKind, raw: IDataObject): ChatEvent {
	return {
		channel,
		event,
		accountId: '',
		businessAccountId: '',
		contact: personContact('', ''),
		messageId: '',
		timestamp: '',
		type: event,
		platformType: '',
		text: '',
		raw,
	};
}
