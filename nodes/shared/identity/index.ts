/**
 * Who a person is on each channel: the id forms WhatsApp uses (phone number, business-scoped user
 * id, parent business-scoped user id) and the contact object every normalised item carries.
 */
export { canonicalWhatsAppId, ID_KIND_NAMES, isPhoneNumber, notAWhatsAppId, phoneDigits, RECIPIENT_FORMS, whatsAppIdKind, type WhatsAppIdKind } from './whatsAppIds';
export { malformedFields } from './wellFormed';
export { personContact, whatsAppContact, type Contact, type PersonIds, type WhatsAppIdentity } from './contact';
