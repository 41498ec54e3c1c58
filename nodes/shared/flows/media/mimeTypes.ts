/**
 * The type of an uploaded file from its name: the picker's value has a file name but no type.
 * The extensions of the types Meta's DocumentPicker supports (media upload components,
 * `allowed-mime-types`); anything else is application/octet-stream.
 */
const BY_EXTENSION: Record<string, string> = {
	gz: 'application/gzip',
	doc: 'application/msword',
	pdf: 'application/pdf',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint',
	odp: 'application/vnd.oasis.opendocument.presentation',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odt: 'application/vnd.oasis.opendocument.text',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'7z': 'application/x-7z-compressed',
	zip: 'application/zip',
	avif: 'image/avif',
	gif: 'image/gif',
	heic: 'image/heic',
	heif: 'image/heif',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	webp: 'image/webp',
	txt: 'text/plain',
	mp4: 'video/mp4',
	mpeg: 'video/mpeg',
	mpg: 'video/mpeg',
};

export function mimeTypeOf(fileName: string | undefined): string {
	const extension = /\.([^./\\]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
	return BY_EXTENSION[extension] ?? 'application/octet-stream';
}
