import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { attachmentPath } from '../../db/attachment-store';
import { buildScaledPlan } from './plan-fixture';

/**
 * `db copy` of the ×100 plan (issue 13): rows per second and peak memory of the copying process, each direction
 * in its own process. SQLite → SQLite always; SQLite → PostgreSQL → SQLite on the server named by
 * PLA_DESK_TEST_POSTGRES (a URL whose role may create databases), else on PGlite. Peak memory must stay bounded:
 * the copy reads a page of 1,000 rows at a time and streams evidence files in 256 KiB chunks.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCALE = 100;
const FILES = 40;
const FILE_BYTES = 512 * 1024;

interface Run {
  rows: number;
  files: number;
  bytes: number;
  ms: number;
  baseRssMb: number;
  peakRssMb: number;
}

function copyIn(from: string, to: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'db-copy-child.ts'), from, to], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Run) : reject(new Error(`db copy ${from} → ${to} exited with ${code}\n${err}`)),
    );
  });
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export async function benchDbCopy() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-copy-'));
  const server = process.env.PLA_DESK_TEST_POSTGRES;
  const dbName = `pgdata_bench_${crypto.randomBytes(4).toString('hex')}`;
  try {
    const src = path.join(root, 'x100');
    fs.mkdirSync(src);
    const counts = await buildScaledPlan(path.join(src, 'pla-desk.db'), SCALE);
    for (let i = 0; i < FILES; i++) {
      const bytes = crypto.randomBytes(FILE_BYTES);
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      fs.mkdirSync(path.dirname(attachmentPath(src, sha)), { recursive: true });
      fs.writeFileSync(attachmentPath(src, sha), bytes);
    }
    let pgUrl: string;
    if (server) {
      const c = new pg.Client(server);
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
      const u = new URL(server);
      u.pathname = `/${dbName}`;
      pgUrl = u.toString();
    } else {
      pgUrl = `pglite:${path.join(root, 'pglite')}`;
    }
    const engine = server ? 'PostgreSQL server' : 'PGlite';
    const runs: Array<[string, Run]> = [];
    runs.push(['SQLite → SQLite (baseline)', await copyIn(`sqlite:${src}`, `sqlite:${path.join(root, 'copy')}`)]);
    runs.push([`SQLite → ${engine}`, await copyIn(`sqlite:${src}`, pgUrl)]);
    runs.push([`${engine} → SQLite`, await copyIn(pgUrl, `sqlite:${path.join(root, 'back')}`)]);
    console.log(
      `\ndb copy of the plan ×${SCALE} (${fmt(counts.measurements)} measurements, ${fmt(counts.progressUpdates)} progress updates) + ${FILES} evidence files of ${FILE_BYTES / 1024} KiB; each copy in its own process, RSS sampled every 20 ms`,
    );
    const w = [30, 10, 8, 10, 14, 14];
    const row = (cells: string[]) => console.log(`  ${cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' ')}`);
    row(['direction', 'rows', 'time s', 'rows/s', 'RSS start MB', 'RSS peak MB']);
    for (const [name, r] of runs) row([name, fmt(r.rows), fmt(r.ms / 1000, 2), fmt(r.rows / (r.ms / 1000)), fmt(r.baseRssMb, 0), fmt(r.peakRssMb, 0)]);
  } finally {
    if (server) {
      const c = new pg.Client(server);
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await c.end();
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchDbCopy().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
