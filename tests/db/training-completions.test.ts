import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Attendance, ImportAttendanceInput } from '../../electron/contract';
import { distinctTrainedPeople } from '../../db/queries/reports';
import { call, freshCore, ok, peek, snapshot, withStoreDb } from './helpers';

/**
 * training_completions (migration 0011) is what the programme counts and the I1.2 / I4.3 indicators read. Every
 * write that can change it must leave it equal to the same figures recomputed from the raw attendance — checked
 * here after each kind of write, with a recomputation written independently of the app's SQL.
 */

const NOW = new Date('2025-06-15T09:00:00Z');

const STORED = `select programme_id, person_id, category, sessions_completed, hours, first_completed_on, last_completed_on from training_completions order by programme_id, person_id`;
const RECOMPUTED = `
  select s.programme_id, a.person_id, p.category, count(*) as sessions_completed, sum(a.hours_attended) as hours,
         min(coalesce(s.end_date, s.start_date)) as first_completed_on, max(coalesce(s.end_date, s.start_date)) as last_completed_on
  from training_attendance a join training_sessions s on s.id = a.session_id join training_people p on p.id = a.person_id
  where a.completed = 1 and a.deleted_at is null and s.deleted_at is null and p.deleted_at is null
  group by s.programme_id, a.person_id, p.category order by s.programme_id, a.person_id`;

interface Completion {
  programme_id: string;
  person_id: string;
  category: string;
  sessions_completed: number;
  hours: number;
  first_completed_on: string;
  last_completed_on: string;
}

/** The people the report pack's training total counts, recomputed from the raw attendance (live programmes only). */
const TRAINED_PEOPLE = `
  select count(distinct a.person_id) as n
  from training_attendance a join training_sessions s on s.id = a.session_id join training_programmes g on g.id = s.programme_id
  where a.completed = 1 and a.deleted_at is null and s.deleted_at is null and g.deleted_at is null`;

/**
 * The stored rows, after checking they equal the recomputation (and, when given, how many there are), and that the
 * distinct people the reports count from them are those of the raw attendance.
 */
async function exact(dataDir: string, rows?: number): Promise<Completion[]> {
  const stored = await peek<Completion>(dataDir, STORED);
  expect(stored).toEqual(await peek<Completion>(dataDir, RECOMPUTED));
  const [{ n }] = await peek<{ n: number | string }>(dataDir, TRAINED_PEOPLE);
  expect(await withStoreDb(dataDir, distinctTrainedPeople)).toBe(Number(n));
  if (rows !== undefined) expect(stored).toHaveLength(rows);
  return stored;
}

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const { core } = env;
  const actions = await ok(core, 'plan.listActions', {});
  const a12 = actions.find((a) => a.code === 'A1.2')!;
  const a43 = actions.find((a) => a.code === 'A4.3')!;
  const p1 = await ok(core, 'training.saveProgramme', { name: 'Comunicarea cu cetățeanul', actionId: a12.id });
  const p2 = await ok(core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: a43.id });
  const session = (programmeId: string, title: string, startDate: string, endDate: string | null = null) =>
    ok(core, 'training.saveSession', { programmeId, title, targetGroup: 'civil_servants', startDate, endDate, hours: 8 });
  const s1 = await session(p1.id, 'Grupa 1', '2025-03-10', '2025-03-11');
  const s2 = await session(p1.id, 'Grupa 2', '2025-04-01');
  const s3 = await session(p2.id, 'OGP 101', '2025-05-20');
  const person = (name: string, category: 'civil_servant' | 'contract_staff' | 'elected_official') => ok(core, 'training.savePerson', { name, category });
  const ana = await person('Ana Popescu', 'civil_servant');
  const mihai = await person('Mihai Ionescu', 'contract_staff');
  const elena = await person('Elena Dobre', 'elected_official');
  const attend = (sessionId: string, personId: string, completed: boolean, hoursAttended = 8) =>
    ok(core, 'training.saveAttendance', { sessionId, personId, completed, hoursAttended });
  const edit = (a: Attendance, change: Partial<{ sessionId: string; personId: string; completed: boolean; hoursAttended: number }>) =>
    ok(core, 'training.saveAttendance', {
      id: a.id,
      expectedUpdatedAt: a.updatedAt,
      sessionId: a.sessionId,
      personId: a.personId,
      completed: a.completed,
      hoursAttended: a.hoursAttended,
      ...change,
    });
  const completed = async (programmeId: string) => (await ok(core, 'training.listProgrammes', {})).find((g) => g.id === programmeId)!.completedPeople;
  const indicator = async (code: string) =>
    (await ok(core, 'plan.indicatorRecords', { id: (await ok(core, 'plan.listIndicators', {})).find((i) => i.code === code)!.id })).records
      .map((r) => r.label)
      .sort();
  return { ...env, p1, p2, s1, s2, s3, ana, mihai, elena, attend, edit, completed, indicator };
}

async function workbook(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prezență');
  ws.addRow(['Nume', 'E-mail', 'Ore', 'Finalizat', 'Categorie']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const importInput = (sessionId: string, contentBase64: string, extra: Partial<ImportAttendanceInput> = {}): ImportAttendanceInput => ({
  sessionId,
  fileName: 'prezenta.xlsx',
  contentBase64,
  dryRun: false,
  ...extra,
});

describe('training completions stay equal to the attendance they are computed from', () => {
  it('attendance written in the app: created, completed later, hours changed, moved to another session or person, deleted and undone', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    await exact(dataDir, 0);

    const anaS1 = await t.attend(t.s1.id, t.ana.id, true, 8);
    expect((await exact(dataDir, 1))[0]).toMatchObject({
      programme_id: t.p1.id,
      person_id: t.ana.id,
      category: 'civil_servant',
      sessions_completed: 1,
      hours: 8,
      first_completed_on: '2025-03-11',
      last_completed_on: '2025-03-11',
    });
    expect(await t.completed(t.p1.id)).toBe(1);
    expect(await t.indicator('I1.2')).toEqual(['Ana Popescu']);

    const mihaiS1 = await t.attend(t.s1.id, t.mihai.id, false);
    await exact(dataDir, 1); // not completed: does not count
    const mihaiDone = await t.edit(mihaiS1, { completed: true });
    await exact(dataDir, 2);
    expect(await t.completed(t.p1.id)).toBe(2);

    // A second completed session in the same programme: the same person, counted once, with both sessions' hours.
    const anaS2 = await t.attend(t.s2.id, t.ana.id, true, 4);
    expect((await exact(dataDir, 2)).find((c) => c.person_id === t.ana.id)).toMatchObject({
      sessions_completed: 2,
      hours: 12,
      first_completed_on: '2025-03-11',
      last_completed_on: '2025-04-01',
    });
    expect(await t.completed(t.p1.id)).toBe(2);
    const anaS2b = await t.edit(anaS2, { hoursAttended: 6 });
    expect((await exact(dataDir)).find((c) => c.person_id === t.ana.id)?.hours).toBe(14);

    // Moved to a session of the other programme: Ana now counts in both.
    await t.edit(anaS2b, { sessionId: t.s3.id });
    expect((await exact(dataDir, 3)).filter((c) => c.person_id === t.ana.id).map((c) => [c.programme_id, c.sessions_completed])).toEqual(
      [
        [t.p1.id, 1],
        [t.p2.id, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await t.completed(t.p2.id)).toBe(1);
    expect(await t.indicator('I4.3')).toEqual(['Ana Popescu']);

    // The row given to another person: Mihai no longer counts, Elena does.
    await t.edit(mihaiDone, { personId: t.elena.id });
    expect((await exact(dataDir, 3)).some((c) => c.person_id === t.mihai.id)).toBe(false);
    expect(await t.indicator('I1.2')).toEqual(['Ana Popescu', 'Elena Dobre']);

    // Delete and undo.
    const fresh = (await ok(core, 'training.listAttendance', { sessionId: t.s1.id })).find((a) => a.id === anaS1.id)!;
    await ok(core, 'training.deleteAttendance', { id: anaS1.id, expectedUpdatedAt: fresh.updatedAt });
    await exact(dataDir, 2);
    expect(await t.indicator('I1.2')).toEqual(['Elena Dobre']);
    await ok(core, 'training.restoreAttendance', { id: anaS1.id });
    await exact(dataDir, 3);
    expect(await t.indicator('I1.2')).toEqual(['Ana Popescu', 'Elena Dobre']);

    // A refused write (the same person twice in a session) changes nothing.
    const before = await snapshot(dataDir);
    expect((await call(core, 'training.saveAttendance', { sessionId: t.s1.id, personId: t.ana.id, completed: true })).ok).toBe(false);
    expect(await snapshot(dataDir)).toEqual(before);
    await exact(dataDir, 3);
  });

  it('sessions: moved to another programme, dated again, deleted and undone', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    await t.attend(t.s1.id, t.ana.id, true);
    await t.attend(t.s1.id, t.mihai.id, true);
    await t.attend(t.s2.id, t.ana.id, true);
    await t.attend(t.s3.id, t.elena.id, false);
    await exact(dataDir, 2);
    expect([await t.completed(t.p1.id), await t.completed(t.p2.id)]).toEqual([2, 0]);

    const sessionInput = (s: typeof t.s1) => ({
      id: s.id,
      expectedUpdatedAt: s.updatedAt,
      programmeId: s.programmeId,
      title: s.title,
      targetGroup: s.targetGroup,
      startDate: s.startDate,
      endDate: s.endDate,
      hours: s.hours,
    });
    const moved = await ok(core, 'training.saveSession', { ...sessionInput(t.s1), programmeId: t.p2.id });
    await exact(dataDir, 3); // Ana in both programmes (s2 stays in p1), Mihai in p2 only
    expect([await t.completed(t.p1.id), await t.completed(t.p2.id)]).toEqual([1, 2]);
    expect(await t.indicator('I4.3')).toEqual(['Ana Popescu', 'Mihai Ionescu']);

    const redated = await ok(core, 'training.saveSession', { ...sessionInput(moved), startDate: '2025-06-01', endDate: '2025-06-02' });
    expect((await exact(dataDir, 3)).filter((c) => c.programme_id === t.p2.id).map((c) => c.last_completed_on)).toEqual(['2025-06-02', '2025-06-02']);
    // A title change alone leaves the table as it was.
    const retitled = await ok(core, 'training.saveSession', { ...sessionInput(redated), title: 'Grupa 1 (reprogramată)' });
    await exact(dataDir, 3);

    await ok(core, 'training.deleteSession', { id: retitled.id, expectedUpdatedAt: retitled.updatedAt });
    await exact(dataDir, 1);
    expect(await t.indicator('I4.3')).toEqual([]);
    await ok(core, 'training.restoreSession', { id: retitled.id });
    await exact(dataDir, 3);
    expect(await t.indicator('I4.3')).toEqual(['Ana Popescu', 'Mihai Ionescu']);
  });

  it('a programme linked to another action moves its people between the indicators; a person of another category is counted by it', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    await t.attend(t.s1.id, t.ana.id, true);
    await t.attend(t.s3.id, t.ana.id, true);
    const rows = await exact(dataDir, 2);
    expect([await t.indicator('I1.2'), await t.indicator('I4.3')]).toEqual([['Ana Popescu'], ['Ana Popescu']]);
    const relinked = await ok(core, 'training.saveProgramme', { id: t.p2.id, expectedUpdatedAt: t.p2.updatedAt, name: t.p2.name, actionId: t.p1.actionId });
    expect([await t.indicator('I1.2'), await t.indicator('I4.3')]).toEqual([['Ana Popescu'], []]);
    expect(await exact(dataDir, 2)).toEqual(rows); // the link is read with the action, not stored
    await ok(core, 'training.saveProgramme', { id: relinked.id, expectedUpdatedAt: relinked.updatedAt, name: relinked.name, actionId: t.p2.actionId });

    // Ana becomes contract staff: out of I1.2 (civil servants and elected officials), still in I4.3; every row of hers follows.
    const ana = await ok(core, 'training.savePerson', { id: t.ana.id, expectedUpdatedAt: t.ana.updatedAt, name: t.ana.name, category: 'contract_staff' });
    expect((await exact(dataDir, 2)).map((c) => c.category)).toEqual(['contract_staff', 'contract_staff']);
    expect([await t.indicator('I1.2'), await t.indicator('I4.3')]).toEqual([[], ['Ana Popescu']]);
    expect((await ok(core, 'plan.listIndicators', {})).find((i) => i.code === 'I1.2')?.latest).toBeNull(); // nobody counts: no data
    // A citizen counts in neither; other edits of the person leave the table as it was.
    const citizen = await ok(core, 'training.savePerson', { id: ana.id, expectedUpdatedAt: ana.updatedAt, name: ana.name, category: 'citizen' });
    await ok(core, 'training.savePerson', {
      id: citizen.id,
      expectedUpdatedAt: citizen.updatedAt,
      name: 'Ana Maria Popescu',
      category: 'citizen',
      department: 'Comunicare',
    });
    expect((await exact(dataDir, 2)).map((c) => c.category)).toEqual(['citizen', 'citizen']);
    expect([await t.indicator('I1.2'), await t.indicator('I4.3')]).toEqual([[], []]);
  });

  it('an imported attendance list (new people, a known person, a completion taken back) and a refused list', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    await t.attend(t.s2.id, t.ana.id, true);
    const list = await workbook([
      ['Ana Popescu', '', 8, 'da', ''],
      ['Radu Stan', 'radu@primariatm.ro', 8, 'da', 'Funcționar public'],
      ['Ioana Lungu', '', 8, 'nu', ''],
    ]);
    // Ana is known by name only: the office confirms she is the same person.
    const r = await ok(core, 'training.importAttendance', importInput(t.s1.id, list, { decisions: [{ row: 2, decision: 'same' }] }));
    expect(r).toMatchObject({ peopleCreated: 2, attendanceCreated: 3 });
    expect((await exact(dataDir, 2)).find((c) => c.person_id === t.ana.id)?.sessions_completed).toBe(2);
    expect(await t.completed(t.p1.id)).toBe(2);

    // The same list again with Radu not completed after all: an update through the import.
    const again = await ok(
      core,
      'training.importAttendance',
      importInput(
        t.s1.id,
        await workbook([
          ['Ana Popescu', '', 8, 'da', ''],
          ['Radu Stan', 'radu@primariatm.ro', 8, 'nu', ''],
          ['Ioana Lungu', '', 8, 'nu', ''],
        ]),
        {
          decisions: [
            { row: 2, decision: 'same' },
            { row: 4, decision: 'same' },
          ],
        },
      ),
    );
    expect(again).toMatchObject({ attendanceUpdated: 1, unchanged: 2 });
    await exact(dataDir, 1);
    expect(await t.indicator('I1.2')).toEqual(['Ana Popescu']);

    // A dry run and a refused list write nothing, the table included.
    const before = await snapshot(dataDir);
    await ok(core, 'training.importAttendance', importInput(t.s1.id, await workbook([['Maria Barbu', '', 8, 'da', '']]), { dryRun: true }));
    expect((await call(core, 'training.importAttendance', importInput(t.s1.id, await workbook([['Maria Barbu', '', 'multe', 'da', '']])))).ok).toBe(false);
    expect(await snapshot(dataDir)).toEqual(before);
    await exact(dataDir, 1);
  });

  it('the registry workbook: an attendance marked completed and a session moved to another programme in Excel', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    await t.attend(t.s1.id, t.ana.id, true);
    const mihai = await t.attend(t.s1.id, t.mihai.id, false);
    await exact(dataDir, 1);
    const { jobId } = await ok(core, 'training.exportExcel', {});
    const job = await core.waitForJob(jobId);
    const file = path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = (name: string) => wb.getWorksheet(name)!;
    const rowOf = (name: string, id: string) => {
      let n = 0;
      sheet(name).eachRow((row, i) => {
        if (row.getCell(1).value === id) n = i;
      });
      expect(n).toBeGreaterThan(1);
      return sheet(name).getRow(n);
    };
    rowOf('Participări', mihai.id).getCell(5).value = 'da';
    rowOf('Sesiuni', t.s1.id).getCell(2).value = t.p2.id;
    rowOf('Persoane', t.ana.id).getCell(6).value = 'Personal contractual';
    const r = await ok(core, 'training.importExcel', {
      fileName: 'f.xlsx',
      contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
      dryRun: false,
    });
    expect(r.updated).toMatchObject({ sessions: 1, attendance: 1, people: 1 });
    const rows = await exact(dataDir, 2);
    expect(rows.every((c) => c.programme_id === t.p2.id)).toBe(true);
    expect(rows.find((c) => c.person_id === t.ana.id)?.category).toBe('contract_staff');
    expect(await t.indicator('I4.3')).toEqual(['Ana Popescu', 'Mihai Ionescu']);
  });

  it('stays exact through a long random sequence of attendance and session writes, deletes and undos', async () => {
    const t = await setup();
    const { core, dataDir } = t;
    const people = [
      t.ana,
      t.mihai,
      t.elena,
      ...(await Promise.all(['Radu Stan', 'Ioana Lungu', 'Vlad Barbu'].map((n) => ok(core, 'training.savePerson', { name: n, category: 'civil_servant' })))),
    ];
    const sessions = [t.s1, t.s2, t.s3];
    const programmes = [t.p1.id, t.p2.id];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const deleted: string[] = [];
    const deletedSessions: string[] = [];
    let writes = 0;
    for (let step = 0; step < 80; step++) {
      const live = (
        await Promise.all(sessions.filter((s) => !deletedSessions.includes(s.id)).map((s) => ok(core, 'training.listAttendance', { sessionId: s.id })))
      ).flat();
      const kind = rnd(6);
      let r: { ok: boolean };
      if (kind <= 1 || live.length === 0) {
        r = await call(core, 'training.saveAttendance', {
          sessionId: sessions[rnd(3)].id,
          personId: people[rnd(people.length)].id,
          completed: rnd(3) > 0,
          hoursAttended: 1 + rnd(8),
        });
      } else if (kind === 2) {
        const a = live[rnd(live.length)];
        r = await call(core, 'training.saveAttendance', {
          id: a.id,
          expectedUpdatedAt: a.updatedAt,
          sessionId: rnd(2) ? a.sessionId : sessions[rnd(3)].id,
          personId: rnd(2) ? a.personId : people[rnd(people.length)].id,
          completed: !a.completed,
          hoursAttended: 1 + rnd(8),
        });
      } else if (kind === 3) {
        const a = live[rnd(live.length)];
        r = await call(core, 'training.deleteAttendance', { id: a.id, expectedUpdatedAt: a.updatedAt });
        if (r.ok) deleted.push(a.id);
      } else if (kind === 4 && deleted.length) {
        r = await call(core, 'training.restoreAttendance', { id: deleted.splice(rnd(deleted.length), 1)[0] });
      } else {
        const i = rnd(3);
        const s = (await ok(core, 'training.listSessions', {})).rows.find((x) => x.id === sessions[i].id);
        if (rnd(4) === 0) {
          const p = (await ok(core, 'training.personHistory', { id: people[rnd(people.length)].id })).person;
          r = await call(core, 'training.savePerson', {
            id: p.id,
            expectedUpdatedAt: p.updatedAt,
            name: p.name,
            category: (['civil_servant', 'contract_staff', 'elected_official', 'citizen'] as const)[rnd(4)],
          });
        } else if (!s) {
          r = await call(core, 'training.restoreSession', { id: sessions[i].id });
          if (r.ok) deletedSessions.splice(deletedSessions.indexOf(sessions[i].id), 1);
        } else if (rnd(2)) {
          r = await call(core, 'training.deleteSession', { id: s.id, expectedUpdatedAt: s.updatedAt });
          if (r.ok) deletedSessions.push(s.id);
        } else {
          r = await call(core, 'training.saveSession', {
            id: s.id,
            expectedUpdatedAt: s.updatedAt,
            programmeId: programmes[rnd(2)],
            title: s.title,
            targetGroup: s.targetGroup,
            startDate: `2025-0${1 + rnd(9)}-1${rnd(9)}`,
            endDate: null,
            hours: s.hours,
          });
        }
      }
      if (r.ok) writes++;
      await exact(dataDir);
    }
    expect(writes).toBeGreaterThan(40); // most steps were writes that went through, so the check above saw them
    expect((await exact(dataDir)).length).toBeGreaterThan(0);
  });
});
