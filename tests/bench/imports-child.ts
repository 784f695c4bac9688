/**
 * One run of the imports bench (imports.ts), alone in its own process so its peak memory is its own.
 * Usage: node --import tsx imports-child.ts <mode> <workbook.xlsx> [<data dir> <target id>]
 *  exceljs-stream  ExcelJS's streaming reader alone over the first sheet, every row's values touched (the baseline)
 *  attendance      core.call('training.importAttendance') into session <target id>
 *  stakeholders    core.call('stakeholders.importExcel')
 *  proposals       core.call('budgeting.importProposals') into campaign <target id>
 *  funding         core.call('funding.importExcel') (calls)
 *  training-registry core.call('training.importExcel') (people)
 *  risks           core.call('risks.importExcel') (a SCIM register without codes)
 *  scores          core.call('budgeting.importScores') (an evaluator's filled scoring workbook)
 *  sql-floor       <template data dir> <imported data dir>: what SQLite alone takes to write what an import wrote —
 *                  the rows the import added or changed in every table (its audit entries too), read beforehand, written
 *                  into a copy of the folder it started from with the app's pragmas, schema and indexes, in one
 *                  transaction of multi-row statements, committed. The floor under any import of the same rows, in ms
 *                  (JSON { ms, rows: <rows written> }).
 * Each import is committed, with the workbook as the app sends it (base64, read before the clock starts).
 * Prints one JSON line: { ms, rows, rssBeforeMb, peakDeltaMb, samples }.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';

const MODES = ['exceljs-stream', 'attendance', 'stakeholders', 'proposals', 'funding', 'training-registry', 'risks', 'scores', 'sql-floor'];
const [mode, file, dataDir, targetId] = process.argv.slice(2);
if (!file || !MODES.includes(mode) || (mode !== 'exceljs-stream' && !dataDir)) {
  process.stderr.write(`usage: imports-child.ts <${MODES.join('|')}> <workbook.xlsx> [<data dir> <target id>]\n`);
  process.exit(2);
}
if (mode === 'sql-floor') {
  process.stdout.write(`${JSON.stringify(sqlFloor(file, dataDir))}\n`);
  process.exit(0);
}

/** See the top of this file: `template` is the folder the import started from, `imported` the one it wrote into. */
function sqlFloor(template: string, imported: string) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-floor-'));
  try {
    fs.copyFileSync(dbPath(template), dbPath(target));
    const db = new BetterSqlite3(dbPath(target));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.prepare('attach ? as imp').run(dbPath(imported));
    const tables = (db.prepare(`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%'`).all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    const written = tables
      .map((t) => ({ t, rows: db.prepare(`select * from imp."${t}" except select * from main."${t}"`).raw().all() as unknown[][] }))
      .filter((w) => w.rows.length > 0);
    db.exec('detach imp');
    const t0 = performance.now();
    db.exec('begin immediate');
    db.pragma('defer_foreign_keys = ON'); // the tables in any order: the references are checked at the commit
    let rows = 0;
    for (const { t, rows: all } of written) {
      const width = all[0].length;
      const per = Math.max(1, Math.floor(32_000 / width));
      const statement = (n: number) =>
        db.prepare(`insert or replace into main."${t}" values ${Array.from({ length: n }, () => `(${Array(width).fill('?').join(',')})`).join(',')}`);
      const full = statement(Math.min(per, all.length));
      for (let i = 0; i < all.length; i += per) {
        const chunk = all.slice(i, i + per);
        (chunk.length === per || i === 0 ? full : statement(chunk.length)).run(chunk.flat());
      }
      rows += all.length;
    }
    db.exec('commit');
    const ms = performance.now() - t0;
    db.close();
    return { ms: Math.round(ms), rows };
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
  }
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
const core = mode === 'exceljs-stream' ? null : await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false });
const contentBase64 = core ? fs.readFileSync(file).toString('base64') : '';
const sampler = new Worker(SAMPLER, { eval: true });
await new Promise((r) => setTimeout(r, 100));
const rssBefore = process.memoryUsage.rss();
const t0 = performance.now();
let rows = 0;
const call = async (method: string, input: Record<string, unknown>) => {
  const r = await core!.call(method as never, { fileName: 'import.xlsx', contentBase64, dryRun: false, ...input } as never, SYSTEM);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as Record<string, unknown>;
};
if (mode === 'attendance') rows = ((await call('training.importAttendance', { sessionId: targetId, decisions: [] })).rows as unknown[]).length;
else if (mode === 'stakeholders') {
  const v = await call('stakeholders.importExcel', {});
  rows = (v.sheets as Array<{ created: number; updated: number }>).reduce((n, s) => n + s.created + s.updated, 0);
  if (!rows) process.stderr.write(`${JSON.stringify(v).slice(0, 400)}\n`);
} else if (mode === 'proposals') {
  const v = await call('budgeting.importProposals', { campaignId: targetId });
  rows = Number(v.created ?? 0) + Number(v.updated ?? 0);
  if (!rows) process.stderr.write(`${JSON.stringify(v).slice(0, 400)}\n`);
} else if (mode === 'funding') {
  const v = await call('funding.importExcel', {});
  rows = (v.calls as { created: number }).created + (v.applications as { created: number }).created;
} else if (mode === 'training-registry') {
  const v = await call('training.importExcel', {});
  rows = Object.values(v.created as Record<string, number>).reduce((n, c) => n + c, 0);
} else if (mode === 'risks') {
  rows = Number((await call('risks.importExcel', {})).created);
} else if (mode === 'scores') {
  rows = Number((await call('budgeting.importScores', {})).submitted);
} else {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      if (row.number > 1) rows++;
      if (Array.isArray(row.values)) for (const v of row.values) if (v != null) cells++;
    }
    break;
  }
  if (!cells) throw new Error('no cells read');
}
const ms = performance.now() - t0;
const { peak, samples } = await new Promise<{ peak: number; samples: number }>((resolve) => {
  sampler.once('message', resolve);
  sampler.postMessage('stop');
});
await sampler.terminate();
await core?.close();
const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), rows, rssBeforeMb: mb(rssBefore), peakDeltaMb: mb(peak - rssBefore), samples })}\n`);
