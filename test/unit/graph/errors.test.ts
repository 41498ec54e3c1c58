import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { buildGraphUrl, GraphApiError, parseGraphError } from '../../../nodes/shared/graph';

const node: INode = { id: '1', name: 'WhatsApp', type: 'n8n-nodes-chatflow.chatflowWhatsApp', typeVersion: 1, position: [0, 0], parameters: {} };

describe('Graph error mapping', () => {
	const body = {
		error: {
			message: '(#131047) Re-engagement message',
			type: 'OAuthException',
			code: 131047,
			error_subcode: 2494010,
			error_data: { messaging_product: 'whatsapp', details: 'Message failed to send because more than 24 hours have passed' },
			error_user_msg: 'Send a template',
			fbtrace_id: 'AbCdEf123',
		},
	};

	it('reads every field of Meta\'s error object', () => {
		expect(parseGraphError(body)).toEqual({
			code: 131047,
			error_subcode: 2494010,
			type: 'OAuthException',
			message: '(#131047) Re-engagement message',
			error_user_msg: 'Send a template',
			details: 'Message failed to send because more than 24 hours have passed',
			fbtrace_id: 'AbCdEf123',
		});
		expect(parseGraphError({ data: [] })).toBeUndefined();
		expect(parseGraphError('oops')).toBeUndefined();
	});

	it('builds a NodeApiError that shows code, subcode, details, hint and fbtrace_id', () => {
		const error = new GraphApiError(node, { ...parseGraphError(body)!, http_status: 400 }, { itemIndex: 3 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Graph API error 131047 (subcode 2494010): (#131047) Re-engagement message');
		expect(error.description).toContain('Details: Message failed to send because more than 24 hours have passed');
		expect(error.description).toContain('Send a template (Resource: Template → Send)');
		expect(error.description).toContain('fbtrace_id: AbCdEf123');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(3);
		expect((error.errorResponse as Record<string, unknown>).fbtrace_id).toBe('AbCdEf123');
	});
});

describe('buildGraphUrl', () => {
	it('joins base URL, version and path', () => {
		expect(buildGraphUrl({ baseUrl: 'http://127.0.0.1:9/', apiVersion: 'v26.0' }, '/1/messages')).toBe('http://127.0.0.1:9/v26.0/1/messages');
		expect(buildGraphUrl({ baseUrl: '', apiVersion: 'v21.0' }, '1')).toBe('https://graph.facebook.com/v21.0/1');
		expect(buildGraphUrl({ baseUrl: 'x', apiVersion: 'v1' }, 'https://lookaside.fbsbx.com/a?b=1')).toBe('https://lookaside.fbsbx.com/a?b=1');
	});
});
