import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, afterEach } from 'vitest';
import type { MethodName, OutputOf, InputOf, Result, Role } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform, type Connection, type Core, type CoreOptions } from '../../electron/core';
import { openDatabase, type Db } from '../../db/connection';
import { ballotProposals } from '../../db/queries/budgeting';
import { closeEngines, freshPostgresStore, TEST_ENGINE, type TestStore } from './engines';

export { TEST_ENGINE } from './engines';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(prefix = 'pla-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

afterAll(closeEngines);

/** On the PostgreSQL tier, the store behind each data folder a test made (a reopened folder finds its store again). */
const stores = new Map<string, TestStore>();

/** The `database`/`pglite` options that put a core on this tier's engine: nothing on SQLite, a fresh (or the folder's) PostgreSQL database. */
export async function storeOptions(dataDir: string): Promise<Pick<CoreOptions, 'database' | 'pglite'>> {
  if (TEST_ENGINE === 'sqlite') return {};
  const key = path.resolve(dataDir);
  let store = stores.get(key);
  if (!store) {
    const s = (store = await freshPostgresStore());
    stores.set(key, s);
    // The CLI a test runs with `--data-dir` on this folder (its main() here, or a child process) works on the same database.
    const env = process.env.PLA_DESK_DATABASE;
    process.env.PLA_DESK_DATABASE = s.database;
    cleanups.unshift(async () => {
      stores.delete(key);
      if (env === undefined) delete process.env.PLA_DESK_DATABASE;
      else process.env.PLA_DESK_DATABASE = env;
      await s.drop();
    });
  }
  return { database: store.database, pglite: store.pglite };
}

/** createCore on this tier's engine: the data folder's SQLite file, or its PostgreSQL database. */
export async function createTestCore(options: CoreOptions): Promise<Core> {
  return createCore({ ...options, ...(await storeOptions(options.dataDir)) });
}

export async function freshCore(opts: { now?: () => Date; dataDir?: string; seed?: boolean } = {}) {
  const dataDir = opts.dataDir ?? tempDir();
  const core = await createTestCore({ dataDir, platform: headlessPlatform('browser'), now: opts.now, seed: opts.seed });
  cleanups.push(() => core.close());
  return { core, dataDir };
}

export const SYSTEM: Connection = { sessionId: null, system: true };

/** A typed call that fails the test on an error result. */
export async function ok<K extends MethodName>(core: Core, method: K, input: InputOf<K>, conn: Connection = SYSTEM): Promise<OutputOf<K>> {
  const r = (await core.call(method, input, conn)) as Result<OutputOf<K>>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export async function call<K extends MethodName>(core: Core, method: K, input: InputOf<K> | unknown, conn: Connection = SYSTEM) {
  return (await core.call(method, input, conn)) as Result<OutputOf<K>>;
}

let n = 0;
/** Creates a user with the role and returns a signed-in connection. */
export async function signIn(core: Core, role: Role = 'coordinator'): Promise<Connection & { userId: string }> {
  const username = `${role}${++n}`;
  const user = await ok(core, 'admin.saveUser', { username, displayName: `Test ${role}`, role, password: 'parola-sigura-123', active: true });
  const conn: Connection = { sessionId: null };
  const r = await core.call('admin.login', { username, password: 'parola-sigura-123' }, conn);
  if (!r.ok) throw new Error('login failed');
  return Object.assign(conn, { userId: user.id });
}

/** SQLite's `?` placeholders as PostgreSQL's `$1, $2, …` (the tests' SQL is written once, for both). */
const numbered = (text: string) => {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
};

/** The PostgreSQL store a test opened for this folder; none for a folder the test gave a SQLite file (the CLI's). */
const pgStore = (dataDir: string): TestStore | null => stores.get(path.resolve(dataDir)) ?? null;

/** Reads the store directly (a second connection), to prove what was or was not written. */
export async function peek<T = Record<string, unknown>>(dataDir: string, text: string, ...params: unknown[]): Promise<T[]> {
  const store = pgStore(dataDir);
  if (store) return store.look(async (db) => (await db.executeQuery<T>(CompiledQuery.raw(numbered(text), params))).rows);
  const db = new BetterSqlite3(dbPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(text).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A stored vote as the tests read it back (storedVotes). */
export interface StoredVote {
  campaign_id: string;
  voter_no: number;
  voter_key: string;
  proposal_no: number;
  proposal_id: string;
  code: string;
  zone: string | null;
  /** The vote's own time, else its voter's; null when neither. */
  voted_at: string | null;
}

/**
 * Every stored vote, unpacked from the voters' ballots (migration 0022: a row per voter, the proposal numbers joined by
 * commas, each vote's own time in a JSON array where any differs), ordered by campaign, voter number and proposal number.
 */
export async function storedVotes(dataDir: string): Promise<StoredVote[]> {
  const voters = await peek<{
    campaign_no: number;
    campaign_id: string;
    voter_no: number;
    voter_key: string;
    voted_at: string | null;
    proposals: string;
    vote_times: string | null;
  }>(
    dataDir,
    `select w.campaign_no, k.campaign_id, w.voter_no, w.voter_key, w.voted_at, w.proposals, w.vote_times
     from budgeting_vote_voters w join budgeting_vote_campaigns k on k.campaign_no = w.campaign_no`,
  );
  const proposals = await peek<{ campaign_no: number; proposal_no: number; proposal_id: string; code: string; zone: string | null }>(
    dataDir,
    `select p.campaign_no, p.proposal_no, p.proposal_id, b.code, z.code as zone from budgeting_vote_proposals p
     join budgeting_proposals b on b.id = p.proposal_id left join budgeting_zones z on z.id = b.zone_id`,
  );
  const proposal = new Map(proposals.map((p) => [`${p.campaign_no}:${p.proposal_no}`, p]));
  const out: StoredVote[] = [];
  for (const w of voters) {
    const times = w.vote_times ? (JSON.parse(w.vote_times) as Array<string | null>) : [];
    ballotProposals(w.proposals).forEach((n, i) => {
      const p = proposal.get(`${w.campaign_no}:${n}`)!;
      const at = times[i] ?? w.voted_at;
      out.push({
        campaign_id: w.campaign_id,
        voter_no: Number(w.voter_no),
        voter_key: w.voter_key,
        proposal_no: Number(n),
        proposal_id: p.proposal_id,
        code: p.code,
        zone: p.zone,
        voted_at: at === '' ? null : at,
      });
    });
  }
  return out.sort((a, b) => a.campaign_id.localeCompare(b.campaign_id) || a.voter_no - b.voter_no || a.proposal_no - b.proposal_no);
}

/** Runs `fn` with a Kysely handle on the folder's store: the test's PostgreSQL database, else a read-only SQLite file. */
export async function withStoreDb<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const store = pgStore(dataDir);
  if (store) return store.look(fn);
  const conn = openDatabase(dbPath(dataDir), { readonly: true });
  try {
    return await fn(conn.db);
  } finally {
    await conn.close();
  }
}

/** The plan of a query on this engine. PostgreSQL is asked for it without a whole-table read or a sort when it has a way around them. */
export async function planOf(db: Db, query: CompiledQuery): Promise<string> {
  if (TEST_ENGINE === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail).join('\n');
  }
  // A fresh table is small enough that PostgreSQL would rather read it whole and sort it.
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

/** Writes to the store directly (a second connection), the way a row may have been left by any screen or import. */
export async function poke(dataDir: string, text: string, ...params: unknown[]): Promise<void> {
  const store = pgStore(dataDir);
  if (store) {
    await store.look((db) => db.executeQuery(CompiledQuery.raw(numbered(text), params)));
    return;
  }
  const db = new BetterSqlite3(dbPath(dataDir), { fileMustExist: true });
  try {
    db.prepare(text).run(...params);
  } finally {
    db.close();
  }
}

export const count = async (dataDir: string, table: string, where = '1=1') =>
  Number(((await peek<{ n: number }>(dataDir, `select count(*) as n from ${table} where ${where}`))[0] as { n: number }).n);

/** Snapshot of every table's row count: equal before and after means nothing was written. */
export async function snapshot(dataDir: string): Promise<Record<string, number>> {
  const store = pgStore(dataDir);
  if (!store) {
    const tables = await peek<{ name: string }>(dataDir, `select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = await count(dataDir, t.name);
    return counts;
  }
  // One connection for every count: on PGlite a look opens the folder when the test's core is closed.
  return store.look(async (db) => {
    const run = async <T>(text: string) => (await db.executeQuery<T>(CompiledQuery.raw(text))).rows;
    const tables = await run<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    );
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number((await run<{ n: number }>(`select count(*) as n from ${t.name}`))[0]!.n);
    return counts;
  });
}

/** A small public dataset for the inventory (parking places), as a member records it: ready for an import. */
export const PARKING_DATASET = {
  name: 'Parcări publice',
  slug: 'parcari',
  holderInstitution: 'Primăria Municipiului Timișoara',
  description: 'Locurile de parcare publice, pe piețe.',
  legalBasis: 'Legea 179/2022',
  containsPersonalData: false,
  format: 'CSV',
  updateFrequency: 'monthly',
  publicationStatus: 'identified',
  scoreValue: 3,
  scoreDemand: 3,
  scoreReadiness: 3,
  scoreRisk: 1,
} as const;
