/**
 * Issue 16 goal 5, at scale all together: one data folder holding the plan ×100 (tests/bench/plan-fixture.ts), 100
 * open datasets, 10,000 risks, 200,000 attendance rows and 1.5 M votes (each made by its own bench's builder), against
 * the report pack's and the site's own fixture (the plan ×100 with its 100 datasets, nothing else). On each folder,
 * interleaved, RUNS times: the report pack (the app's streaming writer, in its own process), then one measurement
 * changed (as a second process would), the site rebuilt (publishing.buildSite) and published to a folder target
 * (publishing.publish, which sends what changed). Prints the median and the spread (min–max) of each, the load
 * average of each run, and whether each step on the full folder stays within 1.5× of its own fixture's figure:
 * a step that reads beyond its module (a join, a scan or a listing that grows with the others) shows here.
 *
 * `npx tsx tests/bench/at-scale.ts` runs it alone (AT_SCALE_RUNS=n to change the number of runs).
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { buildProposals, setupVoteCampaign, writeProposalsCsv, writeVotesCsv } from './budgeting';
import { buildScaledPlan } from './plan-fixture';
import { buildOnce, insertDatasets } from './publishing';
import { runChild } from './reports';
import { insertRisks } from './risks';
import { build as buildAttendance } from './training';

const RUNS = Number(process.env.AT_SCALE_RUNS ?? 3);
const LIMIT = 1.5;
const SYSTEM = { sessionId: null, system: true };
const STEPS = ['report pack', 'site build after one change', 'publish after one change'] as const;
type Step = (typeof STEPS)[number];

const fmt = (n: number, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.call(method as never, input as never, SYSTEM);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function job<T>(core: Core, method: string, input: unknown): Promise<T> {
  const { jobId } = await call<{ jobId: string }>(core, method, input);
  const j = await core.waitForJob(jobId);
  if (j.status !== 'done') throw new Error(`${method} ${j.status}: ${j.error?.message}`);
  return j.result as T;
}

/** The plan ×100 and its 100 datasets, built and published once to a folder target (the first, whole publication). */
async function ownFixture(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  await buildScaledPlan(dbPath(dataDir), 100);
  insertDatasets(dataDir, 100);
}

async function firstPublication(dataDir: string) {
  await buildOnce(dataDir);
  const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
  try {
    const target = path.join(path.dirname(dataDir), `${path.basename(dataDir)}-share`);
    fs.mkdirSync(target);
    const { id } = await call<{ id: string }>(core, 'publishing.saveTarget', { name: 'Folder', kind: 'folder', path: target });
    await job(core, 'publishing.publish', { targetId: id });
    return id;
  } finally {
    await core.close();
  }
}

/** One measurement changed, the site rebuilt and published: the two times (ms). */
async function changeBuildPublish(dataDir: string, targetId: string) {
  // (the fixture's ids are not UUIDv7, so the API refuses them: the change is written beside core, as a second process would)
  const side = new BetterSqlite3(dbPath(dataDir));
  const changed = side
    .prepare(`update measurements set value = value + 1 where id = (select id from measurements where deleted_at is null order by date desc, id limit 1)`)
    .run().changes;
  side.close();
  if (changed !== 1) throw new Error('no measurement to change');
  const build = (await buildOnce(dataDir)).ms;
  const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
  try {
    const t0 = performance.now();
    const out = await job<{ filesSent: number }>(core, 'publishing.publish', { targetId });
    if (out.filesSent < 1) throw new Error('the change was not published');
    return { build, publish: performance.now() - t0 };
  } finally {
    await core.close();
  }
}

export async function benchAtScale() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-at-scale-'));
  try {
    let t0 = performance.now();
    const own = path.join(dir, 'own');
    const all = path.join(dir, 'all');
    await ownFixture(own);
    await ownFixture(all);
    insertRisks(dbPath(all), 10_000);
    await buildAttendance(200_000, all);
    const proposals = buildProposals();
    const proposalsCsv = path.join(dir, 'propuneri.csv');
    const votesCsv = path.join(dir, 'voturi.csv');
    writeProposalsCsv(proposalsCsv, proposals);
    writeVotesCsv(votesCsv, proposals, 300_000);
    const core = await createCore({ dataDir: all, platform: headlessPlatform('cli'), seed: false });
    let votes: { counted: number };
    try {
      const campaignId = await setupVoteCampaign(core, proposalsCsv);
      const contentBase64 = fs.readFileSync(votesCsv).toString('base64');
      votes = await call<{ counted: number }>(core, 'budgeting.importVotes', { campaignId, fileName: 'voturi.csv', contentBase64, dryRun: false });
    } finally {
      await core.close();
    }
    fs.rmSync(votesCsv);
    const targets = { own: await firstPublication(own), all: await firstPublication(all) };
    const count = (table: string) => {
      const db = new BetterSqlite3(dbPath(all), { readonly: true });
      try {
        return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n.toLocaleString('en-US');
      } finally {
        db.close();
      }
    };
    console.log(
      `\nAt scale, all together (issue 16 goal 5): fixtures built and first published in ${fmt((performance.now() - t0) / 1000, 1)} s; ${RUNS} interleaved runs, median (min–max) s`,
    );
    console.log(
      `  all together: plan ×100, ${count('datasets')} datasets, ${count('risks')} risks, ${count('training_attendance')} attendance rows, ${votes.counted.toLocaleString('en-US')} votes (${fmt(fs.statSync(dbPath(all)).size / 1024 / 1024, 0)} MB store)`,
    );
    console.log(`  own fixture:  plan ×100 and its 100 datasets (the report pack's and the site's bench fixture)`);
    const times: Record<'own' | 'all', Record<Step, number[]>> = {
      own: { 'report pack': [], 'site build after one change': [], 'publish after one change': [] },
      all: { 'report pack': [], 'site build after one change': [], 'publish after one change': [] },
    };
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(os.loadavg()[0]);
      for (const k of ['own', 'all'] as const) {
        const folder = k === 'own' ? own : all;
        t0 = performance.now();
        times[k]['report pack'].push((await runChild(dbPath(folder), path.join(dir, `pack-${k}.xlsx`), 'stream')).ms);
        const r = await changeBuildPublish(folder, targets[k]);
        times[k]['site build after one change'].push(r.build);
        times[k]['publish after one change'].push(r.publish);
      }
    }
    console.log(`  load average at each run: ${loads.map((l) => fmt(l, 1)).join(' / ')}`);
    const rows = STEPS.map((s) => {
      const a = times.own[s].map((ms) => ms / 1000);
      const b = times.all[s].map((ms) => ms / 1000);
      const ratio = median(b) / median(a);
      return [s, spread(a), spread(b), `×${fmt(ratio)}`, ratio <= LIMIT ? 'PASS' : 'FAIL'];
    });
    const head = ['step', 'own fixture s', 'all together s', 'ratio', `≤ ${LIMIT}×`];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows]) console.log(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchAtScale();
