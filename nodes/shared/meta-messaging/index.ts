/**
 * Message builders and senders shared by the Messenger and Instagram action nodes: the shapes
 * are Meta's Send API; the per-channel differences (limits, allowed types) are in `limits.ts`.
 */
export { openMetaAccount, type MetaAccount, type MetaAccountOptions } from './account';
export { buildMessage, messageText } from './content';
export { buildReactionBody, buildSendBody, buildSenderActionBody } from './envelope';
export { CHANNEL_RULES, META_LIMITS } from './limits';
export { sendToMeta, uploadMessengerAttachment, type UploadFile, type UploadType } from './send';
export { refreshInstagramToken } from './tokenRefresh';
export type * from './types';
