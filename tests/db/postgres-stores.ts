import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { attachmentPath } from '../../db/attachment-store';
import type { StoreLocation } from '../../db/connection';
import { peek, tempDir } from './helpers';

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

/** An evidence file's content as the store keeps it: rows of attachment_blobs (PostgreSQL), else the data folder's file. */
export async function evidenceBytes(dataDir: string, sha256: string): Promise<Buffer> {
  const rows = await peek<{ data: Uint8Array }>(dataDir, 'select data from attachment_blobs where sha256 = ? order by seq', sha256);
  if (rows.length) return Buffer.concat(rows.map((r) => Buffer.from(r.data)));
  return fs.readFileSync(attachmentPath(dataDir, sha256));
}

/** How many evidence files the store holds (database rows or data folder files). */
export async function evidenceCount(dataDir: string): Promise<number> {
  const [r] = await peek<{ n: number }>(dataDir, 'select count(distinct sha256) as n from attachment_blobs');
  const dir = path.join(dataDir, 'attachments');
  const onDisk = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  return Number(r.n) + onDisk;
}

/**
 * A dataset file's content (`rel` under the data folder, e.g. datasets/<id>/imports/<id>/source.csv) as the store
 * keeps it: data_files naming rows of attachment_blobs (PostgreSQL), else the data folder's file.
 */
export async function dataFileBytes(dataDir: string, rel: string): Promise<Buffer> {
  const rows = await peek<{ data: Uint8Array }>(
    dataDir,
    'select b.data from data_files f join attachment_blobs b on b.sha256 = f.sha256 where f.path = ? order by b.seq',
    rel,
  );
  if (rows.length) return Buffer.concat(rows.map((r) => Buffer.from(r.data)));
  return fs.readFileSync(path.join(dataDir, ...rel.split('/')));
}
