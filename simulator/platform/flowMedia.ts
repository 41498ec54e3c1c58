import { randomUUID } from 'node:crypto';

import { encryptFlowMedia, type FlowMediaUpload } from '../flows/media';
import type { RecordedRequest, ScriptedResponse } from './types';

/**
 * WhatsApp's CDN for files attached to Flows: `upload` encrypts a file as WhatsApp does and
 * serves it at `/cdn/flow-media/<token>`; the picker entry it returns carries that URL. Files
 * are kept until the platform is reset.
 */
export interface FakeFlowMedia {
	upload(plaintext: Buffer, fileName: string): FlowMediaUpload['entry'] & { cdn_url: string };
	/** The served bytes of an upload, to change in a test (a tampered file). */
	files: Map<string, Buffer>;
}

interface RouteHost {
	readonly url: string;
	on(method: string, pattern: string | RegExp, responder: (request: RecordedRequest) => ScriptedResponse): unknown;
}

const states = new WeakMap<object, FakeFlowMedia>();

export function fakeFlowMedia(platform: object): FakeFlowMedia {
	const state = states.get(platform);
	if (!state) throw new Error('fake platform: flow media routes are not installed');
	return state;
}

export function installFlowMediaRoutes(platform: RouteHost & object): void {
	const files = new Map<string, Buffer>();
	states.set(platform, {
		files,
		upload(plaintext, fileName) {
			const { cdnFile, entry } = encryptFlowMedia(plaintext, fileName);
			const token = randomUUID();
			files.set(token, cdnFile);
			return { ...entry, cdn_url: `${platform.url}/cdn/flow-media/${token}?ext=${Date.now()}` };
		},
	});
	platform.on('GET', /^\/cdn\/flow-media\/([0-9a-f-]+)$/, (request) => {
		const file = files.get(request.path.split('/').pop() ?? '');
		return file ? { headers: { 'content-type': 'application/octet-stream' }, body: file } : { status: 404, body: 'not found' };
	});
}
