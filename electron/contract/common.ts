import { z } from 'zod';
import { because } from './issues';

/** Shared field schemas: one rule, written once, used by core, transports and the renderer's forms. */
export const id = z.uuid({ version: 'v7' });
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, because('notADate'))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), because('notADate'));
export const timestamp = z.string().min(20).max(40);
export const text = (max = 20_000) => z.string().trim().max(max);
export const requiredText = (max = 500) => z.string().trim().min(1).max(max);
export const percent = z.number().int().min(0).max(100);
export const weight = z.number().min(0).max(1000);
/** The `updated_at` the client read; a save with a stale value returns CONFLICT. */
export const expectedUpdatedAt = timestamp;
/**
 * A MIME type as RFC 9110 writes it: type "/" subtype, both tokens, optional `; name=value` parameters, no
 * control characters (a CR/LF would end up in a download's Content-Type header).
 */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MIME_RE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\x00-\\x1f\\x7f]*"))*$`);
export const isMimeType = (s: string) => s.length <= 200 && MIME_RE.test(s);
export const mimeType = z.string().max(200).refine(isMimeType, because('mimeType'));
export const evidenceUpload = z.object({
  fileName: requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName')),
  mimeType: mimeType.optional(),
  /** Base64 content; 10 MB per file (the OGP Local limit for evidence). */
  contentBase64: z.string().max(Math.ceil((10 * 1024 * 1024 * 4) / 3) + 8),
});
export type EvidenceUpload = z.infer<typeof evidenceUpload>;

export interface Attachment {
  id: string;
  sha256: string;
  fileName: string;
  mimeType: string | null;
  size: number;
  createdAt: string;
}

export interface Row {
  id: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
}
