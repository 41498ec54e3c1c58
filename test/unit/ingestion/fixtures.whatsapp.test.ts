import { runPipeline, type ChatEvent } from '../../../nodes/shared/ingestion';
import { fixtureBytes, fixtureNames, secretsFor, signedRequest } from '../../support/webhookFixtures';

const PNID = '106540352242922';
const WABA = '102290129340398';
const BSUID = 'US.13491208655302741918';
const BSUID_NEW = 'US.24817305912873645029';
const PARENT_BSUID = 'US.ENT.11815799212886844830';

function events(name: string): ChatEvent[] {
	const result = runPipeline(signedRequest('whatsapp', fixtureBytes('whatsapp', name)), {
		channel: 'whatsapp',
		secrets: secretsFor('whatsapp'),
	});
	expect(result.status).toBe(200);
	expect(result.reason).toBeUndefined();
	return result.events;
}

type Expected = Omit<Partial<ChatEvent>, 'contact'> & { contact?: Partial<ChatEvent['contact']> } & Record<string, unknown>;

const expectations: Record<string, Expected[]> = {
	text: [{ event: 'message', type: 'text', text: 'Hello! Grüße, ¿qué tal? 👋', platformType: 'text' }],
	text_reply_context: [{ type: 'text', context: { messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA', from: '15550783881' } }],
	text_forwarded: [{ type: 'text', context: { messageId: '', from: '', forwarded: true } }],
	text_referral: [{ type: 'text', text: 'I saw your ad', raw: expect.objectContaining({ referral: expect.objectContaining({ ctwa_clid: 'ARAkLkA' }) }) }],
	image: [{ type: 'image', text: 'my receipt', media: { id: '1003383421387256', url: '', mimeType: 'image/jpeg', sha256: 'IJZBdn0xO2JJ+GVqFl5jyAnvX7M0Ku6wFTXRa2YwMHI=', caption: 'my receipt' } }],
	video: [{ type: 'video', media: expect.objectContaining({ id: '1003383421387257', mimeType: 'video/mp4' }) }],
	audio_voice: [{ type: 'audio', media: expect.objectContaining({ id: '1003383421387258', voice: true, mimeType: 'audio/ogg; codecs=opus' }) }],
	document: [{ type: 'document', text: 'invoice', media: expect.objectContaining({ filename: 'invoice-42.pdf', mimeType: 'application/pdf' }) }],
	sticker: [{ type: 'sticker', media: expect.objectContaining({ id: '1003383421387260', animated: false }) }],
	location: [{ type: 'location', text: 'Fernsehturm', location: { latitude: 52.520008, longitude: 13.404954, name: 'Fernsehturm', address: 'Panoramastraße 1A, Berlin' } }],
	contacts: [{ type: 'contacts', contacts: [expect.objectContaining({ name: expect.objectContaining({ formatted_name: 'Grace Hopper' }) })] }],
	interactive_button_reply: [{ type: 'reply', platformType: 'interactive.button_reply', reply: { id: 'confirm_yes', title: 'Yes' }, text: 'Yes', context: { messageId: 'wamid.ORIGINAL1', from: '15550783881' } }],
	interactive_list_reply: [{ type: 'reply', platformType: 'interactive.list_reply', reply: { id: 'size_m', title: 'Medium', description: 'Fits most' } }],
	interactive_nfm_reply: [{ type: 'flowResponse', platformType: 'interactive.nfm_reply', text: 'Sent', flowResponse: { flowToken: 'ft.order.42', name: 'flow', body: 'Sent', responseJson: { flow_token: 'ft.order.42', screen_0_name: 'Ada', screen_0_date: '2026-12-01' } } }],
	button: [{ type: 'reply', platformType: 'button', reply: { id: 'STOP_PROMO', title: 'Stop promotions' }, text: 'Stop promotions' }],
	reaction: [{ type: 'reaction', reaction: { messageId: 'wamid.SENT42', emoji: '❤️', action: 'react' }, text: '❤️' }],
	reaction_removed: [{ type: 'reaction', reaction: { messageId: 'wamid.SENT42', emoji: '', action: 'unreact' } }],
	order: [{ type: 'order', text: 'please deliver fast', order: expect.objectContaining({ catalog_id: '9988' }) }],
	system: [
		{
			event: 'identityChange',
			type: 'identityChange',
			platformType: 'system.user_changed_number',
			text: 'User changed number from 16505551234 to 16505550000',
			contact: { id: '16505550000', key: '16505550000', phone: '16505550000', bsuid: '' },
			identityChange: {
				reason: 'phoneNumber',
				previous: { phone: '16505551234', bsuid: '', parentBsuid: '' },
				current: { phone: '16505550000', bsuid: '', parentBsuid: '' },
			},
		},
	],
	system_user_changed_user_id: [
		{
			event: 'identityChange',
			messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0SYS2',
			contact: { id: BSUID_NEW, key: BSUID_NEW, phone: '', bsuid: BSUID_NEW },
			identityChange: { reason: 'userId', previous: { phone: '', bsuid: BSUID, parentBsuid: '' }, current: { phone: '', bsuid: BSUID_NEW, parentBsuid: '' } },
		},
	],
	system_user_changed_number_2026: [
		{
			event: 'identityChange',
			contact: { id: '16505550000', key: BSUID_NEW },
			identityChange: {
				reason: 'phoneNumber',
				previous: { phone: '16505551234', bsuid: BSUID, parentBsuid: '' },
				current: { phone: '16505550000', bsuid: BSUID_NEW, parentBsuid: '' },
			},
		},
	],
	smb_message_echo_edit: [
		{
			event: 'echo',
			type: 'edit',
			contentType: 'text',
			text: 'Your table is ready (table 4)',
			originalMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0ECHO',
			contact: { id: '16505551234', key: BSUID },
		},
	],
	system_customer_identity_changed: [{ event: 'message', type: 'system', text: "Ada Lovelace's security code changed", contact: { id: '16505551234', key: BSUID } }],
	text_bsuid: [
		{
			event: 'message',
			type: 'text',
			text: 'Hi, it is Ada',
			contact: { id: '16505551234', key: BSUID, name: 'Ada Lovelace', phone: '16505551234', bsuid: BSUID, parentBsuid: '', username: '' },
		},
	],
	text_username_only: [
		{
			event: 'message',
			type: 'text',
			text: 'hello from a username',
			contact: { id: BSUID, key: BSUID, name: 'Bob', phone: '', bsuid: BSUID, parentBsuid: '', username: '@bob.builds' },
		},
	],
	text_parent_bsuid: [
		{
			type: 'reply',
			reply: { id: 'yes', title: 'Yes' },
			contact: { id: BSUID, key: BSUID, name: 'Grace', phone: '', bsuid: BSUID, parentBsuid: PARENT_BSUID, username: '@grace' },
		},
	],
	no_identity: [
		{
			event: 'message',
			text: 'who am I',
			contact: { id: '', key: '' },
			errors: [{ code: 'chatflow_no_contact_id', message: expect.stringMatching(/without a phone number and without a business-scoped user id/) }],
		},
	],
	text_malformed_user_id: [
		{
			event: 'message',
			text: 'my user id lost its country code',
			contact: { id: '16505551234', key: '16505551234', name: 'Ada Lovelace', phone: '16505551234', bsuid: '' },
			errors: [
				{
					code: 'chatflow_malformed_contact_id',
					message: 'Meta sent "13491208655302741918" as a business-scoped user ID, which is not one (US.13491208655302741918): it is left out of the contact, so no reply or record is keyed by it',
				},
			],
			raw: expect.objectContaining({ from_user_id: '13491208655302741918' }),
		},
	],
	status_read_bsuid: [{ event: 'status', status: 'read', messageId: 'wamid.SENTBSUID1', contact: { id: BSUID, key: BSUID, phone: '', username: '@bob.builds' } }],
	status_marketing_messages: [
		{
			event: 'status',
			status: 'delivered',
			messageId: 'wamid.MARKETING1',
			contact: { id: '5511912345678', key: 'BR.1502576394655843', name: 'Ana' },
			pricing: { category: 'marketing_lite', billable: true, type: 'regular' },
		},
	],
	status_failed_bsuid_only: [
		{ event: 'status', status: 'failed', contact: { id: BSUID, key: BSUID, name: '' }, errors: [expect.objectContaining({ code: 131026 })] },
	],
	edit: [
		{
			event: 'edit',
			type: 'edit',
			platformType: 'edit',
			messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0EDIT',
			originalMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0BSU1',
			contentType: 'text',
			text: 'Hi, it is Ada Lovelace',
			contact: { id: '16505551234', key: BSUID },
		},
	],
	revoke: [{ event: 'revoke', type: 'revoke', originalMessageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0BSU1', text: '', contact: { id: '16505551234', key: BSUID } }],
	smb_message_echo: [
		{
			event: 'echo',
			type: 'text',
			platformType: 'text',
			text: 'Sent from the Business app: your table is ready',
			messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0ECHO',
			accountId: PNID,
			businessAccountId: WABA,
			contact: { id: '16505551234', key: BSUID, phone: '16505551234', bsuid: BSUID },
		},
	],
	user_preferences: [
		{
			event: 'preference',
			type: 'preference',
			text: 'stop',
			preference: { category: 'marketing_messages', value: 'stop', detail: 'User requested to stop marketing messages' },
			contact: { id: '16505551234', key: BSUID, name: 'Ada Lovelace' },
			accountId: PNID,
		},
	],
	user_id_update: [
		{
			event: 'identityChange',
			platformType: 'user_id_update',
			contact: { id: '16505550000', key: BSUID_NEW, name: 'Ada Lovelace', phone: '16505550000', bsuid: BSUID_NEW },
			identityChange: {
				reason: 'userId',
				previous: { phone: '16505550000', bsuid: BSUID, parentBsuid: '' },
				current: { phone: '16505550000', bsuid: BSUID_NEW, parentBsuid: '' },
			},
		},
	],
	call_connect: [
		{
			event: 'call',
			type: 'call',
			platformType: 'calls.connect',
			text: 'connect',
			call: { id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL1', event: 'connect', direction: 'USER_INITIATED' },
			contact: { id: '16505551234', key: BSUID, name: 'Ada Lovelace' },
		},
	],
	call_terminate: [
		{
			event: 'call',
			call: {
				id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL1',
				event: 'terminate',
				direction: 'BUSINESS_INITIATED',
				status: 'COMPLETED',
				startTime: '2026-03-31T23:55:10.000Z',
				endTime: '2026-03-31T23:56:40.000Z',
				durationSeconds: 90,
			},
			contact: { id: '16505551234', key: BSUID },
		},
	],
	call_status_ringing: [
		{
			event: 'call',
			type: 'call',
			text: 'RINGING',
			messageId: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL2',
			call: { id: 'wacid.HBgLMTY1MDU1NTEyMzQVAgASGBQCALL2', event: 'status', direction: 'BUSINESS_INITIATED', status: 'RINGING' },
			contact: { id: '16505551234', key: BSUID, name: 'Ada Lovelace' },
		},
	],
	unsupported: [{ type: 'unsupported', errors: [expect.objectContaining({ code: 131051 })] }],
	request_welcome: [{ type: 'requestWelcome', platformType: 'request_welcome' }],
	unknown_type: [{ event: 'message', type: 'unknown', platformType: 'hologram', raw: expect.objectContaining({ hologram: { frames: 3 } }) }],
	status_sent: [{ event: 'status', type: 'status', status: 'sent', messageId: 'wamid.SENT001', contact: { id: '16505551234', name: '', key: '16505551234' }, raw: expect.objectContaining({ biz_opaque_callback_data: 'order-42' }) }],
	status_delivered: [{ event: 'status', status: 'delivered', messageId: 'wamid.SENT001' }],
	status_read: [{ event: 'status', status: 'read' }],
	status_played: [{ event: 'status', status: 'played', messageId: 'wamid.SENT002' }],
	status_failed: [{ event: 'status', status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }],
	value_errors: [{ event: 'error', type: 'error', text: 'Something went wrong', errors: [expect.objectContaining({ code: 131000 })], accountId: PNID }],
	template_status: [{ event: 'templateStatus', platformType: 'message_template_status_update', text: 'APPROVED', businessAccountId: WABA, timestamp: '2024-11-21T18:03:20.000Z' }],
	flows_event: [{ event: 'flow', platformType: 'flows', text: 'FLOW_STATUS_CHANGE' }],
	account_update: [{ event: 'accountEvent', platformType: 'account_update', text: 'VERIFIED_ACCOUNT' }],
	empty_change: [{ event: 'unknown', type: 'unknown', accountId: PNID, platformType: 'messages' }],
	batch_multi_entry: [
		{ messageId: 'wamid.B1', text: 'first', contact: { id: '16505551234', name: 'Ada', key: '16505551234' }, accountId: PNID },
		{ messageId: 'wamid.B2', text: 'second ✓', contact: { id: '16505559999', name: 'Grace', key: '16505559999' } },
		{ messageId: 'wamid.B3', type: 'reply', reply: { id: 'b3', title: 'Three' } },
		{ event: 'status', messageId: 'wamid.S1', status: 'delivered' },
		{ event: 'status', messageId: 'wamid.S1', status: 'read' },
		{ messageId: 'wamid.B4', accountId: '106540352242999', businessAccountId: '102290129340777', contact: { id: '4915112345678', name: 'Linus', key: '4915112345678' } },
		{ event: 'status', messageId: 'wamid.S2', status: 'sent', accountId: '106540352242999' },
	],
};

describe('WhatsApp fixtures through the pipeline', () => {
	it('has an expectation for every fixture file', () => {
		expect(fixtureNames('whatsapp')).toEqual(Object.keys(expectations).sort());
	});

	it.each(Object.entries(expectations))('%s', (name, expected) => {
		const got = events(name);
		expect(got).toHaveLength(expected.length);
		got.forEach((event, index) => expect(event).toMatchObject(expected[index]));
	});

	it('stamps the common fields on every message', () => {
		const [event] = events('image');
		expect(event).toMatchObject({
			channel: 'whatsapp',
			accountId: PNID,
			businessAccountId: WABA,
			contact: { id: '16505551234', name: 'Ada Lovelace', key: '16505551234' },
			messageId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTk0005',
			timestamp: '2024-11-21T18:00:00.000Z',
		});
		expect(event.raw).toMatchObject({ type: 'image', from: '16505551234' });
	});

	it('reads the old BSUID from the notice text when Meta names it nowhere else (payloads from before August 2026)', () => {
		const body = fixtureBytes('whatsapp', 'system_user_changed_user_id').toString('utf8').replace(/,\s*"previous_user_id": "[^"]*"/, '');
		expect(body).not.toContain('previous_user_id');
		const result = runPipeline(signedRequest('whatsapp', body), { channel: 'whatsapp', secrets: secretsFor('whatsapp') });
		expect(result.events[0].identityChange).toEqual({
			reason: 'userId',
			previous: { phone: '', bsuid: BSUID, parentBsuid: '' },
			current: { phone: '', bsuid: BSUID_NEW, parentBsuid: '' },
		});
	});

	it('refuses no id of the fixtures taken from Meta\'s pages', () => {
		const refused = fixtureNames('whatsapp')
			.filter((name) => name !== 'text_malformed_user_id')
			.filter((name) => events(name).some((event) => event.errors?.some((error) => error.code === 'chatflow_malformed_contact_id')));
		expect(refused).toEqual([]);
	});

	it('keeps a message whose only id is malformed, with both errors and no contact to answer', () => {
		const body = fixtureBytes('whatsapp', 'text_malformed_user_id')
			.toString('utf8')
			.replace(/\s*"wa_id": "16505551234",/, '')
			.replace(/\s*"from": "16505551234",/, '');
		expect(body).not.toContain('16505551234');
		const [event] = runPipeline(signedRequest('whatsapp', body), { channel: 'whatsapp', secrets: secretsFor('whatsapp') }).events;
		expect(event).toMatchObject({ text: 'my user id lost its country code', contact: { id: '', key: '', bsuid: '', name: 'Ada Lovelace' } });
		expect(event.errors?.map((error) => error.code)).toEqual(['chatflow_malformed_contact_id', 'chatflow_no_contact_id']);
	});

	it('moves nothing to or from a malformed id on an identity change, and says so once', () => {
		const body = fixtureBytes('whatsapp', 'system_user_changed_user_id').toString('utf8').replace(`"previous_user_id": "${BSUID}"`, '"previous_user_id": "previous"');
		const [event] = runPipeline(signedRequest('whatsapp', body), { channel: 'whatsapp', secrets: secretsFor('whatsapp') }).events;
		expect(event.identityChange).toEqual({
			reason: 'userId',
			previous: { phone: '', bsuid: '', parentBsuid: '' },
			current: { phone: '', bsuid: BSUID_NEW, parentBsuid: '' },
		});
		expect(event.errors).toEqual([{ code: 'chatflow_malformed_contact_id', message: expect.stringMatching(/^Meta sent "previous" as a business-scoped user ID, which is not one/) }]);
	});

	it('keeps a Flow response whose response_json is not JSON, with responseJson null', () => {
		const body = fixtureBytes('whatsapp', 'interactive_nfm_reply').toString('utf8').replace(/"response_json": "[^\n]*"/, '"response_json": "{broken"');
		const result = runPipeline(signedRequest('whatsapp', body), { channel: 'whatsapp', secrets: secretsFor('whatsapp') });
		expect(result.events[0]).toMatchObject({ type: 'flowResponse', flowResponse: { responseJson: null, flowToken: '' } });
	});
});
