import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { partStreams } from '../../electron/core/excel-import';
import type { ImportAttendanceInput } from '../../electron/contract';
import { call, count, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const NOW = new Date('2025-06-15T09:00:00Z');

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const actions = await ok(env.core, 'plan.listActions', {}, coord);
  const a12 = actions.find((a) => a.code === 'A1.2')!;
  const a43 = actions.find((a) => a.code === 'A4.3')!;
  const prog = await ok(env.core, 'training.saveProgramme', { name: 'Comunicarea cu cetățeanul', actionId: a12.id }, coord);
  const session = await ok(
    env.core,
    'training.saveSession',
    {
      programmeId: prog.id,
      title: 'Comunicarea cu cetățeanul — grupa 1',
      targetGroup: 'civil_servants',
      startDate: '2025-03-10',
      endDate: '2025-03-11',
      hours: 8,
      cost: 150_000,
    },
    coord,
  );
  return { ...env, coord, a12, a43, prog, session };
}

async function workbook(rows: unknown[][], header = ['Nume', 'Departament', 'Funcția', 'E-mail', 'Ore', 'Finalizat']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prezență');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const indicator = async (core: Awaited<ReturnType<typeof setup>>['core'], code: string) =>
  (await ok(core, 'plan.listIndicators', {})).find((i) => i.code === code)!;

function importInput(sessionId: string, contentBase64: string, extra: Partial<ImportAttendanceInput> = {}): ImportAttendanceInput {
  return { sessionId, fileName: 'prezenta.xlsx', contentBase64, dryRun: false, ...extra };
}

describe('programmes, sessions and people', () => {
  it('creates a programme linked to an action and a session with its cost in bani', async () => {
    const { core, prog, session } = await setup();
    expect(prog.actionCode).toBe('A1.2');
    expect(session).toMatchObject({ programmeName: 'Comunicarea cu cetățeanul', actionCode: 'A1.2', cost: 150_000, attendeeCount: 0 });
    const again = await call(core, 'training.saveProgramme', { name: 'Comunicarea cu cetățeanul', actionId: prog.actionId });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'name', reason: 'duplicate' }] } } });
  });

  it('refuses a CNP-looking value in any person field, and writes nothing', async () => {
    const { core, dataDir } = await setup();
    const before = await snapshot(dataDir);
    for (const [field, value] of [
      ['name', 'Ion 1850101123456'],
      ['email', '1850101123456@x.ro'],
      ['department', 'CNP 2 850101 123456'],
      ['notes', '1850101123456'],
    ] as const) {
      const r = await call(core, 'training.savePerson', { name: 'Ion Pop', category: 'civil_servant', [field]: value });
      expect(r.ok, field).toBe(false);
      if (!r.ok) {
        expect(r.error.details?.issues?.[0]).toMatchObject({ field });
        expect(r.error.message).toMatch(/CNP/);
      }
    }
    expect(await snapshot(dataDir)).toEqual(before);
    // A phone number or a short number is not a CNP.
    await ok(core, 'training.savePerson', { name: 'Ion Pop', category: 'civil_servant', notes: 'tel. 0256 408 300, birou 12' });
  });

  it('a viewer reads the registry but cannot write it', async () => {
    const { core, dataDir, prog } = await setup();
    const viewer = await signIn(core, 'viewer');
    expect((await ok(core, 'training.listProgrammes', {}, viewer)).length).toBe(1);
    const before = await snapshot(dataDir);
    expect(await call(core, 'training.saveProgramme', { name: 'X', actionId: prog.actionId }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('deletes a session with undo, and refuses to delete a programme that still has sessions', async () => {
    const { core, prog, session } = await setup();
    const r = await call(core, 'training.deleteProgramme', { id: prog.id, expectedUpdatedAt: prog.updatedAt });
    expect(r).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'id', reason: 'has_sessions' }] } } });
    await ok(core, 'training.deleteSession', { id: session.id, expectedUpdatedAt: session.updatedAt });
    expect(await ok(core, 'training.listSessions', {})).toEqual({ total: 0, rows: [] });
    expect(await ok(core, 'training.sessionOptions', {})).toEqual([]);
    await ok(core, 'training.restoreSession', { id: session.id });
    expect((await ok(core, 'training.listSessions', {})).rows.map((s) => s.id)).toEqual([session.id]);
    expect((await ok(core, 'training.sessionOptions', {})).map((s) => s.id)).toEqual([session.id]);
  });

  it('a stale save returns CONFLICT and overwrites nothing', async () => {
    const { core, session } = await setup();
    const fields = {
      programmeId: session.programmeId,
      targetGroup: session.targetGroup,
      startDate: session.startDate,
      id: session.id,
      expectedUpdatedAt: session.updatedAt,
    };
    const edited = await ok(core, 'training.saveSession', { ...fields, title: 'Grupa 1 (revizuit)' });
    const stale = await call(core, 'training.saveSession', { ...fields, title: 'Altceva' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok(core, 'training.getSession', { id: session.id })).title).toBe(edited.title);
  });
});

describe('the people list pages, sorts and searches on the server', () => {
  it('returns a page and the total; search ignores diacritics and case; category filters; a bad page size is refused', async () => {
    const { core, coord } = await setup();
    const names = ['Ștefan Țurcanu', 'Ana Popescu', 'Bogdan Ionescu', 'Ioana Marin', 'Elena Dobre'];
    for (const [i, name] of names.entries())
      await ok(
        core,
        'training.savePerson',
        { name, email: `p${i}@primariatm.ro`, department: i % 2 ? 'Direcția Fiscală' : 'Direcția Comunicare', category: i === 4 ? 'citizen' : 'civil_servant' },
        coord,
      );

    const first = await ok(core, 'training.listPeople', { limit: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((p) => p.name)).toEqual(['Ana Popescu', 'Bogdan Ionescu']);
    const last = await ok(core, 'training.listPeople', { limit: 2, offset: 4 });
    expect(last.rows.map((p) => p.name)).toEqual(['Ștefan Țurcanu']);
    expect((await ok(core, 'training.listPeople', { sort: 'name', order: 'desc', limit: 1 })).rows[0].name).toBe('Ștefan Țurcanu');

    const found = await ok(core, 'training.listPeople', { search: 'STEFAN turc' });
    expect(found).toMatchObject({ total: 1, rows: [{ name: 'Ștefan Țurcanu', sessionCount: 0 }] });
    expect((await ok(core, 'training.listPeople', { search: 'Fiscală' })).total).toBe(2);
    expect((await ok(core, 'training.listPeople', { search: '100%_' })).total).toBe(0);
    expect((await ok(core, 'training.listPeople', { category: 'citizen' })).rows.map((p) => p.name)).toEqual(['Elena Dobre']);

    const bad = await call(core, 'training.listPeople', { limit: 100_000 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'limit', reason: 'too_big' }] } } });
  });
});

describe('the sessions list pages, sorts, filters and searches on the server', () => {
  /** Five sessions besides the setup's: two programmes of two actions, formats and target groups mixed. */
  async function sessions() {
    const env = await setup();
    const { core, coord, prog, a43 } = env;
    const other = await ok(core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: a43.id }, coord);
    const specs = [
      {
        programmeId: prog.id,
        title: 'Ședință de lucru',
        topic: 'Petiții',
        trainer: 'Ioana Mureșan',
        provider: 'Școala de Administrație',
        startDate: '2025-01-20',
        hours: 4,
        cost: 50_000,
        format: 'online',
      },
      {
        programmeId: other.id,
        title: 'Date deschise',
        topic: 'Transparență',
        trainer: 'Radu Țăranu',
        provider: 'Asociația Banat IT',
        startDate: '2025-04-02',
        hours: 6,
        cost: 0,
        targetGroup: 'contract_staff',
      },
      {
        programmeId: other.id,
        title: 'Bugetare participativă',
        topic: 'Consultare publică',
        trainer: 'Dan Pop',
        provider: 'Furnizor SRL',
        startDate: '2025-05-12',
        hours: 12,
        cost: 300_000,
        format: 'hybrid',
      },
      {
        programmeId: other.id,
        title: 'Registrul riscurilor',
        topic: 'Integritate',
        trainer: 'Ana Ștefănescu',
        provider: 'Furnizor SRL',
        startDate: '2024-11-05',
        hours: 2,
        cost: 10_000,
        targetGroup: 'elected_officials',
      },
      {
        programmeId: prog.id,
        title: '100% online',
        topic: 'Comunicare',
        trainer: 'Dan Pop',
        provider: 'Furnizor SRL',
        startDate: '2025-02-14',
        hours: 3,
        cost: 20_000,
        format: 'online',
      },
    ];
    const saved = [];
    for (const s of specs) saved.push(await ok(core, 'training.saveSession', { targetGroup: 'civil_servants', ...s } as never, coord));
    return { ...env, other, saved };
  }
  const titles = (page: { rows: Array<{ title: string }> }) => page.rows.map((r) => r.title);

  it('returns a page and the total, newest first; the counts come with the page', async () => {
    const { core, coord, session } = await sessions();
    const person = await ok(core, 'training.savePerson', { name: 'Ana Popescu', category: 'civil_servant' }, coord);
    await ok(core, 'training.saveAttendance', { sessionId: session.id, personId: person.id, hoursAttended: 8, completed: true } as never, coord);

    const first = await ok(core, 'training.listSessions', { limit: 2 });
    expect(first.total).toBe(6);
    expect(titles(first)).toEqual(['Bugetare participativă', 'Date deschise']);
    const next = await ok(core, 'training.listSessions', { limit: 2, offset: 2 });
    expect(next.rows.map((r) => [r.title, r.attendeeCount, r.completedCount])).toEqual([
      ['Comunicarea cu cetățeanul — grupa 1', 1, 1],
      ['100% online', 0, 0],
    ]);
    expect(titles(await ok(core, 'training.listSessions', { limit: 2, offset: 5 }))).toEqual(['Registrul riscurilor']);
    expect(await ok(core, 'training.listSessions', { offset: 6 })).toEqual({ total: 6, rows: [] });
  });

  it('sorts by title, programme, action, hours and cost, either way', async () => {
    const { core } = await sessions();
    expect(titles(await ok(core, 'training.listSessions', { sort: 'title', order: 'asc', limit: 3 }))).toEqual([
      '100% online',
      'Bugetare participativă',
      'Comunicarea cu cetățeanul — grupa 1',
    ]);
    expect(titles(await ok(core, 'training.listSessions', { sort: 'hours', order: 'desc', limit: 2 }))).toEqual([
      'Bugetare participativă',
      'Comunicarea cu cetățeanul — grupa 1',
    ]);
    expect(titles(await ok(core, 'training.listSessions', { sort: 'cost', order: 'asc', limit: 2 }))).toEqual(['Date deschise', 'Registrul riscurilor']);
    expect(titles(await ok(core, 'training.listSessions', { sort: 'startDate', order: 'asc', limit: 1 }))).toEqual(['Registrul riscurilor']);
    // Programme "Comunicarea …" (A1.2) before "Guvernare deschisă" (A4.3); within it, newest first.
    const byProgramme = await ok(core, 'training.listSessions', { sort: 'programme', order: 'asc' });
    expect(byProgramme.rows.map((r) => r.programmeName)).toEqual([...Array(3).fill('Comunicarea cu cetățeanul'), ...Array(3).fill('Guvernare deschisă')]);
    expect(titles(byProgramme).slice(0, 3)).toEqual(['Comunicarea cu cetățeanul — grupa 1', '100% online', 'Ședință de lucru']);
    expect((await ok(core, 'training.listSessions', { sort: 'action', order: 'desc', limit: 1 })).rows[0].actionCode).toBe('A4.3');
  });

  it('sorts titles the way a Romanian reader does: "Ședință" among the S, before "Transparență", not after it', async () => {
    const { core, coord, other } = await sessions();
    await ok(
      core,
      'training.saveSession',
      { programmeId: other.id, title: 'Transparență decizională', targetGroup: 'civil_servants', startDate: '2025-06-01', hours: 2, cost: 0 } as never,
      coord,
    );
    const asc = titles(await ok(core, 'training.listSessions', { sort: 'title', order: 'asc' }));
    expect(asc.slice(-3)).toEqual(['Registrul riscurilor', 'Ședință de lucru', 'Transparență decizională']);
  });

  it('filters by programme, action, target group and format, and counts what matches', async () => {
    const { core, other, a12 } = await sessions();
    const ofOther = await ok(core, 'training.listSessions', { programmeId: other.id });
    expect(ofOther.total).toBe(3);
    expect(ofOther.rows.every((r) => r.programmeId === other.id)).toBe(true);
    expect((await ok(core, 'training.listSessions', { actionId: a12.id })).total).toBe(3);
    expect(titles(await ok(core, 'training.listSessions', { targetGroup: 'elected_officials' }))).toEqual(['Registrul riscurilor']);
    expect(titles(await ok(core, 'training.listSessions', { format: 'online' }))).toEqual(['100% online', 'Ședință de lucru']);
    expect(await ok(core, 'training.listSessions', { programmeId: other.id, format: 'online' })).toEqual({ total: 0, rows: [] });
  });

  it('searches title, topic, trainer and provider, case and diacritics aside', async () => {
    const { core } = await sessions();
    const search = async (s: string) => titles(await ok(core, 'training.listSessions', { search: s }));
    expect(await search('sedinta')).toEqual(['Ședință de lucru']);
    expect(await search('ȘEDINȚĂ')).toEqual(['Ședință de lucru']);
    expect(await search('şedinţă')).toEqual(['Ședință de lucru']); // cedilla letters as typed on old keyboards
    expect(await search('transparenta')).toEqual(['Date deschise']); // topic
    expect(await search('taranu')).toEqual(['Date deschise']); // trainer
    expect(await search('scoala de administratie')).toEqual(['Ședință de lucru']); // provider
    expect(await search('dan pop')).toEqual(['Bugetare participativă', '100% online']);
    expect(await search('100%')).toEqual(['100% online']); // % and _ are text, not wildcards
    expect(await search('_')).toEqual([]);
    expect((await ok(core, 'training.listSessions', { search: 'furnizor', format: 'hybrid' })).total).toBe(1);
  });

  it('refuses a page size of 0 or over 500, an unknown sort or filter, naming the field, and writes nothing', async () => {
    const { core, dataDir } = await sessions();
    const before = await snapshot(dataDir);
    for (const [input, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ sort: 'attendees' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ format: 'radio' }, 'format'],
      [{ programmeId: 'x' }, 'programmeId'],
    ] as const) {
      const r = await call(core, 'training.listSessions', input as never);
      expect(r, field).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field }] } } });
    }
    expect(await call(core, 'training.listSessions', { everything: true } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await snapshot(dataDir)).toEqual(before);
    expect((await ok(core, 'training.listSessions', { limit: 500 })).total).toBe(6);
  });

  it('the attendance import picks its session from every session, slim, newest first', async () => {
    const { core } = await sessions();
    const options = await ok(core, 'training.sessionOptions', {});
    expect(options).toHaveLength(6);
    expect(options[0]).toEqual({
      id: expect.any(String),
      title: 'Bugetare participativă',
      startDate: '2025-05-12',
      programmeId: expect.any(String),
      programmeName: 'Guvernare deschisă',
      actionCode: 'A4.3',
    });
  });
});

describe('importing an attendance list', () => {
  it('previews, then imports: the indicator I1.2 counts distinct people who completed, once each', async () => {
    const { core, dataDir, session, prog, coord } = await setup();
    expect((await indicator(core, 'I1.2')).latest).toBeNull(); // nobody trained yet: no data, not 0 measured today
    const list = await workbook([
      ['Ana Popescu', 'Direcția Comunicare', 'Consilier', 'ana.popescu@primariatm.ro', 8, 'da'],
      ['Mihai Ionescu', 'Direcția Urbanism', 'Inspector', 'mihai.ionescu@primariatm.ro', '7,5', 'da'],
      ['Ioana Marin', 'Direcția Fiscală', 'Referent', '', 4, 'nu'],
    ]);
    const before = await snapshot(dataDir);
    const preview = await ok(core, 'training.importAttendance', importInput(session.id, list, { dryRun: true }), coord);
    expect(preview.rows.map((r) => r.status)).toEqual(['new', 'new', 'new']);
    expect(preview).toMatchObject({ peopleCreated: 3, attendanceCreated: 3 });
    expect(await snapshot(dataDir)).toEqual(before);

    await ok(core, 'training.importAttendance', importInput(session.id, list), coord);
    // Every row the import created is in the audit log, by whom, with its values.
    expect(await count(dataDir, 'audit_log', "entity = 'training_person' and action = 'create' and actor_id is not null")).toBe(3);
    expect(await count(dataDir, 'audit_log', "entity = 'training_attendance' and action = 'create' and changes like '%hours_attended%'")).toBe(3);
    let i12 = await indicator(core, 'I1.2');
    expect(i12.latest?.value).toBe(2); // Ioana did not complete
    expect(i12.latest?.date).toBe('2025-03-11');
    const people = (await ok(core, 'training.listPeople', {})).rows;
    expect(people.find((p) => p.name === 'Mihai Ionescu')).toMatchObject({ hoursTotal: 7.5, category: 'civil_servant' });

    // A second session of a programme for A1.2: Ana again (counts once), Ioana completes now (counts).
    const s2 = await ok(
      core,
      'training.saveSession',
      { programmeId: prog.id, title: 'Grupa 2', targetGroup: 'civil_servants', startDate: '2025-04-01' },
      coord,
    );
    const second = await ok(
      core,
      'training.importAttendance',
      importInput(
        s2.id,
        await workbook([
          ['ANA POPESCU', 'Direcția Comunicare', 'Consilier', 'Ana.Popescu@PrimariaTM.ro', 8, 'da'],
          ['Ioana Marin', 'Direcția Fiscală', 'Referent', '', 8, 'da'],
        ]),
        { dryRun: true },
      ),
    );
    expect(second.rows.map((r) => [r.status, r.reason])).toEqual([
      ['matched', null],
      ['duplicate', 'same_name'],
    ]);
    const ioana = people.find((p) => p.name === 'Ioana Marin')!;
    await ok(
      core,
      'training.importAttendance',
      importInput(
        s2.id,
        await workbook([
          ['ANA POPESCU', 'Direcția Comunicare', 'Consilier', 'Ana.Popescu@PrimariaTM.ro', 8, 'da'],
          ['Ioana Marin', 'Direcția Fiscală', 'Referent', '', 8, 'da'],
        ]),
        { decisions: [{ row: 3, decision: 'same', personId: ioana.id }] },
      ),
    );
    i12 = await indicator(core, 'I1.2');
    expect(i12.latest?.value).toBe(3);
    expect(await count(dataDir, 'training_people')).toBe(3);
    const records = await ok(core, 'plan.indicatorRecords', { id: i12.id });
    expect(records.records.map((r) => r.label).sort()).toEqual(['Ana Popescu', 'Ioana Marin', 'Mihai Ionescu']);
    expect(records.rule).toMatch(/o singură dată/);
    // The A4.3 indicator is untouched: these programmes are linked to A1.2.
    expect((await indicator(core, 'I4.3')).latest).toBeNull(); // no one left who counts: no data again
  });

  it('importing the same list twice changes nothing the second time', async () => {
    const { core, dataDir, session } = await setup();
    const list = await workbook([['Ana Popescu', 'Comunicare', 'Consilier', 'ana@primariatm.ro', 8, 'da']]);
    await ok(core, 'training.importAttendance', importInput(session.id, list));
    const before = await snapshot(dataDir);
    const again = await ok(core, 'training.importAttendance', importInput(session.id, list));
    expect(again).toMatchObject({ peopleCreated: 0, attendanceCreated: 0, attendanceUpdated: 0, unchanged: 1 });
    expect(await snapshot(dataDir)).toEqual(before);
    // A corrected list updates the attendance (audited) instead of adding a second row.
    const fixed = await ok(
      core,
      'training.importAttendance',
      importInput(session.id, await workbook([['Ana Popescu', 'Comunicare', 'Consilier', 'ana@primariatm.ro', 6, 'nu']])),
    );
    expect(fixed.attendanceUpdated).toBe(1);
    expect(await peek(dataDir, `select hours_attended, completed from training_attendance`)).toEqual([{ hours_attended: 6, completed: 0 }]);
  });

  it('a likely duplicate by e-mail must be decided; "separate" creates a new person', async () => {
    const { core, dataDir, session } = await setup();
    await ok(core, 'training.savePerson', { name: 'Andrei Vlad', email: 'a.vlad@primariatm.ro', category: 'civil_servant' });
    const list = await workbook([['Andrei Vlad-Popa', 'IT', 'Expert', 'A.Vlad@primariatm.ro', 8, 'da']]);
    const preview = await ok(core, 'training.importAttendance', importInput(session.id, list, { dryRun: true }));
    expect(preview.rows[0]).toMatchObject({ status: 'duplicate', reason: 'same_email', candidate: { name: 'Andrei Vlad' } });
    const before = await snapshot(dataDir);
    const undecided = await call(core, 'training.importAttendance', importInput(session.id, list));
    expect(undecided).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'decisions', reason: 'undecided' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
    await ok(core, 'training.importAttendance', importInput(session.id, list, { decisions: [{ row: 2, decision: 'separate' }] }));
    expect(await count(dataDir, 'training_people')).toBe(2);
  });

  it('names every bad cell and writes nothing', async () => {
    const { core, dataDir, session } = await setup();
    const before = await snapshot(dataDir);
    const r = await call(
      core,
      'training.importAttendance',
      importInput(
        session.id,
        await workbook([
          ['Ana Popescu', '', '', 'nu-e-mail', 8, 'poate'],
          ['', '', '', '', -2, 'da'],
          ['Radu 1850101123456', '', '', '', 1, 'da'],
        ]),
      ),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const cells = (r.error.details?.cells as Array<{ row: number; column: string; message: string }>).map((c) => `${c.column}${c.row}: ${c.message}`);
      expect(cells).toEqual(
        expect.arrayContaining([
          'E-mail2: not an e-mail address',
          'Finalizat2: expected da or nu',
          expect.stringMatching(/^Nume3: /),
          'Ore3: must not be negative',
          expect.stringMatching(/^Nume4: .*CNP/),
        ]),
      );
      expect(r.error.message).toMatch(/nothing was imported/);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a bad last row of a big list writes nothing, even after thousands of good rows, and names that row', async () => {
    const { core, dataDir, session } = await setup();
    const before = await snapshot(dataDir);
    // 5,000 good rows: more than two of the batches the import writes as it reads, before the bad row comes.
    const good = Array.from({ length: 5_000 }, (_, i) => [`Participant ${i}`, 'Direcția Comunicare', 'Referent', `p${i}@primariatm.ro`, 8, 'da']);
    const badCell = await call(core, 'training.importAttendance', importInput(session.id, await workbook([...good, ['Ultimul Rând', '', '', '', 8, 'poate']])));
    expect(badCell.ok).toBe(false);
    if (!badCell.ok) {
      expect(badCell.error.details?.cells).toEqual([expect.objectContaining({ row: 5_002, column: 'Finalizat', message: 'expected da or nu' })]);
      expect(badCell.error.message).toMatch(/nothing was imported/);
    }
    expect(await snapshot(dataDir)).toEqual(before);
    const twice = await call(core, 'training.importAttendance', importInput(session.id, await workbook([...good, ['Participant 0', '', '', '', 8, 'da']])));
    expect(twice.ok).toBe(false);
    if (!twice.ok)
      expect(twice.error.details?.cells).toEqual([
        expect.objectContaining({ row: 5_002, column: 'Nume', message: 'the same person is already on row 2 of this list' }),
      ]);
    expect(await snapshot(dataDir)).toEqual(before);
    // The same list without the bad row goes in whole.
    const done = await ok(core, 'training.importAttendance', importInput(session.id, await workbook(good)));
    expect([done.peopleCreated, done.attendanceCreated]).toEqual([5_000, 5_000]);
    expect(await count(dataDir, 'training_attendance')).toBe(5_000);
  });

  it('says which hours cell is not a number ("multe"), and writes nothing', async () => {
    const { core, dataDir, session } = await setup();
    const before = await snapshot(dataDir);
    const r = await call(
      core,
      'training.importAttendance',
      importInput(
        session.id,
        await workbook([
          ['Ana Popescu', '', '', '', 'multe', 'da'],
          ['Ion Pop', '', '', '', '', 'nu'],
        ]),
      ),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.cells).toEqual([expect.objectContaining({ row: 2, column: 'Ore', message: 'expected a number' })]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses a list that lacks a required column or has the same person twice', async () => {
    const { core, dataDir, session } = await setup();
    const before = await snapshot(dataDir);
    const noDone = await call(core, 'training.importAttendance', importInput(session.id, await workbook([['Ana', 8]], ['Nume', 'Ore'])));
    expect(noDone.ok || noDone.error.message).toMatch(/missing column "Finalizat"/);
    const twice = await call(
      core,
      'training.importAttendance',
      importInput(
        session.id,
        await workbook([
          ['Ana Pop', '', '', '', 8, 'da'],
          ['Ană Pop', '', '', '', 8, 'da'],
        ]),
      ),
    );
    expect(twice.ok || twice.error.message).toMatch(/row 2 of this list/);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('reads CSV lists: Windows-1250 with ";" and UTF-8 with BOM and ","', async () => {
    const { core, session } = await setup();
    const w1250 = fs.readFileSync(path.resolve('tests/fixtures/training/prezenta-win1250.csv'));
    const p1 = await ok(core, 'training.importAttendance', importInput(session.id, w1250.toString('base64'), { fileName: 'prezenta.csv', dryRun: true }));
    expect(p1.rows.map((r) => [r.name, r.department, r.hours, r.completed])).toEqual([
      ['Ștefan Țurcanu', 'Direcția Relații cu Publicul', 2.5, true],
      ['Dănuț Șerban', 'Serviciul "Registratură"; arhivă', 4, false],
    ]);
    const utf = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Nume,E-mail,Ore,Finalizat\r\n"Popa, Ioana",ioana@primariatm.ro,6,DA\r\n', 'utf8'),
    ]);
    const p2 = await ok(core, 'training.importAttendance', importInput(session.id, utf.toString('base64'), { fileName: 'p.csv', dryRun: true }));
    expect(p2.rows).toMatchObject([{ name: 'Popa, Ioana', email: 'ioana@primariatm.ro', hours: 6, completed: true }]);
  });
});

describe('the employees indicator (A4.3) and person history', () => {
  it('counts civil servants and contract staff of programmes linked to A4.3, not citizens; history lists certificates', async () => {
    const { core, coord, a43 } = await setup();
    const og = await ok(core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: a43.id }, coord);
    const s = await ok(core, 'training.saveSession', { programmeId: og.id, title: 'OGP 101', targetGroup: 'contract_staff', startDate: '2025-05-20' }, coord);
    const list = await workbook(
      [
        ['Elena Dobre', 'Resurse umane', 'Referent', 'elena@primariatm.ro', 4, 'da', 'Personal contractual'],
        ['Tudor Pavel', '', '', '', 4, 'da', 'Cetățean'],
      ],
      ['Nume', 'Departament', 'Funcția', 'E-mail', 'Ore', 'Finalizat', 'Categorie'],
    );
    await ok(core, 'training.importAttendance', importInput(s.id, list), coord);
    expect((await indicator(core, 'I4.3')).latest?.value).toBe(1);
    const [att] = (await ok(core, 'training.listAttendance', { sessionId: s.id })).filter((a) => a.personName === 'Elena Dobre');
    await ok(core, 'training.saveAttendance', {
      sessionId: s.id,
      personId: att.personId,
      hoursAttended: 4,
      completed: true,
      id: att.id,
      expectedUpdatedAt: att.updatedAt,
      certificateType: 'Certificat de absolvire',
      certificateNumber: 'PMT-2025-17',
      certificateDate: '2025-05-21',
      certificateIssuer: 'PMT',
    });
    const h = await ok(core, 'training.personHistory', { id: att.personId });
    expect(h.entries).toHaveLength(1);
    expect(h.certificates[0]).toMatchObject({ certificateNumber: 'PMT-2025-17', programmeName: 'Guvernare deschisă', actionCode: 'A4.3' });
    // Deleting the attendance takes the person out of the indicator; undo brings them back.
    const fresh = (await ok(core, 'training.listAttendance', { sessionId: s.id })).find((a) => a.id === att.id)!;
    await ok(core, 'training.deleteAttendance', { id: att.id, expectedUpdatedAt: fresh.updatedAt });
    expect((await indicator(core, 'I4.3')).latest).toBeNull(); // no one left who counts: no data again
    await ok(core, 'training.restoreAttendance', { id: att.id });
    expect((await indicator(core, 'I4.3')).latest?.value).toBe(1);
  });
});

describe('Excel export and import of the registry, and the CLI', () => {
  const BIN = path.resolve('bin/pla-desk.js');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 90_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  /** A programme with one session that Ana and Mihai attended, exported to the registry workbook. */
  async function exportedRegistry() {
    const { core, dataDir, session } = await setup();
    await ok(
      core,
      'training.importAttendance',
      importInput(
        session.id,
        await workbook([
          ['Ana Popescu', 'Comunicare', 'Consilier', 'ana@primariatm.ro', 8, 'da'],
          ['Mihai Ionescu', '', '', '', 2, 'nu'],
        ]),
      ),
    );
    const { jobId } = await ok(core, 'training.exportExcel', {});
    const job = await core.waitForJob(jobId);
    expect(job.status).toBe('done');
    return { core, dataDir, file: path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`) };
  }

  /** Imports an edited workbook that must be refused; returns the cells it names. */
  async function refusedCells(core: Awaited<ReturnType<typeof setup>>['core'], wb: ExcelJS.Workbook) {
    const bad = await call(core, 'training.importExcel', {
      fileName: 'f.xlsx',
      contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
      dryRun: false,
    });
    expect(bad.ok).toBe(false);
    return bad.ok ? [] : (bad.error.details?.issues ?? []);
  }

  it('export then import changes nothing; an edited cell updates one row; a bad cell is named and nothing is written', async () => {
    const { core, dataDir, file } = await exportedRegistry();
    const content = fs.readFileSync(file).toString('base64');
    const before = await snapshot(dataDir);
    const again = await ok(core, 'training.importExcel', { fileName: 'f.xlsx', contentBase64: content, dryRun: false });
    expect(again.unchanged).toBe(1 + 1 + 2 + 2);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(await snapshot(dataDir)).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const att = wb.getWorksheet('Participări')!;
    att.getCell('E3').value = 'da'; // Mihai completed after all
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const dry = await ok(core, 'training.importExcel', { fileName: 'f.xlsx', contentBase64: edited, dryRun: true });
    expect(dry.updated.attendance).toBe(1);
    expect(await snapshot(dataDir)).toEqual(before);

    att.getCell('D2').value = 'opt';
    wb.getWorksheet('Sesiuni')!.getCell('B2').value = 'nu-i-id';
    expect((await refusedCells(core, wb)).map((i) => i.field)).toEqual(expect.arrayContaining(['Participări!Ore participate2', 'Sesiuni!ID program2']));
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a new row may not take a programme name or a place on a session’s list that the register already holds: both are named, nothing is written', async () => {
    const { core, dataDir, file } = await exportedRegistry();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // The programme's row and Mihai's attendance lose their ids: the file now adds them again beside the rows it left out.
    const programme = wb.getWorksheet('Programe')!;
    const name = String(programme.getCell('B2').value);
    programme.getCell('A2').value = null;
    wb.getWorksheet('Participări')!.getCell('A3').value = null;
    const before = await snapshot(dataDir);
    expect((await refusedCells(core, wb)).map((i) => [i.field, i.message])).toEqual([
      ['Participări!ID persoană3', 'this person is already on the attendance list of the session'],
      ['Programe!Denumire0', `a programme named "${name}" already exists`],
    ]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a registry of new people is read in one pass over the workbook and each person created has its own audit entry', async () => {
    const { core, dataDir, file } = await exportedRegistry();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const people = wb.getWorksheet('Persoane')!;
    for (let i = 0; i < 2_500; i++) people.addRow(['', `Participant ${i}`, `p${i}@primariatm.ro`, 'Direcția Tehnică', 'Referent', 'Funcționar public']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const opened: string[] = [];
    const open = partStreams.open;
    const spy = vi.spyOn(partStreams, 'open').mockImplementation((f, e) => (opened.push(e.name), open(f, e)));
    try {
      const r = await ok(core, 'training.importExcel', { fileName: 'f.xlsx', contentBase64: content, dryRun: false });
      expect(r.created.people).toBe(2_500);
    } finally {
      spy.mockRestore();
    }
    // Each part once: the four sheets are read in the same pass, not one pass per sheet.
    expect(opened.filter((n) => n.startsWith('xl/worksheets/'))).toHaveLength(4);
    expect(new Set(opened).size).toBe(opened.length);
    expect(await count(dataDir, 'training_people', "name like 'Participant %'")).toBe(2_500);
    expect(
      await count(
        dataDir,
        'audit_log',
        "entity = 'training_person' and action = 'create' and entity_id in (select id from training_people where name like 'Participant %')",
      ),
    ).toBe(2_500);
  });

  it('pla-desk training export / import --dry-run / import round-trips; a bad cell prints on its own line and exits 1', async () => {
    const { core, dataDir, session } = await setup();
    await ok(
      core,
      'training.importAttendance',
      importInput(session.id, await workbook([['Ana Popescu', 'Comunicare', 'Consilier', 'ana@primariatm.ro', 8, 'da']])),
    );
    await core.close();
    const out = path.join(tempDir(), 'formare.xlsx');
    const exp = cli(['training', 'export', '--data-dir', dataDir, '--out', out]);
    expect(exp.code, exp.err).toBe(0);
    const before = await snapshot(dataDir);
    const dry = cli(['training', 'import', '--data-dir', dataDir, '--file', out, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/Dry run.*unchanged: 4/);
    expect(cli(['training', 'import', '--data-dir', dataDir, '--file', out]).code).toBe(0);
    expect(await snapshot(dataDir)).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.getWorksheet('Persoane')!.getCell('B2').value = 'Ana 2850101123456';
    wb.getWorksheet('Participări')!.getCell('E2').value = 'poate';
    await wb.xlsx.writeFile(out);
    const bad = cli(['training', 'import', '--data-dir', dataDir, '--file', out]);
    expect(bad.code).toBe(1);
    const lines = bad.err.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^Persoane!Nume row 2: .*CNP/), 'Participări!Finalizat row 2: expected da or nu']));
    expect(await snapshot(dataDir)).toEqual(before);
    expect(cli(['training', 'import', '--data-dir', dataDir]).code).toBe(2);
    expect(cli(['training', 'export', '--help']).code).toBe(0);
  });
});
