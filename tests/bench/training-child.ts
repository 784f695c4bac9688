/**
 * One run of the training bench's import comparison, alone in its own process so its peak memory is its own.
 * Usage: node --import tsx training-child.ts <import|exceljs|exceljs-stream> <workbook.xlsx> [<data dir> <session id>]
 *  import          core.call('training.importAttendance') with the workbook as the app sends it (base64, committed)
 *  exceljs         ExcelJS alone: the whole workbook read into memory, every row's values touched
 *  exceljs-stream  ExcelJS's streaming reader alone, every row's values touched
 * Prints one JSON line: { ms, rows, rssBeforeMb, peakDeltaMb, samples }.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { createCore, headlessPlatform } from '../../electron/core';

const [mode, file, dataDir, sessionId] = process.argv.slice(2);
if (!file || !['import', 'exceljs', 'exceljs-stream'].includes(mode) || (mode === 'import' && (!dataDir || !sessionId))) {
  process.stderr.write('usage: training-child.ts <import|exceljs|exceljs-stream> <workbook.xlsx> [<data dir> <session id>]\n');
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

const core = mode === 'import' ? await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false }) : null;
const sampler = new Worker(SAMPLER, { eval: true });
await new Promise((r) => setTimeout(r, 100));
const rssBefore = process.memoryUsage.rss();
const t0 = performance.now();
let rows = 0;
let cells = 0;
const touch = (values: unknown) => {
  if (Array.isArray(values)) for (const v of values) if (v != null) cells++;
};
if (mode === 'import') {
  const contentBase64 = fs.readFileSync(file).toString('base64');
  const r = await core!.call(
    'training.importAttendance',
    { sessionId, fileName: 'prezenta.xlsx', contentBase64, dryRun: false, decisions: [] },
    { sessionId: null, system: true },
  );
  if (!r.ok) throw new Error(r.error.message);
  rows = (r.value as { rows: unknown[] }).rows.length;
} else if (mode === 'exceljs') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.worksheets[0].eachRow((row, n) => {
    if (n > 1) rows++;
    touch(row.values);
  });
} else {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number > 1) rows++;
      touch(row.values);
    }
    break;
  }
}
const ms = performance.now() - t0;
const { peak, samples } = await new Promise<{ peak: number; samples: number }>((resolve) => {
  sampler.once('message', resolve);
  sampler.postMessage('stop');
});
await sampler.terminate();
await core?.close();
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), rows, cells, rssBeforeMb: mb(rssBefore), peakDeltaMb: mb(peak - rssBefore), samples })}\n`);
