/**
 * One run of the budgeting bench's votes import comparison, alone in its own process so its peak memory is its own.
 * Usage: node --import tsx budgeting-child.ts <scan|import> <votes.csv> [<data dir> <proposals.csv> [<postgres url>]]
 *  scan    the rules library's streaming CSV parser alone (scanCsv), every row counted (the baseline)
 *  import  the file sent as the app sends a big file (files.beginUpload, files.appendUpload a 1 MB piece at a time read
 *          from disk), then core.call('budgeting.importVotes') with the upload's id (checks, committed) into a
 *          fresh data dir (or the PostgreSQL database given) whose campaign and 1,000 proposals are set up first (outside
 *          the timed part), then budgeting.computeResults (the stored tally and the winners), timed apart as tallyMs
 * ms counts the upload and the import (uploadMs: the upload alone). Prints one JSON line: { ms, uploadMs, tallyMs, cpuMs, tallyCpuMs, rows, counted, rssBeforeMb, peakDeltaMb, samples } (cpu: this process's
 * CPU time, user + system, every thread: on a shared machine the wall clock also counts other processes' turns).
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { UploadStarted } from '../../electron/contract';
import { createCore, headlessPlatform, type Core } from '../../electron/core';
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

/**
 * The file sent as the app sends a big one (renderer/src/api/uploads.ts uploadFile): files.beginUpload, then
 * files.appendUpload a piece of `chunkBytes` at a time, each piece read from disk and sent as base64, so neither the
 * file nor its base64 is ever held whole. The upload's id, for the import.
 */
async function uploadFile(core: Core, file: string): Promise<string> {
  const size = fs.statSync(file).size;
  const begun = await core.call('files.beginUpload', { purpose: 'budgeting.importVotes', fileName: 'voturi.csv', size }, SYSTEM);
  if (!begun.ok) throw new Error(begun.error.message);
  const { uploadId, chunkBytes } = begun.value as UploadStarted;
  const piece = Buffer.allocUnsafe(chunkBytes);
  const fd = fs.openSync(file, 'r');
  try {
    for (let sent = 0; sent < size;) {
      const n = fs.readSync(fd, piece, 0, Math.min(chunkBytes, size - sent), sent);
      const r = await core.call('files.appendUpload', { uploadId, offset: sent, contentBase64: piece.toString('base64', 0, n) }, SYSTEM);
      if (!r.ok) throw new Error(r.error.message);
      sent = (r.value as { received: number }).received;
    }
  } finally {
    fs.closeSync(fd);
  }
  return uploadId;
}
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
let uploadMs = 0;
let tallyCpuMs = 0;
const cpu = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
if (core) {
  const uploadId = await uploadFile(core, file);
  uploadMs = performance.now() - t0;
  const r = await core.call('budgeting.importVotes', { campaignId, fileName: 'voturi.csv', uploadId, dryRun: false }, SYSTEM);
  if (!r.ok) throw new Error(r.error.message);
  const dropped = await core.call('files.cancelUpload', { uploadId }, SYSTEM);
  if (!dropped.ok) throw new Error(dropped.error.message);
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
  `${JSON.stringify({ ms: Math.round(ms), uploadMs: Math.round(uploadMs), tallyMs: Math.round(tallyMs), cpuMs: Math.round(cpuMs), tallyCpuMs: Math.round(tallyCpuMs), rows, counted, rssBeforeMb: mb(rssBefore), peakDeltaMb: mb(peak - rssBefore), samples })}\n`,
);
