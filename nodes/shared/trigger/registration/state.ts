import type { IDataObject, IHookFunctions } from 'n8n-workflow';

/**
 * What automatic registration added, kept in the node's workflow static data so that
 * deactivation removes exactly that and nothing it found already in place.
 */
export interface RegistrationState {
	/** The app-level subscription (`/{app_id}/subscriptions`) this node created. */
	appSubscription?: { object: string; callbackUrl: string };
	/** The WABA/page/IG account subscription this node created: DELETE this path to undo. */
	accountSubscription?: { credential: string; path: string };
	/** The Viber webhook URL this node set. */
	viberWebhook?: string;
	/** The WhatsApp callback override this node set: of phone number or WABA `id`, to `callbackUrl`. */
	override?: { level: OverrideLevel; id: string; callbackUrl: string };
}

/** Where a WhatsApp callback override is set: one phone number, or a whole WhatsApp Business Account. */
export type OverrideLevel = 'phoneNumber' | 'businessAccount';

const KEY = 'chatflowRegistration';

export function loadState(ctx: IHookFunctions): RegistrationState {
	const data = ctx.getWorkflowStaticData('node');
	return ((data[KEY] as IDataObject | undefined) ?? {}) as RegistrationState;
}

export function saveState(ctx: IHookFunctions, state: RegistrationState): void {
	const data = ctx.getWorkflowStaticData('node');
	if (Object.keys(state).length) data[KEY] = state as IDataObject;
	else delete data[KEY];
}

export function isAutomatic(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('registration', 'manual') === 'automatic';
}
