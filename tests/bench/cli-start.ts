/**
 * `pla-desk` from start to exit, as a user runs it (whole command, wall clock), against `node -e 0` started the same
 * way in the same run: --help and --version (answered from the recorded command table) and a command that opens the
 * core (`init` on an existing data folder, which changes nothing). Runs interleaved, median and spread reported.
 * Writes the ratios to tests/bench/cli-start.json, which tests/unit/cli-start.test.ts reads as its baseline.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'pla-desk.js');
export const CLI_START_FILE = path.join(ROOT, 'tests', 'bench', 'cli-start.json');

/** Wall time and peak RSS of one process (GNU time's %M when present, else the wall time alone). */
export function timeRun(args: string[]): { ms: number; rssMb: number | null } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.error) {
    const t1 = performance.now();
    spawnSync(process.execPath, args, { cwd: ROOT });
    return { ms: performance.now() - t1, rssMb: null };
  }
  const kb = Number(/(\d+)\s*$/.exec(r.stderr.trim())?.[1]);
  return { ms, rssMb: Number.isFinite(kb) ? kb / 1024 : null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function measureCliStart(runs = 7, withCore = true) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-cli-'));
  spawnSync(process.execPath, [BIN, 'init', '--data-dir', dataDir], { cwd: ROOT }); // also builds the CLI if stale
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'pla-desk --help': [BIN, '--help'],
    'pla-desk --version': [BIN, '--version'],
    ...(withCore ? { 'pla-desk init (no change)': [BIN, 'init', '--data-dir', dataDir] } : {}),
  };
  const ms: Record<string, number[]> = {};
  const rss: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++)
    for (const [name, args] of Object.entries(cases)) {
      const r = timeRun(args);
      (ms[name] ??= []).push(r.ms);
      if (r.rssMb !== null) (rss[name] ??= []).push(r.rssMb);
    }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const base = median(ms['node -e 0']);
  return Object.keys(cases).map((name) => ({
    name,
    medianMs: median(ms[name]),
    minMs: Math.min(...ms[name]),
    maxMs: Math.max(...ms[name]),
    ratio: median(ms[name]) / base,
    rssMb: rss[name]?.length ? median(rss[name]) : null,
  }));
}

export async function benchCliStart() {
  console.log(
    `\n== CLI start (whole command, wall clock; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  const rows = measureCliStart();
  for (const r of rows)
    console.log(
      `${r.name.padEnd(28)} median ${r.medianMs.toFixed(0).padStart(5)} ms (min ${r.minMs.toFixed(0)}, max ${r.maxMs.toFixed(0)})  ×${r.ratio.toFixed(2)} of node -e 0  ${r.rssMb === null ? '' : `${r.rssMb.toFixed(0)} MB`}`,
    );
  const ratios = Object.fromEntries(rows.filter((r) => r.name !== 'node -e 0').map((r) => [r.name, Number(r.ratio.toFixed(2))]));
  fs.writeFileSync(CLI_START_FILE, `${JSON.stringify({ recordedAt: new Date().toISOString(), ratios }, null, 2)}\n`);
  console.log(`ratios recorded in ${path.relative(ROOT, CLI_START_FILE)} (the baseline of tests/unit/cli-start.test.ts)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await benchCliStart();
