/**
 * Viber answers every call with HTTP 200 and a `status` in the body (developers.viber.com/docs/api/rest-bot-api, "Errors").
 * The names are Viber's own, so they can be searched in Viber's documentation.
 */
export const VIBER_STATUS_NAMES: Readonly<Record<number, string>> = {
	0: 'ok',
	1: 'invalidUrl',
	2: 'invalidAuthToken',
	3: 'badData',
	4: 'missingData',
	5: 'receiverNotRegistered',
	6: 'receiverNotSubscribed',
	7: 'publicAccountBlocked',
	8: 'publicAccountNotFound',
	9: 'publicAccountSuspended',
	10: 'webhookNotSet',
	11: 'receiverNoSuitableDevice',
	12: 'tooManyRequests',
	13: 'apiVersionNotSupported',
	14: 'incompatibleWithVersion',
	15: 'publicAccountNotAuthorized',
	16: 'inchatReplyMessageNotAllowed',
	17: 'publicAccountIsNotInline',
	18: 'noPublicChat',
	19: 'cannotSendBroadcast',
	20: 'broadcastNotAllowed',
	21: 'unsupportedCountry',
	22: 'paymentUnsupported',
	23: 'freeMessagesExceeded',
	24: 'noBalance',
};

/** What the user can do about a status; shown as the error description. */
const HINTS: Readonly<Record<number, string>> = {
	1: 'The webhook URL must be a public HTTPS URL with a valid certificate.',
	2: 'Check the auth token in the Chatflow Viber Bot API credential (partners.viber.com → bot → Edit info).',
	3: 'Viber rejected the message body; check the message fields.',
	4: 'A required field is missing from the request.',
	5: 'The receiver ID is not a Viber user (IDs come from the trigger: contact.id).',
	6: 'The user has not subscribed to the bot, or has unsubscribed. Viber only delivers to subscribers.',
	10: 'Set the webhook first (Webhook → Set); Viber accepts sends only from bots with a webhook.',
	11: "The user's Viber version does not support this message; lower Minimum API Version or send plainer content.",
	12: 'Viber throttled the bot: too many requests, or about 100 messages an hour to one user who did not reply.',
	13: 'min_api_version is higher than Viber supports.',
	14: "The user's Viber app is too old for this message (min_api_version).",
};

/** Statuses that mean "not done, try again later": only throttling; Viber did not deliver. */
export const RETRYABLE_VIBER_STATUSES: ReadonlySet<number> = new Set([12]);

export function viberStatusName(status: number): string {
	return VIBER_STATUS_NAMES[status] ?? 'generalError';
}

export function viberStatusHint(status: number): string | undefined {
	return HINTS[status];
}
