/**
 * One Excel export of the benchmark, alone in its own process so its peak memory is its own.
 * Usage: node --import tsx export-child.ts <db file> <out.xlsx> <stream|memory> <today>
 * Prints one JSON line: { ms, rows, sheets, rssBeforeMb, peakDeltaMb, samples }.
 */
import { Worker } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { writeWorkbook, writeWorkbookInMemory } from '../../electron/core/excel';
import { readSettings } from '../../electron/core/admin/settings';
import { exportPlanWorkbook } from '../../electron/core/plan/export';

const [file, out, engine, today] = process.argv.slice(2);
if (!file || !out || (engine !== 'stream' && engine !== 'memory') || !today) {
  process.stderr.write('usage: export-child.ts <db> <out> <stream|memory> <today>\n');
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

const conn = openDatabase(file, { readonly: true, fileMustExist: true });
const settings = await readSettings(conn.db);
const sampler = new Worker(SAMPLER, { eval: true });
await new Promise((r) => setTimeout(r, 100)); // sampler up and running
const rssBefore = process.memoryUsage.rss();
const t0 = performance.now();
const result = await exportPlanWorkbook(conn.db, out, { today, settings, writer: engine === 'stream' ? writeWorkbook : writeWorkbookInMemory });
const ms = performance.now() - t0;
const { peak, samples } = await new Promise<{ peak: number; samples: number }>((resolve) => {
  sampler.once('message', resolve);
  sampler.postMessage('stop');
});
await sampler.terminate();
await conn.close();
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), rows: result.rows, sheets: result.sheets, rssBeforeMb: mb(rssBefore), peakDeltaMb: mb(peak - rssBefore), samples })}\n`,
);
