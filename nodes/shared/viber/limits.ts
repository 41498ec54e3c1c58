/**
 * Viber REST bot API limits (developers.viber.com/docs/api/rest-bot-api).
 * Checked before sending so the error names the field instead of Viber's generic "badData".
 */
export const VIBER_LIMITS = {
	senderName: 28,
	trackingData: 4000,
	text: 7000,
	pictureText: 768,
	mediaUrl: 2000,
	fileName: 256,
	/** Viber refuses files above 50 MB; `size` is declared by the sender. */
	fileSize: 50 * 1024 * 1024,
	videoDuration: 180,
	contactName: 28,
	contactPhone: 18,
	buttonText: 250,
	buttonActionBody: 4000,
	keyboardColumns: 6,
	keyboardRows: 2,
	richMediaColumns: 6,
	richMediaRows: 7,
	/** A carousel shows at most six groups of ButtonsGroupColumns × ButtonsGroupRows cells. */
	richMediaGroups: 6,
	altText: 7000,
	broadcastReceivers: 300,
	/** The whole JSON request. */
	messageBytes: 30 * 1024,
} as const;

/** `min_api_version` that features need; the builder raises the message's version to them. */
export const VIBER_API_VERSION_FOR = {
	richMedia: 2,
	locationPicker: 3,
	sharePhone: 3,
	inputFieldState: 4,
} as const;
