/**
 * Public site bench: building the site for the plan ×100 (400 commitments, 2,400 actions, 2,600 indicators →
 * ~5,400 pages) with 100 open datasets (1,000 rows each), against the plan ×1 with one dataset built the same
 * way in the same run. Runs `publishing.buildSite` as the app does (a job through core.call) and prints the
 * build's seconds, pages, files, MB, and peak memory (RSS sampled every 20 ms, minus RSS before the build).
 * Asserts nothing.
 */
import BetterSqlite3 from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SiteBuildResult } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';
import { cleanPath } from '../../electron/core/datasets/files';
import { BENCH_TODAY, buildScaledPlan } from './plan-fixture';

const SYSTEM = { sessionId: null, system: true };
const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** `n` datasets ready for publication, each with a processed import whose cleaned CSV has `rows` rows. */
export function insertDatasets(dataDir: string, n: number, rows = 1_000) {
  const db = new BetterSqlite3(dbPath(dataDir));
  const at = '2023-05-01T08:00:00.000Z';
  const ds = db.prepare(
    `insert into datasets (id, name, slug, holder_institution, holder_department, description, update_frequency, publication_status, keywords, theme, licence_id, maintainer_email, spatial, created_at, updated_at)
     values (?, ?, ?, 'Primăria Municipiului Timișoara', 'Direcția Date Deschise', ?, 'annual', 'ready', '["date"]', 'GOVE', 'CC-BY-4.0', 'date@primariatm.example', 'Timișoara', ?, ?)`,
  );
  const imp = db.prepare(
    `insert into dataset_imports (id, dataset_id, file_name, format, bytes, sha256, encoding, status, valid, error_count, row_count, processed_at, created_at, updated_at)
     values (?, ?, ?, 'csv', ?, ?, 'utf-8', 'processed', 1, 0, ?, ?, ?, ?)`,
  );
  const lines = ['cod,denumire,cartier,valoare,data'];
  for (let r = 1; r <= rows; r++) lines.push(`${r},Obiectiv ${r},Cartier ${r % 12},${(r * 37) % 10_000}.5,2023-0${1 + (r % 9)}-1${r % 10}`);
  const csv = `${lines.join('\n')}\n`;
  const sha = crypto.createHash('sha256').update(csv).digest('hex');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const id = crypto.randomUUID();
      const importId = crypto.randomUUID();
      ds.run(id, `Set de date ${i}`, `set-${i}`, `Setul de date numărul ${i}, publicat pentru bench.`, at, at);
      imp.run(importId, id, `set-${i}.csv`, csv.length, sha, rows, at, at, at);
      const file = cleanPath(dataDir, id, importId);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, csv);
    }
  })();
  db.prepare(`insert into settings (key, value, updated_at) values ('publishing.contactEmail', '"transparenta@primariatm.example"', ?)`).run(at);
  db.close();
}

interface BuildRun {
  result: SiteBuildResult;
  ms: number;
  peakDeltaMb: number;
}

/** One site build of a data folder as the app runs it (a job through core.call), with its peak memory. */
export async function buildOnce(dataDir: string): Promise<BuildRun> {
  const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
  try {
    if (global.gc) global.gc();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const r = await core.call('publishing.buildSite', { publicationDate: BENCH_TODAY }, SYSTEM);
    if (!r.ok) throw new Error(r.error.message);
    const job = await core.waitForJob((r.value as { jobId: string }).jobId);
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (job.status !== 'done') throw new Error(`site build ${job.status}: ${job.error?.message}`);
    return { result: job.result as SiteBuildResult, ms, peakDeltaMb: (peak - before) / 1024 / 1024 };
  } finally {
    await core.close();
  }
}

export async function benchPublishing() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-site-'));
  try {
    const t0 = performance.now();
    const sizes = [
      { scale: 1, datasets: 1 },
      { scale: 100, datasets: 100 },
    ];
    const runs: Array<{ label: string; run: BuildRun }> = [];
    for (const s of sizes) {
      const dataDir = fs.mkdtempSync(path.join(dir, `site-${s.scale}-`));
      await buildScaledPlan(dbPath(dataDir), s.scale);
      insertDatasets(dataDir, s.datasets);
      runs.push({
        label: `plan ×${s.scale}, ${s.datasets} dataset${s.datasets > 1 ? 's' : ''}${s.scale === 1 ? ' (baseline)' : ''}`,
        run: await buildOnce(dataDir),
      });
    }
    console.log(
      `\n(publishing) site build: fixtures built and sites built in ${fmt((performance.now() - t0) / 1000, 1)} s; peak = max RSS sampled every 20 ms minus RSS before the build`,
    );
    const rows = runs.map(({ label, run }) => [
      label,
      fmt(run.ms / 1000, 2),
      String(run.result.pages),
      String(run.result.files),
      fmt(run.result.bytes / 1024 / 1024, 1),
      fmt(run.peakDeltaMb, 1),
    ]);
    const [a, b] = runs.map((r) => r.run);
    rows.push([
      'ratio ×100/baseline',
      fmt(b.ms / a.ms, 1),
      fmt(b.result.pages / a.result.pages, 1),
      fmt(b.result.files / a.result.files, 1),
      fmt(b.result.bytes / a.result.bytes, 1),
      fmt(b.peakDeltaMb / Math.max(a.peakDeltaMb, 0.1), 1),
    ]);
    const head = ['site', 'build s', 'pages', 'files', 'MB', 'peak ΔRSS MB'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  benchPublishing().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
