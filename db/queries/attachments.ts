import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';

/** Evidence file content kept in the database (attachment_blobs): chunks of one file, by SHA-256 and sequence. */

export const blobExists = async (db: DbOrTx, sha256: string) =>
  (await db.selectFrom('attachment_blobs').select('seq').where('sha256', '=', sha256).where('seq', '=', 0).executeTakeFirst()) !== undefined;

export const insertBlobChunk = (db: WriteTx, sha256: string, seq: number, data: Buffer) =>
  db.insertInto('attachment_blobs').values({ sha256, seq, data }).execute();

/** One chunk (null past the end): a reader takes them one at a time, so a file is never read whole. */
export const blobChunk = async (db: DbOrTx, sha256: string, seq: number): Promise<Buffer | null> => {
  const r = await db.selectFrom('attachment_blobs').select('data').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
  return r ? Buffer.from(r.data) : null;
};

export const deleteBlob = (db: WriteTx, sha256: string) => db.deleteFrom('attachment_blobs').where('sha256', '=', sha256).execute();

/**
 * The stored evidence files after `after` (keyset), in SHA-256 order (without reading the content). Content that
 * only a data file (data_files) uses is not evidence and is left out.
 */
export const blobPage = async (db: DbOrTx, after: string | null, limit: number) => {
  let q = db
    .selectFrom('attachment_blobs as b')
    .select('b.sha256')
    .where('b.seq', '=', 0)
    .where((eb) =>
      eb.or([eb('b.sha256', 'in', eb.selectFrom('attachments').select('sha256')), eb('b.sha256', 'not in', eb.selectFrom('data_files').select('sha256'))]),
    )
    .orderBy('b.sha256')
    .limit(limit);
  if (after !== null) q = q.where('b.sha256', '>', after);
  return (await q.execute()).map((r) => r.sha256);
};

export const blobSize = async (db: DbOrTx, sha256: string) => {
  const r = await db
    .selectFrom('attachment_blobs')
    .select((eb) => eb.fn.sum<number | string>(eb.fn<number>('length', ['data'])).as('n'))
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
};

/** Data folder files a store carries (data_files), a page at a time in path order. */
export const dataFilePage = (db: DbOrTx, after: string | null, limit: number) => {
  let q = db.selectFrom('data_files').select(['path', 'sha256', 'size']).orderBy('path').limit(limit);
  if (after !== null) q = q.where('path', '>', after);
  return q.execute();
};

export const insertDataFile = (db: WriteTx, row: { path: string; sha256: string; size: number }) => db.insertInto('data_files').values(row).execute();

export const clearDataFiles = (db: WriteTx) => db.deleteFrom('data_files').execute();

export const dataFileByPath = (db: DbOrTx, path: string) =>
  db.selectFrom('data_files').select(['path', 'sha256', 'size']).where('path', '=', path).executeTakeFirst();

export const deleteDataFile = (db: WriteTx, path: string) => db.deleteFrom('data_files').where('path', '=', path).execute();

/** Drops stored content that neither an evidence row nor a data file names any more (a replaced clean file's old bytes). */
export const deleteBlobIfUnused = (db: WriteTx, sha256: string) =>
  db
    .deleteFrom('attachment_blobs')
    .where('sha256', '=', sha256)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('attachments').select('sha256').where('sha256', '=', sha256))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('data_files').select('sha256').where('sha256', '=', sha256))))
    .execute();
