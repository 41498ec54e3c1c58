import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { setViberWebhook, VIBER_EVENT_TYPES, ViberClient } from '../../viber';
import { isAutomatic, loadState, saveState } from './state';

/** Viber accepts one webhook per bot; get_account_info says which URL has it now. */
async function currentWebhook(ctx: IHookFunctions): Promise<string> {
	const info = await (await ViberClient.create(ctx)).request({ endpoint: 'get_account_info', body: {}, idempotent: true });
	return typeof info.webhook === 'string' ? info.webhook : '';
}

export async function viberCheckExists(this: IHookFunctions): Promise<boolean> {
	if (!isAutomatic(this)) return true;
	const url = this.getNodeWebhookUrl('default') ?? '';
	const current = await currentWebhook(this);
	assertNotOwnedByOther(this, current, url);
	return current === url && loadState(this).viberWebhook === url;
}

export async function viberCreate(this: IHookFunctions): Promise<boolean> {
	const url = this.getNodeWebhookUrl('default') ?? '';
	assertNotOwnedByOther(this, await currentWebhook(this), url);
	const events = this.getNodeParameter('events', []) as string[];
	const eventTypes = VIBER_EVENT_TYPES.filter((type) => events.includes(type));
	// Viber then POSTs `event: webhook` to the URL, which the trigger answers with 200.
	await setViberWebhook(
		await ViberClient.create(this),
		{ url, eventTypes: eventTypes.length ? [...eventTypes] : undefined, sendName: true, sendPhoto: true },
		{},
	);
	saveState(this, { ...loadState(this), viberWebhook: url });
	return true;
}

export async function viberDelete(this: IHookFunctions): Promise<boolean> {
	const state = loadState(this);
	if (state.viberWebhook) {
		if ((await currentWebhook(this)) === state.viberWebhook) {
			await setViberWebhook(await ViberClient.create(this), { url: '' }, {});
		}
		delete state.viberWebhook;
		saveState(this, state);
	}
	return true;
}

function assertNotOwnedByOther(ctx: IHookFunctions, current: string, url: string): void {
	if (!current || current === url) return;
	throw new NodeOperationError(ctx.getNode(), `This Viber bot already sends its webhooks to ${current}; this trigger will not overwrite it`, {
		description: 'Viber allows one webhook per bot. Remove it there first (set_webhook with an empty URL) or choose Registration "Manual".',
	});
}
