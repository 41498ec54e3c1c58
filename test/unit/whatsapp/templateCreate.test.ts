import { buildTemplateDefinition, type TemplateCreateInput } from '../../../nodes/WhatsApp/builders';

const base: TemplateCreateInput = { name: 'order_update', language: 'en_US', category: 'UTILITY' };

describe('Create Template from fields: the definition Meta takes, limits checked first', () => {
	it('text header with its example, numbered body with examples, footer, URL/phone/quick reply/copy code/Flow buttons', () => {
		expect(
			buildTemplateDefinition({
				...base,
				category: 'MARKETING',
				header: { format: 'TEXT', text: 'Order {{1}}', example: '#1234' },
				body: { text: 'Hi {{1}}, your order of {{2}} is on its way.', examples: { 1: 'Ada', 2: '2 cakes' } },
				footer: 'Chatflow Café',
				buttons: [
					{ type: 'URL', text: 'Track', url: 'https://example.com/orders/{{1}}', example: 'https://example.com/orders/1234' },
					{ type: 'PHONE_NUMBER', text: 'Call us', phoneNumber: '+15550051234' },
					{ type: 'QUICK_REPLY', text: 'Stop promotions' },
					{ type: 'COPY_CODE', example: 'SAVE10' },
					{ type: 'FLOW', text: 'Rate us', flowId: '1234567890', flowAction: 'navigate', navigateScreen: 'RATE' },
				],
			}),
		).toEqual({
			name: 'order_update',
			language: 'en_US',
			category: 'MARKETING',
			components: [
				{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1234'] } },
				{ type: 'BODY', text: 'Hi {{1}}, your order of {{2}} is on its way.', example: { body_text: [['Ada', '2 cakes']] } },
				{ type: 'FOOTER', text: 'Chatflow Café' },
				{
					type: 'BUTTONS',
					buttons: [
						{ type: 'URL', text: 'Track', url: 'https://example.com/orders/{{1}}', example: ['https://example.com/orders/1234'] },
						{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550051234' },
						{ type: 'QUICK_REPLY', text: 'Stop promotions' },
						{ type: 'COPY_CODE', example: 'SAVE10' },
						{ type: 'FLOW', text: 'Rate us', flow_id: '1234567890', flow_action: 'navigate', navigate_screen: 'RATE' },
					],
				},
			],
		});
	});

	it('named variables and a media header', () => {
		expect(
			buildTemplateDefinition({
				...base,
				parameterFormat: 'NAMED',
				header: { format: 'IMAGE', handle: '4::aW1hZ2UvanBlZw==:ARb' },
				body: { text: 'Hello {{first_name}}, see you at {{time}}!', examples: { first_name: 'Ada', time: '19:30' } },
			}),
		).toEqual({
			name: 'order_update',
			language: 'en_US',
			category: 'UTILITY',
			parameter_format: 'NAMED',
			components: [
				{ type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2UvanBlZw==:ARb'] } },
				{ type: 'BODY', text: 'Hello {{first_name}}, see you at {{time}}!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ada' }, { param_name: 'time', example: '19:30' }] } },
			],
		});
	});

	it('a media card carousel', () => {
		const card = (handle: string) => ({
			headerFormat: 'IMAGE',
			headerHandle: handle,
			bodyText: 'Use code {{1}} for {{2}} off.',
			bodyExamples: ['15OFF', '15%'],
			buttons: [{ type: 'QUICK_REPLY', text: 'Send more like this' }, { type: 'URL', text: 'Buy now', url: 'https://shop.example/p?promo={{1}}', example: 'https://shop.example/p?promo=lime' }],
		});
		const definition = buildTemplateDefinition({ ...base, category: 'MARKETING', body: { text: 'Summer is here! Use code {{1}} today.', examples: { 1: '15OFF' } }, cards: [card('4::a'), card('4::b')] });
		expect(definition.components).toEqual([
			{ type: 'BODY', text: 'Summer is here! Use code {{1}} today.', example: { body_text: [['15OFF']] } },
			{
				type: 'CAROUSEL',
				cards: ['4::a', '4::b'].map((handle) => ({
					components: [
						{ type: 'HEADER', format: 'IMAGE', example: { header_handle: [handle] } },
						{ type: 'BODY', text: 'Use code {{1}} for {{2}} off.', example: { body_text: [['15OFF', '15%']] } },
						{ type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Send more like this' }, { type: 'URL', text: 'Buy now', url: 'https://shop.example/p?promo={{1}}', example: ['https://shop.example/p?promo=lime'] }] },
					],
				})),
			},
		]);
		expect(() => buildTemplateDefinition({ ...base, category: 'MARKETING', body: { text: 'Hi there.' }, cards: [card('4::a'), { ...card('4::b'), buttons: [] }] })).toThrow(
			'cards[1]: every card needs the same components as card 1',
		);
		expect(() => buildTemplateDefinition({ ...base, category: 'MARKETING', body: { text: 'Hi there.' }, cards: Array.from({ length: 11 }, () => card('4::a')) })).toThrow('cards[10]: at most 10 allowed (got 11)');
		expect(() => buildTemplateDefinition({ ...base, category: 'MARKETING', body: { text: 'Hi there.' }, footer: 'x', cards: [card('4::a')] })).toThrow('cards: a carousel template has only a body and its cards');
	});

	it('authentication templates: copy code, one-tap and zero-tap', () => {
		const auth = (authentication: TemplateCreateInput['authentication']) => buildTemplateDefinition({ ...base, name: 'verify', category: 'AUTHENTICATION', authentication });
		expect(auth({ otpType: 'COPY_CODE', addSecurityRecommendation: true, codeExpirationMinutes: 10, buttonText: 'Copy code' }).components).toEqual([
			{ type: 'BODY', add_security_recommendation: true },
			{ type: 'FOOTER', code_expiration_minutes: 10 },
			{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
		]);
		expect(auth({ otpType: 'ZERO_TAP', autofillText: 'Autofill', packageName: 'com.example.app', signatureHash: 'K8a/AINcGX7', zeroTapTermsAccepted: true }).components).toEqual([
			{ type: 'BODY', add_security_recommendation: false },
			{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'ZERO_TAP', autofill_text: 'Autofill', supported_apps: [{ package_name: 'com.example.app', signature_hash: 'K8a/AINcGX7' }], zero_tap_terms_accepted: true }] },
		]);
		expect(() => auth({ otpType: 'ONE_TAP', packageName: 'com.example.app', signatureHash: 'short' })).toThrow('authentication.signatureHash: the app signing key hash has 11 characters (got 5)');
		expect(() => auth({ otpType: 'ZERO_TAP', packageName: 'com.example.app', signatureHash: 'K8a/AINcGX7' })).toThrow('authentication.zeroTapTermsAccepted');
		expect(() => auth({ otpType: 'COPY_CODE', codeExpirationMinutes: 91 })).toThrow('authentication.codeExpirationMinutes: must be between 1 and 90 (got 91)');
	});

	it.each<[string, Partial<TemplateCreateInput>, string]>([
		['a name with capitals', { name: 'Order-Update' }, 'name: lowercase letters, digits and underscores only'],
		['a body over 1024 characters', { body: { text: 'x'.repeat(1025) } }, 'body.text: at most 1024 characters (got 1025)'],
		['a missing example', { body: { text: 'Hi {{1}} and {{2}} today.', examples: { 1: 'Ada' } } }, 'body.examples.2: is required'],
		['a gap in the numbering', { body: { text: 'Hi {{1}} and {{3}} today.', examples: { 1: 'a', 3: 'c' } } }, 'body.text: variables must be numbered {{1}} to {{2}} without gaps (found {{3}})'],
		['a variable that closes the body', { body: { text: 'Hi {{1}}', examples: { 1: 'Ada' } } }, 'body.text: a variable cannot open or close the text'],
		['two variables in the header', { header: { format: 'TEXT', text: '{{1}} and {{2}}' }, body: { text: 'Hi.' } }, 'header.text: at most one variable (got 2)'],
		['a header over 60 characters', { header: { format: 'TEXT', text: 'x'.repeat(61) }, body: { text: 'Hi.' } }, 'header.text: at most 60 characters (got 61)'],
		['a footer with a variable', { body: { text: 'Hi.' }, footer: 'Bye {{1}}' }, 'footer: cannot contain variables'],
		['a button label over 25 characters', { body: { text: 'Hi.' }, buttons: [{ type: 'QUICK_REPLY', text: 'x'.repeat(26) }] }, 'buttons[0].text: at most 25 characters (got 26)'],
		['three URL buttons', { body: { text: 'Hi.' }, buttons: [1, 2, 3].map((n) => ({ type: 'URL', text: `L${n}`, url: 'https://example.com' })) }, 'buttons: at most 2 URL buttons'],
		['eleven buttons', { body: { text: 'Hi.' }, buttons: Array.from({ length: 11 }, (_, n) => ({ type: 'QUICK_REPLY', text: `Q${n}` })) }, 'buttons[10]: at most 10 allowed (got 11)'],
		['a URL variable in the middle', { body: { text: 'Hi.' }, buttons: [{ type: 'URL', text: 'Go', url: 'https://example.com/{{1}}/x', example: 'https://example.com/a/x' }] }, 'buttons[0].url: at most one variable, {{1}}, at the end of the URL'],
		['a copy code example over 15 characters', { body: { text: 'Hi.' }, buttons: [{ type: 'COPY_CODE', example: 'X'.repeat(16) }] }, 'buttons[0].example: at most 15 characters (got 16)'],
	])('refuses %s before any request', (_name, change, message) => {
		expect(() => buildTemplateDefinition({ ...base, body: { text: 'Hello there.' }, ...change })).toThrow(message);
	});
});
