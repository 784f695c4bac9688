import type { Result, UploadPurpose } from '../../../electron/contract';
import { api } from './client';

/** What an import method gets instead of the file's bytes: the name and the id of a finished upload. */
export interface UploadedFile {
  fileName: string;
  uploadId: string;
}

/** A piece of a file as base64 (without the data: prefix), read by the browser off the main thread. */
function pieceAsBase64(piece: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result ?? '');
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(piece);
  });
}

/** A file name the contract takes (no path separators). */
export const uploadName = (name: string) => name.replace(/[\\/\0]/g, '_');

/**
 * Sends a file to core a piece at a time (files.beginUpload, files.appendUpload …), over whichever transport the app
 * uses (IPC, browser mode, a team server), so the window never holds the whole file as one string and the interface
 * keeps answering. `onProgress` gets the bytes sent; aborting `signal` stops between pieces and drops what was sent.
 * Resolves with the upload for the import method, with the refusal (a file over the import's limit is refused
 * before any byte is sent), or with null when cancelled.
 */
export async function uploadFile(
  file: File,
  purpose: UploadPurpose,
  opts: { signal?: AbortSignal; onProgress?: (sent: number, total: number) => void } = {},
): Promise<Result<UploadedFile> | null> {
  const fileName = uploadName(file.name);
  const begun = await api.call('files.beginUpload', { purpose, fileName, size: file.size });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  const drop = () => void api.call('files.cancelUpload', { uploadId });
  let sent = 0;
  opts.onProgress?.(0, file.size);
  while (sent < file.size) {
    if (opts.signal?.aborted) {
      drop();
      return null;
    }
    const piece = file.slice(sent, Math.min(file.size, sent + chunkBytes));
    const contentBase64 = await pieceAsBase64(piece);
    const r = await api.call('files.appendUpload', { uploadId, offset: sent, contentBase64 });
    if (!r.ok) {
      drop();
      return r;
    }
    sent = r.value.received;
    opts.onProgress?.(sent, file.size);
  }
  if (opts.signal?.aborted) {
    drop();
    return null;
  }
  return { ok: true, value: { fileName, uploadId } };
}

/** Drops an upload the screen no longer needs (its import is done, or another file was chosen). */
export function discardUpload(uploadId: string): void {
  void api.call('files.cancelUpload', { uploadId });
}
