import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { EnvelopeOptions } from '../../builders';
import type { WhatsAppRun } from './run';

/** The sending phone number id: the node's choice, else the credential's default. */
export function senderPhoneNumberId(ctx: IExecuteFunctions, run: WhatsAppRun, itemIndex: number): string {
	const chosen = String(ctx.getNodeParameter('phoneNumberId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const id = chosen || run.graph.field('phoneNumberId');
	if (!id) {
		throw new NodeOperationError(ctx.getNode(), 'phoneNumberId: choose the sender phone number, or set "Default Phone Number ID" in the credential', { itemIndex });
	}
	if (!/^\d+$/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), `phoneNumberId: "${id}" is not a phone number ID (digits only; the ID, not the phone number itself)`, { itemIndex });
	}
	return id;
}

export function businessAccountId(ctx: IExecuteFunctions, run: WhatsAppRun, itemIndex: number): string {
	const id = run.graph.field('businessAccountId');
	if (!id) throw new NodeOperationError(ctx.getNode(), 'businessAccountId: set "WhatsApp Business Account ID" in the credential', { itemIndex });
	return id;
}

export function envelopeOptions(ctx: IExecuteFunctions, itemIndex: number): EnvelopeOptions {
	const options = ctx.getNodeParameter('messageOptions', itemIndex, {}) as IDataObject;
	return {
		replyToMessageId: options.replyToMessageId ? String(options.replyToMessageId) : undefined,
		bizOpaqueCallbackData: options.bizOpaqueCallbackData ? String(options.bizOpaqueCallbackData) : undefined,
	};
}

export function stringParam(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const value = ctx.getNodeParameter(name, itemIndex, fallback);
	return value === undefined || value === null ? '' : String(value);
}
