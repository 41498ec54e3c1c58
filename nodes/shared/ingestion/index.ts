/**
 * The one webhook pipeline of every trigger (../trigger puts it to work in n8n):
 *
 *   runPipeline(request, options)   verify → parse → flatten → normalise → filter (pure, sync,
 *                                   never throws; answers with an HTTP status)
 *   deduplicate(events, store, …)   drops redeliveries (atomic claims in a KeyValueStore)
 *
 * Every emitted item is a `ChatEvent`: the same fields on every channel plus `raw`.
 */
export { runPipeline, META_OBJECT } from './pipeline';
export { deduplicate, dedupeKey, DeliveryClaims, HANDOVER_MS, type DedupeResult } from './dedupe';
export { filterEvents, messageTypeGroup, MESSAGE_TYPE_GROUPS } from './filter';
export { verifySignature, firstHeader } from './verify';
export { checkBodySize, parseJsonBody, DEFAULT_MAX_BODY_BYTES } from './parse';
export { flattenWhatsApp } from './whatsapp';
export { flattenMessaging } from './messenger';
export { normaliseViber, VIBER_BIG_INTEGER_FIELDS } from './viber';
export type {
	Channel,
	ChatEvent,
	DeliveryStatus,
	EventFilter,
	EventKind,
	Media,
	MessageType,
	PipelineOptions,
	PipelineResult,
	WebhookRequest,
} from './types';
