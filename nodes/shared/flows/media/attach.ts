import { createHash, timingSafeEqual } from 'node:crypto';

import type { IBinaryData, IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { PlatformHttp, TransportFailure, type HttpContext } from '../../http';
import { decryptFlowMedia, FlowMediaError, type EncryptedFlowFile } from './decrypt';
import { findUploadedFiles, type CloudMediaFile, type UploadedFile } from './find';
import { mimeTypeOf } from './mimeTypes';

/** Meta's largest picker file (max-file-size-kb 25600). */
export const DEFAULT_MAX_FILE_MB = 25;

export interface AttachContext extends HttpContext {
	helpers: HttpContext['helpers'] & {
		prepareBinaryData(data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData>;
	};
}

export interface AttachOptions {
	maxFileBytes: number;
	/** For each download, from connecting to the last byte. */
	timeoutMs: number;
	/** Downloads a Cloud API media object (a Flow's answer); absent: such files are reported, not fetched. */
	downloadCloudMedia?: (file: CloudMediaFile, maxBytes: number) => Promise<Buffer>;
}

export interface AttachedFiles {
	/** The payload with each file replaced by what it became: a binary property, or an error. */
	payload: IDataObject;
	binary: IBinaryKeyData;
	/** Media id → why it was refused; the shape a picker's `error-message` takes to show it. */
	errors: Record<string, string>;
	/** Bytes of files made binary. */
	bytes: number;
}

/**
 * Downloads, verifies and decrypts the files of every PhotoPicker and DocumentPicker in a
 * payload into n8n binary properties named `<field>_<index>`. A file that fails (download, size,
 * hash, HMAC) becomes `{ media_id, file_name, error }` and the others still arrive: the caller
 * decides whether that fails the item. The keys of the file never reach the output.
 */
export async function attachUploadedFiles(ctx: AttachContext, payload: IDataObject, options: AttachOptions): Promise<AttachedFiles | undefined> {
	const fields = findUploadedFiles(payload);
	if (fields.length === 0) return undefined;
	const http = PlatformHttp.openAnonymous(ctx, { concurrency: 4 });
	const result: AttachedFiles = { payload: { ...payload }, binary: {}, errors: {}, bytes: 0 };
	await Promise.all(
		fields.map(async ({ field, files }) => {
			result.payload[field] = await Promise.all(
				files.map(async (uploaded, index) => {
					const { id, fileName } = describe(uploaded);
					try {
						const bytes = await contentOf(http, uploaded, options);
						const binaryProperty = `${field}_${index}`;
						const mimeType = (uploaded.kind === 'cloud' ? uploaded.file.mime_type : undefined) ?? mimeTypeOf(fileName);
						const binary = await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType);
						result.binary[binaryProperty] = binary;
						result.bytes += bytes.length;
						return { media_id: id, file_name: fileName ?? null, mime_type: binary.mimeType, file_size: bytes.length, binaryProperty };
					} catch (error) {
						const message = error instanceof FlowMediaError || error instanceof TransportFailure ? error.message : `unexpected error: ${(error as Error).message}`;
						result.errors[id] = message;
						return { media_id: id, file_name: fileName ?? null, error: message };
					}
				}),
			);
		}),
	);
	// Downloads finish in any order; the item lists its files in the order the Flow sent them.
	const downloaded = result.binary;
	result.binary = {};
	for (const { field } of fields) {
		for (const entry of result.payload[field] as Array<{ binaryProperty?: string }>) {
			if (entry.binaryProperty) result.binary[entry.binaryProperty] = downloaded[entry.binaryProperty];
		}
	}
	return result;
}

function describe(uploaded: UploadedFile): { id: string; fileName?: string } {
	return uploaded.kind === 'encrypted'
		? { id: String(uploaded.file.media_id ?? ''), fileName: uploaded.file.file_name }
		: { id: String(uploaded.file.id), fileName: uploaded.file.file_name };
}

async function contentOf(http: PlatformHttp, uploaded: UploadedFile, options: AttachOptions): Promise<Buffer> {
	const bytes = await verifiedContentOf(http, uploaded, options);
	// The download limit leaves room for the padding; the file itself must fit the limit exactly.
	if (bytes.length > options.maxFileBytes) throw new FlowMediaError(`the file is larger than the limit of ${options.maxFileBytes} bytes`);
	return bytes;
}

async function verifiedContentOf(http: PlatformHttp, uploaded: UploadedFile, options: AttachOptions): Promise<Buffer> {
	if (uploaded.kind === 'cloud') {
		if (!options.downloadCloudMedia) throw new FlowMediaError('a Cloud API media file needs the WhatsApp credential to be downloaded');
		const bytes = await options.downloadCloudMedia(uploaded.file, options.maxFileBytes);
		if (uploaded.file.sha256 && !sameHash(bytes, uploaded.file.sha256)) throw new FlowMediaError('the downloaded file does not match its sha256');
		return bytes;
	}
	return decryptFlowMedia(await downloadCdnFile(http, uploaded.file, options), uploaded.file.encryption_metadata);
}

async function downloadCdnFile(http: PlatformHttp, file: EncryptedFlowFile, options: AttachOptions): Promise<Buffer> {
	// The ciphertext is at most one padding block and the 10-byte HMAC larger than the file.
	const response = await http.send({ method: 'GET', url: file.cdn_url, timeoutMs: options.timeoutMs, maxResponseBytes: options.maxFileBytes + 26, followRedirects: true });
	if (response.statusCode < 200 || response.statusCode >= 300) throw new FlowMediaError(`the CDN answered HTTP ${response.statusCode}`);
	return response.body;
}

function sameHash(bytes: Buffer, base64Sha256: string): boolean {
	const expected = Buffer.from(base64Sha256, 'base64');
	const actual = createHash('sha256').update(bytes).digest();
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}
