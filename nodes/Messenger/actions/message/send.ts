import { sendOperation } from '../../../shared/meta-messaging';
import { uploadBinary } from '../attachment/upload';

/** Message → Send: every Send API message kind; a media file from the item is uploaded first. */
export const { description, execute } = sendOperation('messenger', uploadBinary);
