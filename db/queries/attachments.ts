import type { DbOrTx } from '../connection';

/** Evidence file content kept in the database (attachment_blobs): chunks of one file, by SHA-256 and sequence. */

export const blobExists = async (db: DbOrTx, sha256: string) =>
  (await db.selectFrom('attachment_blobs').select('seq').where('sha256', '=', sha256).where('seq', '=', 0).executeTakeFirst()) !== undefined;

export const insertBlobChunk = (db: DbOrTx, sha256: string, seq: number, data: Buffer) => db.insertInto('attachment_blobs').values({ sha256, seq, data }).execute();

/** One chunk (null past the end): a reader takes them one at a time, so a file is never read whole. */
export const blobChunk = async (db: DbOrTx, sha256: string, seq: number): Promise<Buffer | null> => {
  const r = await db.selectFrom('attachment_blobs').select('data').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
  return r ? Buffer.from(r.data) : null;
};

export const deleteBlob = (db: DbOrTx, sha256: string) => db.deleteFrom('attachment_blobs').where('sha256', '=', sha256).execute();

/** The stored files after `after` (keyset), in SHA-256 order, with their sizes (without reading the content). */
export const blobPage = async (db: DbOrTx, after: string | null, limit: number) => {
  let q = db.selectFrom('attachment_blobs').select('sha256').distinct().orderBy('sha256').limit(limit);
  if (after !== null) q = q.where('sha256', '>', after);
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
