import type { WriteTx } from '../access';
import { CompiledQuery } from 'kysely';
import type { DbOrTx } from '../connection';
import { engineOf } from '../engine';
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

/** The live rows among `ids` (an import checks the ids a file names). */
export async function liveRowsIn<T extends RowTable>(db: DbOrTx, table: T, ids: string[]) {
  return (await db
    .selectFrom(table as any)
    .selectAll()
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute()) as Array<Database[T]>;
}

/** Ids per `where id in (…)`: well under SQLite's and PostgreSQL's parameter limits. */
const IDS_PER_QUERY = 500;

/** The rows among `ids`, deleted ones too (an import tells a deleted record from an unknown id), a few hundred ids per query. */
export async function rowsIn<T extends RowTable>(db: DbOrTx, table: T, ids: readonly string[]) {
  const out: Array<Database[T]> = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY)
    out.push(
      ...((await db
        .selectFrom(table as any)
        .selectAll()
        .where('id', 'in', ids.slice(i, i + IDS_PER_QUERY))
        .execute()) as Array<Database[T]>),
    );
  return out;
}

export async function insertRow<T extends RowTable>(db: WriteTx, table: T, row: Database[T]) {
  await db
    .insertInto(table as any)
    .values(row as any)
    .execute();
}

/** SQLite binds at most 32,766 parameters per statement; stay well under it. */
const MAX_PARAMS = 30_000;

/** Multi-row INSERT texts by (one-row statement, row count): built once, then only the parameters change. */
const insertTexts = new Map<string, string>();

/**
 * The text of an INSERT of `n` rows made from Kysely's one-row statement for the same columns, with the engine's
 * placeholders (`?` on SQLite, `$1 … $k` on PostgreSQL).
 */
function multiRowInsert(one: string, width: number, n: number): string {
  const key = `${n}\u0000${one}`;
  let text = insertTexts.get(key);
  if (text) return text;
  const at = one.lastIndexOf(' values (');
  if (at < 0) throw new Error(`not a one-row insert: ${one}`);
  const numbered = one.includes('$1');
  const tuples: string[] = [];
  for (let r = 0, p = 1; r < n; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++, p++) cells.push(numbered ? `$${p}` : '?');
    tuples.push(`(${cells.join(', ')})`);
  }
  text = `${one.slice(0, at)} values ${tuples.join(', ')}`;
  if (insertTexts.size >= 64) insertTexts.delete(insertTexts.keys().next().value!);
  insertTexts.set(key, text);
  return text;
}

/**
 * Many rows (a column a row leaves out is null there), in multi-row INSERTs: an import of 50,000 rows is a
 * few dozen statements, not 50,000. Kysely compiles the one-row statement; the multi-row text is built from it
 * once and reused, so no query tree of 30,000 values is built and walked per statement.
 */
export async function insertMany(db: WriteTx, table: keyof Database, rows: ReadonlyArray<Record<string, unknown>>) {
  if (rows.length === 0) return;
  const seen = new Set<string>();
  for (const row of rows) for (const k in row) if (row[k] !== undefined) seen.add(k);
  const columns = [...seen];
  const one = db
    .insertInto(table as any)
    .values(Object.fromEntries(columns.map((c) => [c, null])) as any)
    .compile();
  if (one.parameters.length !== columns.length) throw new Error(`insert into ${String(table)}: a column value is not a plain parameter`);
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const n = Math.min(per, rows.length - i);
    const parameters: unknown[] = new Array(n * columns.length);
    for (let r = 0, p = 0; r < n; r++) {
      const row = rows[i + r];
      for (const c of columns) parameters[p++] = row[c] ?? null;
    }
    await db.executeQuery(CompiledQuery.raw(multiRowInsert(one.sql, columns.length, n), parameters));
  }
}

/** Many rows with the same columns, in multi-row INSERTs (an import of 50,000 rows is ~100 statements, not 50,000). */
export async function insertRows<T extends RowTable>(db: WriteTx, table: T, rows: Array<Database[T]>) {
  await insertMany(db, table, rows as unknown as Array<Record<string, unknown>>);
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

/** The SQL type of a column {@link updateRowsIfCurrent} sets (PostgreSQL types a parameter in VALUES only by a cast). */
export type SetColumnType = 'text' | 'integer' | 'real';
const CAST: Record<SetColumnType, string> = { text: 'text', integer: 'bigint', real: 'double precision' };

/** Multi-row UPDATE texts by (table, columns, row count, engine): built once, then only the parameters change. */
const updateTexts = new Map<string, string>();

function multiRowUpdate(table: string, columns: ReadonlyArray<[string, SetColumnType]>, n: number, numbered: boolean): string {
  const key = `${table}\u0000${columns.map(([c, t]) => `${c}:${t}`).join(',')}\u0000${n}\u0000${numbered}`;
  let text = updateTexts.get(key);
  if (text) return text;
  const width = columns.length + 2;
  const tuples: string[] = [];
  for (let r = 0, p = 1; r < n; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++, p++) {
      const at = numbered ? `$${p}` : '?';
      // The first row's casts type each column of the VALUES list on PostgreSQL (the others follow); SQLite keeps the values.
      cells.push(r === 0 ? `cast(${at} as ${c < 2 ? 'text' : CAST[columns[c - 2][1]]})` : at);
    }
    tuples.push(`(${cells.join(', ')})`);
  }
  // A VALUES list's columns are column1, column2, … on both engines: id, the updated_at read, then the new values.
  const set = columns.map(([c], i) => `"${c}" = v.column${i + 3}`).join(', ');
  text = `update "${table}" set ${set} from (values ${tuples.join(', ')}) as v where "${table}"."id" = v.column1 and "${table}"."updated_at" = v.column2`;
  if (updateTexts.size >= 64) updateTexts.delete(updateTexts.keys().next().value!);
  updateTexts.set(key, text);
  return text;
}

/** Rows per multi-row UPDATE: a few hundred ids a statement. */
const UPDATE_ROWS = 500;

/**
 * Many rows updated at once, each to its own values and each only if it still has the `updated_at` its writer read
 * (updateRowIfCurrent's optimistic concurrency, for a batch): UPDATE … FROM (VALUES …), a few hundred rows a
 * statement. `columns` names the columns set (every row gives each of them) with their SQL types. Returns how many
 * rows were updated: fewer than given means some row moved on.
 */
export async function updateRowsIfCurrent<T extends RowTable>(
  db: WriteTx,
  table: T,
  columns: Record<string, SetColumnType>,
  rows: ReadonlyArray<{ id: string; expectedUpdatedAt: string; set: Record<string, unknown> }>,
): Promise<number> {
  const cols = Object.entries(columns) as Array<[string, SetColumnType]>;
  const numbered = engineOf(db).kind === 'postgres';
  let updated = 0;
  for (let i = 0; i < rows.length; i += UPDATE_ROWS) {
    const part = rows.slice(i, i + UPDATE_ROWS);
    const parameters: unknown[] = [];
    for (const r of part) {
      parameters.push(r.id, r.expectedUpdatedAt);
      for (const [c] of cols) parameters.push(r.set[c] ?? null);
    }
    const res = await db.executeQuery(CompiledQuery.raw(multiRowUpdate(String(table), cols, part.length, numbered), parameters));
    updated += Number(res.numAffectedRows ?? 0);
  }
  return updated;
}

/** Sets (or clears, with null) the deletion stamp of these rows, as one operation of the caller (a delete, a restore). */
export async function stampRows(
  db: WriteTx,
  table: RowTable,
  ids: string[],
  deletedAt: string | null,
  at: string,
  by: string | null,
  opts: { onlyLive?: boolean } = {},
) {
  if (ids.length === 0) return;
  let u = db
    .updateTable(table as any)
    .set({ deleted_at: deletedAt, updated_at: at, updated_by: by } as any)
    .where('id', 'in', ids);
  if (opts.onlyLive) u = u.where('deleted_at', 'is', null);
  await u.execute();
}
