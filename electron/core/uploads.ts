import fs from 'node:fs';
import path from 'node:path';
import { AppError, MB, UPLOAD_CHUNK_BYTES, UPLOAD_LIMITS, validationError, type UploadPurpose, type UploadStarted } from '../contract';
import type { ServiceContext } from './context';
import type { HandlerExtra } from './handlers';
import { rethrowFault, writeFileAtomic } from './faults';
import { newId } from './util';

/** An upload nobody touched for this long is dropped (its file deleted). */
export const UPLOAD_IDLE_MS = 2 * 60 * 60 * 1000;
/** Uploads one user may hold at once (begun and not yet cancelled or expired). */
export const UPLOADS_PER_USER = 8;

interface Entry {
  id: string;
  owner: string;
  purpose: UploadPurpose;
  fileName: string;
  size: number;
  received: number;
  file: string;
  touched: number;
  /** Imports reading the file now: a cancel meanwhile deletes it once they end. */
  readers: number;
  dropped: boolean;
}

/** Who owns an upload: the signed-in user, or the CLI / system (which has no id). */
const ownerKey = (actorId: string | null) => actorId ?? 'system';

/** A temporary file keeps the upload's extension (lower case, letters and digits only). */
const extOf = (fileName: string) =>
  path
    .extname(fileName)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 10) || '.bin';

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** The refusal of a file over its import's limit: the field, the reason and both sizes in MB. */
export function fileTooBig(field: string, size: number, limit: number): AppError {
  const message = `the file is ${mb(size)} MB; this import takes at most ${mb(limit)} MB`;
  return new AppError('VALIDATION', `${field}: ${message}`, {
    issues: [{ field, reason: 'file_too_big', params: { size: mb(size), maximum: mb(limit) }, message }],
  });
}

/**
 * Files uploaded a piece at a time, each into a temporary file of its own under `<data>/tmp/uploads/<user>/`, and
 * each usable only by the user who began it: to anyone else its id is unknown (the same NOT_FOUND as an id that
 * never existed). A file over its import's limit is refused before a byte is written; a cancelled or expired
 * upload leaves no file behind.
 */
export class UploadStore {
  private entries = new Map<string, Entry>();
  readonly root: string;

  constructor(
    dataDir: string,
    private clock: () => number = Date.now,
    private idleMs = UPLOAD_IDLE_MS,
  ) {
    this.root = path.join(dataDir, 'tmp', 'uploads');
    this.sweepOrphans();
  }

  /** Files left by a process that stopped mid-upload (older than the idle time: another process may be using newer ones). */
  private sweepOrphans() {
    if (!fs.existsSync(this.root)) return;
    const old = this.clock() - this.idleMs;
    for (const user of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, user);
      try {
        for (const f of fs.readdirSync(dir)) {
          const p = path.join(dir, f);
          if (fs.statSync(p).mtimeMs < old) fs.rmSync(p, { force: true });
        }
      } catch {
        // not a folder, or gone meanwhile
      }
    }
  }

  /** Drops uploads idle for longer than the idle time. */
  expire(): void {
    const now = this.clock();
    for (const e of this.entries.values()) if (e.readers === 0 && now - e.touched > this.idleMs) this.drop(e);
  }

  private drop(e: Entry) {
    e.dropped = true;
    this.entries.delete(e.id);
    if (e.readers === 0) fs.rmSync(e.file, { force: true });
  }

  /** The caller's upload, or NOT_FOUND (whether it never existed, expired, or is someone else's). */
  private mine(actorId: string | null, uploadId: string): Entry {
    this.expire();
    const e = this.entries.get(uploadId);
    if (!e || e.owner !== ownerKey(actorId)) throw new AppError('NOT_FOUND', 'upload not found', { entity: 'upload', id: uploadId });
    return e;
  }

  begin(actorId: string | null, purpose: UploadPurpose, fileName: string, size: number): UploadStarted {
    this.expire();
    const limit = UPLOAD_LIMITS[purpose];
    if (size > limit) throw fileTooBig('size', size, limit);
    const owner = ownerKey(actorId);
    let open = 0;
    for (const e of this.entries.values()) if (e.owner === owner) open++;
    if (open >= UPLOADS_PER_USER) throw validationError('uploadId', 'upload_busy', `at most ${UPLOADS_PER_USER} uploads at once; finish or cancel one`);
    const id = newId();
    const dir = path.join(this.root, owner);
    const file = path.join(dir, `${id}${extOf(fileName)}`);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, new Uint8Array(0), { flag: 'wx' });
    } catch (e) {
      rethrowFault(e);
    }
    this.entries.set(id, { id, owner, purpose, fileName, size, received: 0, file, touched: this.clock(), readers: 0, dropped: false });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  /** Appends one piece at `offset`. A piece sent again after a lost answer (it ends where the file does) is taken once. */
  append(actorId: string | null, uploadId: string, offset: number, bytes: Buffer): { received: number } {
    const e = this.mine(actorId, uploadId);
    e.touched = this.clock();
    if (bytes.length > UPLOAD_CHUNK_BYTES) throw validationError('contentBase64', 'too_big', `a piece holds at most ${UPLOAD_CHUNK_BYTES} bytes`);
    if (offset + bytes.length === e.received && offset < e.received) return { received: e.received };
    if (offset !== e.received) throw validationError('offset', 'upload_offset', `expected the piece at ${e.received}, got ${offset}`);
    if (e.received + bytes.length > e.size) {
      this.drop(e);
      throw fileTooBig('contentBase64', e.received + bytes.length, Math.min(e.size, UPLOAD_LIMITS[e.purpose]));
    }
    try {
      fs.appendFileSync(e.file, bytes);
    } catch (err) {
      // A full disk: the upload is dropped whole, not kept half-written.
      this.drop(e);
      rethrowFault(err);
    }
    e.received += bytes.length;
    return { received: e.received };
  }

  cancel(actorId: string | null, uploadId: string): void {
    this.drop(this.mine(actorId, uploadId));
  }

  /**
   * Runs `fn` on the caller's finished upload (the file stays until it is cancelled or expires, so a dry run and
   * the import that follows read the same upload). Refused: an unfinished upload, or one over `limit`.
   */
  async use<T>(actorId: string | null, uploadId: string, limit: number, fn: (file: string) => Promise<T>): Promise<T> {
    const e = this.mine(actorId, uploadId);
    if (e.received !== e.size) throw validationError('uploadId', 'upload_incomplete', `the upload has ${e.received} of ${e.size} bytes`);
    if (e.size > limit) throw fileTooBig('uploadId', e.size, limit);
    e.readers++;
    try {
      return await fn(e.file);
    } finally {
      e.readers--;
      e.touched = this.clock();
      if (e.dropped && e.readers === 0) fs.rmSync(e.file, { force: true });
    }
  }

  /** Uploads held now (tests, diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Removes every upload's file (core closing). */
  clear(): void {
    for (const e of [...this.entries.values()]) this.drop(e);
  }
}

/** Standard base64 (the alphabet, `=` padding only at the end): what every file sent inline must be. */
export const isBase64 = (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s);

/**
 * An inline file's bytes, or null when its text is not standard base64 (isBase64). Text that is exactly what encoding
 * its bytes gives back (what every client sends) is taken without the pattern: on a 65 MB votes file the pattern alone
 * took three times the decode and the comparison (measured); any other text is judged by the pattern.
 */
export function decodeBase64(s: string): Buffer | null {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.toString('base64') === s || isBase64(s)) return bytes;
  return null;
}

/**
 * The file of an import, whichever way it came: a finished upload of the caller's (`uploadId`) or the whole file
 * inline (`contentBase64`, checked to be base64 and decoded to a temporary file). `fn` reads it at `file`; an inline
 * file is deleted when `fn` ends, an upload stays until the client cancels it (a dry run, then the import).
 * Refusals name the field and leave nothing written.
 */
export async function withUpload<T>(
  ctx: ServiceContext,
  { core }: Pick<HandlerExtra, 'core'>,
  purpose: UploadPurpose,
  input: { fileName: string; contentBase64?: string; uploadId?: string },
  fn: (file: string) => Promise<T>,
): Promise<T> {
  const limit = UPLOAD_LIMITS[purpose];
  if (input.uploadId !== undefined && input.contentBase64 !== undefined)
    throw validationError('uploadId', 'no_file', 'send the file either as uploadId or as contentBase64, not both');
  if (input.uploadId !== undefined) return core.uploads.use(ctx.actor.id, input.uploadId, limit, fn);
  if (input.contentBase64 === undefined) throw validationError('uploadId', 'no_file', 'choose a file (uploadId or contentBase64)');
  const bytes = decodeBase64(input.contentBase64);
  if (!bytes) throw validationError('contentBase64', 'invalid_base64', 'the file content is not valid base64');
  if (bytes.length > limit) throw fileTooBig('contentBase64', bytes.length, limit);
  const tmp = path.join(ctx.dataDir, 'tmp', `import-${newId()}${extOf(input.fileName)}`);
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  writeFileAtomic(tmp, bytes);
  try {
    return await fn(tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
