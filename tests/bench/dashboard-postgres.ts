/**
 * Issue 13 ("Performance"): the dashboards at ×100 scale (issue 2's bench, run.ts (a)) on PostgreSQL, beside
 * SQLite's in the same run. The ×100 plan (buildScaledPlan) is copied with `db copy` (copyStore) into a fresh
 * database on the server at PLA_DESK_TEST_POSTGRES (dropped afterwards); each engine's core answers
 * plan.dashboard as every transport calls it. Target: PostgreSQL's p95 within 2× of SQLite's. Nothing asserted.
 *
 * `PLA_DESK_TEST_POSTGRES=postgres://… npx tsx tests/bench/dashboard-postgres.ts` runs it alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseStoreLocation } from '../../db/connection';
import { copyStore } from '../../db/transfer';
import { createCore, headlessPlatform } from '../../electron/core';
import { BENCH_TODAY, buildScaledPlan } from './plan-fixture';

const SCALE = 100;
const WARMUP = 3;
const RUNS = 30;
const MAX_RATIO = 2;

const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export interface DashboardTimes {
  p50: number;
  p95: number;
  max: number;
}

/** plan.dashboard through core on one store (no seed: the fixture is the plan), RUNS runs after WARMUP. */
export async function timeDashboardOn(dataDir: string, database?: string): Promise<DashboardTimes> {
  const core = await createCore({ dataDir, database, platform: headlessPlatform('cli'), seed: false });
  const system = { sessionId: null, system: true };
  try {
    const once = async () => {
      const r = await core.call('plan.dashboard', { today: BENCH_TODAY }, system);
      if (!r.ok) throw new Error(r.error.message);
    };
    for (let i = 0; i < WARMUP; i++) await once();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await once();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1] };
  } finally {
    await core.close();
  }
}

/**
 * `file`: the ×100 plan's SQLite database; `sqlite`: its dashboard times measured in this run (timed here when not
 * given). Prints nothing but a note when PLA_DESK_TEST_POSTGRES is unset.
 */
export async function benchDashboardPostgres(file?: string, sqlite?: DashboardTimes): Promise<void> {
  const server = process.env.PLA_DESK_TEST_POSTGRES;
  if (!server) {
    console.log('    dashboard ×100 on PostgreSQL: not run (set PLA_DESK_TEST_POSTGRES to a server URL whose role may create databases)\n');
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-dash-pg-'));
  const name = `pla_bench_dash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  try {
    const src = path.join(root, 'x100');
    fs.mkdirSync(src);
    if (file) fs.copyFileSync(file, path.join(src, 'pla-desk.db'));
    else await buildScaledPlan(path.join(src, 'pla-desk.db'), SCALE);
    const base = sqlite ?? (await timeDashboardOn(copyDir(src, path.join(root, 'sqlite'))));
    await admin(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    const t0 = performance.now();
    await copyStore({ from: parseStoreLocation(`sqlite:${src}`), to: parseStoreLocation(u.toString()), force: true });
    const copyS = (performance.now() - t0) / 1000;
    const load = os.loadavg()[0];
    const onPg = await timeDashboardOn(path.join(root, 'pg-work'), u.toString());
    const ratio = onPg.p95 / base.p95;
    console.log(
      `    dashboard ×${SCALE} on PostgreSQL (copied in by db copy in ${fmt(copyS, 1)} s): core.call('plan.dashboard'), ${RUNS} runs after ${WARMUP} warm-up (ms), load avg ${fmt(load, 1)}`,
    );
    const rows = [
      ['engine', 'p50', 'p95', 'max'],
      ['SQLite (baseline)', fmt(base.p50), fmt(base.p95), fmt(base.max)],
      ['PostgreSQL', fmt(onPg.p50), fmt(onPg.p95), fmt(onPg.max)],
      ['ratio PostgreSQL/SQLite', fmt(onPg.p50 / base.p50, 1), fmt(ratio, 1), fmt(onPg.max / base.max, 1)],
    ];
    for (const r of rows)
      console.log(
        `    ${r[0].padEnd(24)} ${r
          .slice(1)
          .map((c) => c.padStart(8))
          .join('  ')}`,
      );
    console.log(`    target PostgreSQL p95 within ${MAX_RATIO}× of SQLite's: ${ratio <= MAX_RATIO ? 'PASS' : 'FAIL'} (${fmt(ratio, 2)}×)\n`);
  } finally {
    await admin(`drop database if exists "${name}" with (force)`).catch(() => {});
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** A copy of a data folder (the SQLite baseline is timed on its own copy: core migrates what it opens). */
function copyDir(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchDashboardPostgres().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
