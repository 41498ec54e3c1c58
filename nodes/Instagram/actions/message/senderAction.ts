import { senderActionOperation } from '../../../shared/meta-messaging';

/** Message → Send Sender Action: typing on/off, mark seen. */
export const { description, execute } = senderActionOperation;
