import { createFlowToken } from '../../../nodes/shared/flows';
import { foldBuilderKeys, readableName } from '../../../nodes/FlowResponse/parsing/builderKeys';
import { parseFlowResponse } from '../../../nodes/FlowResponse/parsing/parseFlowResponse';

const SECRET = 'token-secret-0123456789abcdefghijklmnop';

/** The messages-webhook message of a Flow answer (an `nfm_reply`), as Meta sends it. */
function webhookMessage(responseJson: string) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: 'WABA',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							messages: [
								{
									context: { from: '15550000000', id: 'wamid.FLOW' },
									from: '4915112345678',
									id: 'wamid.REPLY',
									type: 'interactive',
									interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: responseJson } },
								},
							],
						},
					},
				],
			},
		],
	};
}

describe('Flow response parsing', () => {
	const token = createFlowToken(SECRET, { journey: 'survey', contact: '4915112345678' }, 3600);
	const answer = JSON.stringify({
		flow_token: token,
		screen_0_TextInput_0: 'Ana',
		screen_0_First_name_1: 'Ana Maria',
		screen_1_RadioButtonsGroup_0: '0_Yes',
		screen_1_CheckboxGroup_1: ['0_Red', '2_Blue'],
		plain_field: '1_keep',
	});

	it('folds builder keys and option ids', () => {
		expect(readableName('screen_1_TextInput_1')).toBe('text_input');
		expect(readableName('screen_0_First_name_0')).toBe('first_name');
		expect(foldBuilderKeys({ screen_0_TextInput_0: 'a', screen_1_TextInput_1: 'b', screen_0_Choice_2: '0_Yes' })).toEqual({
			text_input: 'a',
			text_input_2: 'b',
			choice: 'Yes',
		});
	});

	it('parses a raw webhook body with nfm_reply, verifies the token and folds keys', async () => {
		const result = await parseFlowResponse(webhookMessage(answer), { foldBuilderKeys: true, tokenSecret: SECRET, onInvalidToken: 'error' });
		expect(result).toMatchObject({
			response: { text_input: 'Ana', first_name: 'Ana Maria', radio_buttons_group: 'Yes', checkbox_group: ['Red', 'Blue'], plain_field: '1_keep' },
			flowToken: token,
			token: { status: 'ok' },
			context: { journey: 'survey', contact: '4915112345678' },
			replyTo: 'wamid.FLOW',
			from: '4915112345678',
		});
		expect((result.rawResponse as Record<string, unknown>).screen_1_RadioButtonsGroup_0).toBe('0_Yes');
		expect(result.response).not.toHaveProperty('flow_token');
	});

	it('reads the triggers\' normalised flowResponse field', async () => {
		const raw = webhookMessage(answer).entry[0].changes[0].value.messages[0];
		const item = {
			channel: 'whatsapp',
			flowResponse: { responseJson: JSON.parse(answer), flowToken: token, name: 'flow', body: 'Sent' },
			contact: { id: '49151', name: 'Ana' },
			context: { messageId: 'wamid.FLOW', from: '1555' },
			raw,
		};
		const result = await parseFlowResponse(item, { foldBuilderKeys: false, onInvalidToken: 'error' });
		expect(result.response).toHaveProperty('screen_0_TextInput_0', 'Ana');
		expect(result.flowToken).toBe(token);
		expect(result.from).toBe('49151');
		expect(result.replyTo).toBe('wamid.FLOW');
		// the trigger could not parse the answer: the raw message gives the precise error
		const broken = { ...item, flowResponse: { ...item.flowResponse, responseJson: null }, raw: webhookMessage('{oops').entry[0].changes[0].value.messages[0] };
		await expect(parseFlowResponse(broken, { foldBuilderKeys: false, onInvalidToken: 'error' })).rejects.toThrow(/nfm_reply\.response_json is not valid JSON/);
	});

	it('maps the clean answer with JSONata', async () => {
		const result = await parseFlowResponse(webhookMessage(answer), {
			foldBuilderKeys: true,
			tokenSecret: SECRET,
			onInvalidToken: 'error',
			jsonata: '{ "name": response.first_name, "likes": $join(response.checkbox_group, ","), "journey": context.journey }',
		});
		expect(result).toEqual({ name: 'Ana Maria', likes: 'Red,Blue', journey: 'survey' });
	});

	it('gives clear errors: bad JSON, missing answer, bad token, bad JSONata', async () => {
		const options = { foldBuilderKeys: true, onInvalidToken: 'error' as const };
		await expect(parseFlowResponse(webhookMessage('{oops'), options)).rejects.toThrow(/interactive\.nfm_reply\.response_json is not valid JSON/);
		await expect(parseFlowResponse({ text: 'hi' }, options)).rejects.toThrow(/no Flow answer in the item/);
		await expect(parseFlowResponse({ flowResponse: {} }, options)).rejects.toThrow(/flowResponse\.responseJson is missing/);
		const forged = JSON.stringify({ flow_token: `${token}x` });
		await expect(parseFlowResponse(webhookMessage(forged), { ...options, tokenSecret: SECRET })).rejects.toThrow(/signature is invalid/);
		await expect(parseFlowResponse(webhookMessage(answer), { ...options, jsonata: '{ "a": ' })).rejects.toThrow(/JSONata Expression does not compile/);
	});

	it('flags instead of failing when asked', async () => {
		const result = await parseFlowResponse(webhookMessage(JSON.stringify({ flow_token: 'unused', a: 1 })), {
			foldBuilderKeys: true,
			tokenSecret: SECRET,
			onInvalidToken: 'flag',
		});
		expect(result).toMatchObject({ token: { status: 'malformed' }, context: null, response: { a: 1 } });
	});
});
