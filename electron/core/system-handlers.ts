import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { getAttachment } from '../../db/queries/admin';
import { AppError, isMimeType, validationError } from '../contract';
import { Readable } from 'node:stream';
import { attachmentStoreFor } from './attachments';
import type { ServiceContext } from './context';
import type { InternalCore, ModuleHandlers } from './handlers';
import { decodeBase64 } from './uploads';
import { mayReadAttachment, mayReadExports } from './visibility';

/**
 * A file to hand over: its name, type and size, and its content as a stream (from the data folder or, in
 * PostgreSQL mode, from the database a chunk at a time). `path` is set when the file is on this computer's disk.
 */
export interface ResolvedFile {
  name: string;
  mimeType: string;
  size: number;
  path: string | null;
  open(): Readable;
}

/**
 * A file the caller may download, or null (the same answer whether it is missing or not theirs, so an id
 * alone tells nothing and opens nothing): an export produced in this run by this very user, or a stored
 * attachment of a record the caller's role may read (visibility.ts: its module's row in the DOMAIN.md roles table).
 */
export async function resolveFileFor(ctx: ServiceContext, core: InternalCore, kind: 'export' | 'attachment', id: string): Promise<ResolvedFile | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const role = ctx.actor.role;
  if (kind === 'export') {
    // Exports are the editors' (DOMAIN.md roles table), and each one only its owner's: the user whose job wrote it.
    if (!mayReadExports(role)) return null;
    const meta = core.exportNames.get(id);
    if (!meta) return null;
    if (role !== 'system' && (meta.owner === null || meta.owner !== ctx.actor.id)) return null;
    const p = path.join(ctx.dataDir, 'exports', `${id}.xlsx`);
    if (!fs.existsSync(p)) return null;
    return {
      path: p,
      name: meta.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: fs.statSync(p).size,
      open: () => fs.createReadStream(p),
    };
  }
  // An attachment follows its module's row in the role table: a viewer gets progress evidence, never a funding document.
  if (!(await mayReadAttachment(ctx, id))) return null;
  const a = await getAttachment(ctx.db, id);
  if (!a || a.deleted_at) return null;
  const store = attachmentStoreFor(ctx.db, ctx.dataDir);
  const size = await store.size(ctx.db, a.sha256);
  if (size === null) return null;
  return {
    path: store.pathOf(a.sha256),
    name: a.file_name,
    mimeType: a.mime_type && isMimeType(a.mime_type) ? a.mime_type : 'application/octet-stream',
    size,
    open: () => Readable.from(store.read(ctx.db, a.sha256)),
  };
}

export const jobsHandlers: ModuleHandlers<'jobs'> = {
  'jobs.get': async (ctx, i, { core }) => core.jobs.get(i.id, ctx.actor.id),
  'jobs.cancel': async (ctx, i, { core }) => core.jobs.cancel(i.id, ctx.actor.id),
  'jobs.list': async (ctx, i, { core }) => core.jobs.list(ctx.actor.id, i.limit),
};

export const filesHandlers: ModuleHandlers<'files'> = {
  'files.beginUpload': async (ctx, i, { core }) => core.uploads.begin(ctx.actor.id, i.purpose, i.fileName, i.size),
  'files.appendUpload': async (ctx, i, { core }) => {
    const bytes = decodeBase64(i.contentBase64);
    if (!bytes) throw validationError('contentBase64', 'invalid_base64', 'the piece is not valid base64');
    return core.uploads.append(ctx.actor.id, i.uploadId, i.offset, bytes);
  },
  'files.cancelUpload': async (ctx, i, { core }) => {
    core.uploads.cancel(ctx.actor.id, i.uploadId);
    return null;
  },
  'files.deliver': async (ctx, i, { core }) => {
    const f = await resolveFileFor(ctx, core, i.kind, i.id);
    if (!f) throw new AppError('NOT_FOUND', 'file not found', { entity: i.kind, id: i.id });
    return core.options.platform.deliverFile({ path: f.path, open: f.open, suggestedName: f.name, kind: i.kind, id: i.id });
  },
};
