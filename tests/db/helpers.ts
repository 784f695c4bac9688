import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { MethodName, OutputOf, InputOf, Result, Role } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform, type Connection, type Core } from '../../electron/core';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(prefix = 'pla-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function freshCore(opts: { now?: () => Date; dataDir?: string; seed?: boolean } = {}) {
  const dataDir = opts.dataDir ?? tempDir();
  const core = await createCore({ dataDir, platform: headlessPlatform('browser'), now: opts.now, seed: opts.seed });
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

/** Reads the database file directly (a second connection), to prove what was or was not written. */
export function peek<T = Record<string, unknown>>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(dbPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export const count = (dataDir: string, table: string, where = '1=1') =>
  Number((peek<{ n: number }>(dataDir, `select count(*) as n from ${table} where ${where}`)[0] as { n: number }).n);

/** Snapshot of every table's row count: equal before and after means nothing was written. */
export function snapshot(dataDir: string): Record<string, number> {
  const tables = peek<{ name: string }>(dataDir, `select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name`);
  return Object.fromEntries(tables.map((t) => [t.name, count(dataDir, t.name)]));
}
