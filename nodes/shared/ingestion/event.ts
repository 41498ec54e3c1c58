import type { IDataObject } from 'n8n-workflow';

import type { Channel, ChatEvent, EventKind } from './types';

/** A ChatEvent with every common field present; normalisers fill in the rest. */
export function baseEvent(channel: Channel, event: EventKind, raw: IDataObject): ChatEvent {
	return {
		channel,
		event,
		accountId: '',
		businessAccountId: '',
		contact: { id: '', name: '' },
		messageId: '',
		timestamp: '',
		type: event,
		platformType: '',
		text: '',
		raw,
	};
}
