import { z } from 'zod';
import { id, requiredText } from './common';
import { because } from './issues';

/**
 * Uploads in pieces (files.beginUpload → files.appendUpload … → the import method with `uploadId`): the app sends a
 * file a chunk at a time, with progress and a cancel, instead of one request holding the whole file as base64.
 * The same methods run over Electron IPC, browser mode and a team server (CSRF header, session cookie), since they
 * are plain contract methods. The import methods still take `contentBase64` (the CLI, scripts and tests).
 */
export const MB = 1024 * 1024;
/** Bytes in one piece of an upload (the last one may be shorter). */
export const UPLOAD_CHUNK_BYTES = MB;

/** The largest file each import reads, in bytes: the limits each of them had as base64 in one request. */
export const UPLOAD_LIMITS = {
  'budgeting.importProposals': 200 * MB,
  'budgeting.importScores': 200 * MB,
  'budgeting.importVotes': 200 * MB,
  'datasets.importFile': 60 * MB,
  'funding.importExcel': 30 * MB,
  'risks.importExcel': 30 * MB,
  'stakeholders.importExcel': 10 * MB,
  'training.importExcel': 50 * MB,
  'training.importAttendance': 50 * MB,
  'training.importAttendanceSheets': 50 * MB,
} as const;
export type UploadPurpose = keyof typeof UPLOAD_LIMITS;
export const UPLOAD_PURPOSES = Object.keys(UPLOAD_LIMITS) as [UploadPurpose, ...UploadPurpose[]];

/** Base64 characters for `bytes` bytes (and a little slack for padding). */
export const base64Max = (bytes: number) => Math.ceil((bytes * 4) / 3) + 8;

/**
 * The file an import reads: `uploadId` (a finished upload of the caller's, see files.beginUpload) or `contentBase64`
 * (the whole file inline). Exactly one is needed; core's `withUpload` says which is missing.
 */
export const uploadedFile = (purpose: UploadPurpose, opts: { nonEmpty?: boolean } = {}) => ({
  contentBase64: z
    .string()
    .min(opts.nonEmpty ? 1 : 0)
    .max(base64Max(UPLOAD_LIMITS[purpose]))
    .optional(),
  uploadId: id.optional(),
});

export const uploadFileName = requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName'));

export interface UploadStarted {
  uploadId: string;
  /** Send pieces of this many bytes (the last one shorter). */
  chunkBytes: number;
}

export const beginUploadInput = z
  .object({
    /** The import the file is for: its size limit is checked now, before a byte is sent. */
    purpose: z.enum(UPLOAD_PURPOSES),
    fileName: uploadFileName,
    size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();

export const appendUploadInput = z
  .object({
    uploadId: id,
    /** Where this piece starts: the bytes received so far (a piece sent twice, after a lost answer, is taken once). */
    offset: z.number().int().min(0),
    contentBase64: z.string().min(1).max(base64Max(UPLOAD_CHUNK_BYTES)),
  })
  .strict();
