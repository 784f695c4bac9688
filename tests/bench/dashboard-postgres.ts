/**
 * Issue 13 ("Performance"): the dashboards at ×100 scale (issue 2's bench, run.ts (a)) on PostgreSQL, beside
 * SQLite's in the same run. The ×100 plan (buildScaledPlan) is copied with `db copy` (copyStore) into a fresh
 * database on the server at PLA_DESK_TEST_POSTGRES (dropped afterwards); each engine's core answers
 * plan.dashboard as every transport calls it, computed (a day the cache does not hold) and cached. Target: PostgreSQL's
 * p95 within 2× of SQLite's for the computed dashboard (a cache hit is one round trip against an in-process read). Nothing asserted.
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

/**
 * plan.dashboard through core on one store (no seed: the fixture is the plan), RUNS runs after WARMUP. The dashboard
 * is kept until the data stamp moves (core/cache.ts), so the same call again is a cache hit: SQLite reads its stamp
 * in process, PostgreSQL asks the server. `computed`: each call for another day (BENCH_TODAY + n), which the cache
 * does not hold, so every run computes the whole plan status, as the first call after a save does.
 */
export async function timeDashboardOn(dataDir: string, database?: string, computed = false): Promise<DashboardTimes> {
  const core = await createCore({ dataDir, database, platform: headlessPlatform('cli'), seed: false });
  const system = { sessionId: null, system: true };
  let n = 0;
  const day = () => (computed ? new Date(Date.parse(BENCH_TODAY) + n++ * 86_400_000).toISOString().slice(0, 10) : BENCH_TODAY);
  try {
    const once = async () => {
      const r = await core.call('plan.dashboard', { today: day() }, system);
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
    const sqliteDir = copyDir(src, path.join(root, 'sqlite'));
    const base = { cached: sqlite ?? (await timeDashboardOn(sqliteDir)), computed: await timeDashboardOn(sqliteDir, undefined, true) };
    await admin(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    const t0 = performance.now();
    await copyStore({ from: parseStoreLocation(`sqlite:${src}`), to: parseStoreLocation(u.toString()), force: true });
    const copyS = (performance.now() - t0) / 1000;
    const load = os.loadavg()[0];
    const onPg = {
      cached: await timeDashboardOn(path.join(root, 'pg-work'), u.toString()),
      computed: await timeDashboardOn(path.join(root, 'pg-work'), u.toString(), true),
    };
    console.log(
      `    dashboard ×${SCALE} on PostgreSQL (copied in by db copy in ${fmt(copyS, 1)} s): core.call('plan.dashboard'), ${RUNS} runs after ${WARMUP} warm-up (ms), load avg ${fmt(load, 1)}`,
    );
    const rows = [['engine', 'p50', 'p95', 'max']];
    for (const kind of ['computed', 'cached'] as const) {
      const b = base[kind];
      const p = onPg[kind];
      const what = kind === 'computed' ? 'computed (a day not cached)' : 'cached (same state again)';
      rows.push(
        [`SQLite, ${what}`, fmt(b.p50), fmt(b.p95), fmt(b.max)],
        [`PostgreSQL, ${what}`, fmt(p.p50), fmt(p.p95), fmt(p.max)],
        [`  ratio PostgreSQL/SQLite`, fmt(p.p50 / b.p50, 1), fmt(p.p95 / b.p95, 1), fmt(p.max / b.max, 1)],
      );
    }
    for (const r of rows)
      console.log(
        `    ${r[0].padEnd(44)} ${r
          .slice(1)
          .map((c) => c.padStart(8))
          .join('  ')}`,
      );
    const ratio = onPg.computed.p95 / base.computed.p95;
    console.log(`    target PostgreSQL p95 within ${MAX_RATIO}× of SQLite's (computed): ${ratio <= MAX_RATIO ? 'PASS' : 'FAIL'} (${fmt(ratio, 2)}×)`);
    console.log(
      `    a cache hit is ${fmt(onPg.cached.p95, 2)} ms at p95 on PostgreSQL (one round trip for the data stamp) against ${fmt(base.cached.p95, 2)} ms on SQLite (read in process)\n`,
    );
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
