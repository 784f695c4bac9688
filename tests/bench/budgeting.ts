/**
 * Budgeting rules at city scale: 300,000 voters with up to 5 votes each (~1.5 million vote rows) over 1,000 proposals
 * in 8 zones of 500,000 lei (Timișoara 2024's shape).
 *
 *  (a) votes CSV: parse + every check (parseVotes) vs the same streaming CSV parser alone (scanCsv) on the same
 *      file in the same run — rows/s, best of 2 alternating runs;
 *  (b) tally and every winner rule (computeWinners) on the accepted ballots — ms, median of 5 after a warm-up;
 *      Equal Shares with its default completion (add1, then greedy) over all 300,000 ballots.
 * Database part (the real import path into a fresh data dir):
 *  (c) budgeting.importVotes of the same file vs scanCsv alone, each in its own process (budgeting-child.ts):
 *      rows/s and peak RSS;
 *  (d) scoring workbooks for 50 evaluators over 200 proposals: written by the exportWorkbooks job, filled, imported
 *      back through budgeting.importScores — s per workbook and total.
 * Nothing is asserted; target lines say PASS / FAIL against "well under 1 s".
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import {
  computeWinners,
  readVotes,
  scanCsv,
  tallyBallots,
  toPabulib,
  WINNER_RULES,
  type RuleInput,
  type RuleProject,
  type VoteParseOptions,
  type VoteReport,
} from '../../electron/core/budgeting/rules';

const VOTERS = 300_000;
const PROPOSALS = 1_000;
const ZONES = 8;
const ZONE_BUDGET = 50_000_000; // 500,000 lei
const RUNS = 5;

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

export function buildProposals(): RuleProject[] {
  const rnd = lcg(7);
  return Array.from({ length: PROPOSALS }, (_, i) => ({
    id: `p${i}`,
    code: `P-${String(i + 1).padStart(4, '0')}`,
    title: `Propunerea ${i + 1}`,
    cost: (20_000 + Math.floor(rnd() * 46) * 10_000) * 100, // 20,000 … 470,000 lei
    zone: `Z${(i % ZONES) + 1}`,
    votes: 0,
    score: Math.round(40 + rnd() * 60),
    eligible: rnd() > 0.05,
    submittedAt: `2024-06-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}

/** The proposals as the proposals CSV the app imports (code = the id the votes file names). */
export function writeProposalsCsv(file: string, proposals: RuleProject[]) {
  fs.writeFileSync(file, ['code,title,zone,cost', ...proposals.map((p) => `${p.id},${p.title},${p.zone},${p.cost / 100}`)].join('\n'));
}

/** ~1.5 M rows: 5 votes per voter (90 % in the home zone, popularity skewed), plus a few rows for each check. */
export function writeVotesCsv(file: string, proposals: RuleProject[], voters = VOTERS) {
  const rnd = lcg(11);
  const byZone: RuleProject[][] = Array.from({ length: ZONES }, (_, z) => proposals.filter((p) => p.zone === `Z${z + 1}`));
  const fd = fs.openSync(file, 'w');
  let buf = 'voter_id,proposal_id,zone,voted_at\n';
  let rows = 0;
  const pick = (z: number) => {
    const list = byZone[z];
    return list[Math.floor(list.length * rnd() ** 2)]; // skewed towards the first proposals of the zone
  };
  for (let v = 0; v < voters; v++) {
    const home = v % ZONES;
    const voter = `u${(v * 7919) % 1_000_003}`;
    const at = `2024-09-${String(1 + (v % 23)).padStart(2, '0')} 1${v % 10}:${String(v % 60).padStart(2, '0')}`;
    const chosen = new Set<RuleProject>();
    while (chosen.size < 5) chosen.add(rnd() < 0.9 ? pick(home) : pick(Math.floor(rnd() * ZONES)));
    for (const p of chosen) {
      buf += `${voter},${p.id},${p.zone},${at}\n`;
      rows++;
    }
    const r = rnd();
    if (r < 0.005)
      buf += `${voter},${[...chosen][0].id},${[...chosen][0].zone},${at}\n`; // duplicate
    else if (r < 0.008)
      buf += `${voter},${pick(home).id},Z${home + 1},${at}\n`; // a 6th vote (or a duplicate)
    else if (r < 0.009)
      buf += `${voter},p999999,Z1,${at}\n`; // unknown proposal
    else if (r < 0.01) buf += `,${pick(home).id},Z1,${at}\n`; // malformed
    if (r < 0.01) rows++;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return rows;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SYSTEM = { sessionId: null, system: true };

interface ChildRun {
  ms: number;
  rows: number;
  counted: number;
  rssBeforeMb: number;
  peakDeltaMb: number;
}

/** Runs tests/bench/budgeting-child.ts with `args` in its own process and returns the JSON of its last line. */
/** A campaign of 8 zones whose 1,000 proposals come from `proposalsCsv` (buildProposals), set up as the app does; its id. */
export async function setupVoteCampaign(core: Core, proposalsCsv: string) {
  const must = async (method: string, input: unknown) => {
    const r = await core.call(method as never, input as never, SYSTEM);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as { id: string };
  };
  const zones = Array.from({ length: 8 }, (_, z) => ({ code: `Z${z + 1}`, name: `Zona ${z + 1}`, budget: 50_000_000 }));
  const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5 }] };
  const campaignId = (await must('budgeting.saveCampaign', { name: 'Bench', totalBudget: 400_000_000, zones, rubric, votesPerVoter: 5 })).id;
  await must('budgeting.importProposals', { campaignId, fileName: 'propuneri.csv', contentBase64: fs.readFileSync(proposalsCsv).toString('base64') });
  return campaignId;
}

export function budgetingChild<R = ChildRun>(args: string[]): Promise<R> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'budgeting-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as R);
      else reject(new Error(`budgeting child (${args[0]}) exited with ${code}\n${out}\n${err}`));
    });
  });
}

/** (c) The votes file through budgeting.importVotes into a fresh data dir vs the bare parser, each in its own process. */
async function benchVotesImport(dir: string, file: string, proposals: RuleProject[]) {
  const proposalsCsv = path.join(dir, 'propuneri.csv');
  writeProposalsCsv(proposalsCsv, proposals);
  console.log(
    `  (c) votes import through the real path (budgeting.importVotes: base64 upload, checks, multi-row inserts, one transaction) into a fresh data dir,`,
  );
  console.log(`      each run in its own process (peak RSS sampled every 20 ms); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPU`);
  const runs: Array<[string, ChildRun]> = [['scanCsv alone (baseline)', await budgetingChild(['scan', file])]];
  const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
  runs.push(['budgeting.importVotes (commit)', await budgetingChild(['import', file, dataDir, proposalsCsv])]);
  runs.push(['scanCsv alone (baseline, again)', await budgetingChild(['scan', file])]);
  for (const [label, r] of runs)
    console.log(
      `      ${label.padEnd(34)} ${fmt(r.ms / 1000, 2).padStart(6)} s ${fmt(r.rows / (r.ms / 1000), 0).padStart(10)} rows/s   peak ΔRSS ${fmt(r.peakDeltaMb, 0).padStart(5)} MB${r.counted ? `   (${r.counted.toLocaleString('en-US')} votes stored)` : ''}`,
    );
  const base = Math.min(runs[0][1].ms, runs[2][1].ms);
  console.log(
    `      import takes ×${fmt(runs[1][1].ms / base, 1)} the bare parser's time; database ${fmt(fs.statSync(dbPath(dataDir)).size / 1024 / 1024, 0)} MB`,
  );
}

/** The rubric of the benchmarks' scoring campaigns: two criteria on different scales. */
const SCORING_RUBRIC = {
  criteria: [
    { key: 'impact', name: 'Impact', weight: 2, min: 0, max: 5 },
    { key: 'fezabilitate', name: 'Fezabilitate', weight: 1, min: 1, max: 10 },
  ],
};

/**
 * A scoring campaign in `core`: `proposals` proposals, `evaluators` evaluators, each proposal going to `perProposal`
 * of them, and the scoring workbooks the exportWorkbooks job writes (their paths, in the job's order) with how long the job took.
 */
export async function scoringWorkbooks(core: Core, dataDir: string, proposals: number, evaluators: number, perProposal: number) {
  const must = async <T = { id: string }>(method: string, input: unknown): Promise<T> => {
    const r = await core.call(method as never, input as never, SYSTEM);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const campaign = await must('budgeting.saveCampaign', {
    name: 'Bench evaluare',
    totalBudget: 100_000_000,
    rubric: SCORING_RUBRIC,
    evaluatorsPerProposal: perProposal,
  });
  const rows = Array.from({ length: proposals }, (_, i) => `P-${String(i + 1).padStart(3, '0')},Propunerea ${i + 1},${20_000 + (i % 1_000) * 100}`);
  await must('budgeting.importProposals', {
    campaignId: campaign.id,
    fileName: 'p.csv',
    contentBase64: Buffer.from(['code,title,cost', ...rows].join('\n')).toString('base64'),
  });
  const ids: string[] = [];
  for (let i = 0; i < evaluators; i++)
    ids.push(
      (
        await must('admin.saveUser', {
          username: `eval${i}`,
          displayName: `Evaluator ${i + 1}`,
          role: 'evaluator',
          password: 'parola-sigura-123',
          active: true,
        })
      ).id,
    );
  await must('budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ids });
  const t0 = performance.now();
  const { jobId } = await must<{ jobId: string }>('budgeting.exportWorkbooks', { campaignId: campaign.id });
  const job = await core.waitForJob(jobId);
  if (job.status !== 'done') throw new Error(`workbooks: ${job.error?.message}`);
  const writeMs = performance.now() - t0;
  const files = (job.result as { files: Array<{ fileId: string }> }).files.map((f) => path.join(dataDir, 'exports', `${f.fileId}.xlsx`));
  return { campaignId: campaign.id, files, writeMs };
}

/** Fills a scoring workbook as an evaluator returns it (no conflict, a score per criterion, a comment) into `out`; the rows filled. */
export async function fillScoringWorkbook(src: string, out: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('Evaluare')!;
  let filled = 0;
  for (let r = 5; ws.getCell(`A${r}`).value; r++, filled++) {
    ws.getCell(`C${r}`).value = 'nu';
    ws.getCell(`D${r}`).value = 3 + (r % 3);
    ws.getCell(`E${r}`).value = 6 + (r % 4);
    ws.getCell(`F${r}`).value = 'Argumentat';
  }
  await wb.xlsx.writeFile(out);
  return filled;
}

/** (d) Offline scoring workbooks: 50 evaluators over 200 proposals, written by the job and imported back one by one. */
async function benchWorkbooks(dir: string) {
  const EVALUATORS = 50;
  const PER_PROPOSAL = 10; // the most a campaign allows: 2,000 assignments, 40 proposals per workbook
  const dataDir = fs.mkdtempSync(path.join(dir, 'wb-'));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
  try {
    const must = async <T = { id: string }>(method: string, input: unknown): Promise<T> => {
      const r = await core.call(method as never, input as never, SYSTEM);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as T;
    };
    const { files, writeMs } = await scoringWorkbooks(core, dataDir, 200, EVALUATORS, PER_PROPOSAL);

    // Fill each workbook as an evaluator would (not timed), then import them back one by one (timed).
    const filled: string[] = [];
    let assignments = 0;
    for (const src of files) {
      const out = path.join(dataDir, `filled-${path.basename(src)}`);
      assignments += await fillScoringWorkbook(src, out);
      filled.push(out);
    }
    const per: number[] = [];
    let submitted = 0;
    const t0 = performance.now();
    for (const file of filled) {
      const s = performance.now();
      const rep = await must<{ submitted: number }>('budgeting.importScores', {
        fileName: path.basename(file),
        contentBase64: fs.readFileSync(file).toString('base64'),
      });
      submitted += rep.submitted;
      per.push(performance.now() - s);
    }
    const importMs = performance.now() - t0;
    console.log(
      `  (d) scoring workbooks: ${files.length} evaluators, 200 proposals × ${PER_PROPOSAL} evaluators each (${assignments.toLocaleString('en-US')} assignments, ~${Math.round(assignments / files.length)} per workbook)`,
    );
    console.log(
      `      write (exportWorkbooks job)      total ${fmt(writeMs / 1000, 2).padStart(6)} s   ${fmt(writeMs / files.length / 1000, 3)} s per workbook`,
    );
    console.log(
      `      import back (importScores)       total ${fmt(importMs / 1000, 2).padStart(6)} s   ${fmt(importMs / files.length / 1000, 3)} s per workbook (p50 ${fmt(median(per) / 1000, 3)}, max ${fmt(Math.max(...per) / 1000, 3)}); ${submitted.toLocaleString('en-US')} evaluations submitted`,
    );
  } finally {
    await core.close();
  }
}

export async function benchBudgeting() {
  console.log(
    `\nBudgeting rules: ${VOTERS.toLocaleString('en-US')} voters × up to 5 votes, ${PROPOSALS.toLocaleString('en-US')} proposals in ${ZONES} zones of 500,000 lei`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-budgeting-'));
  try {
    const proposals = buildProposals();
    const file = path.join(dir, 'votes.csv');
    let t0 = performance.now();
    const rows = writeVotesCsv(file, proposals);
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(`  votes CSV: ${rows.toLocaleString('en-US')} rows, ${fmt(mb, 1)} MB, written in ${fmt((performance.now() - t0) / 1000, 1)} s`);

    const options: VoteParseOptions = {
      votesPerVoter: 5,
      knownIds: new Set(proposals.map((p) => p.id)),
      eligibleIds: new Set(proposals.filter((p) => p.eligible).map((p) => p.id)),
      zoneOf: new Map(proposals.map((p) => [p.id, p.zone])),
    };
    // (a) alternate baseline and checked runs, keep the best of each
    const base: number[] = [];
    const checked: number[] = [];
    const baseCpu: number[] = [];
    const checkedCpu: number[] = [];
    const cpuMs = (c: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(c);
      return (d.user + d.system) / 1000;
    };
    let report: VoteReport | null = null;
    let baseRows = 0;
    for (let i = 0; i < 2; i++) {
      t0 = performance.now();
      let c = process.cpuUsage();
      let n = 0;
      await scanCsv(file, () => n++);
      base.push(performance.now() - t0);
      baseCpu.push(cpuMs(c));
      baseRows = n - 1;
      t0 = performance.now();
      c = process.cpuUsage();
      report = await readVotes(file, options, () => undefined);
      checked.push(performance.now() - t0);
      checkedCpu.push(cpuMs(c));
    }
    const r = report as VoteReport;
    const bestBase = Math.min(...base);
    const bestChecked = Math.min(...checked);
    const bc = Math.min(...baseCpu);
    const cc = Math.min(...checkedCpu);
    console.log(
      `  (a) votes file, best of 2 runs: wall s, rows/s, and CPU s of this process (the machine is shared; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPU)`,
    );
    console.log(
      `      CSV parser alone (baseline)          ${fmt(bestBase / 1000, 2).padStart(6)} s  ${fmt(baseRows / (bestBase / 1000), 0).padStart(10)} rows/s   cpu ${fmt(bc / 1000, 2)} s = ${fmt(baseRows / (bc / 1000), 0)} rows/s`,
    );
    console.log(
      `      parseVotes: parse + checks + ballots ${fmt(bestChecked / 1000, 2).padStart(6)} s  ${fmt(r.rows / (bestChecked / 1000), 0).padStart(10)} rows/s   cpu ${fmt(cc / 1000, 2)} s = ${fmt(r.rows / (cc / 1000), 0)} rows/s  (CPU ×${fmt(cc / bc, 2)} the baseline)`,
    );
    const rej = Object.entries(r.rejectedBy)
      .filter(([, v]) => v.count)
      .map(([k, v]) => `${k} ${v.count.toLocaleString('en-US')}`)
      .join(', ');
    console.log(`      ${r.accepted.toLocaleString('en-US')} accepted from ${r.voters.toLocaleString('en-US')} voters; refused: ${rej}`);

    // (b) tally and every rule
    const ballots = r.ballots!;
    const time = (f: () => unknown) => {
      f();
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c = process.cpuUsage();
        const s = performance.now();
        f();
        ms.push(performance.now() - s);
        const d = process.cpuUsage(c);
        cpu.push((d.user + d.system) / 1000);
      }
      return { p50: median(ms), max: Math.max(...ms), cpu: median(cpu) };
    };
    const line = (label: string, t: { p50: number; max: number; cpu: number }, target = true) =>
      console.log(
        `      ${label.padEnd(44)} ${fmt(t.p50, 1).padStart(8)} / ${fmt(t.max, 1).padStart(8)}   cpu ${fmt(t.cpu, 1).padStart(7)}${target ? `   ${t.p50 < 1000 ? 'PASS' : 'FAIL'}` : ''}`,
      );
    let tally = new Map<string, number>();
    const tallyMs = time(() => (tally = tallyBallots(ballots)));
    const projects = proposals.map((p) => ({ ...p, votes: tally.get(p.id) ?? 0 }));
    const zones = Array.from({ length: ZONES }, (_, z) => ({ key: `Z${z + 1}`, budget: ZONE_BUDGET, label: `Zona ${z + 1}` }));
    console.log(
      `  (b) wall ms median / max of ${RUNS} after a warm-up, and median CPU ms of this process (the machine is shared); target: well under 1,000 ms`,
    );
    line('tally (1.5 M approvals → 1,000 proposals)', tallyMs);
    for (const rule of WINNER_RULES) {
      const input: RuleInput = {
        rule,
        totalBudget: 0,
        zones,
        tieBreak: ['score', 'cost_asc', 'submitted_at', 'code'],
        projects,
        minScore: 60,
        ...(rule === 'equal_shares' ? { ballots } : {}),
      };
      let res = computeWinners(input);
      const t = time(() => (res = computeWinners(input)));
      const label = `${rule} (${res.totals.winners} winners, ${fmt(res.totals.used / 100 / 1000, 0)}k lei)`;
      line(label, t);
    }
    const zone1 = projects.filter((p) => p.zone === 'Z1');
    const pb = time(() => toPabulib({ description: 'bench', budget: ZONE_BUDGET, maxLength: 5, projects: zone1, ballots }));
    line('Pabulib .pb text of one zone', pb, false);

    await benchVotesImport(dir, file, proposals);
    await benchWorkbooks(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchBudgeting();
