import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowIdFrom, flowLocatorProperty } from '../../../shared/flows/picker';
import type { TemplateButtonInput, TemplateCreateInput } from '../../builders';

/** Create Template's fields (when "Define With" is Fields), and reading them into the builder's input. */

const fields = { resource: ['template'], operation: ['create'], definedWith: ['fields'] };
const notAuthentication = { ...fields, newTemplateCategory: ['MARKETING', 'UTILITY'] };

const buttonOptions = [
	{ name: 'Copy Code', value: 'COPY_CODE' },
	{ name: 'Flow', value: 'FLOW' },
	{ name: 'Phone Number', value: 'PHONE_NUMBER' },
	{ name: 'Quick Reply', value: 'QUICK_REPLY' },
	{ name: 'URL', value: 'URL' },
];

const buttonValues: INodeProperties[] = [
	{ displayName: 'Type', name: 'type', type: 'options', default: 'QUICK_REPLY', options: buttonOptions },
	{ displayName: 'Text', name: 'text', type: 'string', default: '', description: 'The button label (at most 25 characters; not used by Copy Code)' },
	{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/orders/{{1}}', description: 'URL buttons: at most one variable, {{1}}, at the end' },
	{ displayName: 'Example', name: 'example', type: 'string', default: '', description: 'URL buttons with a variable: the full example URL; Copy Code: the example code (at most 15 characters)' },
	{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: '+15550051234' },
	flowLocatorProperty({ displayName: 'Flow', name: 'flowId', description: 'Flow buttons: the Flow to open' }),
	{ displayName: 'Flow Action', name: 'flowAction', type: 'options', default: 'navigate', options: [{ name: 'Navigate', value: 'navigate' }, { name: 'Data Exchange', value: 'data_exchange' }] },
	{ displayName: 'First Screen', name: 'navigateScreen', type: 'string', default: '', description: 'Flow buttons that navigate: the screen to open' },
];

export const createFieldsDescription: INodeProperties[] = [
	{ displayName: 'Name', name: 'newTemplateName', type: 'string', default: '', required: true, placeholder: 'order_update', description: 'Lowercase letters, digits and underscores', displayOptions: { show: fields } },
	{ displayName: 'Language', name: 'newTemplateLanguage', type: 'string', default: 'en_US', required: true, description: 'Language and locale code, e.g. en_US, pt_BR, de', displayOptions: { show: fields } },
	{
		displayName: 'Category',
		name: 'newTemplateCategory',
		type: 'options',
		default: 'UTILITY',
		options: [{ name: 'Authentication', value: 'AUTHENTICATION' }, { name: 'Marketing', value: 'MARKETING' }, { name: 'Utility', value: 'UTILITY' }],
		displayOptions: { show: fields },
	},
	{
		displayName: 'Variables',
		name: 'parameterFormat',
		type: 'options',
		default: 'POSITIONAL',
		options: [{ name: 'Numbered', value: 'POSITIONAL', description: '{{1}}, {{2}}, …' }, { name: 'Named', value: 'NAMED', description: '{{first_name}}, {{order_id}}, …' }],
		displayOptions: { show: notAuthentication },
	},
	{
		displayName: 'Header',
		name: 'headerFormat',
		type: 'options',
		default: 'NONE',
		options: ['NONE', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].map((value) => ({ name: value.charAt(0) + value.slice(1).toLowerCase(), value })),
		displayOptions: { show: notAuthentication },
	},
	{ displayName: 'Header Text', name: 'newHeaderText', type: 'string', default: '', description: 'At most 60 characters and one variable', displayOptions: { show: { ...notAuthentication, headerFormat: ['TEXT'] } } },
	{ displayName: 'Header Example', name: 'headerExample', type: 'string', default: '', description: 'Example value of the header\'s variable', displayOptions: { show: { ...notAuthentication, headerFormat: ['TEXT'] } } },
	{ displayName: 'Header Media Handle', name: 'headerHandle', type: 'string', default: '', description: 'The example media\'s handle from the Resumable Upload API (4::…)', displayOptions: { show: { ...notAuthentication, headerFormat: ['IMAGE', 'VIDEO', 'DOCUMENT'] } } },
	{ displayName: 'Body', name: 'bodyText', type: 'string', typeOptions: { rows: 4 }, default: '', required: true, description: 'At most 1024 characters; variables as {{1}} or {{name}}, not at the very start or end', displayOptions: { show: notAuthentication } },
	{
		displayName: 'Body Examples',
		name: 'bodyExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Example' },
		default: {},
		description: 'An example value for every variable of the body (Meta requires them for review)',
		displayOptions: { show: notAuthentication },
		options: [{ displayName: 'Example', name: 'example', values: [{ displayName: 'Variable', name: 'variable', type: 'string', default: '', placeholder: '1 or first_name' }, { displayName: 'Example', name: 'value', type: 'string', default: '' }] }],
	},
	{ displayName: 'Footer', name: 'newFooter', type: 'string', default: '', description: 'At most 60 characters, no variables', displayOptions: { show: notAuthentication } },
	{
		displayName: 'Buttons',
		name: 'newButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Button' },
		default: {},
		description: 'At most 10: up to 2 URL, 1 phone number, 1 copy code',
		displayOptions: { show: notAuthentication },
		options: [{ displayName: 'Button', name: 'button', values: buttonValues }],
	},
	{
		displayName: 'Carousel Cards',
		name: 'cards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Card' },
		default: {},
		description: 'Marketing only: up to 10 cards with the same components; the template then has only a body besides its cards',
		displayOptions: { show: { ...fields, newTemplateCategory: ['MARKETING'] } },
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{ displayName: 'Body', name: 'bodyText', type: 'string', default: '', description: 'At most 160 characters; variables {{1}}, {{2}}, …' },
					{ displayName: 'Body Examples', name: 'bodyExamples', type: 'string', default: '', placeholder: '15OFF | 15%', description: 'Examples for {{1}}, {{2}}, … separated by |' },
					{ displayName: 'Header', name: 'headerFormat', type: 'options', default: 'IMAGE', options: [{ name: 'Image', value: 'IMAGE' }, { name: 'Video', value: 'VIDEO' }] },
					{ displayName: 'Header Media Handle', name: 'headerHandle', type: 'string', default: '', description: 'The card\'s example image or video: its handle from the Resumable Upload API (4::…)' },
					{ displayName: 'Quick Reply Button', name: 'quickReplyText', type: 'string', default: '', description: 'Label of a quick reply button on the card (at most 25 characters); empty for none' },
					{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/shop?promo={{1}}', description: 'Where the card\'s URL button opens; at most one variable, {{1}}, at the end' },
					{ displayName: 'URL Button Text', name: 'urlText', type: 'string', default: '', description: 'Label of the card\'s URL button (at most 25 characters)' },
					{ displayName: 'URL Example', name: 'urlExample', type: 'string', default: '', description: 'When the URL has a variable: the full example URL' },
				],
			},
		],
	},
	{ displayName: 'Add Security Recommendation', name: 'addSecurityRecommendation', type: 'boolean', default: true, displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'] } } },
	{ displayName: 'Code Expires After (Minutes)', name: 'codeExpirationMinutes', type: 'number', default: 10, typeOptions: { minValue: 0, maxValue: 90 }, description: '1–90; 0 leaves the expiry out of the message', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'] } } },
	{
		displayName: 'OTP Button',
		name: 'otpType',
		type: 'options',
		default: 'COPY_CODE',
		options: [{ name: 'Copy Code', value: 'COPY_CODE' }, { name: 'One-Tap Autofill (Android)', value: 'ONE_TAP' }, { name: 'Zero-Tap (Android)', value: 'ZERO_TAP' }],
		displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'] } },
	},
	{ displayName: 'Button Text', name: 'otpButtonText', type: 'string', default: '', placeholder: 'Copy code', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'] } } },
	{ displayName: 'Autofill Text', name: 'autofillText', type: 'string', default: '', placeholder: 'Autofill', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'], otpType: ['ONE_TAP', 'ZERO_TAP'] } } },
	{ displayName: 'Android Package Name', name: 'packageName', type: 'string', default: '', placeholder: 'com.example.app', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'], otpType: ['ONE_TAP', 'ZERO_TAP'] } } },
	{ displayName: 'App Signature Hash', name: 'signatureHash', type: 'string', default: '', description: 'The 11-character hash of the app\'s signing key', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'], otpType: ['ONE_TAP', 'ZERO_TAP'] } } },
	{ displayName: 'Zero-Tap Terms Accepted', name: 'zeroTapTermsAccepted', type: 'boolean', default: false, description: 'Whether you accept Meta\'s zero-tap terms (required for zero-tap)', displayOptions: { show: { ...fields, newTemplateCategory: ['AUTHENTICATION'], otpType: ['ZERO_TAP'] } } },
];

const text = (ctx: IExecuteFunctions, name: string, itemIndex: number) => String(ctx.getNodeParameter(name, itemIndex, '') ?? '');

function cardButtons(card: IDataObject): TemplateButtonInput[] {
	const buttons: TemplateButtonInput[] = [];
	if (card.quickReplyText) buttons.push({ type: 'QUICK_REPLY', text: String(card.quickReplyText) });
	if (card.urlText || card.url) buttons.push({ type: 'URL', text: String(card.urlText ?? ''), url: String(card.url ?? ''), example: card.urlExample ? String(card.urlExample) : undefined });
	return buttons;
}

/** The item's field values as the builder takes them. */
export function readCreateFields(ctx: IExecuteFunctions, itemIndex: number): TemplateCreateInput {
	const category = text(ctx, 'newTemplateCategory', itemIndex);
	const base = { name: text(ctx, 'newTemplateName', itemIndex), language: text(ctx, 'newTemplateLanguage', itemIndex), category };
	if (category === 'AUTHENTICATION') {
		const otpType = text(ctx, 'otpType', itemIndex);
		const android = otpType !== 'COPY_CODE';
		return {
			...base,
			authentication: {
				addSecurityRecommendation: ctx.getNodeParameter('addSecurityRecommendation', itemIndex, true) as boolean,
				codeExpirationMinutes: ctx.getNodeParameter('codeExpirationMinutes', itemIndex, 0) as number,
				otpType,
				buttonText: text(ctx, 'otpButtonText', itemIndex) || undefined,
				autofillText: android ? text(ctx, 'autofillText', itemIndex) || undefined : undefined,
				packageName: android ? text(ctx, 'packageName', itemIndex) : undefined,
				signatureHash: android ? text(ctx, 'signatureHash', itemIndex) : undefined,
				zeroTapTermsAccepted: otpType === 'ZERO_TAP' ? (ctx.getNodeParameter('zeroTapTermsAccepted', itemIndex, false) as boolean) : undefined,
			},
		};
	}
	const headerFormat = text(ctx, 'headerFormat', itemIndex) || 'NONE';
	const examples = ((ctx.getNodeParameter('bodyExamples', itemIndex, {}) as IDataObject).example ?? []) as Array<{ variable: string; value: string }>;
	const buttons = ((ctx.getNodeParameter('newButtons', itemIndex, {}) as IDataObject).button ?? []) as TemplateButtonInput[];
	const cards = category === 'MARKETING' ? (((ctx.getNodeParameter('cards', itemIndex, {}) as IDataObject).card ?? []) as IDataObject[]) : [];
	return {
		...base,
		parameterFormat: text(ctx, 'parameterFormat', itemIndex),
		header: {
			format: headerFormat,
			text: headerFormat === 'TEXT' ? text(ctx, 'newHeaderText', itemIndex) : undefined,
			example: headerFormat === 'TEXT' ? text(ctx, 'headerExample', itemIndex) : undefined,
			handle: ['IMAGE', 'VIDEO', 'DOCUMENT'].includes(headerFormat) ? text(ctx, 'headerHandle', itemIndex) : undefined,
		},
		body: { text: text(ctx, 'bodyText', itemIndex), examples: Object.fromEntries(examples.map((e) => [String(e.variable).replace(/[{}\s]/g, ''), String(e.value)])) },
		footer: text(ctx, 'newFooter', itemIndex),
		// A Flow button's flowId is the picker's locator, or the plain string of a workflow saved before it.
		buttons: buttons.map((button) => ({ ...button, type: String(button.type), flowId: flowIdFrom(button.flowId) })),
		cards: cards.map((card) => ({
			headerFormat: String(card.headerFormat ?? 'IMAGE'),
			headerHandle: String(card.headerHandle ?? ''),
			bodyText: String(card.bodyText ?? ''),
			bodyExamples: String(card.bodyExamples ?? '').split('|').map((e) => e.trim()).filter(Boolean),
			buttons: cardButtons(card),
		})),
	};
}
