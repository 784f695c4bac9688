/**
 * `npm run bench`: figures for the plan module, each with a baseline measured in the same run
 * (ARCHITECTURE.md §7). Nothing here is asserted; a target line says PASS or FAIL.
 *
 *  (a) the dashboard (core's plan.dashboard, as every transport calls it) on the seed plan ×100 vs ×1, the ×100
 *      plan on PostgreSQL too when PLA_DESK_TEST_POSTGRES is set (tests/bench/dashboard-postgres.ts), and the full plan state behind the lists and the export (computePlanState)
 *  (b) Excel export of the plan ×100: streaming writer vs ExcelJS's in-memory workbook, each in its own process
 *  (c) browser mode from start to the first dashboard paint vs a bare static server (tests/bench/startup.ts), and the first
 *      load — login form, sign-in to dashboard, first visits, a small file validated — before and after the interface
 *      was split per screen, both built in this run (tests/bench/first-load.ts)
 *  (at scale) the ×100 plan, 10,000 risks, 200,000 attendance rows, 1.5 M votes and 100 datasets in one folder: the report
 *      pack, the site build and a publish after one change vs the same on their own fixture (tests/bench/at-scale.ts)
 *  (team server) 50 signed-in users with an import running vs 1 user, over HTTP (tests/bench/server-load.ts)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/connection';
import { DEFAULT_RAG_SETTINGS } from '../../electron/core/plan/rag';
import { computePlanState } from '../../electron/core/plan/state';
import { benchStartup } from './startup';
import { benchFirstLoad } from './first-load';
import { benchCliStart } from './cli-start';
import { benchRisks } from './risks';
import { benchFunding } from './funding';
import { benchStakeholders } from './stakeholders';
import { benchTraining } from './training';
import { benchImports } from './imports';
import { benchReports } from './reports';
import { benchPublishingSync } from './publishing-sync';
import { benchDatasets } from './datasets';
import { benchDatasetsCli } from './datasets-cli';
import { benchBudgeting } from './budgeting';
import { benchVotes } from './votes';
import { benchAtScale } from './at-scale';
import { benchServerLoad } from './server-load';
import { benchPublishing } from './publishing';
import { benchDbCopy } from './db-copy';
import { benchDashboardPostgres, timeDashboardOn } from './dashboard-postgres';
import { BENCH_TODAY, buildScaledPlan, type FixtureCounts } from './plan-fixture';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCALE = 100;
const WARMUP = 3;
const RUNS = 30;
const TARGET_P95_MS = 50;

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function table(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function timeDashboard(file: string) {
  // A data folder around the fixture, opened by core exactly as the app opens it (no seed: the fixture is the plan).
  const dataDir = fs.mkdtempSync(path.join(path.dirname(file), 'core-'));
  fs.copyFileSync(file, path.join(dataDir, 'pla-desk.db'));
  return timeDashboardOn(dataDir);
}

async function timeState(file: string) {
  const conn = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    for (let i = 0; i < WARMUP; i++) await computePlanState(conn.db, BENCH_TODAY, DEFAULT_RAG_SETTINGS);
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await computePlanState(conn.db, BENCH_TODAY, DEFAULT_RAG_SETTINGS);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { p50: pct(ms, 50), p95: pct(ms, 95), max: ms[ms.length - 1] };
  } finally {
    await conn.close();
  }
}

interface ExportRun {
  ms: number;
  rows: number;
  sheets: string[];
  rssBeforeMb: number;
  peakDeltaMb: number;
  samples: number;
}

function runExport(db: string, out: string, engine: 'stream' | 'memory'): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'export-child.ts'), db, out, engine, BENCH_TODAY], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ExportRun);
      else reject(new Error(`export child (${engine}) exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

const describeCounts = (c: FixtureCounts) =>
  `${c.commitments} commitments, ${c.actions} actions, ${c.indicators} indicators, ${c.measurements.toLocaleString('en-US')} measurements, ${c.progressUpdates} progress updates`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-'));
  try {
    console.log(
      `PLA Desk bench — Node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${process.platform}; today = ${BENCH_TODAY}`,
    );
    const baseFile = path.join(dir, 'plan-x1.db');
    const bigFile = path.join(dir, `plan-x${SCALE}.db`);
    let t0 = performance.now();
    const baseCounts = await buildScaledPlan(baseFile, 1);
    const bigCounts = await buildScaledPlan(bigFile, SCALE);
    console.log(`fixtures built in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    console.log(`  ×1:   ${describeCounts(baseCounts)}`);
    console.log(`  ×${SCALE}: ${describeCounts(bigCounts)}\n`);

    // (a) the dashboard, and the full state behind lists and exports
    const base = await timeDashboard(baseFile);
    const big = await timeDashboard(bigFile);
    console.log(`(a) dashboard: core.call('plan.dashboard'), ${RUNS} runs after ${WARMUP} warm-up (ms)`);
    table(
      ['plan', 'p50', 'p95', 'max'],
      [
        ['×1 (baseline)', fmt(base.p50, 2), fmt(base.p95, 2), fmt(base.max, 2)],
        [`×${SCALE}`, fmt(big.p50, 2), fmt(big.p95, 2), fmt(big.max, 2)],
        [`ratio ×${SCALE}/×1`, fmt(big.p50 / base.p50, 1), fmt(big.p95 / base.p95, 1), fmt(big.max / base.max, 1)],
      ],
    );
    console.log(`target p95 < ${TARGET_P95_MS} ms on ×${SCALE}: ${big.p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'} (${fmt(big.p95, 2)} ms)\n`);
    // The same ×100 plan on PostgreSQL (issue 13), beside the SQLite figures just measured.
    await benchDashboardPostgres(bigFile, big);
    const fullBase = await timeState(baseFile);
    const full = await timeState(bigFile);
    console.log(
      `    full plan state (computePlanState: every column, for lists and the export): ×1 p95 ${fmt(fullBase.p95, 2)} ms, ×${SCALE} p95 ${fmt(full.p95, 2)} ms\n`,
    );

    // (b) Excel export, each writer in its own process
    t0 = performance.now();
    const stream = await runExport(bigFile, path.join(dir, 'stream.xlsx'), 'stream');
    const memory = await runExport(bigFile, path.join(dir, 'memory.xlsx'), 'memory');
    const size = (f: string) => fs.statSync(path.join(dir, f)).size / 1024 / 1024;
    const rps = (r: ExportRun) => r.rows / (r.ms / 1000);
    console.log(
      `(b) Excel export of the plan ×${SCALE}: ${stream.rows.toLocaleString('en-US')} rows in ${stream.sheets.length} sheets; peak = max RSS sampled every 20 ms minus RSS before the export`,
    );
    table(
      ['writer', 'time s', 'rows/s', 'peak ΔRSS MB', 'file MB'],
      [
        ['in-memory (baseline)', fmt(memory.ms / 1000, 2), fmt(rps(memory), 0), fmt(memory.peakDeltaMb, 1), fmt(size('memory.xlsx'), 1)],
        ['streaming', fmt(stream.ms / 1000, 2), fmt(rps(stream), 0), fmt(stream.peakDeltaMb, 1), fmt(size('stream.xlsx'), 1)],
        [
          'ratio streaming/baseline',
          fmt(stream.ms / memory.ms, 2),
          fmt(rps(stream) / rps(memory), 2),
          fmt(stream.peakDeltaMb / memory.peakDeltaMb, 2),
          fmt(size('stream.xlsx') / size('memory.xlsx'), 2),
        ],
      ],
    );
    console.log(`(export runs took ${fmt((performance.now() - t0) / 1000, 1)} s including process start)\n`);
    console.log('(c) browser mode');
    await benchStartup();
    await benchFirstLoad();
    await benchCliStart();
    await benchRisks();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await benchFunding();
  await benchStakeholders();
  await benchTraining();
  await benchImports();
  await benchDatasets();
  await benchDatasetsCli();
  await benchPublishingSync();
  await benchReports();
  await benchBudgeting();
  await benchVotes();
  await benchAtScale();
  await benchPublishing();
  await benchServerLoad();
  await benchDbCopy();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
