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
export {
	DEFAULT_VIBER_RETRY,
	parseViberBody,
	VIBER_CREDENTIAL,
	ViberClient,
	type ViberClientOptions,
	type ViberContext,
	type ViberCredentials,
	type ViberEndpoint,
	type ViberRequest,
	type ViberResponse,
} from './client';
export { RETRYABLE_VIBER_STATUSES, VIBER_STATUS_NAMES, viberStatusName } from './statusCodes';
