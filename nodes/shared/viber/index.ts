export * from './message';
export {
	broadcastViberMessage,
	getViberAccountInfo,
	getViberUserDetails,
	sendViberMessage,
	setViberWebhook,
	VIBER_EVENT_TYPES,
	type ViberWebhookSettings,
} from './operations';
export { DEFAULT_VIBER_RETRY, type RetryPolicy } from './retry';
export { RETRYABLE_VIBER_STATUSES, VIBER_STATUS_NAMES, viberStatusName } from './statusCodes';
export { parseViberBody, VIBER_CREDENTIAL, viberRequest, type ViberCredentials, type ViberResponse } from './transport';
