import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CHUNK_BYTES, databaseDataFiles, databaseStore } from '../../../db/attachment-store';
import type { WriteTx } from '../../../db/access';
import type { DbOrTx } from '../../../db/connection';
import { engineOf } from '../../../db/engine';
import { dataFileByPath, deleteBlobIfUnused, deleteDataFile } from '../../../db/queries/attachments';
import { fileDigest } from './files';

/**
 * A dataset's files (an import's source and clean file) on either store.
 * - SQLite: they live in the data folder (files.ts names them), as always; nothing here does anything.
 * - PostgreSQL: they live in the database (data_files names them, attachment_blobs holds their content in
 *   256 KiB rows), so one pg_dump carries them and a dataset copied in with `db copy` is found. The cleaning and
 *   validation read files, so the work folder keeps a cache of them named by content (dataDir/cache/data-files/<sha256>),
 *   filled a chunk at a time from the database when missing: a stale copy cannot be read, whatever happened to the folder.
 */
const inDatabase = (db: DbOrTx) => engineOf(db).kind === 'postgres';

/** The data_files path of a file under the data folder: relative, with / separators. */
const storedPath = (dataDir: string, file: string) => path.relative(dataDir, file).split(path.sep).join('/');

export const dataFileCacheDir = (dataDir: string) => path.join(dataDir, 'cache', 'data-files');

/**
 * Keeps a file just written in the work folder: on PostgreSQL its content goes into the database (streamed) in
 * the caller's transaction, replacing what that path held before. Call `dropWorkCopy` once the transaction commits.
 */
export async function keepDataFile(db: WriteTx, dataDir: string, file: string): Promise<void> {
  if (!inDatabase(db)) return;
  const rel = storedPath(dataDir, file);
  const { sha256 } = await fileDigest(file);
  const old = await dataFileByPath(db, rel);
  if (old?.sha256 === sha256) return;
  if (old) {
    await deleteDataFile(db, rel);
    await deleteBlobIfUnused(db, old.sha256);
  }
  await databaseDataFiles.put(db, { path: rel, sha256, size: 0 }, fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>);
}

/** On PostgreSQL the database holds the file once its transaction has committed: the work folder's copy goes. */
export function dropWorkCopy(db: DbOrTx, file: string): void {
  if (!inDatabase(db)) return;
  fs.rmSync(file, { force: true });
  try {
    fs.rmdirSync(path.dirname(file)); // the import's folder, when nothing else is in it
  } catch {
    // not empty (a run writing beside it), or gone already
  }
}

/**
 * A path on this computer where `file` (a data folder path from files.ts) can be read. SQLite: the path itself.
 * PostgreSQL: the cached copy of what data_files holds for it, fetched from the database when absent; the path
 * itself when the database holds nothing under it (a file written in this run, not yet kept), which may not exist.
 */
export async function readableDataFile(db: DbOrTx, dataDir: string, file: string): Promise<string> {
  if (!inDatabase(db)) return file;
  const row = await dataFileByPath(db, storedPath(dataDir, file));
  if (!row) return file;
  const cached = path.join(dataFileCacheDir(dataDir), row.sha256);
  if (fs.existsSync(cached)) return cached;
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.${Date.now()}.partial`;
  const hash = createHash('sha256');
  const fd = fs.openSync(tmp, 'w');
  try {
    try {
      for await (const chunk of databaseStore.read(db, row.sha256)) {
        hash.update(chunk);
        fs.writeSync(fd, chunk);
      }
    } finally {
      fs.closeSync(fd);
    }
    if (hash.digest('hex') !== row.sha256) throw new Error(`data file ${row.path} does not match its SHA-256 in the database`);
    fs.renameSync(tmp, cached);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return cached;
}
