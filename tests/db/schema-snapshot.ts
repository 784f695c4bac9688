import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import ts from 'typescript';
import { MIGRATION_NAMES } from '../../db/migrations';
import { migrateTo } from './migrate-to';

/**
 * The schema the migrations build, as SQLite reports it — tables, their columns (in order: name, type, not null,
 * primary key, default) and indexes (their SQL, or what an automatic one covers) — and the tables and columns
 * db/schema/*.ts declares. db/schema/snapshot.json is the first, committed; tests/db/schema-snapshot.test.ts checks
 * the three agree. After adding a migration: `npx tsx scripts/schema-snapshot.ts`, then review the diff.
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SNAPSHOT_FILE = path.join(ROOT, 'db', 'schema', 'snapshot.json');
export const REGENERATE = 'npx tsx scripts/schema-snapshot.ts';

export interface SchemaSnapshot {
  /** The last migration the snapshot was taken after. */
  migration: string;
  tables: Record<string, { columns: string[]; indexes: string[] }>;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();

function describeSqlite(sqlite: BetterSqlite3.Database): SchemaSnapshot['tables'] {
  const tables = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`)
    .all() as { name: string }[];
  const out: SchemaSnapshot['tables'] = {};
  for (const { name } of tables) {
    const columns = (
      sqlite.prepare(`select * from pragma_table_info(?) order by cid`).all(name) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]
    ).map((c) =>
      [c.name, c.type.toLowerCase(), c.notnull ? 'not null' : '', c.pk ? `pk${c.pk}` : '', c.dflt_value == null ? '' : `default ${c.dflt_value}`]
        .filter(Boolean)
        .join(' '),
    );
    const indexes = (sqlite.prepare(`select * from pragma_index_list(?) order by name`).all(name) as { name: string; unique: number; origin: string }[]).map(
      (i) => {
        const sql = (sqlite.prepare(`select sql from sqlite_master where type = 'index' and name = ?`).get(i.name) as { sql: string | null } | undefined)?.sql;
        if (sql) return oneLine(sql);
        const cols = (sqlite.prepare(`select name from pragma_index_info(?) order by seqno`).all(i.name) as { name: string }[]).map((c) => c.name);
        return `${i.origin === 'pk' ? 'primary key' : 'unique'} (${cols.join(', ')})`;
      },
    );
    out[name] = { columns, indexes };
  }
  return out;
}

/** The schema after every migration of db/migrations/index.ts, on a fresh SQLite database. */
export async function migratedSchema(): Promise<SchemaSnapshot> {
  const last = MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!;
  const { sqlite, db } = await migrateTo(last);
  try {
    return { migration: last, tables: describeSqlite(sqlite) };
  } finally {
    await db.destroy();
  }
}

/** The tables of db/schema/index.ts's `Database` and, per table, its columns with whether the selected type admits null. */
export function declaredSchema(): Record<string, Record<string, { nullable: boolean }>> {
  const file = path.join(ROOT, 'db', 'schema', 'index.ts');
  const program = ts.createProgram([file], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const database = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!database) throw new Error('db/schema/index.ts has no interface Database');
  const out: Record<string, Record<string, { nullable: boolean }>> = {};
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(database))) {
    const cols: Record<string, { nullable: boolean }> = {};
    for (const col of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      let t = checker.getTypeOfSymbol(col);
      // Kysely's ColumnType<Select, Insert, Update> (Generated<T> included): what a select reads.
      const select = t.getProperty('__select__');
      if (select) t = checker.getTypeOfSymbol(select);
      const parts = t.isUnion() ? t.types : [t];
      cols[col.name] = { nullable: parts.some((p) => (p.flags & ts.TypeFlags.Null) !== 0) };
    }
    out[table.name] = cols;
  }
  return out;
}

/** Whether a snapshot column ("name type [not null] [pkN] [default …]") may hold null. */
const nullableColumn = (c: string) => !/ not null| pk\d/.test(c);
const columnName = (c: string) => c.split(' ')[0]!;

/** What differs between the schema the migrations build and the snapshot, one line per table, column or index. */
export function snapshotDrift(built: SchemaSnapshot, snapshot: SchemaSnapshot): string[] {
  const out: string[] = [];
  if (built.migration !== snapshot.migration) out.push(`migrations end at ${built.migration}, the snapshot was taken after ${snapshot.migration}`);
  for (const t of Object.keys(built.tables)) if (!snapshot.tables[t]) out.push(`table ${t}: built, not in the snapshot`);
  for (const t of Object.keys(snapshot.tables)) if (!built.tables[t]) out.push(`table ${t}: in the snapshot, not built`);
  for (const [t, shape] of Object.entries(built.tables)) {
    const was = snapshot.tables[t];
    if (!was) continue;
    for (const kind of ['columns', 'indexes'] as const) {
      for (const x of shape[kind]) if (!was[kind].includes(x)) out.push(`${t}: + ${x}`);
      for (const x of was[kind]) if (!shape[kind].includes(x)) out.push(`${t}: - ${x}`);
    }
    if (shape.columns.join() !== was.columns.join() && out.length === 0) out.push(`${t}: columns in another order`);
  }
  return out;
}

/** What differs between the tables and columns the migrations build and those db/schema/*.ts declares. */
export function typesDrift(tables: SchemaSnapshot['tables'], declared: Record<string, Record<string, { nullable: boolean }>>): string[] {
  const out: string[] = [];
  for (const t of Object.keys(tables)) if (!declared[t]) out.push(`table ${t}: built by the migrations, not in the Database interface`);
  for (const t of Object.keys(declared)) if (!tables[t]) out.push(`table ${t}: in the Database interface, built by no migration`);
  for (const [t, { columns }] of Object.entries(tables)) {
    const types = declared[t];
    if (!types) continue;
    for (const c of columns) {
      const name = columnName(c);
      const type = types[name];
      if (!type) out.push(`${t}.${name}: in the database, not declared`);
      else if (type.nullable !== nullableColumn(c))
        out.push(`${t}.${name}: the database ${nullableColumn(c) ? 'allows' : 'refuses'} null, the type ${type.nullable ? 'allows' : 'refuses'} it`);
    }
    for (const name of Object.keys(types)) if (!columns.some((c) => columnName(c) === name)) out.push(`${t}.${name}: declared, not in the database`);
  }
  return out;
}
