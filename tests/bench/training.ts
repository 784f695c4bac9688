/**
 * Training records at 200,000 attendance rows vs a small baseline (2,000 rows, the same shape ÷100), in the same
 * run: the two computed indicators (plan.indicatorRecords for I4.3 and I1.2), plan.listIndicators (which computes
 * both), and the lists the screens read (training.listAttendance for one session, listSessions' first page and a search, sessionOptions, listProgrammes,
 * listPeople), each as core.call does them: warm (cached or not, the same data read again) and cold (the first read
 * after another process changed the database: electron/core/cache.ts and SQLite's page cache are both dropped), and
 * an attendance edit in the app with the indicators read right after it. Then a 50,000-row attendance workbook imported through
 * training.importAttendance (rows/s, peak RSS in its own process) vs reading the same workbook with ExcelJS alone.
 * Figures only; nothing is asserted. Run alone: npx tsx tests/bench/training.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { systemWrite } from '../../db/access';
import { openDatabase } from '../../db/connection';
import { rebuildCompletions } from '../../db/queries/training';
import { nameKey } from '../../electron/core/training/keys';
import { newId } from '../../electron/core/util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = 30;
const WARMUP = 3;
const SYSTEM = { sessionId: null, system: true };
const NOW = () => new Date('2026-03-10T09:00:00Z');
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

const FIRST = ['Ana', 'Mihai', 'Elena', 'Radu', 'Ioana', 'Andrei', 'Maria', 'Ștefan', 'Cristina', 'Vlad', 'Alina', 'Bogdan'];
const LAST = ['Popescu', 'Ionescu', 'Dobre', 'Stan', 'Munteanu', 'Țurcanu', 'Georgescu', 'Lungu', 'Barbu', 'Dumitrescu'];
const DEPTS = ['Direcția Comunicare', 'Serviciul Resurse Umane', 'Direcția Fiscală', 'Direcția Tehnică', 'Serviciul Juridic'];
const CATEGORIES = ['civil_servant', 'civil_servant', 'contract_staff', 'elected_official', 'citizen'];
const personName = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;

/** A seeded data folder with `attendance` rows: 100 per session, people each in ~5 sessions, 70 % completed. */
/** `attendance` rows in a fresh seeded data folder, or added to the existing folder `into` (the at-scale bench's). */
export async function build(attendance: number, into?: string) {
  const dataDir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-training-'));
  if (!into) await (await createCore({ dataDir, platform: headlessPlatform('cli'), now: NOW })).close();
  // Bulk rows straight into the file with prepared statements in one transaction (the fixture, not the thing measured).
  const BetterSqlite3 = (await import('better-sqlite3')).default;
  const db = new BetterSqlite3(dbPath(dataDir));
  // A folder whose plan has no A1.2 / A4.3 (the scaled plan's codes differ) takes its first actions.
  const actions = db.prepare(`select id, code from actions where deleted_at is null order by code in ('A1.2', 'A4.3') desc, code limit 2`).all() as {
    id: string;
    code: string;
  }[];
  const at = '2026-01-01T00:00:00.000Z';
  const perSession = 100;
  const sessions = attendance / perSession;
  const people = Math.max(perSession, attendance / 5);
  const programmes = Math.max(2, Math.round(sessions / 100));
  const insG = db.prepare(`insert into training_programmes (id, name, description, action_id, created_at, updated_at) values (?, ?, '', ?, ?, ?)`);
  const insS = db.prepare(
    `insert into training_sessions (id, programme_id, title, topic, target_group, provider, trainer, format, location, start_date, end_date, hours, cost_bani, plan_line, evidence, created_at, updated_at)
     values (?, ?, ?, 'Guvernare deschisă', 'civil_servants', 'Furnizor SRL', 'Formator', 'in_person', 'Timișoara', ?, ?, 8, 150000, '', '', ?, ?)`,
  );
  const insP = db.prepare(
    `insert into training_people (id, name, name_key, email, email_key, department, position, category, notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'Referent', ?, '', ?, ?)`,
  );
  const insA = db.prepare(
    `insert into training_attendance (id, session_id, person_id, hours_attended, completed, assessment, certificate_type, certificate_number, certificate_date, certificate_issuer, consent_publish_name, consent_contact, created_at, updated_at)
     values (?, ?, ?, 8, ?, '', '', '', null, '', 0, 0, ?, ?)`,
  );
  const sessionIds: string[] = [];
  db.transaction(() => {
    const gIds = Array.from({ length: programmes }, (_, g) => {
      const id = newId();
      insG.run(id, `Program ${g}`, actions[g % actions.length].id, at, at);
      return id;
    });
    const pIds = Array.from({ length: people }, (_, i) => {
      const id = newId();
      const name = personName(i);
      const email = `persoana${i}@primariatm.ro`;
      insP.run(id, name, nameKey(name), email, email, DEPTS[i % DEPTS.length], CATEGORIES[i % CATEGORIES.length], at, at);
      return id;
    });
    for (let s = 0; s < sessions; s++) {
      const id = newId();
      const day = `2025-${String((s % 12) + 1).padStart(2, '0')}-${String((s % 28) + 1).padStart(2, '0')}`;
      insS.run(id, gIds[s % programmes], `Sesiunea ${s}`, day, day, at, at);
      sessionIds.push(id);
      // 100 distinct people per session, spread so each person attends about five sessions.
      for (let j = 0; j < perSession; j++) insA.run(newId(), id, pIds[(s * perSession + j * 7919) % people], (s + j) % 10 < 7 ? 1 : 0, at, at);
    }
  })();
  db.close();
  // The rows went in behind the app's back: derive training_completions from them as migration 0011 does.
  const conn = openDatabase(dbPath(dataDir));
  const t0 = performance.now();
  await conn.db.transaction().execute((trx) => rebuildCompletions(systemWrite(trx, 'fixture')));
  const rebuildMs = performance.now() - t0;
  await conn.close();
  return { dataDir, sessionId: sessionIds[Math.floor(sessionIds.length / 2)], rebuildMs };
}

async function time(fn: () => Promise<unknown>, before?: () => void) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function measure(core: Core, sessionId: string) {
  // A write by another connection, as the CLI would make: computed results must be read afresh after it.
  const other = new (await import('better-sqlite3')).default(dbPath(core.dataDir));
  const bump = other.prepare('update training_programmes set description = ? where rowid = (select min(rowid) from training_programmes)');
  let touches = 0;
  const touch = () => void bump.run(`Program (atins ${++touches})`);
  const call = async (m: string, input: unknown) => {
    const r = await core.call(m, input, SYSTEM);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value;
  };
  const indicators = (await call('plan.listIndicators', {})) as Array<{ id: string; code: string }>;
  let row = ((await call('training.listAttendance', { sessionId })) as Array<Record<string, unknown>>)[0];
  const toggle = async () => {
    const {
      id,
      updatedAt,
      sessionId: sid,
      personId,
      hoursAttended,
      completed,
    } = row as { id: string; updatedAt: string; sessionId: string; personId: string; hoursAttended: number; completed: boolean };
    row = (await call('training.saveAttendance', {
      id,
      expectedUpdatedAt: updatedAt,
      sessionId: sid,
      personId,
      hoursAttended,
      completed: !completed,
    })) as Record<string, unknown>;
  };
  const i43 = indicators.find((i) => i.code === 'I4.3')!.id;
  const i12 = indicators.find((i) => i.code === 'I1.2')!.id;
  const value = ((await call('plan.indicatorRecords', { id: i43 })) as { value: number }).value;
  try {
    return {
      value,
      i43: await time(() => call('plan.indicatorRecords', { id: i43 })),
      i12: await time(() => call('plan.indicatorRecords', { id: i12 })),
      indicators: await time(() => call('plan.listIndicators', {})),
      attendance: await time(() => call('training.listAttendance', { sessionId })),
      sessions: await time(() => call('training.listSessions', {})),
      // Every session's topic is "Guvernare deschisă": the search folds all of them and every one matches.
      sessionsSearch: await time(() => call('training.listSessions', { search: 'DESCHISA' })),
      sessionOptions: await time(() => call('training.sessionOptions', {})),
      programmes: await time(() => call('training.listProgrammes', {})),
      people: await time(() => call('training.listPeople', {})),
      peopleSearch: await time(() => call('training.listPeople', { search: 'popescu' })),
      // The same reads right after another process changed the database (the cache of electron/core/cache.ts is dropped).
      indicatorsCold: await time(() => call('plan.listIndicators', {}), touch),
      programmesCold: await time(() => call('training.listProgrammes', {}), touch),
      i43Cold: await time(() => call('plan.indicatorRecords', { id: i43 }), touch),
      i12Cold: await time(() => call('plan.indicatorRecords', { id: i12 }), touch),
      // What keeps training_completions exact costs the writes: one attendance marked completed / not completed in
      // the app (its programme and person recomputed in the same transaction), then read the indicators at once.
      attendanceWrite: await time(() => toggle()),
      editThenIndicators: await time(async () => {
        await toggle();
        await call('plan.listIndicators', {});
      }),
    };
  } finally {
    other.close();
  }
}

interface ChildRun {
  ms: number;
  rows: number;
  rssBeforeMb: number;
  peakDeltaMb: number;
  samples: number;
}

function child(args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'training-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ChildRun);
      else reject(new Error(`training child (${args[0]}) exited with ${code}\n${out}\n${err}`));
    });
  });
}

/** An attendance list as an HR office keeps it: 50,000 different people, two thirds completed. */
async function attendanceWorkbook(file: string, rows: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prezență');
  ws.addRow(['Nume și prenume', 'Departament', 'Funcția', 'E-mail', 'Ore', 'Finalizat']);
  for (let i = 0; i < rows; i++)
    ws.addRow([personName(1_000_000 + i), DEPTS[i % DEPTS.length], 'Referent', `participant${i}@primariatm.ro`, 8, i % 3 ? 'da' : 'nu']);
  await wb.xlsx.writeFile(file);
}

export async function benchTraining(sizes: [number, number] = [2_000, 200_000], importRows = 50_000) {
  console.log(
    `\nTraining: indicators and lists at ${sizes[1].toLocaleString('en-US')} attendance rows vs ${sizes[0].toLocaleString('en-US')} (p50 / p95 ms over ${RUNS} runs; target p95 < 100 ms)`,
  );
  const out: Array<Awaited<ReturnType<typeof measure>>> = [];
  for (const n of sizes) {
    const t0 = performance.now();
    const { dataDir, sessionId, rebuildMs } = await build(n);
    const built = performance.now() - t0;
    const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false, now: NOW });
    try {
      out.push(await measure(core, sessionId));
      console.log(
        `  fixture ${n.toLocaleString('en-US')} rows built in ${fmt(built / 1000, 1)} s (I4.3 = ${out.at(-1)!.value.toLocaleString('en-US')} people; training_completions derived from it in ${fmt(rebuildMs, 0)} ms, as migration 0011 does)`,
      );
    } finally {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const [small, large] = out;
  const rows: Array<[string, Exclude<keyof typeof small, 'value'>]> = [
    ['I4.3 employees trained (indicatorRecords)', 'i43'],
    ['I1.2 officials trained (indicatorRecords)', 'i12'],
    ['plan.listIndicators (both computed)', 'indicators'],
    ['training.listAttendance (one session)', 'attendance'],
    ['training.listSessions (first page of 100)', 'sessions'],
    ['training.listSessions (search, all match)', 'sessionsSearch'],
    ['training.sessionOptions (all, slim)', 'sessionOptions'],
    ['training.listProgrammes (with counts)', 'programmes'],
    ['training.listPeople (first page of 100)', 'people'],
    ['training.listPeople (search "popescu")', 'peopleSearch'],
    ['plan.listIndicators after a change (cold)', 'indicatorsCold'],
    ['training.listProgrammes after a change (cold)', 'programmesCold'],
    ['I4.3 indicatorRecords after a change (cold)', 'i43Cold'],
    ['I1.2 indicatorRecords after a change (cold)', 'i12Cold'],
    ['training.saveAttendance (write, completions kept)', 'attendanceWrite'],
    ['saveAttendance then plan.listIndicators', 'editThenIndicators'],
  ];
  for (const [label, k] of rows) {
    const s = small[k];
    const l = large[k];
    console.log(
      `  ${label.padEnd(50)} small ${fmt(s.p50).padStart(6)} / ${fmt(s.p95).padStart(6)}   large ${fmt(l.p50).padStart(7)} / ${fmt(l.p95).padStart(7)}   ×${fmt(l.p95 / s.p95)}   ${l.p95 < 100 ? 'PASS' : 'FAIL'}`,
    );
  }

  // Import of a large attendance list: each run in its own process, peak RSS sampled every 20 ms.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-training-import-'));
  try {
    const file = path.join(dir, 'prezenta.xlsx');
    await attendanceWorkbook(file, importRows);
    const { dataDir, sessionId } = await build(2_000);
    const runs: Array<[string, ChildRun]> = [
      ['ExcelJS in-memory read (baseline)', await child(['exceljs', file])],
      ['ExcelJS streaming read (baseline)', await child(['exceljs-stream', file])],
      ['training.importAttendance (commit)', await child(['import', file, dataDir, sessionId])],
    ];
    fs.rmSync(dataDir, { recursive: true, force: true });
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(
      `\n  attendance list import: ${importRows.toLocaleString('en-US')} rows, ${fmt(mb, 1)} MB .xlsx; all new people, written in one transaction with audit rows`,
    );
    for (const [label, r] of runs)
      console.log(
        `  ${label.padEnd(44)} ${fmt(r.ms / 1000, 2).padStart(6)} s   ${fmt(r.rows / (r.ms / 1000), 0).padStart(8)} rows/s   peak ΔRSS ${fmt(r.peakDeltaMb, 1).padStart(6)} MB   (${r.rows.toLocaleString('en-US')} rows)`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchTraining();
