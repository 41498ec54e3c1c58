import type { IDataObject } from 'n8n-workflow';

/** Content of one Viber message, as the node's fields describe it (before validation). */
export type ViberContent =
	| { type: 'text'; text: string }
	| { type: 'picture'; media: string; text?: string; thumbnail?: string }
	| { type: 'video'; media: string; size: number; duration?: number; thumbnail?: string }
	| { type: 'file'; media: string; size: number; fileName: string }
	| { type: 'contact'; name: string; phoneNumber: string }
	| { type: 'location'; lat: number; lon: number }
	| { type: 'url'; media: string }
	| { type: 'sticker'; stickerId: number }
	| { type: 'rich_media'; richMedia: ViberRichMedia; altText?: string };

export type ViberActionType = 'reply' | 'open-url' | 'location-picker' | 'share-phone' | 'none';

/** A keyboard or rich-media button; the keys are Viber's own (PascalCase). */
export interface ViberButton extends IDataObject {
	ActionType: ViberActionType;
	ActionBody: string;
	Text?: string;
	Columns?: number;
	Rows?: number;
}

export interface ViberKeyboard extends IDataObject {
	Type: 'keyboard';
	Buttons: ViberButton[];
	DefaultHeight?: boolean;
	BgColor?: string;
	InputFieldState?: 'regular' | 'minimized' | 'hidden';
}

export interface ViberRichMedia extends IDataObject {
	Type: 'rich_media';
	ButtonsGroupColumns?: number;
	ButtonsGroupRows?: number;
	BgColor?: string;
	Buttons: ViberButton[];
}

export interface ViberSender {
	name: string;
	avatar?: string;
}

/** Everything around the content: who sends, to whom, and what comes along. */
export interface ViberEnvelope {
	sender: ViberSender;
	trackingData?: string;
	minApiVersion?: number;
	keyboard?: ViberKeyboard;
}
