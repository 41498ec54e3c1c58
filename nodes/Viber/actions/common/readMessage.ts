import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MessageFieldError } from '../../../shared/fields';
import type { ViberButton, ViberContent, ViberEnvelope, ViberKeyboard, ViberRichMedia } from '../../../shared/viber';
import { readMessageOptions } from './options';

/** Reads the node's message fields for one item into the shared builder's input. */
export function readViberContent(ctx: IExecuteFunctions, i: number): ViberContent {
	const type = ctx.getNodeParameter('messageType', i) as ViberContent['type'];
	const param = <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, i, fallback) as T;
	switch (type) {
		case 'text':
			return { type, text: param<string>('text') };
		case 'picture':
			return { type, media: param<string>('media'), text: param<string>('caption', ''), thumbnail: param<string>('thumbnail', '') };
		case 'video': {
			const duration = param<number>('duration', 0);
			return {
				type,
				media: param<string>('media'),
				size: param<number>('size'),
				duration: duration > 0 ? duration : undefined,
				thumbnail: param<string>('thumbnail', ''),
			};
		}
		case 'file':
			return { type, media: param<string>('media'), size: param<number>('size'), fileName: param<string>('fileName') };
		case 'contact':
			return { type, name: param<string>('contactName'), phoneNumber: param<string>('contactPhone') };
		case 'location':
			return { type, lat: param<number>('latitude'), lon: param<number>('longitude') };
		case 'url':
			return { type, media: param<string>('url') };
		case 'sticker':
			return { type, stickerId: param<number>('stickerId') };
		case 'rich_media':
			return { type, richMedia: readRichMedia(ctx, i), altText: param<string>('altText', '') };
		default:
			throw new MessageFieldError('messageType', `unknown message type "${String(type)}"`);
	}
}

/** Sender (credential, overridable per message), keyboard, tracking data, API version. */
export function readViberEnvelope(ctx: IExecuteFunctions, i: number, sender: { name: string; avatar?: string }): ViberEnvelope {
	const options = readMessageOptions(ctx, i);
	const keyboard = readKeyboard(ctx, i);
	return {
		sender: {
			name: String(options.senderName || sender.name || ''),
			avatar: String(options.senderAvatar || sender.avatar || '') || undefined,
		},
		trackingData: options.trackingData ? String(options.trackingData) : undefined,
		minApiVersion: options.minApiVersion !== undefined ? Number(options.minApiVersion) : undefined,
		keyboard,
	};
}

/** Receivers of a broadcast: a list from an expression, or text separated by commas/new lines. */
export function readReceivers(ctx: IExecuteFunctions, i: number): string[] {
	const value = ctx.getNodeParameter('receivers', i) as unknown;
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	return list.map((id) => id.trim()).filter((id) => id !== '');
}

function readKeyboard(ctx: IExecuteFunctions, i: number): ViberKeyboard | undefined {
	const mode = ctx.getNodeParameter('keyboardMode', i, 'none') as string;
	if (mode === 'none') return undefined;
	if (mode === 'json') return parseJsonObject('keyboard', ctx.getNodeParameter('keyboardJson', i)) as ViberKeyboard;
	const settings = ctx.getNodeParameter('keyboardOptions', i, {}) as IDataObject;
	const keyboard: ViberKeyboard = {
		Type: 'keyboard',
		Buttons: fieldButtons(ctx.getNodeParameter('keyboardButtons', i, {}) as IDataObject),
		DefaultHeight: settings.defaultHeight === true,
	};
	if (settings.bgColor) keyboard.BgColor = String(settings.bgColor);
	if (settings.inputFieldState && settings.inputFieldState !== 'regular') {
		keyboard.InputFieldState = settings.inputFieldState as ViberKeyboard['InputFieldState'];
	}
	return keyboard;
}

function readRichMedia(ctx: IExecuteFunctions, i: number): ViberRichMedia {
	const mode = ctx.getNodeParameter('richMediaMode', i, 'fields') as string;
	if (mode === 'json') return parseJsonObject('rich_media', ctx.getNodeParameter('richMediaJson', i)) as ViberRichMedia;
	return {
		Type: 'rich_media',
		ButtonsGroupColumns: ctx.getNodeParameter('groupColumns', i, 6) as number,
		ButtonsGroupRows: ctx.getNodeParameter('groupRows', i, 7) as number,
		Buttons: fieldButtons(ctx.getNodeParameter('richMediaButtons', i, {}) as IDataObject),
	};
}

/** fixedCollection `{ button: [...] }` → Viber's PascalCase buttons, empty fields left out. */
function fieldButtons(collection: IDataObject): ViberButton[] {
	const rows = (collection.button as IDataObject[] | undefined) ?? [];
	return rows.map((row) => {
		const button: ViberButton = {
			ActionType: (row.actionType as ViberButton['ActionType']) ?? 'reply',
			ActionBody: String(row.actionBody ?? ''),
			Columns: Number(row.columns ?? 6),
			Rows: Number(row.rows ?? 1),
		};
		if (row.text) button.Text = String(row.text);
		if (row.image) button.Image = String(row.image);
		if (row.bgColor) button.BgColor = String(row.bgColor);
		if (row.silent === true) button.Silent = true;
		return button;
	});
}

function parseJsonObject(field: string, value: unknown): IDataObject {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as IDataObject;
	let parsed: unknown;
	let problem = 'must be a JSON object';
	try {
		parsed = JSON.parse(String(value));
	} catch (error) {
		problem = `is not valid JSON (${(error as Error).message})`;
	}
	if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as IDataObject;
	throw new MessageFieldError(field, problem);
}
