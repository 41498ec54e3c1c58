import { sendFromBusinessApp } from '../chat/businessApp';
import { ActionRefused, deleteMessage, editMessage, setMarketingPreference, type ActionResult } from '../chat/contactActions';
import type { SimulatorContext } from '../context';
import type { ScriptedResponse } from '../platform/types';
import { bad, bodyOf } from './http';

/**
 * The page's WhatsApp-only actions under `/_sim/api/`, also for scripts and tests:
 *
 *   POST edit       { messageId, text }           the contact edits a text message they sent
 *   POST delete     { messageId }                 the contact deletes a message for everyone
 *   POST echo       { contactId, text }           the business writes from the WhatsApp Business app
 *   POST marketing  { contactId, value }          the contact stops ("stop") or resumes ("resume") marketing messages
 *
 * Each answers `{ id, error? }`: the id of the webhook's event, and why the trigger did not take it.
 */
export function installWhatsAppActions(ctx: SimulatorContext): void {
	const { platform } = ctx;
	platform.on('POST', '/_sim/api/edit', (request) => {
		const body = bodyOf<{ messageId?: string; text?: string }>(request);
		return act(() => editMessage(ctx, required(body.messageId, 'messageId'), required(body.text, 'text')));
	});
	platform.on('POST', '/_sim/api/delete', (request) => act(() => deleteMessage(ctx, required(bodyOf<{ messageId?: string }>(request).messageId, 'messageId'))));
	platform.on('POST', '/_sim/api/echo', (request) => {
		const body = bodyOf<{ contactId?: string; text?: string }>(request);
		return act(() => sendFromBusinessApp(ctx, required(body.contactId, 'contactId'), required(body.text, 'text')));
	});
	platform.on('POST', '/_sim/api/marketing', (request) => {
		const body = bodyOf<{ contactId?: string; value?: string }>(request);
		if (body.value !== 'stop' && body.value !== 'resume') return Promise.resolve(bad('value must be "stop" or "resume"'));
		const value = body.value;
		return act(() => setMarketingPreference(ctx, required(body.contactId, 'contactId'), value));
	});
}

async function act(run: () => Promise<ActionResult>): Promise<ScriptedResponse> {
	try {
		return { json: await run() };
	} catch (error) {
		if (error instanceof ActionRefused) return bad(error.message);
		throw error;
	}
}

function required(value: string | undefined, name: string): string {
	if (typeof value !== 'string' || value === '') throw new ActionRefused(`${name} is required`);
	return value;
}
