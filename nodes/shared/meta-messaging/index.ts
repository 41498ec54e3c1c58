/**
 * What the Messenger and Instagram action nodes share, since both speak Meta's Send API:
 * message builders (the per-channel differences, limits and allowed types, are in `limits.ts`),
 * the sending account, the send and sender-action operations with their fields, the delivery
 * fields, run-option defaults and the failed-item shape.
 */
export { openMetaAccount, type MetaAccount, type MetaAccountOptions } from './account';
export { buildMessage, messageText } from './content';
export { buildReactionBody, buildSendBody, buildSenderActionBody } from './envelope';
export { CHANNEL_RULES, META_LIMITS } from './limits';
export { sendToMeta, uploadMessengerAttachment, type UploadFile, type UploadType } from './send';
export { refreshInstagramToken } from './tokenRefresh';
export { recipientField } from './descriptions/messageFields';
export { version1OptionsField } from './descriptions/deliveryFields';
export { sendOperation, type BinaryUpload } from './operations/send';
export * as senderActionOperation from './operations/senderAction';
export { META_RUN_DEFAULTS, readMetaRunOptions } from './runOptions';
export { describeMetaFailure } from './failedItem';
export type * from './types';
