/**
 * Files users attach with a Flow's PhotoPicker or DocumentPicker: found in a payload
 * (`findUploadedFiles`), decrypted as Meta documents it (`decryptFlowMedia`), and turned into
 * n8n binary properties (`attachUploadedFiles`).
 */
export { attachUploadedFiles, DEFAULT_MAX_FILE_MB, type AttachContext, type AttachOptions, type AttachedFiles } from './attach';
export { decryptFlowMedia, FlowMediaError, type EncryptedFlowFile } from './decrypt';
export { findUploadedFiles, type CloudMediaFile, type UploadedFile, type UploadedFileField } from './find';
