import crypto from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import type { StoreLocation } from '../../db/connection';
import { tempDir } from './helpers';

/**
 * A throwaway PostgreSQL store for a test: with PLA_DESK_TEST_POSTGRES set (a URL whose role may create
 * databases, e.g. postgres://pla:…@127.0.0.1/postgres), a fresh database `pgdata_<random>` on that server,
 * dropped after the test; without it, PGlite (the same engine in this process) in a temporary folder.
 */
const server = process.env.PLA_DESK_TEST_POSTGRES;
export const postgresTier = server ? 'PostgreSQL server' : 'PGlite';

const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (drops.length) await drops.pop()!();
});

export async function freshPostgresStore(): Promise<StoreLocation> {
  if (!server) return { engine: 'pglite', dir: tempDir('pla-pglite-') };
  const name = `pgdata_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(server);
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  drops.push(async () => {
    const c = new pg.Client(server);
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  });
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { engine: 'postgres', url: u.toString() };
}

/** The location as the CLI takes it (`--to`, `--database`). */
export const locationArg = (loc: StoreLocation) => (loc.engine === 'postgres' ? loc.url : loc.engine === 'pglite' ? `pglite:${loc.dir}` : `sqlite:${loc.dir}`);
