/**
 * One run of the budgeting bench's votes import comparison, alone in its own process so its peak memory is its own.
 * Usage: node --import tsx budgeting-child.ts <scan|import> <votes.csv> [<data dir> <proposals.csv> [<postgres url>]]
 *  scan    the rules library's streaming CSV parser alone (scanCsv), every row counted (the baseline)
 *  import  core.call('budgeting.importVotes') as the app and the CLI send it (base64 upload, checks, committed) into a
 *          fresh data dir (or the PostgreSQL database given) whose campaign and 1,000 proposals are set up first (outside
 *          the timed part), then budgeting.computeResults (the stored tally and the winners), timed apart as tallyMs
 * Prints one JSON line: { ms, tallyMs, cpuMs, tallyCpuMs, rows, counted, rssBeforeMb, peakDeltaMb, samples } (cpu: this process's
 * CPU time, user + system, every thread: on a shared machine the wall clock also counts other processes' turns).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createCore, headlessPlatform } from '../../electron/core';
import { scanCsv } from '../../electron/core/budgeting/rules';
import { setupVoteCampaign } from './budgeting';

const [mode, file, dataDir, proposalsCsv, database] = process.argv.slice(2);
if (!file || !['scan', 'import'].includes(mode) || (mode === 'import' && (!dataDir || !proposalsCsv))) {
  process.stderr.write('usage: budgeting-child.ts <scan|import> <votes.csv> [<data dir> <proposals.csv>]\n');
  process.exit(2);
}

// RSS is per process; a worker samples it every 20 ms so a busy main thread cannot hide a peak.
const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0, samples = 0;
const tick = () => { const r = process.memoryUsage.rss(); samples++; if (r > peak) peak = r; };
const timer = setInterval(tick, 20);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); tick(); parentPort.postMessage({ peak, samples }); } });
tick();
`;

const SYSTEM = { sessionId: null, system: true };
const core = mode === 'import' ? await createCore({ dataDir, database, platform: headlessPlatform('cli'), seed: false }) : null;
const campaignId = core ? await setupVoteCampaign(core, proposalsCsv) : '';
const sampler = new Worker(SAMPLER, { eval: true });
await new Promise((r) => setTimeout(r, 100));
const rssBefore = process.memoryUsage.rss();
const c0 = process.cpuUsage();
const t0 = performance.now();
let rows = 0;
let counted = 0;
let tallyMs = 0;
let tallyCpuMs = 0;
const cpu = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
if (core) {
  const r = await core.call(
    'budgeting.importVotes',
    { campaignId, fileName: 'voturi.csv', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false },
    SYSTEM,
  );
  if (!r.ok) throw new Error(r.error.message);
  const rep = r.value as { rows: number; counted: number };
  rows = rep.rows;
  counted = rep.counted;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const res = await core.call('budgeting.computeResults', { campaignId, final: false }, SYSTEM);
  if (!res.ok) throw new Error(res.error.message);
  if ((res.value as { votesCounted: number }).votesCounted !== counted) throw new Error('the tally does not count every stored vote');
  tallyMs = performance.now() - t1;
  tallyCpuMs = cpu(c1);
} else {
  await scanCsv(file, () => rows++);
  rows -= 1; // the header
}
const ms = performance.now() - t0 - tallyMs;
const cpuMs = cpu(c0) - tallyCpuMs;
const { peak, samples } = await new Promise<{ peak: number; samples: number }>((resolve) => {
  sampler.once('message', resolve);
  sampler.postMessage('stop');
});
await sampler.terminate();
await core?.close();
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), tallyMs: Math.round(tallyMs), cpuMs: Math.round(cpuMs), tallyCpuMs: Math.round(tallyCpuMs), rows, counted, rssBeforeMb: mb(rssBefore), peakDeltaMb: mb(peak - rssBefore), samples })}\n`,
);
