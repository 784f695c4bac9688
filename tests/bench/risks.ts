/**
 * Risk register bench: 10,000 risks (links to actions, residual scores, measures) vs a 100-risk baseline
 * built the same way in the same run. Times, as transports call them: core.call('risks.list') (the register
 * list), the two 5×5 heat maps computed from that list (renderer/src/features/risks/heatmap.ts), and the
 * plan dashboard, which now reads the register's above-tolerance signal. Prints p50/p95; asserts nothing.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import type { RiskListItem } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { heatMap } from '../../renderer/src/features/risks/heatmap';

const WARMUP = 3;
const RUNS = 30;
const TARGET_P95_MS = 100;
const TODAY = '2024-06-15';
const SYSTEM = { sessionId: null, system: true };
const CATEGORIES = ['strategic', 'operational', 'financial', 'legal', 'integrity', 'reputational', 'it', 'human_resources', 'other'];
const STRATEGIES = ['tolerate', 'treat', 'transfer', 'terminate'];

const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** A seeded data folder with `n` risks inserted in one transaction (deterministic pseudo-random scores). */
async function buildRegister(dir: string, n: number): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(dir, `risks-${n}-`));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  await core.close();
  insertRisks(dbPath(dataDir), n);
  return dataDir;
}

/** `n` risks inserted into an existing PLA Desk database file (also used by the e2e large-lists spec). */
export function insertRisks(file: string, n: number) {
  const db = new BetterSqlite3(file);
  const actions = (db.prepare('select id from actions where deleted_at is null').all() as { id: string }[]).map((r) => r.id);
  let seed = 42;
  const rnd = (k: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % k;
  };
  const at = '2024-01-01T00:00:00.000Z';
  const risk = db.prepare(
    `insert into risks (id, code, area, objective, description, category, causes, consequences, owner, inherent_probability, inherent_impact, inherent_exposure,
       strategy, deadline, last_review_date, status, residual_probability, residual_impact, residual_exposure, secondary_risks, notes, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?)`,
  );
  const link = db.prepare('insert into risk_actions (risk_id, action_id) values (?, ?)');
  const measure = db.prepare(`insert into risk_measures (id, risk_id, description, owner, deadline, status, notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, '', ?, ?)`);
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const id = uuidv7();
      const p = 1 + rnd(5);
      const im = 1 + rnd(5);
      const assessed = rnd(3) > 0;
      const rp = assessed ? Math.max(1, p - rnd(3)) : null;
      const ri = assessed ? Math.max(1, im - rnd(2)) : null;
      risk.run(
        id,
        `R-${String(i).padStart(5, '0')}`,
        `Direcția ${1 + rnd(12)}`,
        `Obiectivul ${1 + rnd(40)}`,
        `Riscul ${i}: întârzieri în implementarea activității ${rnd(500)}`,
        CATEGORIES[rnd(CATEGORIES.length)],
        'Cauze identificate în ședința de analiză',
        'Consecințe asupra termenelor PLA',
        `Responsabil ${1 + rnd(60)}`,
        p,
        im,
        p * im,
        STRATEGIES[rnd(4)],
        `2024-${String(1 + rnd(12)).padStart(2, '0')}-15`,
        rnd(2) ? `2024-0${1 + rnd(5)}-10` : null,
        rnd(10) === 0 ? 'closed' : 'open',
        rp,
        ri,
        rp != null && ri != null ? rp * ri : null,
        at,
        at,
      );
      if (rnd(4) === 0) link.run(id, actions[rnd(actions.length)]);
      if (rnd(2) === 0) measure.run(uuidv7(), id, 'Măsură de control', `Responsabil ${1 + rnd(60)}`, `2024-${String(1 + rnd(12)).padStart(2, '0')}-01`, rnd(3) ? 'planned' : 'done', at, at);
    }
  })();
  db.close();
}

async function time(fn: () => Promise<unknown> | unknown) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function measure(dataDir: string) {
  const core: Core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
  try {
    const list = async () => {
      const r = await core.call('risks.list', { today: TODAY }, SYSTEM);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as RiskListItem[];
    };
    const risks = await list();
    const listT = await time(list);
    const heatT = await time(() => {
      heatMap(risks, 'inherent', 12);
      heatMap(risks, 'residual', 12);
    });
    const dash = await time(async () => {
      const r = await core.call('plan.dashboard', { today: TODAY }, SYSTEM);
      if (!r.ok) throw new Error(r.error.message);
    });
    return { count: risks.length, list: listT, heat: heatT, dash };
  } finally {
    await core.close();
  }
}

export async function benchRisks(sizes: [number, number] = [100, 10_000]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-risks-'));
  try {
    const t0 = performance.now();
    const [baseDir, bigDir] = [await buildRegister(dir, sizes[0]), await buildRegister(dir, sizes[1])];
    console.log(`(risks) register fixtures (${sizes[0]} and ${sizes[1].toLocaleString('en-US')} risks) built in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const base = await measure(baseDir);
    const big = await measure(bigDir);
    const rows = (label: string, k: 'list' | 'heat' | 'dash') => [
      [`${label}: ${base.count} risks (baseline)`, fmt(base[k].p50), fmt(base[k].p95)],
      [`${label}: ${big.count.toLocaleString('en-US')} risks`, fmt(big[k].p50), fmt(big[k].p95)],
      [`${label}: ratio`, fmt(big[k].p50 / base[k].p50, 1), fmt(big[k].p95 / base[k].p95, 1)],
    ];
    const all = [...rows("core.call('risks.list')", 'list'), ...rows('heat maps (inherent + residual)', 'heat'), ...rows("core.call('plan.dashboard')", 'dash')];
    const w = Math.max(...all.map((r) => r[0].length));
    console.log(`(risks) ${RUNS} runs after ${WARMUP} warm-up (ms)`);
    console.log(`${'measure'.padEnd(w)}  ${'p50'.padStart(8)}  ${'p95'.padStart(8)}`);
    for (const r of all) console.log(`${r[0].padEnd(w)}  ${r[1].padStart(8)}  ${r[2].padStart(8)}`);
    const pass = (v: number) => (v < TARGET_P95_MS ? 'PASS' : 'FAIL');
    console.log(`target p95 < ${TARGET_P95_MS} ms at ${big.count.toLocaleString('en-US')} risks: list ${pass(big.list.p95)} (${fmt(big.list.p95)} ms), heat maps ${pass(big.heat.p95)} (${fmt(big.heat.p95)} ms)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchRisks().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
