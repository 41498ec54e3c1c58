/**
 * examples/appointment-booking in the real n8n: a message gets the booking Flow; the Flow client
 * (real RSA/AES, signed) gets services, the free times of the chosen day from a Data Table, a
 * summary, and the booking is stored and the Flow closed; the Flow's answer is confirmed and, the
 * day before the appointment (a few seconds away in this test), the reminder template is sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { verifyFlowToken } from '../../nodes/shared/flows';
import { validateFlowJson } from '../../nodes/WhatsAppFlows/flowJsonValidation';
import { FakePlatform, type RecordedRequest } from '../../simulator/platform';
import {
	createChannelCredentials,
	createDataTable,
	createFlowsEndpointCredential,
	EXAMPLES_DIR,
	importAndActivate,
	PHONE_NUMBER_ID,
	postSigned,
	prepareExample,
	readExample,
	WABA_ID,
	whatsAppFlowAnswer,
	whatsAppMessage,
	type FlowsEndpointKit,
	type PreparedExample,
} from './examples-support';
import { connectE2e, type E2eContext } from './support/n8n';

const CUSTOMER = '16505551234';
const TIMEZONE = 'Europe/Berlin'; // the examples' workflow setting
const DAY = '2030-03-14';

const REMINDER = {
	id: '3001',
	name: 'appointment_reminder',
	language: 'en_US',
	status: 'APPROVED',
	category: 'UTILITY',
	components: [{ type: 'BODY', text: 'Hi {{1}}, a reminder of your {{2}} tomorrow at {{3}}. Reply CANCEL to cancel.' }],
};

let n8n: E2eContext;
let platform: FakePlatform;
let flows: FlowsEndpointKit;
let endpoint: PreparedExample;
let messages: PreparedExample;
let messagesWorkflowId: string;
let tableId: string;
const workflowIds: string[] = [];

/** The calendar day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` and `HH:mm:ss` of `at` in the workflows' time zone. */
function local(at: Date): { date: string; time: string } {
	const [date, time] = new Intl.DateTimeFormat('sv-SE', {
		timeZone: TIMEZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hour12: false,
	})
		.format(at)
		.split(' ');
	return { date, time };
}

async function callEndpoint(payload: Record<string, unknown>): Promise<{ status: number; answer: unknown }> {
	return await flows.call(n8n.api.webhookUrl(endpoint.webhookIds['Booking Flow Endpoint'], 'flows'), payload);
}

async function deliver(body: unknown): Promise<void> {
	const url = n8n.api.webhookUrl(messages.webhookIds['WhatsApp Trigger'], 'webhook');
	expect(await postSigned(url, 'whatsapp', body)).toEqual({ status: 200, text: 'OK' });
}

async function sends(count: number, timeoutMs = 20_000): Promise<RecordedRequest[]> {
	return await platform.waitFor('POST', `/v26.0/${PHONE_NUMBER_ID}/messages`, count, timeoutMs);
}

async function rowsOn(date: string): Promise<Array<Record<string, string>>> {
	const filter = encodeURIComponent(JSON.stringify({ type: 'and', filters: [{ columnName: 'date', condition: 'eq', value: date }] }));
	const result = await n8n.api.request<{ data: Array<Record<string, string>> }>('GET', `/data-tables/${tableId}/rows?filter=${filter}`);
	return result.data;
}

beforeAll(async () => {
	n8n = await connectE2e();
	platform = await FakePlatform.start();
	platform.serveTemplates(WABA_ID, [REMINDER]);
	const credentials = await createChannelCredentials(n8n, platform);
	flows = await createFlowsEndpointCredential(n8n);
	credentials.chatflowFlowsEndpointApi = flows.credential;
	// What the README asks the user to create once; one time of DAY is already booked.
	tableId = await createDataTable(n8n, 'chatflow_appointments', ['date', 'time', 'service', 'name', 'contact']);
	await n8n.api.request('POST', `/data-tables/${tableId}/rows`, { data: [{ date: DAY, time: '10:00', service: 'beard', name: 'Bo', contact: '1' }], returnType: 'count' });
	endpoint = prepareExample(readExample('appointment-booking', 'endpoint.json'), credentials);
	messages = prepareExample(readExample('appointment-booking'), credentials);
	workflowIds.push(await importAndActivate(n8n, endpoint));
	messagesWorkflowId = await importAndActivate(n8n, messages);
	workflowIds.push(messagesWorkflowId);
});

afterAll(async () => {
	for (const id of workflowIds) await n8n.api.deactivate(id).catch(() => undefined);
	await platform?.close();
});

describe('examples/appointment-booking', () => {
	const declared = Object.fromEntries(
		(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'appointment-booking', 'booking-flow.json'), 'utf8')) as { screens: Array<{ id: string; data: object }> }).screens.map(
			(screen) => [screen.id, Object.keys(screen.data).sort()],
		),
	);
	let token: string;

	it('the Flow JSON passes the package\'s validation', () => {
		expect(validateFlowJson(readFileSync(join(EXAMPLES_DIR, 'appointment-booking', 'booking-flow.json'), 'utf8'))).toEqual([]);
	});

	it('a message gets the booking Flow with a signed token', async () => {
		await deliver(whatsAppMessage(CUSTOMER, { type: 'text', text: { body: 'I would like an appointment' } }));
		const [send] = await sends(1);
		const parameters = (send.json as { interactive: { action: { parameters: Record<string, string> } } }).interactive.action.parameters;
		expect(parameters).toMatchObject({ flow_name: 'appointment_booking', flow_action: 'data_exchange', flow_cta: 'Book now', mode: 'published' });
		token = parameters.flow_token;
		expect(verifyFlowToken(flows.tokenSecret, token)).toMatchObject({ status: 'ok', context: { contact: CUSTOMER, journey: 'booking' } });
	});

	it('the endpoint offers services from tomorrow, only free times, a summary, then books and closes', async () => {
		// The calendar day after today in Berlin, read before and after the call: a midnight may pass during it.
		const tomorrowBefore = nextDay(local(new Date()).date);
		const init = await callEndpoint({ action: 'INIT', flow_token: token });
		const tomorrowAfter = nextDay(local(new Date()).date);
		const minDate = (init.answer as { data?: { min_date?: string } }).data?.min_date;
		expect([tomorrowBefore, tomorrowAfter]).toContain(minDate);
		expect(init.answer).toEqual({
			screen: 'SERVICE',
			data: {
				services: [
					{ id: 'haircut', title: 'Haircut (30 min)' },
					{ id: 'colour', title: 'Colour (90 min)' },
					{ id: 'beard', title: 'Beard trim (15 min)' },
				],
				min_date: minDate,
			},
		});
		expect(Object.keys((init.answer as { data: object }).data).sort()).toEqual(declared.SERVICE);

		const slots = (times: string[]) => times.map((time) => ({ id: time, title: time }));
		const free = await callEndpoint({ action: 'data_exchange', screen: 'SERVICE', data: { service: 'haircut', date: DAY }, flow_token: token });
		expect(free.answer).toEqual({ screen: 'SLOT', data: { service: 'haircut', date: DAY, slots: slots(['09:00', '11:00', '12:00', '14:00', '15:00', '16:00']) } });
		expect(Object.keys((free.answer as { data: object }).data).sort()).toEqual(declared.SLOT);

		const summary = await callEndpoint({ action: 'data_exchange', screen: 'SLOT', data: { service: 'haircut', date: DAY, time: '11:00', name: 'Ana' }, flow_token: token });
		expect(summary.answer).toEqual({
			screen: 'CONFIRM',
			data: { summary: `Haircut (30 min) on ${DAY} at 11:00 for Ana`, service: 'haircut', date: DAY, time: '11:00', name: 'Ana' },
		});
		expect(Object.keys((summary.answer as { data: object }).data).sort()).toEqual(declared.CONFIRM);

		const booked = await callEndpoint({ action: 'data_exchange', screen: 'CONFIRM', data: { service: 'haircut', date: DAY, time: '11:00', name: 'Ana' }, flow_token: token });
		expect(booked.answer).toEqual({
			screen: 'SUCCESS',
			data: {
				extension_message_response: {
					params: { journey: 'booking', service: 'haircut', service_title: 'Haircut (30 min)', date: DAY, time: '11:00', name: 'Ana', flow_token: token },
				},
			},
		});
		expect(await rowsOn(DAY)).toEqual(
			expect.arrayContaining([expect.objectContaining({ time: '11:00', service: 'haircut', name: 'Ana', contact: CUSTOMER })]),
		);

		const after = await callEndpoint({ action: 'data_exchange', screen: 'SERVICE', data: { service: 'colour', date: DAY }, flow_token: token });
		expect((after.answer as { data: { slots: unknown } }).data.slots).toEqual(slots(['09:00', '12:00', '14:00', '15:00', '16:00']));
	});

	it('the Flow answer is confirmed at once and the reminder template goes out the day before', async () => {
		platform.reset();
		platform.serveTemplates(WABA_ID, [REMINDER]);
		// The workflow waits until the appointment's Berlin wall-clock time minus one calendar day,
		// which is not 24 hours before it when a daylight-saving change falls in between. So the
		// appointment is built from the moment the reminder is due, 20 seconds from now: the same
		// Berlin time of day, on the next calendar day.
		const reminderAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
		const dayBefore = local(new Date(reminderAt));
		const date = nextDay(dayBefore.date);
		const time = dayBefore.time;
		await deliver(
			whatsAppFlowAnswer(CUSTOMER, { flow_token: token, journey: 'booking', service: 'haircut', service_title: 'Haircut (30 min)', date, time, name: 'Ana' }),
		);
		const [confirmation] = await sends(1);
		expect(confirmation.json).toMatchObject({
			to: CUSTOMER,
			type: 'text',
			text: { body: `Booked: Haircut (30 min) on ${date} at ${time}. See you then, Ana! We will remind you the day before.` },
		});
		const confirmedAt = Date.now();

		const [, reminder] = await sends(2, 60_000);
		expect(reminder.json).toMatchObject({
			to: CUSTOMER,
			type: 'template',
			template: {
				name: 'appointment_reminder',
				language: { code: 'en_US' },
				components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'Haircut (30 min)' }, { type: 'text', text: time }] }],
			},
		});
		// Sent when the day before began, not with the confirmation (which came before that moment).
		expect(confirmedAt).toBeLessThan(reminderAt);
		expect(Date.now()).toBeGreaterThanOrEqual(reminderAt - 200);
		const executions = await n8n.api.waitForExecutions(messagesWorkflowId, 2);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	}, 120_000);
});
