/**
 * Stakeholder register at 5,000 stakeholders vs a small baseline (50), in the same run: the list's first page
 * (stakeholders.list, 100 rows), a filtered page, a search, the costliest sort (by take-over count), the grid read
 * (stakeholders.listScores + gridData shaping) and the two computed indicators (plan.indicatorRecords for I4.4 and
 * I3.5), each as core.call does them, with the JSON size the renderer receives. Figures only; nothing is asserted.
 * Run alone: npx tsx tests/bench/stakeholders.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { gridData } from '../../renderer/src/features/stakeholders/grid';
import { stakeholderKeys } from '../../electron/core/stakeholders/keys';
import { newId } from '../../electron/core/util';

const RUNS = 30;
const WARMUP = 3;
const SYSTEM = { sessionId: null, system: true };
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
const fmt = (n: number) => n.toFixed(1);

export async function build(n: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-stakeholders-'));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli'), now: () => new Date('2026-03-10T09:00:00Z') });
  await core.close();
  await insertStakeholders(dbPath(dataDir), n);
  return dataDir;
}

/** `n` organisations (with takeovers, partnerships, interactions, RACI) inserted into an existing database file. */
export async function insertStakeholders(file: string, n: number) {
  // Bulk rows straight into the file (the fixture, not the thing measured); core reads them as the app would.
  const BetterSqlite3 = (await import('better-sqlite3')).default;
  const db = new BetterSqlite3(file);
  const actions = db.prepare(`select id from actions where deleted_at is null`).all() as { id: string }[];
  const at = '2026-01-01T00:00:00.000Z';
  const sectors = ['ngo', 'academia', 'business', 'tech_community', 'public', 'citizen'];
  const roles = ['partner', 'implementer', 'forum_member', 'beneficiary', null];
  const iap2 = ['inform', 'consult', 'involve', 'collaborate', 'empower'];
  const insS = db.prepare(
    `insert into stakeholders (id, type, name, legal_form, sector, contacts, pla_role, power, interest, attitude, assessment_date, iap2_level, notes, name_key, search_key, created_at, updated_at) values (?, 'organisation', ?, 'asociație', ?, 'contact@example.ro', ?, ?, ?, 'supportive', '2026-01-10', ?, 'note', ?, ?, ?, ?)`,
  );
  const insT = db.prepare(
    `insert into stakeholder_takeovers (id, stakeholder_id, action_id, date, note, created_at, updated_at) values (?, ?, ?, '2026-02-01', '', ?, ?)`,
  );
  const insP = db.prepare(
    `insert into partnerships (id, stakeholder_id, type, title, start_date, end_date, notes, created_at, updated_at) values (?, ?, ?, 'Parteneriat', '2025-06-01', null, '', ?, ?)`,
  );
  const insI = db.prepare(
    `insert into stakeholder_interactions (id, stakeholder_id, date, kind, summary, created_at, updated_at) values (?, ?, '2026-02-15', 'meeting', 'Întâlnire', ?, ?)`,
  );
  const insR = db.prepare(`insert into stakeholder_raci (id, stakeholder_id, action_id, role, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = newId();
      const name = `Organizația ${i}`;
      const keys = stakeholderKeys(name, 'asociație');
      insS.run(
        id,
        name,
        sectors[i % sectors.length],
        roles[i % roles.length],
        (i % 5) + 1,
        ((i * 7) % 5) + 1,
        iap2[(i >> 1) % iap2.length],
        keys.name_key,
        keys.search_key,
        at,
        at,
      );
      if (i % 3 === 0) insT.run(newId(), id, actions[i % actions.length].id, at, at);
      if (i % 4 === 0) insP.run(newId(), id, ['tech_community', 'academia', 'business', 'other'][i % 4 === 0 ? (i / 4) % 4 : 0], at, at);
      insI.run(newId(), id, at, at);
      if (i < actions.length) insR.run(newId(), id, actions[i].id, 'accountable', at, at);
      else insR.run(newId(), id, actions[i % actions.length].id, 'informed', at, at);
    }
  })();
  db.close();
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const v = await fn();
    ms.push(performance.now() - t0);
    bytes = JSON.stringify(v).length;
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95), bytes };
}

async function measure(core: Core, n: number) {
  const call = async (m: string, input: unknown) => {
    const r = await core.call(m, input, SYSTEM);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value;
  };
  const indicators = (await call('plan.listIndicators', {})) as Array<{ id: string; code: string }>;
  const i44 = indicators.find((i) => i.code === 'I4.4')!.id;
  const i35 = indicators.find((i) => i.code === 'I3.5')!.id;
  // A name in the middle of the register, typed without diacritics or capitals.
  const needle = `organizatia ${Math.floor(n / 2) + 1}`;
  return {
    firstPage: await time(() => call('stakeholders.list', {})),
    filtered: await time(() => call('stakeholders.list', { sector: 'ngo', quadrant: 'manage_closely', ableToTakeOver: true })),
    search: await time(() => call('stakeholders.list', { search: needle })),
    sortTakeovers: await time(() => call('stakeholders.list', { sort: 'takeoverCount', order: 'desc' })),
    lastPage: await time(() => call('stakeholders.list', { offset: Math.max(0, n - 100) })),
    grid: await time(async () => {
      const scores = await call('stakeholders.listScores', {});
      gridData(scores as never);
      return scores;
    }),
    takeOver: await time(() => call('plan.indicatorRecords', { id: i44 })),
    partnerships: await time(() => call('plan.indicatorRecords', { id: i35 })),
    indicatorsList: await time(() => call('plan.listIndicators', {})),
  };
}

export async function benchStakeholders(sizes: [number, number] = [50, 5_000]) {
  console.log(
    `\nStakeholders: list pages, grid read and indicators at ${sizes[1].toLocaleString('en-US')} stakeholders vs ${sizes[0]} (p50 / p95 ms over ${RUNS} runs, JSON handed to the renderer at the large size; target p95 < 100 ms)`,
  );
  const out: Array<Awaited<ReturnType<typeof measure>>> = [];
  for (const n of sizes) {
    const dir = await build(n);
    const core = await createCore({ dataDir: dir, platform: headlessPlatform('cli'), seed: false, now: () => new Date('2026-03-10T09:00:00Z') });
    try {
      out.push(await measure(core, n));
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const [small, large] = out;
  const rows: Array<[string, keyof typeof small]> = [
    ['stakeholders.list first page (100, by name)', 'firstPage'],
    ['stakeholders.list filtered (sector+quadrant+takeover)', 'filtered'],
    ['stakeholders.list search (no diacritics)', 'search'],
    ['stakeholders.list sorted by take-over count', 'sortTakeovers'],
    ['stakeholders.list last page', 'lastPage'],
    ['grid read: listScores + gridData shaping', 'grid'],
    ['I4.4 able to take over (indicatorRecords)', 'takeOver'],
    ['I3.5 partnerships (indicatorRecords)', 'partnerships'],
    ['plan.listIndicators (both computed)', 'indicatorsList'],
  ];
  for (const [label, k] of rows) {
    const s = small[k];
    const l = large[k];
    const kb = `${(l.bytes / 1024).toFixed(1)} KB`;
    console.log(
      `  ${label.padEnd(54)} small ${fmt(s.p50).padStart(6)} / ${fmt(s.p95).padStart(6)}   large ${fmt(l.p50).padStart(6)} / ${fmt(l.p95).padStart(6)}   ×${fmt(l.p95 / s.p95).padStart(5)}   ${kb.padStart(7)}   ${l.p95 < 100 ? 'PASS' : 'FAIL'}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchStakeholders();
