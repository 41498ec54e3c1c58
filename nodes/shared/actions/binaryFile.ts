import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { StreamedChunk } from '../http';

/** An input item's binary property, ready for a multipart upload. */
export interface BinaryFile {
	binary: IBinaryData;
	/** Bytes of the file. */
	size: number;
	/** A file in n8n's binary store is streamed from it; inline (base64) binary is already in memory. */
	data: Buffer | StreamedChunk;
}

/**
 * The file of an item's binary property without loading it into memory: a file that n8n keeps
 * in its binary store (filesystem, S3 or database mode; the item holds only its id) is read as
 * a stream while the request is written, with its size from the store's metadata (it goes into
 * Content-Length before the first byte is read). Binary held inline in the item is used as it
 * is. Fails like n8n's own helpers when the item has no such property.
 */
export async function binaryFileOf(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<BinaryFile> {
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const id = binary.id;
	if (!id) {
		const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
		return { binary, size: data.length, data };
	}
	const { fileSize } = await ctx.helpers.getBinaryMetadata(id);
	return { binary, size: fileSize, data: { size: fileSize, open: async () => await ctx.helpers.getBinaryStream(id) } };
}
