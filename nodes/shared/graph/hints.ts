/**
 * What to do about Meta's most common error codes, shown under the error in n8n's UI.
 * Codes come from Meta's error-code pages (WhatsApp Cloud API and Messenger Platform).
 */
const HINTS: Record<number, string> = {
	1: 'Meta reported an unknown error; it was retried. If it persists, try again later.',
	2: 'The Graph API was temporarily unavailable; it was retried. Try again later.',
	4: 'The app hit its Graph API call limit. Wait, or spread the sends over time.',
	10: 'The token lacks a permission for this call (WhatsApp: whatsapp_business_messaging and whatsapp_business_management).',
	100: 'A parameter is invalid or missing: check the IDs (phone number ID, WABA ID, media ID) and the message fields.',
	190: 'The access token is invalid or expired: create a permanent system-user token in Business Settings → System users.',
	200: 'The token lacks a permission for this call.',
	368: 'The account is temporarily blocked for policy violations (see WhatsApp Manager → Account quality).',
	613: 'A Graph API rate limit was hit. Wait, or lower the messages per second.',
	2200: 'Meta could not verify the callback URL: it must be reachable from the internet over HTTPS and answer Meta\'s GET check with the Meta App credential\'s verify token (activate the workflow so its Production URL is live).',
	80007: 'The WhatsApp Business Account hit its rate limit. Wait, or spread the sends over time.',
	130429: 'Cloud API throughput reached (80 messages/s per number by default): lower "Messages per Second".',
	131000: 'Something went wrong at Meta; it was retried. Try again later.',
	131005: 'Access denied: check the token permissions and that the phone number belongs to this WABA.',
	131008: 'A required parameter is missing.',
	131009: 'A parameter value is invalid (e.g. a phone number without country code, or an unknown media ID).',
	131016: 'The WhatsApp service is temporarily overloaded; it was retried. Try again later.',
	131021: 'The recipient is the sender: send to another number.',
	131026: 'The message could not be delivered: the number may not be on WhatsApp, or the user has an old app or has not accepted the terms.',
	131030: 'The recipient is not in the test number\'s allowed list: add it in the app dashboard → WhatsApp → API Setup.',
	131031: 'The business account is locked: see WhatsApp Manager → Account quality.',
	131042: 'A payment problem on the business account: check the payment method in WhatsApp Manager.',
	131047:
		'More than 24 hours have passed since the customer last wrote: a free-form message is refused. Send a template (Resource: Template → Send) instead.',
	131048: 'Spam rate limit: too many messages were blocked or reported. Not retried; improve message quality.',
	131049: 'Meta chose not to deliver this marketing message to keep the ecosystem healthy. Not retried; do not resend within 24 hours.',
	131050: 'The user stopped marketing messages from this business.',
	131051: 'This message type is not supported.',
	131052: 'WhatsApp could not download the media from the link: the URL must be public and return the right content type.',
	131053: 'The media could not be uploaded or processed: check its type and size limits.',
	131056: 'Too many messages to the same recipient in a short time (pair rate limit); it was retried with delays.',
	131057: 'The business account is in maintenance; it was retried.',
	131062:
		'Meta does not send authentication templates (one-tap, zero-tap, copy code) to a business-scoped user ID: send them to the person\'s phone number (contact.phone of a Chatflow trigger item). A person who shares no phone number cannot get them.',
	132000: 'The number of template parameters does not match the template.',
	132001: 'The template does not exist in this language, or it is not approved yet.',
	132005: 'The translated template text is too long after filling in parameters.',
	132007: 'The template content violates WhatsApp policy.',
	132012: 'A template parameter has the wrong format (e.g. a header media type that does not match the template).',
	132015: 'The template is paused because of low quality.',
	132016: 'The template is disabled because of low quality.',
	132068: 'The Flow is blocked.',
	132069: 'The Flow is throttled: too many sends of this Flow.',
	133010: 'The phone number is not registered with the Cloud API.',
};

export function hintFor(code: number | undefined): string | undefined {
	return code === undefined ? undefined : HINTS[code];
}
