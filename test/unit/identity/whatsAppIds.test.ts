/**
 * canonicalWhatsAppId: the one rule for how a WhatsApp person is addressed and keyed, shared by
 * the send nodes' recipient, the Conversation node's contact and the simulator's contacts.
 */
import { canonicalWhatsAppId } from '../../../nodes/shared/identity';

describe('canonicalWhatsAppId', () => {
	it('gives a phone number in any notation as its digits', () => {
		expect(canonicalWhatsAppId('+49 (170) 123-4567')).toEqual({ kind: 'phone', id: '491701234567' });
		expect(canonicalWhatsAppId(' 15551234567 ')).toEqual({ kind: 'phone', id: '15551234567' });
	});

	it('gives a BSUID or parent BSUID as it is, without surrounding spaces', () => {
		expect(canonicalWhatsAppId('US.13491208655302741918')).toEqual({ kind: 'bsuid', id: 'US.13491208655302741918' });
		expect(canonicalWhatsAppId(' BR.ENT.1502576394655843 ')).toEqual({ kind: 'parentBsuid', id: 'BR.ENT.1502576394655843' });
	});

	it('is undefined for anything else, short digit strings included', () => {
		for (const value of ['', 'bob', '12345', 'us.123', 'US.', '+1 555 abc']) expect(canonicalWhatsAppId(value)).toBeUndefined();
	});
});
