/**
 * The coordinator's report pack on the plan ×100 (tests/bench/plan-fixture.ts: 400 commitments, 2,400 actions,
 * 2,600 indicators, 100,000 measurements, 4,800 progress updates): the streaming writer the app uses against
 * ExcelJS's in-memory workbook (writeWorkbookInMemory, the baseline), each run alone in its own process so its
 * peak memory is its own. Prints rows per second and peak ΔRSS; nothing is asserted.
 *
 * The same file is the child: `node --import tsx tests/bench/reports.ts --child <db> <out.xlsx> <stream|memory> <today>`
 * prints one JSON line { ms, rows, sheets, peakDeltaMb }.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { readSettings } from '../../electron/core/admin/settings';
import { SYSTEM_ACTOR, type ServiceContext } from '../../electron/core/context';
import { writeWorkbook, writeWorkbookInMemory } from '../../electron/core/excel';
import { exportReportPack } from '../../electron/core/reports/pack';
import { BENCH_TODAY, buildScaledPlan } from './plan-fixture';

const HERE = fileURLToPath(import.meta.url);
const SCALE = 100;

export interface PackRun {
  ms: number;
  rows: number;
  sheets: string[];
  peakDeltaMb: number;
}

// RSS is per process; a worker samples it every 20 ms so a busy main thread cannot hide a peak.
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const tick = () => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; };
const timer = setInterval(tick, 20);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); tick(); parentPort.postMessage(peak); } });
tick();
`;

async function child(file: string, out: string, engine: string, today: string) {
  const conn = openDatabase(file, { readonly: true, fileMustExist: true });
  const ctx: ServiceContext = {
    db: conn.db,
    dataDir: path.dirname(file),
    now: () => new Date(`${today}T12:00:00Z`),
    actor: SYSTEM_ACTOR,
    tx: () => Promise.reject(new Error('read only')),
  };
  const settings = await readSettings(conn.db);
  const sampler = new Worker(SAMPLER, { eval: true });
  await new Promise((r) => setTimeout(r, 100));
  const before = process.memoryUsage.rss();
  const t0 = performance.now();
  const result = await exportReportPack(ctx, out, { today, settings, writer: engine === 'memory' ? writeWorkbookInMemory : writeWorkbook });
  const ms = performance.now() - t0;
  const peak = await new Promise<number>((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage('stop');
  });
  await sampler.terminate();
  await conn.close();
  const run: PackRun = { ms: Math.round(ms), rows: result.rows, sheets: result.sheets, peakDeltaMb: Math.round(((peak - before) / 1024 / 1024) * 10) / 10 };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/** The report pack written from `db` in its own process (stream: the app's writer). */
export function runChild(db: string, out: string, engine: 'stream' | 'memory'): Promise<PackRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', HERE, '--child', db, out, engine, BENCH_TODAY], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as PackRun);
      else reject(new Error(`report pack child (${engine}) exited with ${code}\n${stdout}\n${stderr}`));
    });
  });
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export async function benchReports() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-reports-'));
  try {
    const db = path.join(dir, `plan-x${SCALE}.db`);
    const counts = await buildScaledPlan(db, SCALE);
    const memory = await runChild(db, path.join(dir, 'memory.xlsx'), 'memory');
    const stream = await runChild(db, path.join(dir, 'stream.xlsx'), 'stream');
    const size = (f: string) => fs.statSync(path.join(dir, f)).size / 1024 / 1024;
    const rps = (r: PackRun) => r.rows / (r.ms / 1000);
    console.log(
      `\nReport pack on the plan ×${SCALE} (${counts.commitments} commitments, ${counts.actions} actions, ${counts.indicators} indicators, ${counts.measurements.toLocaleString('en-US')} measurements, ${counts.progressUpdates} updates): ${stream.rows.toLocaleString('en-US')} rows in ${stream.sheets.length} sheets, each writer in its own process; peak = max RSS sampled every 20 ms minus RSS before`,
    );
    const rows = [
      ['ExcelJS in-memory (baseline)', fmt(memory.ms / 1000, 2), fmt(rps(memory), 0), fmt(memory.peakDeltaMb), fmt(size('memory.xlsx'))],
      ['streaming (writeWorkbook)', fmt(stream.ms / 1000, 2), fmt(rps(stream), 0), fmt(stream.peakDeltaMb), fmt(size('stream.xlsx'))],
      [
        'ratio streaming/baseline',
        fmt(stream.ms / memory.ms, 2),
        fmt(rps(stream) / rps(memory), 2),
        fmt(stream.peakDeltaMb / memory.peakDeltaMb, 2),
        fmt(size('stream.xlsx') / size('memory.xlsx'), 2),
      ],
    ];
    const headers = ['writer', 'time s', 'rows/s', 'peak ΔRSS MB', 'file MB'];
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(line(headers));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child' && process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  const [file, out, engine, today] = process.argv.slice(3);
  child(file, out, engine, today).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv[1] && path.resolve(process.argv[1]) === HERE) {
  benchReports().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
