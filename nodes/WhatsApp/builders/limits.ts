/** Meta's limits (WhatsApp Cloud API message and Flow message references), enforced before sending. */
export const LIMITS = {
	textBody: 4096,
	caption: 1024,
	interactiveHeaderText: 60,
	interactiveBody: 1024,
	interactiveFooter: 60,
	replyButtons: 3,
	replyButtonId: 256,
	replyButtonTitle: 20,
	listButton: 20,
	listSections: 10,
	listRowsTotal: 10,
	listSectionTitle: 24,
	listRowId: 200,
	listRowTitle: 24,
	listRowDescription: 72,
	ctaDisplayText: 20,
	flowCta: 30,
	templateHeaderText: 60,
	bizOpaqueBytes: 512,
	/** Meta documents no length limit for media and CTA links: they are checked for form only. */
	link: Number.POSITIVE_INFINITY,
} as const;
