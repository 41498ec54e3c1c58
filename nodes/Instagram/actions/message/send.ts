import { sendOperation } from '../../../shared/meta-messaging';

/** Message → Send: text, media by URL, stickers, shared posts and templates. */
export const { description, execute } = sendOperation('instagram');
