/**
 * Funding registry at scale: 5,000 calls and 20,000 applications vs a small baseline (50 calls, 200 applications)
 * built the same way in the same run. Times the calls as every transport makes them (core.call): the two lists,
 * the upcoming-deadlines query and indicator I4.5 (plan.indicatorRecords computes it; plan.listIndicators shows it).
 * Prints p50/p95 and the ratio to the baseline; nothing is asserted.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APPLICATION_STATUSES, FUNDING_PROGRAMMES, type Indicator } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { newId } from '../../electron/core/util';

const TODAY = '2026-03-10';
const WARMUP = 3;
const RUNS = 25;
const SYSTEM = { sessionId: null, system: true };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const fmt = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const day = (offset: number) => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

/** A data folder with the seed plan plus `calls` calls and `apps` applications, spread over programmes, statuses and dates. */
async function buildFixture(calls: number, apps: number): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `pla-bench-funding-${calls}-`));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  await core.close();
  const db = new BetterSqlite3(dbPath(dataDir));
  const at = new Date().toISOString();
  const actionIds = (db.prepare(`select id from actions where deleted_at is null`).all() as { id: string }[]).map((r) => r.id);
  const insCall = db.prepare(
    `insert into funding_calls (id, programme, priority, managing_body, code, title, type, status, opening_date, deadline, budget, eligible_applicants, eligible_activities, grant_rate, min_grant, max_grant, max_duration_months, guide_url, non_reimbursable, created_at, updated_at)
     values (?, ?, 'P1', ?, ?, ?, 'competitive', ?, ?, ?, ?, 'UAT', 'Digitalizare', 98, 0, 100000000000, 36, 'https://exemplu.ro/ghid', ?, ?, ?)`,
  );
  const insCallAction = db.prepare(`insert into funding_call_actions (call_id, action_id) values (?, ?)`);
  const insApp = db.prepare(
    `insert into funding_applications (id, call_id, code, title, applicant, partners, requested_amount, own_contribution, total_amount, status, submitted_on, decision_on, next_step, next_step_on, evaluation_feedback, created_at, updated_at)
     values (?, ?, ?, ?, 'Municipiul Timișoara', '', ?, ?, ?, ?, ?, ?, 'Pas', ?, '', ?, ?)`,
  );
  const insAppAction = db.prepare(`insert into funding_application_actions (application_id, action_id) values (?, ?)`);
  const callIds: string[] = [];
  const callStatuses = ['planned', 'open', 'open', 'closed', 'cancelled'] as const;
  db.transaction(() => {
    for (let i = 0; i < calls; i++) {
      const id = newId();
      callIds.push(id);
      insCall.run(
        id,
        FUNDING_PROGRAMMES[i % FUNDING_PROGRAMMES.length],
        `Organism ${i % 40}`,
        `APEL-${i}`,
        `Apel de finanțare ${i}`,
        callStatuses[i % callStatuses.length],
        day(-60 - (i % 90)),
        day((i % 240) - 120),
        1_000_000_000 + i,
        i % 4 === 0 ? 0 : 1,
        at,
        at,
      );
      insCallAction.run(id, actionIds[i % actionIds.length]);
    }
    for (let i = 0; i < apps; i++) {
      const id = newId();
      const requested = 98_000_00 + i;
      insApp.run(
        id,
        callIds[i % callIds.length],
        i % 3 ? `SMIS ${i}` : '',
        `Proiect ${i}`,
        requested,
        2_000_00,
        requested + 2_000_00,
        APPLICATION_STATUSES[i % APPLICATION_STATUSES.length],
        day(-100),
        day(-50),
        day((i % 200) - 100),
        at,
        at,
      );
      insAppAction.run(id, actionIds[(i * 7) % actionIds.length]);
    }
  })();
  db.close();
  return dataDir;
}

async function time(core: Core, method: string, input: unknown) {
  const once = async () => {
    const r = await core.call(method, input, SYSTEM);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function measure(calls: number, apps: number) {
  const dataDir = await buildFixture(calls, apps);
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  try {
    const list = await core.call('plan.listIndicators', {}, SYSTEM);
    if (!list.ok) throw new Error(list.error.message);
    const i45 = (list.value as Indicator[]).find((i) => i.code === 'I4.5');
    if (!i45) throw new Error('the seed has no I4.5');
    return {
      'funding.listCalls': await time(core, 'funding.listCalls', {}),
      'funding.listApplications': await time(core, 'funding.listApplications', {}),
      'funding.upcomingDeadlines (30 d)': await time(core, 'funding.upcomingDeadlines', { days: 30, today: TODAY }),
      'I4.5 (plan.indicatorRecords)': await time(core, 'plan.indicatorRecords', { id: i45.id }),
      'plan.listIndicators (with I4.5)': await time(core, 'plan.listIndicators', {}),
      value: i45.latest?.value ?? null,
    };
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchFunding() {
  console.log('\n— funding registry: 5,000 calls + 20,000 applications vs baseline 50 calls + 200 applications (core.call, ms)');
  const base = await measure(50, 200);
  const big = await measure(5_000, 20_000);
  const rows: string[][] = [];
  for (const k of Object.keys(big).filter((x) => x !== 'value') as Array<Exclude<keyof typeof big, 'value'>>) {
    const b = base[k];
    const l = big[k];
    rows.push([k, fmt(b.p50), fmt(b.p95), fmt(l.p50), fmt(l.p95), `×${fmt(l.p95 / b.p95)}`]);
  }
  const headers = ['query', 'base p50', 'base p95', 'large p50', 'large p95', 'p95 ratio'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`I4.5 value on the large fixture: ${big.value} (distinct programmes with an attracted non-reimbursable application)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await benchFunding();
}
