import crypto from 'node:crypto';
import { attachmentStoreFor, CHUNK_BYTES } from '../../db/attachment-store';
import type { WriteTx } from '../../db/access';
import { insertAttachment } from '../../db/queries/admin';
import type { AttachmentsTable } from '../../db/schema';
import { validationError, type Attachment, type EvidenceUpload } from '../contract';
import { newId } from './util';
import { rethrowFault } from './faults';
import { decodeBase64 } from './uploads';

export { attachmentPath, attachmentsDir, attachmentStoreFor } from '../../db/attachment-store';

const MAX_BYTES = 10 * 1024 * 1024;

export interface PreparedFile {
  sha256: string;
  bytes: Buffer;
  fileName: string;
  mimeType: string | null;
}

/** Decodes and checks uploads before any write, so a bad file leaves nothing behind. */
export function prepareUploads(uploads: EvidenceUpload[], field = 'evidence'): PreparedFile[] {
  return uploads.map((u, i) => {
    const bytes = decodeBase64(u.contentBase64);
    if (!bytes) throw validationError(`${field}.${i}.contentBase64`, 'invalid_base64', 'the file content is not valid base64');
    if (bytes.length === 0) throw validationError(`${field}.${i}.contentBase64`, 'empty_file', 'the file is empty');
    if (bytes.length > MAX_BYTES) throw validationError(`${field}.${i}.contentBase64`, 'too_big', 'the file is larger than 10 MB');
    return { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes, fileName: u.fileName, mimeType: u.mimeType ?? null };
  });
}

/** The upload's bytes in the store's chunk size (the upload itself arrives whole, as base64 in one request). */
function* chunksOf(bytes: Buffer): Iterable<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

/**
 * Content-addressed store: the file lands under its SHA-256 (idempotent), the row links it to an entity.
 * On SQLite the file goes to the data folder; on PostgreSQL into attachment_blobs in the caller's transaction.
 */
export async function storeAttachments(
  db: WriteTx,
  dataDir: string,
  files: PreparedFile[],
  entity: string,
  entityId: string,
  at: string,
  by: string | null,
): Promise<AttachmentsTable[]> {
  const rows: AttachmentsTable[] = [];
  const store = attachmentStoreFor(db, dataDir);
  for (const f of files) {
    try {
      await store.put(db, f.sha256, chunksOf(f.bytes)); // a full disk leaves no partial file
    } catch (e) {
      rethrowFault(e);
    }
    const row: AttachmentsTable = {
      id: newId(),
      sha256: f.sha256,
      file_name: f.fileName,
      mime_type: f.mimeType,
      size: f.bytes.length,
      entity,
      entity_id: entityId,
      created_at: at,
      updated_at: at,
      updated_by: by,
      deleted_at: null,
    };
    await insertAttachment(db, row);
    rows.push(row);
  }
  return rows;
}

export const toAttachment = (r: AttachmentsTable): Attachment => ({
  id: r.id,
  sha256: r.sha256,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  createdAt: r.created_at,
});
