import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dataStamp, isBusyError, openPostgres, parseStoreLocation, writeTransaction, type PostgresConnection } from '../../db/connection';
import { appliedMigrations, migrateToLatest } from '../../db/migrate';
import { MIGRATION_NAMES } from '../../db/migrations';
import { openDatabase } from '../../db/connection';
import { cachedRead } from '../../electron/core/cache';
import { headlessPlatform } from '../../electron/core';
import { createTestCore, ok, peek, tempDir } from './helpers';
import { emptyPostgresStore, TEST_SERVER } from './engines';
import pg from 'pg';
import { WRITE_LOCK_KEY } from '../../db/postgres';
import { engineOf } from '../../db/engine';
import { VOTER_COLUMNS } from '../../db/queries/budgeting';
import { storeOptions } from './helpers';

/** What only PostgreSQL needs proving: the store opens from a URL, migrates once, sorts and counts like SQLite, and shares its writes between processes. */

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function open(database: string, pglite?: import('@electric-sql/pglite').PGlite): Promise<PostgresConnection> {
  return openPostgres(parseStoreLocation(database) as never, { pglite });
}

describe('PostgreSQL store', () => {
  it('has the same tables, columns and nullability as SQLite after the migrations; integers are 64-bit and reals double', async () => {
    const store = await emptyPostgresStore();
    const conn = await open(store.database, store.pglite);
    const sqliteFile = path.join(tempDir(), 'x.db');
    const lite = openDatabase(sqliteFile);
    try {
      await migrateToLatest(conn);
      await migrateToLatest(lite);
      const pgCols = (await peekCols(conn)).filter((c) => !c.table.startsWith('kysely_')).map((c) => `${c.table}.${c.column} ${c.type} ${c.nullable}`);
      const sqliteCols = (
        lite.sqlite
          .prepare(
            `select m.name as t, p.name as c, p.type as type, p."notnull" as nn, p.pk as pk from sqlite_master m, pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and m.name not like 'kysely_%' order by m.name, p.name`,
          )
          .all() as { t: string; c: string; type: string; nn: number; pk: number }[]
      ).map(
        (c) =>
          `${c.t}.${c.c} ${({ integer: 'bigint', real: 'double precision', text: 'text', blob: 'bytea' } as Record<string, string>)[c.type.toLowerCase()] ?? c.type} ${c.nn || c.pk ? 'NO' : 'YES'}`,
      );
      expect(pgCols).toEqual(sqliteCols);
      const indexes = await conn.db
        .selectFrom('pg_indexes' as never)
        .select('indexname' as never)
        .where('schemaname' as never, '=', 'public' as never)
        .execute();
      const names = new Set(indexes.map((i) => (i as { indexname: string }).indexname));
      for (const partial of ['commitments_code', 'risks_code', 'users_username_nocase']) expect(names.has(partial), partial).toBe(true);
    } finally {
      await conn.close();
      await lite.close();
      await store.drop();
    }
  });

  it('appendRows sends its rows as a COPY: texts with a backslash, tab, newline or \\N come back as sent; a row the server refuses fails the transaction with its error, nothing written, and the connection goes on', async () => {
    const store = await emptyPostgresStore();
    const conn = await open(store.database, store.pglite);
    const cols = VOTER_COLUMNS;
    const keys = ['a\\b', 't\tn\nr\r', '\\N', 'ș"\u00a0', ''];
    try {
      await migrateToLatest(conn);
      await conn.db
        .transaction()
        .execute((trx) =>
          engineOf(trx).appendRows(
            trx,
            'budgeting_vote_voters',
            cols,
            [7, Int32Array.of(1, 2, 3, 4, 5), keys, [null, 'x', null, 'y', null], ['1', '2,3', '', '4', '5'], [null, null, '["\\t"]', null, null]],
            5,
          ),
        );
      const rows = await conn.db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw('select campaign_no, voter_no, voter_key, voted_at, proposals, vote_times from budgeting_vote_voters order by voter_no'),
      );
      expect(rows.rows).toEqual([
        { campaign_no: 7, voter_no: 1, voter_key: 'a\\b', voted_at: null, proposals: '1', vote_times: null },
        { campaign_no: 7, voter_no: 2, voter_key: 't\tn\nr\r', voted_at: 'x', proposals: '2,3', vote_times: null },
        { campaign_no: 7, voter_no: 3, voter_key: '\\N', voted_at: null, proposals: '', vote_times: '["\\t"]' },
        { campaign_no: 7, voter_no: 4, voter_key: 'ș"\u00a0', voted_at: 'y', proposals: '4', vote_times: null },
        { campaign_no: 7, voter_no: 5, voter_key: '', voted_at: null, proposals: '5', vote_times: null },
      ]);
      // proposals is NOT NULL: the COPY fails with the server's error (23502), the transaction rolls back whole.
      const refused = conn.db.transaction().execute(async (trx) => {
        await engineOf(trx).appendRows(trx, 'budgeting_vote_voters', cols, [8, [1], ['k'], [null], ['1'], [null]], 1);
        await engineOf(trx).appendRows(trx, 'budgeting_vote_voters', cols, [8, [2, 3], ['k2', 'k3'], [null, null], ['1', null], [null, null]], 2);
      });
      await expect(refused).rejects.toMatchObject({ code: '23502' });
      const after = await conn.db.executeQuery<{ n: number }>(CompiledQuery.raw('select count(*) as n from budgeting_vote_voters'));
      expect(after.rows).toEqual([{ n: 5 }]);
    } finally {
      await conn.close();
      await store.drop();
    }
  });

  it('two servers starting on one empty database migrate it once; both then open it', async () => {
    const store = await emptyPostgresStore();
    // PGlite lives in this process: both "servers" share its one engine, as two processes share a server.
    const [a, b] = await Promise.all([open(store.database, store.pglite), open(store.database, store.pglite)]);
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect([...ra.applied, ...rb.applied].sort()).toEqual([...MIGRATION_NAMES].sort());
      expect(await appliedMigrations(a)).toEqual([...MIGRATION_NAMES]);
    } finally {
      await a.close();
      await b.close();
      await store.drop();
    }
  });

  it('a write by another connection moves the cache stamp, so a cached read is computed again; inside a transaction nothing is cached', async () => {
    const dataDir = tempDir();
    const core = await createTestCore({ dataDir, platform: headlessPlatform('cli') });
    try {
      const { database, pglite } = await (await import('./helpers')).storeOptions(dataDir);
      const reader = await open(database!, pglite);
      const writer = await open(database!, pglite);
      try {
        let computed = 0;
        const users = () => cachedRead(reader.db, 'users', async () => (computed++, (await reader.db.selectFrom('users').select('id').execute()).length));
        expect(await users()).toBe(await users());
        expect(computed).toBe(1);
        await ok(core, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'member', password: 'parola-sigura-123', active: true });
        const after = await users();
        expect(computed).toBe(2);
        expect(after).toBe(1);
        await writeTransaction(writer.db, async (trx) => expect(await dataStamp(trx)).toBeNull());
      } finally {
        await reader.close();
        await writer.close();
      }
    } finally {
      await core.close();
    }
  });

  it('two saves of one record at once: one wins, the other gets CONFLICT and writes nothing (the write lock serialises them)', async () => {
    const dataDir = tempDir();
    const a = await createTestCore({ dataDir, platform: headlessPlatform('cli') });
    const b = await createTestCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
    try {
      const sys = { sessionId: null, system: true };
      const c = (await ok(a, 'plan.listCommitments', {}, sys))[0]!;
      const save = (core: typeof a, title: string) => core.call('plan.saveCommitment', { id: c.id, expectedUpdatedAt: c.updatedAt, code: c.code, title }, sys);
      const results = await Promise.all([save(a, 'Titlu A'), save(b, 'Titlu B')]);
      expect(
        results.filter((r) => r.ok),
        JSON.stringify(results),
      ).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
      const audit = await peek<{ n: number }>(
        dataDir,
        `select count(*) as n from audit_log where entity = 'commitment' and entity_id = ? and action = 'update'`,
        c.id,
      );
      expect(audit[0]!.n).toBe(1);
    } finally {
      await b.close();
      await a.close();
    }
  });

  // Another process holding the write lock needs a second connection to a server (PGlite in this process has one).
  if (!TEST_SERVER) console.warn('engine.postgres: the write-lock wait case needs PLA_DESK_TEST_POSTGRES (a server); not run on PGlite');
  if (TEST_SERVER)
    it("a save that waited for another process's write lock leaves its connection usable: every later call answers", async () => {
      const dataDir = tempDir();
      const core = await createTestCore({ dataDir, platform: headlessPlatform('cli') });
      const other = new pg.Client({ connectionString: (await storeOptions(dataDir)).database });
      await other.connect();
      try {
        const sys = { sessionId: null, system: true };
        // Another writer (an import in another server process) holds the write lock for a while.
        await other.query('begin');
        await other.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        const saving = core.call(
          'risks.save',
          { description: 'Întârzieri în publicarea datelor', category: 'operational', inherentProbability: 3, inherentImpact: 4 },
          sys,
        );
        await new Promise((r) => setTimeout(r, 600));
        await other.query('commit');
        const saved = await saving;
        expect(saved.ok, JSON.stringify(saved)).toBe(true);
        // Each of the pool's connections is used again: none was left inside the transaction whose lock wait ran out.
        const later = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            i % 3
              ? core.call('risks.list', {}, sys)
              : core.call('risks.save', { description: `Risc ${i}`, category: 'operational', inherentProbability: 1, inherentImpact: 1 }, sys),
          ),
        );
        expect(later.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual([]);
        expect(await peek<{ n: number }>(dataDir, 'select count(*) as n from risks')).toEqual([{ n: 11 }]);
      } finally {
        await other.end();
        await core.close();
      }
    });

  if (TEST_SERVER)
    it('a save waiting for the write lock gets it before a writer that came after it (it waits its turn, it does not poll)', async () => {
      const dataDir = tempDir();
      const core = await createTestCore({ dataDir, platform: headlessPlatform('cli') });
      const url = (await storeOptions(dataDir)).database;
      const [importer, later] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
      await importer.connect();
      await later.connect();
      try {
        const sys = { sessionId: null, system: true };
        // An import in another server process holds the write lock for a while …
        await importer.query('begin');
        await importer.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        // … a user saves meanwhile …
        const saving = core.call(
          'risks.save',
          { description: 'Salvat în timpul importului', category: 'operational', inherentProbability: 3, inherentImpact: 4 },
          sys,
        );
        await new Promise((r) => setTimeout(r, 400));
        // … and another writer comes after the user, while the import still runs.
        await later.query('begin');
        const laterGotIt = later
          .query('select pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY])
          .then(() => later.query<{ n: number }>("select count(*)::int as n from risks where description = 'Salvat în timpul importului'"));
        await new Promise((r) => setTimeout(r, 400));
        await importer.query('commit');
        // The user's save was first in line: by the time the later writer holds the lock, it is committed.
        expect((await laterGotIt).rows[0]!.n).toBe(1);
        await later.query('commit');
        const saved = await saving;
        expect(saved.ok, JSON.stringify(saved)).toBe(true);
      } finally {
        await importer.end();
        await later.end();
        await core.close();
      }
    });

  it('a writer that cannot get its turn within its deadline fails as busy, having written nothing, and the writers behind it go on', async () => {
    const store = await emptyPostgresStore();
    const conn = await open(store.database, store.pglite);
    try {
      await migrateToLatest(conn);
      const at = '2026-01-01T00:00:00.000Z';
      const put = (key: string) => (trx: Parameters<Parameters<typeof writeTransaction>[1]>[0]) =>
        trx.insertInto('settings').values({ key, value: key, updated_at: at, updated_by: null }).execute();
      let finishLong!: () => void;
      const long = writeTransaction(conn.db, async (trx) => {
        await put('long')(trx);
        await new Promise<void>((r) => (finishLong = r));
      });
      await new Promise((r) => setTimeout(r, 100));
      const impatient = writeTransaction(conn.db, put('impatient'), { deadlineMs: 300 });
      const patient = writeTransaction(conn.db, put('patient'));
      const refused = await impatient.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isBusyError(refused), String(refused)).toBe(true);
      finishLong();
      await Promise.all([long, patient]);
      const keys = (await conn.db.selectFrom('settings').select('key').where('key', 'in', ['long', 'impatient', 'patient']).orderBy('key').execute()).map(
        (r) => r.key,
      );
      expect(keys).toEqual(['long', 'patient']);
    } finally {
      await conn.close();
      await store.drop();
    }
  });

  it('the CLI works on a PostgreSQL store with --database or PLA_DESK_DATABASE, with or without --data-dir', async () => {
    const store = TEST_SERVER ? await emptyPostgresStore() : null;
    const database = store ? store.database : `pglite:${path.join(tempDir(), 'pg')}`;
    try {
      const work = tempDir();
      const init = cli(['init', '--database', database, '--data-dir', work]);
      expect(init.code, init.err).toBe(0);
      expect(init.out).toContain('4 angajamente');
      const out = path.join(tempDir(), 'plan.xlsx');
      const exported = cli(['plan', 'export', '--out', out, '--data-dir', work], { PLA_DESK_DATABASE: database });
      expect(exported.code, exported.err).toBe(0);
      expect(fs.statSync(out).size).toBeGreaterThan(1000);
      // Nothing of the store is in the data folder: it holds only this computer's files.
      expect(fs.existsSync(path.join(work, 'pla-desk.db'))).toBe(false);
    } finally {
      await store?.drop();
    }
  }, 400_000);
});

async function peekCols(conn: PostgresConnection) {
  const rows = await conn.db
    .selectFrom('information_schema.columns' as never)
    .select(['table_name as table', 'column_name as column', 'data_type as type', 'is_nullable as nullable'] as never)
    .where('table_schema' as never, '=', 'public' as never)
    .orderBy('table_name' as never)
    .orderBy('column_name' as never)
    .execute();
  return rows as unknown as { table: string; column: string; type: string; nullable: string }[];
}

describe('PGlite in a folder (pglite:DIR)', () => {
  it('every store this process opens on one folder is one database (the CLI run by a process that has it open), and the folder closes with the last', async () => {
    const dir = path.join(tempDir(), 'echipa');
    const rows = async (conn: PostgresConnection) => (await conn.db.executeQuery<{ x: number }>(CompiledQuery.raw('select x from notes order by x'))).rows;
    const app = await open(`pglite:${dir}`);
    await app.db.executeQuery(CompiledQuery.raw('create table notes (x integer)'));
    await app.db.executeQuery(CompiledQuery.raw('insert into notes (x) values (1)'));
    const cli = await open(`pglite:${dir}`);
    expect(await rows(cli)).toEqual([{ x: 1 }]);
    await cli.db.executeQuery(CompiledQuery.raw('insert into notes (x) values (2)'));
    await cli.close();
    expect(await rows(app)).toEqual([{ x: 1 }, { x: 2 }]); // still open for the app after the CLI's store closed
    await app.close();
    const again = await open(`pglite:${dir}`);
    try {
      expect(await rows(again)).toEqual([{ x: 1 }, { x: 2 }]);
    } finally {
      await again.close();
    }
  });
});
