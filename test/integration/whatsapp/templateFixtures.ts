import type { TemplateDefinition } from '../../../nodes/WhatsApp/builders';
import { FakePlatform } from '../../../simulator/platform';
import { TEMPLATE_KINDS } from '../../fixtures/templateKinds';
import { TOKEN, WABA_ID } from './runNode';

/** Templates as GET /{WABA}/message_templates returns them (components as Meta stores them). */
export const TEMPLATES: TemplateDefinition[] = [
	{
		id: '1001',
		name: 'order_update',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'IMAGE' },
			{ type: 'BODY', text: 'Hi {{1}}, you paid {{2}} on {{3}}.' },
			{ type: 'FOOTER', text: 'Acme' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Stop' },
					{ type: 'URL', text: 'Track', url: 'https://acme.example/track/{{1}}' },
					{ type: 'FLOW', text: 'Rate us', flow_id: '777', flow_action: 'navigate', navigate_screen: 'RATE' },
				],
			},
		],
	},
	{
		id: '1002',
		name: 'welcome_named',
		language: 'pt_BR',
		status: 'APPROVED',
		category: 'MARKETING',
		parameter_format: 'NAMED',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Olá {{first_name}}' },
			{ type: 'BODY', text: 'Seu código {{code}} vale até {{valid_until}}.' },
			{ type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', text: 'Copiar código' }] },
		],
	},
	{
		id: '1003',
		name: 'store_location',
		language: 'en_US',
		status: 'APPROVED',
		category: 'UTILITY',
		components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'Our store.' }],
	},
	{
		id: '1004',
		name: 'doc_video',
		language: 'de',
		status: 'APPROVED',
		category: 'UTILITY',
		components: [{ type: 'HEADER', format: 'VIDEO' }, { type: 'BODY', text: 'Video für {{1}}' }],
	},
	{
		id: '1005',
		name: 'pending_one',
		language: 'en_US',
		status: 'PENDING',
		category: 'UTILITY',
		components: [{ type: 'BODY', text: 'Hello' }],
	},
];

/** Serves TEMPLATES and one template of each kind; the fake platform checks sends against them. */
export function serveTemplates(platform: FakePlatform): void {
	platform.serveTemplates(WABA_ID, [...TEMPLATES, ...TEMPLATE_KINDS.map((fixture) => fixture.definition)] as unknown as Array<Record<string, unknown>>);
}

/**
 * A fake Graph API for the calling suite: started once, reset before each test with the
 * templates served. `platform()` is the running instance.
 */
export function useTemplatePlatform(): () => FakePlatform {
	let platform: FakePlatform | undefined;
	beforeAll(async () => {
		platform = await FakePlatform.start({ acceptedTokens: [TOKEN] });
	});
	afterAll(async () => platform?.close());
	beforeEach(() => {
		platform!.reset();
		serveTemplates(platform!);
	});
	return () => platform!;
}
