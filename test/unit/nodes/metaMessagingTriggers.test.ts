import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ChatflowInstagramTrigger } from '../../../nodes/InstagramTrigger/ChatflowInstagramTrigger.node';
import { ChatflowMessengerTrigger } from '../../../nodes/MessengerTrigger/ChatflowMessengerTrigger.node';

/**
 * The Messenger and Instagram triggers build their descriptions with one shared builder
 * (nodes/shared/meta-messaging/trigger.ts). The fixtures are the descriptions as n8n saw them
 * before the builder existed; a change to either trigger's description has to be made here too,
 * on purpose, so saved workflows and the editor never see one by accident.
 */
const expected = (name: string): unknown =>
	JSON.parse(readFileSync(join(__dirname, '../../fixtures/nodeDescriptions', `${name}.json`), 'utf8'));

describe('the Meta messaging triggers', () => {
	test.each([
		['chatflowMessengerTrigger', new ChatflowMessengerTrigger()],
		['chatflowInstagramTrigger', new ChatflowInstagramTrigger()],
	])('%s has the description n8n has always seen', (name, node) => {
		expect(JSON.parse(JSON.stringify(node.description))).toEqual(expected(name));
	});

	test('each keeps its own channel in the parts the builder fills', () => {
		const messenger = new ChatflowMessengerTrigger().description;
		const instagram = new ChatflowInstagramTrigger().description;
		expect(messenger.credentials?.map((credential) => credential.name)).toEqual(['chatflowMetaAppApi', 'chatflowMessengerApi', 'chatflowRedisApi']);
		expect(instagram.credentials?.map((credential) => credential.name)).toEqual(['chatflowMetaAppApi', 'chatflowInstagramApi', 'chatflowRedisApi']);
		expect(messenger.subtitle).toContain('Deliveries');
		expect(instagram.subtitle).not.toContain('Deliveries');
	});
});
