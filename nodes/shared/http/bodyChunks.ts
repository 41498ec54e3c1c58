import type { ClientRequest } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { TransportFailure } from './failure';
import type { BodyChunk, StreamedChunk } from './types';

/**
 * Writing a request body made of buffers, text and streamed files (a file from n8n's binary
 * store, multipart.ts). A streamed file is opened when the request is written, piped with the
 * socket's backpressure, and must yield exactly the size announced in Content-Length: a file
 * that turns out shorter or longer would otherwise leave the server waiting or desynchronise a
 * kept-alive connection.
 */
export function isStreamed(chunk: BodyChunk): chunk is StreamedChunk {
	return typeof chunk === 'object' && !Buffer.isBuffer(chunk);
}

export function bodyLength(chunks: readonly BodyChunk[]): number {
	let length = 0;
	for (const chunk of chunks) length += typeof chunk === 'string' ? Buffer.byteLength(chunk) : isStreamed(chunk) ? chunk.size : chunk.length;
	return length;
}

/**
 * Writes the chunks into the request and ends it. A file that cannot be read, or whose length
 * is not its announced size, fails the request (E_UPLOAD_SOURCE) instead of sending a body
 * that is not the file.
 */
export async function writeBody(request: ClientRequest, chunks: readonly BodyChunk[]): Promise<void> {
	try {
		for (const chunk of chunks) {
			if (!isStreamed(chunk)) request.write(chunk);
			else await pipeline(await chunk.open(), exactly(chunk.size), request, { end: false });
		}
		request.end();
	} catch (error) {
		if (request.destroyed) return; // the request failed first (refused, timed out): that is the error
		request.destroy(sourceFailure(error));
	}
}

/** All chunks as one buffer (n8n's request helper, the fallback, takes no streams). */
export async function collectBody(chunks: readonly BodyChunk[]): Promise<Buffer> {
	const parts: Buffer[] = [];
	for (const chunk of chunks) {
		if (typeof chunk === 'string') parts.push(Buffer.from(chunk, 'utf8'));
		else if (!isStreamed(chunk)) parts.push(chunk);
		else {
			try {
				await pipeline(await chunk.open(), exactly(chunk.size), async (source: AsyncIterable<Buffer>) => {
					for await (const piece of source) parts.push(piece);
				});
			} catch (error) {
				throw sourceFailure(error);
			}
		}
	}
	return Buffer.concat(parts);
}

function sourceFailure(error: unknown): TransportFailure {
	return error instanceof TransportFailure ? error : new TransportFailure('E_UPLOAD_SOURCE', `The file to upload could not be read: ${(error as Error).message}`);
}

function exactly(size: number): Transform {
	let passed = 0;
	const mismatch = (what: string) => new TransportFailure('E_UPLOAD_SOURCE', `The file to upload ${what}, not the ${size} bytes its metadata gives`);
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			passed += chunk.length;
			if (passed > size) callback(mismatch('is longer'));
			else callback(null, chunk);
		},
		flush(callback) {
			callback(passed === size ? null : mismatch(`ends after ${passed} bytes`));
		},
	});
}
