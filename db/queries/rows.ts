import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';
import type { Database } from '../schema';

/** Tables whose rows carry the standard columns (id, created_at, updated_at, updated_by, deleted_at). */
export type RowTable = {
  [K in keyof Database]: Database[K] extends { id: string; updated_at: string; deleted_at: string | null } ? K : never;
}[keyof Database];

export async function getRow<T extends RowTable>(db: DbOrTx, table: T, id: string) {
  return (await db
    .selectFrom(table as any)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as Database[T] | undefined;
}

export async function insertRow<T extends RowTable>(db: WriteTx, table: T, row: Database[T]) {
  await db
    .insertInto(table as any)
    .values(row as any)
    .execute();
}

/** SQLite binds at most 32,766 parameters per statement; stay well under it. */
const MAX_PARAMS = 30_000;

/** Many rows with the same columns, in multi-row INSERTs (an import of 50,000 rows is ~100 statements, not 50,000). */
export async function insertRows<T extends RowTable>(db: WriteTx, table: T, rows: Array<Database[T]>) {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0] as object).length));
  for (let i = 0; i < rows.length; i += per)
    await db
      .insertInto(table as any)
      .values(rows.slice(i, i + per) as any)
      .execute();
}

/**
 * Optimistic concurrency: updates only if the row still has the `updated_at` the client read.
 * Returns false (and changes nothing) when the row was changed by someone else.
 */
export async function updateRowIfCurrent<T extends RowTable>(
  db: WriteTx,
  table: T,
  id: string,
  expectedUpdatedAt: string,
  patch: Partial<Database[T]>,
): Promise<boolean> {
  const res = await db
    .updateTable(table as any)
    .set(patch as any)
    .where('id', '=', id)
    .where('updated_at', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
