import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WriteTx } from './access';
import type { DbOrTx } from './connection';
import { engineOf } from './engine';
import { blobChunk, blobExists, blobPage, blobSize, dataFilePage, deleteBlob, insertBlobChunk, insertDataFile } from './queries/attachments';

/**
 * Where evidence files live, content-addressed by SHA-256. Two implementations with one interface:
 * - `disk`: files under DATA/attachments/ab/<sha256> (the embedded SQLite store, as before);
 * - `database`: rows of attachment_blobs, 256 KiB a row (PostgreSQL stores, and backup files), written in the
 *   caller's transaction, so the file and the row that names it commit together.
 * Content goes in and out as a sequence of chunks: nothing here holds a whole file.
 */
export interface AttachmentStore {
  readonly kind: 'disk' | 'database';
  has(db: DbOrTx, sha256: string): Promise<boolean>;
  /**
   * Stores `content` under `sha256` unless it is there already; checks the content hashes to `sha256` and
   * refuses it otherwise (nothing is left behind: no file, and the caller's transaction fails). Returns the bytes stored.
   */
  put(db: WriteTx, sha256: string, content: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<number>;
  /** The stored content, a chunk at a time; empty when the file is absent. */
  read(db: DbOrTx, sha256: string): AsyncIterable<Buffer>;
  /** Its size in bytes, or null when absent. */
  size(db: DbOrTx, sha256: string): Promise<number | null>;
  /** Every stored file's SHA-256, in order, a page at a time. */
  list(db: DbOrTx): AsyncIterable<string>;
  /** A path on this computer where the file can be read (disk store), or null (database store). */
  pathOf(sha256: string): string | null;
}

export const CHUNK_BYTES = 256 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export class AttachmentHashMismatch extends Error {
  constructor(readonly sha256: string) {
    super(`evidence file ${sha256} does not match its SHA-256`);
  }
}

/** Re-cuts a stream of buffers into pieces of exactly `size` bytes (the last one shorter). */
async function* rechunk(source: AsyncIterable<Buffer> | Iterable<Buffer>, size: number): AsyncIterable<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (const b of source) {
    let buf = b;
    while (held + buf.length >= size) {
      const take = size - held;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      held = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      parts.push(buf);
      held += buf.length;
    }
  }
  if (held) yield Buffer.concat(parts);
}

export const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');
export const attachmentPath = (dataDir: string, sha256: string) => path.join(attachmentsDir(dataDir), sha256.slice(0, 2), sha256);

export function diskStore(dataDir: string): AttachmentStore {
  return {
    kind: 'disk',
    async has(_db, sha) {
      return fs.existsSync(attachmentPath(dataDir, sha));
    },
    async put(_db, sha, content) {
      if (!SHA256.test(sha)) throw new AttachmentHashMismatch(sha);
      const target = attachmentPath(dataDir, sha);
      if (fs.existsSync(target)) {
        for await (const _ of content); // drain a stream we do not need
        return fs.statSync(target).size;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.partial`;
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      const fd = fs.openSync(tmp, 'w');
      try {
        try {
          for await (const b of content) {
            hash.update(b);
            fs.writeSync(fd, b);
            bytes += b.length;
          }
        } finally {
          fs.closeSync(fd);
        }
        if (hash.digest('hex') !== sha) throw new AttachmentHashMismatch(sha);
        fs.renameSync(tmp, target); // a full disk or a wrong hash leaves no partial file
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      return bytes;
    },
    async *read(_db, sha) {
      const file = attachmentPath(dataDir, sha);
      if (!SHA256.test(sha) || !fs.existsSync(file)) return;
      yield* fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>;
    },
    async size(_db, sha) {
      const file = attachmentPath(dataDir, sha);
      return SHA256.test(sha) && fs.existsSync(file) ? fs.statSync(file).size : null;
    },
    async *list() {
      const root = attachmentsDir(dataDir);
      if (!fs.existsSync(root)) return;
      for (const sub of fs.readdirSync(root).sort()) {
        const dir = path.join(root, sub);
        if (!/^[0-9a-f]{2}$/.test(sub) || !fs.statSync(dir).isDirectory()) continue;
        for (const f of fs.readdirSync(dir).sort()) if (SHA256.test(f) && f.startsWith(sub)) yield f;
      }
    },
    pathOf(sha) {
      return attachmentPath(dataDir, sha);
    },
  };
}

export const databaseStore: AttachmentStore = {
  kind: 'database',
  has: (db, sha) => blobExists(db, sha),
  async put(db, sha, content) {
    if (!SHA256.test(sha)) throw new AttachmentHashMismatch(sha);
    if (await blobExists(db, sha)) {
      for await (const _ of content);
      return (await blobSize(db, sha)) ?? 0;
    }
    const hash = crypto.createHash('sha256');
    let seq = 0;
    let bytes = 0;
    for await (const chunk of rechunk(content, CHUNK_BYTES)) {
      hash.update(chunk);
      await insertBlobChunk(db, sha, seq++, chunk);
      bytes += chunk.length;
    }
    if (hash.digest('hex') !== sha) {
      await deleteBlob(db, sha); // the caller's transaction fails too; this keeps a caller outside one clean
      throw new AttachmentHashMismatch(sha);
    }
    return bytes;
  },
  async *read(db, sha) {
    for (let seq = 0; ; seq++) {
      const chunk = await blobChunk(db, sha, seq);
      if (!chunk) return;
      yield chunk;
    }
  },
  async size(db, sha) {
    return (await blobExists(db, sha)) ? blobSize(db, sha) : null;
  },
  async *list(db) {
    for (let after: string | null = null; ;) {
      const page = await blobPage(db, after, 500);
      yield* page;
      if (page.length < 500) return;
      after = page[page.length - 1];
    }
  },
  pathOf: () => null,
};

/** The store a handle's evidence lives in: the database on PostgreSQL, the data folder's files on SQLite. */
export const attachmentStoreFor = (db: DbOrTx, dataDir: string): AttachmentStore => (engineOf(db).kind === 'postgres' ? databaseStore : diskStore(dataDir));

// ── The other files of a data folder (dataset imports' source and clean files) ─────────────────────────────

/** Folders of a data folder whose files belong to the store (what `db copy` and `backup` carry beside the tables). */
export const DATA_FOLDERS = ['datasets'];

export interface DataFile {
  /** Under the data folder, with / separators. */
  path: string;
  sha256: string;
  size: number;
}

/** A data folder's files: on disk (a data folder) or as data_files rows with content in attachment_blobs. */
export interface DataFileStore {
  list(db: DbOrTx): AsyncIterable<DataFile>;
  read(db: DbOrTx, file: DataFile): AsyncIterable<Buffer>;
  /** Writes the file (checked against its SHA-256); returns the bytes written. */
  put(db: WriteTx, file: DataFile, content: AsyncIterable<Buffer>): Promise<number>;
}

const SAFE_PATH = /^(?:[A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]+$/;
const checkPath = (p: string) => {
  if (!SAFE_PATH.test(p) || p.split('/').some((x) => x === '..' || x === '.') || !DATA_FOLDERS.includes(p.split('/')[0]))
    throw new Error(`refused data file path ${JSON.stringify(p)}`);
};

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (b) => h.update(b))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export function diskDataFiles(dataDir: string): DataFileStore {
  return {
    async *list() {
      const walk = async function* (rel: string): AsyncIterable<DataFile> {
        const abs = path.join(dataDir, ...rel.split('/'));
        for (const e of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const r = `${rel}/${e.name}`;
          if (e.isDirectory()) yield* walk(r);
          else if (e.isFile() && SAFE_PATH.test(r) && !e.name.endsWith('.partial')) {
            const file = path.join(abs, e.name);
            yield { path: r, sha256: await hashFile(file), size: fs.statSync(file).size };
          }
        }
      };
      for (const root of DATA_FOLDERS) if (fs.existsSync(path.join(dataDir, root))) yield* walk(root);
    },
    async *read(_db, f) {
      checkPath(f.path);
      yield* fs.createReadStream(path.join(dataDir, ...f.path.split('/')), { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>;
    },
    async put(_db, f, content) {
      checkPath(f.path);
      const target = path.join(dataDir, ...f.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.partial`;
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      try {
        const fd = fs.openSync(tmp, 'w');
        try {
          for await (const b of content) {
            hash.update(b);
            fs.writeSync(fd, b);
            bytes += b.length;
          }
        } finally {
          fs.closeSync(fd);
        }
        if (hash.digest('hex') !== f.sha256) throw new AttachmentHashMismatch(f.sha256);
        fs.renameSync(tmp, target);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
      }
      return bytes;
    },
  };
}

export const databaseDataFiles: DataFileStore = {
  async *list(db) {
    for (let after: string | null = null; ;) {
      const page = await dataFilePage(db, after, 500);
      yield* page.map((r) => ({ path: r.path, sha256: r.sha256, size: Number(r.size) }));
      if (page.length < 500) return;
      after = page[page.length - 1].path;
    }
  },
  read: (db, f) => databaseStore.read(db, f.sha256),
  async put(db, f, content) {
    checkPath(f.path);
    const bytes = await databaseStore.put(db, f.sha256, content);
    await insertDataFile(db, { path: f.path, sha256: f.sha256, size: bytes });
    return bytes;
  },
};
