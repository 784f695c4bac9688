import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_SHEETS as SHEETS } from '../fixtures/imports/attendance-sheets';
import { writeOds } from '../fixtures/imports/ods';
import { call, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

/**
 * Attendance workbooks as city staff keep them: a title block above the header, one sheet per session, headers
 * such as "Nume și prenume" and "Absolvit (Da/Nu)", saved by Excel or by LibreOffice (.xlsx or .ods) — imported
 * through the API, sheet by sheet, into existing sessions or sessions made on the spot.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const NOW = new Date('2026-03-20T09:00:00Z');

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const a12 = (await ok(env.core, 'plan.listActions', {}, coord)).find((a) => a.code === 'A1.2')!;
  const prog = await ok(env.core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: a12.id }, coord);
  const s1 = await ok(
    env.core,
    'training.saveSession',
    { programmeId: prog.id, title: 'Sesiunea 1', targetGroup: 'civil_servants', startDate: '2026-03-02', hours: 4 },
    coord,
  );
  return { ...env, coord, prog, s1 };
}

async function xlsxBase64(sheets = SHEETS): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('attendance workbooks with one sheet per session', () => {
  it('lists the sheets with their header rows and the session named like each, then imports each into its session (one made on the spot)', async () => {
    const env = await setup();
    const contentBase64 = await xlsxBase64();
    const { sheets } = await ok(env.core, 'training.importAttendanceSheets', { fileName: 'prezenta.xlsx', contentBase64 }, env.coord);
    expect(sheets).toEqual([
      { name: 'Sesiunea 1', headerRow: 4, rows: 2, badCells: 0, sessionId: env.s1.id },
      { name: 'Sesiunea 2', headerRow: 2, rows: 2, badCells: 0, sessionId: null },
      { name: 'Instrucțiuni', headerRow: null, rows: 0, badCells: 2, sessionId: null },
    ]);

    // Without a sheet, a workbook with two lists is refused: which sheet goes where is the user's to say.
    const before = await snapshot(env.dataDir);
    const vague = await call(
      env.core,
      'training.importAttendance',
      { sessionId: env.s1.id, fileName: 'prezenta.xlsx', contentBase64, dryRun: false },
      env.coord,
    );
    expect(vague).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'sheet', reason: 'several_sheets' }] } } });
    if (!vague.ok) expect(vague.error.message).toMatch(/2 foi de prezență \(„Sesiunea 1”, „Sesiunea 2”\)/);
    expect(await snapshot(env.dataDir)).toEqual(before);

    const first = await ok(
      env.core,
      'training.importAttendance',
      { sessionId: env.s1.id, sheet: 'Sesiunea 1', fileName: 'prezenta.xlsx', contentBase64, dryRun: false },
      env.coord,
    );
    expect(first).toMatchObject({
      sheet: 'Sesiunea 1',
      sessionId: env.s1.id,
      sessionCreated: false,
      peopleCreated: 2,
      attendanceCreated: 2,
      ignoredColumns: ['Nr. crt.'],
    });

    const newSession = { programmeId: env.prog.id, title: 'Sesiunea 2', targetGroup: 'civil_servants' as const, startDate: '2026-03-09', hours: 4 };
    const dry = await ok(
      env.core,
      'training.importAttendance',
      { newSession, sheet: 'Sesiunea 2', fileName: 'prezenta.xlsx', contentBase64, dryRun: true },
      env.coord,
    );
    expect(dry).toMatchObject({ sheet: 'Sesiunea 2', sessionId: '', sessionCreated: false, peopleCreated: 1, attendanceCreated: 2 });
    expect(await peek(env.dataDir, "select count(*) as n from training_sessions where title = 'Sesiunea 2'")).toEqual([{ n: 0 }]);
    const second = await ok(
      env.core,
      'training.importAttendance',
      { newSession, sheet: 'Sesiunea 2', fileName: 'prezenta.xlsx', contentBase64, dryRun: false },
      env.coord,
    );
    expect(second).toMatchObject({ sheet: 'Sesiunea 2', sessionCreated: true, peopleCreated: 1, attendanceCreated: 2 });
    expect(
      await peek(
        env.dataDir,
        'select s.title, count(*) as n, sum(a.completed) as done from training_attendance a join training_sessions s on s.id = a.session_id group by s.title order by s.title',
      ),
    ).toEqual([
      { title: 'Sesiunea 1', n: 2, done: 1 },
      { title: 'Sesiunea 2', n: 2, done: 2 },
    ]);
    // The session made on the spot is audited like any other.
    expect(await peek(env.dataDir, "select count(*) as n from audit_log where entity = 'training_session' and entity_id = ?", second.sessionId)).toEqual([
      { n: 1 },
    ]);
  });

  it("a bad cell is named by its sheet's own name and its header as written; nothing is written, not even the new session", async () => {
    const env = await setup();
    const sheets = structuredClone(SHEETS);
    sheets[1].rows[3][3] = 'poate';
    const contentBase64 = await xlsxBase64(sheets);
    const before = await snapshot(env.dataDir);
    const r = await call(
      env.core,
      'training.importAttendance',
      {
        newSession: { programmeId: env.prog.id, title: 'Sesiunea 2', targetGroup: 'civil_servants', startDate: '2026-03-09' },
        sheet: 'Sesiunea 2',
        fileName: 'prezenta.xlsx',
        contentBase64,
        dryRun: false,
      },
      env.coord,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Sesiunea 2!Absolvit \(Da\/Nu\) row 4: expected da or nu/);
    expect(await snapshot(env.dataDir)).toEqual(before);
    const missing = await call(
      env.core,
      'training.importAttendance',
      { sessionId: env.s1.id, sheet: 'Sesiunea 9', fileName: 'prezenta.xlsx', contentBase64, dryRun: true },
      env.coord,
    );
    expect(missing).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'sheet', reason: 'no_sheet' }] } } });
    if (!missing.ok) expect(missing.error.message).toMatch(/nu are foaia „Sesiunea 9”; foile lui: „Sesiunea 1”, „Sesiunea 2”, „Instrucțiuni”/);
    const both = await call(
      env.core,
      'training.importAttendance',
      {
        sessionId: env.s1.id,
        newSession: { programmeId: env.prog.id, title: 'X', targetGroup: 'civil_servants', startDate: '2026-03-09' },
        fileName: 'p.xlsx',
        contentBase64,
      },
      env.coord,
    );
    expect(both).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'sessionId', reason: 'sessionOrNew' }] } } });
  });

  it('the same workbook saved as .ods imports the same way', async () => {
    const env = await setup();
    const file = path.join(tempDir(), 'prezenta.ods');
    await writeOds(file, SHEETS as never);
    const contentBase64 = fs.readFileSync(file).toString('base64');
    const { sheets } = await ok(env.core, 'training.importAttendanceSheets', { fileName: 'prezenta.ods', contentBase64 }, env.coord);
    expect(sheets.map((s) => [s.name, s.headerRow, s.rows])).toEqual([
      ['Sesiunea 1', 4, 2],
      ['Sesiunea 2', 2, 2],
      ['Instrucțiuni', null, 0],
    ]);
    const r = await ok(
      env.core,
      'training.importAttendance',
      { sessionId: env.s1.id, sheet: 'Sesiunea 1', fileName: 'prezenta.ods', contentBase64, dryRun: false },
      env.coord,
    );
    expect(r).toMatchObject({ sheet: 'Sesiunea 1', peopleCreated: 2, attendanceCreated: 2 });
    expect(await peek(env.dataDir, 'select name from training_people order by name')).toEqual([{ name: 'Mihai Bălan' }, { name: 'Ștefania Țurcanu' }]);
  });

  it('the workbook as LibreOffice 7.4 saved it (a committed fixture, .ods and .xlsx) imports sheet by sheet', async () => {
    for (const name of ['attendance-libreoffice.ods', 'attendance-libreoffice.xlsx']) {
      const env = await setup();
      const contentBase64 = fs.readFileSync(path.join(here, '../fixtures/imports', name)).toString('base64');
      const { sheets } = await ok(env.core, 'training.importAttendanceSheets', { fileName: name, contentBase64 }, env.coord);
      expect(
        sheets.map((s) => [s.name, s.headerRow, s.rows, s.badCells]),
        name,
      ).toEqual([
        ['Sesiunea 1', 4, 2, 0],
        ['Sesiunea 2', 2, 2, 0],
        ['Instrucțiuni', null, 0, 2],
      ]);
      const r = await ok(
        env.core,
        'training.importAttendance',
        { sessionId: env.s1.id, sheet: 'Sesiunea 1', fileName: name, contentBase64, dryRun: false },
        env.coord,
      );
      expect(r, name).toMatchObject({ sheet: 'Sesiunea 1', peopleCreated: 2, attendanceCreated: 2 });
      expect(await peek(env.dataDir, 'select name, email from training_people order by name'), name).toEqual([
        { name: 'Mihai Bălan', email: 'mihai.balan@primariatm.ro' },
        { name: 'Ștefania Țurcanu', email: 'stefania.turcanu@primariatm.ro' },
      ]);
    }
  });
});
