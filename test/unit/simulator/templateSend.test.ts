import { checkTemplateSend } from '../../../simulator/platform/templateSend';

const OTP = {
	name: 'verify_copy_code',
	language: 'en_US',
	status: 'APPROVED',
	category: 'AUTHENTICATION',
	components: [{ type: 'BODY', text: '*{{1}}* is your verification code.' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] }],
};
const send = (to: Record<string, string>) => ({
	messaging_product: 'whatsapp',
	...to,
	type: 'template',
	template: { name: 'verify_copy_code', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }, { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '123456' }] }] },
});

describe('the fake Cloud API\'s template checks', () => {
	it('refuses an authentication template to a business-scoped user ID with 131062, as Meta does', () => {
		const refusal = checkTemplateSend(send({ recipient: 'US.13491208655302741918' }), [OTP]);
		expect(refusal).toMatchObject({ status: 400, json: { error: { code: 131062 } } });
	});

	it('sends it to a phone number, and other templates to a BSUID', () => {
		expect(checkTemplateSend(send({ to: '16505551234' }), [OTP])).toBeUndefined();
		expect(checkTemplateSend(send({ recipient: 'US.13491208655302741918' }), [{ ...OTP, category: 'UTILITY' }])).toBeUndefined();
	});
});
