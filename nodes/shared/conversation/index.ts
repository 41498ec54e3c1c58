/**
 * Conversations on n8n's waiting executions (see docs/conversations.md):
 *
 *   waits      registerWait / claimWait / cancelWait / peekWait: one record per contact
 *              (channel + account + contact) naming the waiting execution and its resume URL,
 *              or its mailbox while it still runs (waitRunning / deliverToRunning)
 *   route      routeToConversation(event, options): keyword | resumed | none, for the triggers;
 *              routeTriggerEvents(this, events) does it for a trigger's whole delivery
 *   sessions   getSession / setVariables / mergeVariables / clearSession / setStep (atomic updates,
 *              idle TTL, `expired: true` when a session timed out)
 *   keywords   parseKeywords / matchKeyword / foldText (case- and accent-insensitive)
 *   store      openConversationStore(redisCredentials?) (in-process, or Redis for queue mode)
 */
export { contactOf, contactKey, contactFields, CHANNELS, type ContactRef } from './contact';
export { locateContact, type ContactLocation } from './contactRecords';
export {
	registerWait,
	claimWait,
	cancelWait,
	peekWait,
	accepts,
	moveWait,
	type AcceptRule,
	type WaitRecord,
} from './waitRegistry';
export {
	getSession,
	setVariables,
	mergeVariables,
	clearSession,
	setStep,
	updateSession,
	deepMerge,
	moveSession,
	EXPIRED_KEPT_MS,
	type SessionState,
	type SessionView,
} from './sessions';
export { foldText, parseKeywords, matchKeyword, type KeywordRule } from './keywords';
export {
	routeToConversation,
	type RouteDecision,
	type RouteOutcome,
	type RouteOptions,
	type ResumeBody,
	type ResumePoster,
	type WhenWaiting,
} from './route';
export { routeTriggerEvents, conversationTriggerOptions, readConversationSettings } from './trigger';
export { openConversationStore, openConversationSignals, conversationRedisCredentials, checkQueueModeStore, CONVERSATION_SCOPE } from './store';
export { waitRunning, deliverToRunning, type RunningWait } from './runningWait';
export { replyOutcome, timeoutJson, type ReplyOutcome, type WaitSettings } from './replyOutcome';
