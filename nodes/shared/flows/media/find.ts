import type { EncryptedFlowFile } from './decrypt';

/**
 * A media file in a Flow's answer (nfm_reply): a Cloud API media object, downloaded like any
 * received image or document, checked against its SHA-256.
 */
export interface CloudMediaFile {
	id: string;
	sha256?: string;
	mime_type?: string;
	file_name?: string;
}

export type UploadedFile = { kind: 'encrypted'; file: EncryptedFlowFile } | { kind: 'cloud'; file: CloudMediaFile };

/** One picker's files: the top-level field of the payload that holds them. */
export interface UploadedFileField {
	field: string;
	files: UploadedFile[];
}

function asUploadedFile(value: unknown): UploadedFile | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const candidate = value as Record<string, unknown>;
	if (typeof candidate.cdn_url === 'string' && typeof candidate.encryption_metadata === 'object' && candidate.encryption_metadata !== null) {
		return { kind: 'encrypted', file: candidate as unknown as EncryptedFlowFile };
	}
	if (typeof candidate.id === 'string' && (typeof candidate.sha256 === 'string' || typeof candidate.mime_type === 'string')) {
		return { kind: 'cloud', file: candidate as unknown as CloudMediaFile };
	}
	return undefined;
}

/**
 * The pickers' values in a request's `data` or an answer's `response_json`. Meta allows a
 * picker's value only as a top-level property of the action payload, so only those are looked
 * at: a payload without files costs one pass over its keys.
 */
export function findUploadedFiles(payload: Record<string, unknown> | undefined): UploadedFileField[] {
	const found: UploadedFileField[] = [];
	for (const field in payload) {
		const value = payload[field];
		if (!Array.isArray(value) || value.length === 0) continue;
		const files = value.map(asUploadedFile);
		if (files.every((file) => file !== undefined)) found.push({ field, files: files as UploadedFile[] });
	}
	return found;
}
