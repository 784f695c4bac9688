import { z } from 'zod';
import * as q from '../../../db/queries/training';
import type { TrainingAttendanceTable, TrainingPeopleTable } from '../../../db/schema/training';
import {
  AppError,
  CNP_MESSAGE,
  looksLikeCnp,
  validationError,
  type AttendanceImportResult,
  type AttendancePreviewRow,
  type AttendanceSheet,
  type EmploymentCategory,
  type ParsedInputOf,
  type TargetGroup,
} from '../../contract';
import type { ServiceContext } from '../context';
import {
  cellBool,
  cellDecimal,
  cellEnum,
  cellErrors,
  cellText,
  normalizeHeader,
  readAllSheets,
  type CellError,
  type ImportColumn,
  type ReadResult,
} from '../excel-import';
import { newId } from '../util';
import { insertAudited, insertAuditedMany, live, updateCurrent } from '../writes';
import { readCsv } from './csv';
import { emailKey, explain, nameKey } from './keys';
import { personColumns, sessionColumns } from './service';
import fs from 'node:fs';
import { isXlsx } from './upload';

/**
 * Attendance lists as people keep them (name, department, position, e-mail, hours, completed da/nu) into one
 * session: a title block above the header is skipped (the header is found by its labels), and a workbook with
 * one sheet per session is read sheet by sheet — each sheet named by its own name ("Sesiunea 1") into the
 * session chosen for it, or into a session the commit makes on the spot (`newSession`). People already known are matched: the same e-mail and the same name (diacritics and case aside) is
 * the same person; the same e-mail OR the same name alone is a likely duplicate that a person confirms ("same
 * person") or keeps apart. The dry run returns the preview; the commit writes everything in one transaction.
 */

const noCnp = <T extends z.ZodType<string>>(s: T) => s.refine((v) => !looksLikeCnp(v), CNP_MESSAGE);
const optPersonText = (max: number) => z.union([z.null().transform(() => ''), noCnp(cellText(max))]);

export const CATEGORY_LABELS: Record<EmploymentCategory, string[]> = {
  civil_servant: ['funcționar public', 'functionar', 'civil servant'],
  contract_staff: ['personal contractual', 'contractual', 'contract staff'],
  elected_official: ['ales local', 'consilier local', 'elected official'],
  citizen: ['cetățean', 'tânăr', 'citizen'],
  other: ['altă categorie', 'altul', 'other'],
};

export const ATTENDANCE_COLUMNS: ImportColumn[] = [
  {
    key: 'name',
    headers: [
      'Nume',
      'Nume și prenume',
      'Nume prenume',
      'Prenume și nume',
      'Numele și prenumele',
      'Nume, prenume',
      'Numele',
      'Participant',
      'Participanți',
      'Name',
    ],
    required: true,
    schema: explain(noCnp(cellText(200)), 'required'),
  },
  { key: 'department', headers: ['Departament', 'Direcția', 'Direcție', 'Compartiment', 'Serviciu', 'Department'], schema: optPersonText(300) },
  { key: 'position', headers: ['Funcția', 'Funcție', 'Post', 'Position'], schema: optPersonText(300) },
  {
    key: 'email',
    headers: ['E-mail', 'Email', 'Adresă de e-mail', 'Adresa de e-mail', 'Adresa e-mail', 'Mail'],
    schema: z.union([z.null().transform(() => ''), noCnp(cellText(254)).refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'not an e-mail address')]),
  },
  {
    key: 'hours',
    headers: ['Ore', 'Ore participare', 'Număr ore', 'Nr. ore', 'Ore participate', 'Hours'],
    schema: explain(
      z.union([z.null().transform(() => 0), cellDecimal().pipe(z.number().min(0, 'must not be negative').max(10_000, 'must be at most 10000'))]),
      'expected a number',
    ),
  },
  {
    key: 'completed',
    headers: ['Finalizat', 'Absolvit', 'Promovat', 'Absolvent', 'A absolvit', 'Certificat', 'Completed'],
    required: true,
    schema: explain(cellBool(), 'expected da or nu'),
  },
  { key: 'category', headers: ['Categorie', 'Categoria', 'Category'], schema: z.union([z.null(), cellEnum(CATEGORY_LABELS)]) },
];

interface ListRow {
  name: string;
  department: string;
  position: string;
  email: string;
  hours: number;
  completed: boolean;
  category: EmploymentCategory | null;
}

const CATEGORY_OF_GROUP: Record<TargetGroup, EmploymentCategory> = {
  civil_servants: 'civil_servant',
  contract_staff: 'contract_staff',
  elected_officials: 'elected_official',
  citizens_youth: 'citizen',
};

const sheetError = (reason: 'several_sheets' | 'no_sheet', message: string) => validationError('sheet', reason, message);

/**
 * Reads an attendance list from .xlsx / .ods or CSV bytes: the sheet named `sheet`, or else the workbook's one
 * sheet with an attendance header (the first sheet when none has one, so its missing columns are named).
 */
export async function readAttendanceList(file: string, sheet?: string): Promise<ReadResult<ListRow>> {
  const bytes = fs.readFileSync(file);
  if (!isXlsx(bytes)) return readCsv<ListRow & Record<string, unknown>>(bytes, ATTENDANCE_COLUMNS);
  const all = await readAllSheets<ListRow & Record<string, unknown>>(file, ATTENDANCE_COLUMNS);
  const names = all.map((s) => `„${s.sheet}”`).join(', ');
  if (sheet !== undefined) {
    const hit = all.find((s) => s.sheet === sheet) ?? all.find((s) => normalizeHeader(s.sheet) === normalizeHeader(sheet));
    if (!hit) throw sheetError('no_sheet', `registrul nu are foaia „${sheet}”; foile lui: ${names}`);
    return hit;
  }
  const lists = all.filter((s) => s.headerRow !== null);
  if (lists.length > 1)
    throw sheetError(
      'several_sheets',
      `registrul are ${lists.length} foi de prezență (${lists.map((s) => `„${s.sheet}”`).join(', ')}); alegeți foaia fiecărei sesiuni (câte un import pe foaie)`,
    );
  return (
    lists[0] ??
    all[0] ?? { sheet: '', rows: [], errors: [{ sheet: '', row: 1, column: '', value: null, message: 'the workbook has no sheets' }], ignoredColumns: [] }
  );
}

/** The sheets of an attendance workbook as the import would read them, each with the session named like it. */
export async function attendanceSheets(ctx: ServiceContext, file: string): Promise<{ sheets: AttendanceSheet[] }> {
  const sessions = await q.listSessions(ctx.db, {});
  const byTitle = new Map<string, string>();
  for (const s of sessions) if (!s.deleted_at && !byTitle.has(normalizeHeader(s.title))) byTitle.set(normalizeHeader(s.title), s.id);
  const bytes = fs.readFileSync(file);
  const read = isXlsx(bytes)
    ? await readAllSheets<ListRow & Record<string, unknown>>(file, ATTENDANCE_COLUMNS)
    : [{ ...readCsv<ListRow & Record<string, unknown>>(bytes, ATTENDANCE_COLUMNS), headerRow: null as number | null }];
  return {
    sheets: read.map((r) => ({
      name: r.sheet,
      headerRow: 'headerRow' in r ? (r.headerRow ?? (r.columns?.length && !r.errors.some((e) => /^missing column/.test(e.message)) ? 1 : null)) : null,
      rows: r.rows.length,
      badCells: r.errors.length,
      sessionId: byTitle.get(normalizeHeader(r.sheet)) ?? null,
    })),
  };
}

type KnownPerson = Pick<TrainingPeopleTable, 'id' | 'name' | 'name_key' | 'email' | 'email_key' | 'department'>;

/** Matches each row of a list against the people known; pure, so it can be tested and benchmarked alone. */
export function matchRows(
  rows: Array<{ row: number; values: ListRow }>,
  known: KnownPerson[],
): { preview: Array<Omit<AttendancePreviewRow, 'attendance'>>; errors: CellError[] } {
  const byEmail = new Map<string, KnownPerson>();
  const byName = new Map<string, KnownPerson>();
  for (const p of known) {
    if (p.email_key && !byEmail.has(p.email_key)) byEmail.set(p.email_key, p);
    if (!byName.has(p.name_key)) byName.set(p.name_key, p);
  }
  const errors: CellError[] = [];
  const seenEmail = new Map<string, number>();
  const seenName = new Map<string, number>();
  const preview: Array<Omit<AttendancePreviewRow, 'attendance'>> = [];
  for (const { row, values: v } of rows) {
    const nk = nameKey(v.name);
    const ek = emailKey(v.email);
    const twice = (ek && seenEmail.get(ek)) || seenName.get(nk);
    if (twice) {
      errors.push({
        sheet: '',
        row,
        column: ek && seenEmail.get(ek) ? 'E-mail' : 'Nume',
        value: ek && seenEmail.get(ek) ? v.email : v.name,
        message: `the same person is already on row ${twice} of this list`,
      });
      continue;
    }
    if (ek) seenEmail.set(ek, row);
    seenName.set(nk, row);
    const base = { row, name: v.name, email: v.email, department: v.department, position: v.position, hours: v.hours, completed: v.completed };
    const e = ek ? byEmail.get(ek) : undefined;
    const candidate = (p: KnownPerson) => ({ id: p.id, name: p.name, email: p.email, department: p.department });
    if (e && e.name_key === nk) preview.push({ ...base, status: 'matched', personId: e.id, candidate: null, reason: null });
    else if (e) preview.push({ ...base, status: 'duplicate', personId: null, candidate: candidate(e), reason: 'same_email' });
    else {
      const n = byName.get(nk);
      if (n) preview.push({ ...base, status: 'duplicate', personId: null, candidate: candidate(n), reason: 'same_name' });
      else preview.push({ ...base, status: 'new', personId: null, candidate: null, reason: null });
    }
  }
  return { preview, errors };
}

/** Imports the attendance list read from `file` (the upload: see core/uploads.ts withUpload). */
export async function importAttendance(ctx: ServiceContext, input: ParsedInputOf<'training.importAttendance'>, file: string): Promise<AttendanceImportResult> {
  const fresh = input.newSession;
  const session = input.sessionId ? (await q.listSessions(ctx.db, { id: input.sessionId }))[0] : undefined;
  if (input.sessionId && !session) throw validationError('sessionId', 'not_found', 'the session does not exist');
  if (fresh) {
    const [programme] = await q.listProgrammes(ctx.db, { id: fresh.programmeId });
    if (!programme || programme.deleted_at) throw validationError('newSession.programmeId', 'not_found', 'the programme does not exist');
  }
  const read = await readAttendanceList(file, input.sheet);
  if (read.errors.length) throw cellErrors(read.errors);
  if (!read.rows.length)
    throw new AppError('VALIDATION', `${read.sheet ? `foaia „${read.sheet}”: ` : ''}the list has no rows; nothing was imported`, {
      issues: [{ field: 'file', reason: 'empty', message: 'the list has no rows' }],
    });
  const rows = read.rows as Array<{ row: number; values: ListRow }>;
  const defaultCategory = CATEGORY_OF_GROUP[session?.target_group ?? fresh!.targetGroup];

  return ctx.tx(async (trx) => {
    const matched = matchRows(rows, await q.peopleKeys(trx));
    if (matched.errors.length) throw cellErrors(matched.errors.map((e) => ({ ...e, sheet: read.sheet })));
    const decisions = new Map(input.decisions.map((d) => [d.row, d]));
    const missing: number[] = [];
    const previewOf = new Map(matched.preview.map((r) => [r.row, r]));
    for (const [n, d] of input.decisions.entries()) {
      const p = previewOf.get(d.row);
      if (!p || p.status !== 'duplicate') throw validationError(`decisions.${n}.row`, 'not_duplicate', `row ${d.row} is not a likely duplicate`);
      if (d.decision === 'same' && d.personId && d.personId !== p.candidate!.id) {
        await live(trx, 'training_people', d.personId, 'training_person').catch(() => {
          throw validationError(`decisions.${n}.personId`, 'not_found', 'the person does not exist');
        });
      }
    }
    for (const p of matched.preview) {
      if (p.status !== 'duplicate') continue;
      const d = decisions.get(p.row);
      if (!d) missing.push(p.row);
      else if (d.decision === 'same') p.personId = d.personId ?? p.candidate!.id;
    }
    if (!input.dryRun && missing.length)
      throw validationError(
        'decisions',
        'undecided',
        `decide for row(s) ${missing.join(', ')} whether it is the same person as the one already known or a different person`,
      );

    const existing = new Map<string, TrainingAttendanceTable>(session ? (await q.sessionAttendance(trx, session.id)).map((a) => [a.person_id, a]) : []);
    const resolved = new Set<string>();
    const result: AttendanceImportResult = {
      dryRun: input.dryRun,
      sessionId: session?.id ?? '',
      sheet: read.sheet,
      sessionCreated: false,
      rows: [],
      peopleCreated: 0,
      attendanceCreated: 0,
      attendanceUpdated: 0,
      unchanged: 0,
      ignoredColumns: read.ignoredColumns,
    };
    const listErrors: CellError[] = [];
    for (const p of matched.preview) {
      if (p.personId && resolved.has(p.personId))
        listErrors.push({ sheet: read.sheet, row: p.row, column: 'Nume', value: p.name, message: 'this person is already on another row of this list' });
      if (p.personId) resolved.add(p.personId);
      const a = p.personId ? existing.get(p.personId) : undefined;
      const attendance: AttendancePreviewRow['attendance'] = !a
        ? 'create'
        : a.hours_attended === p.hours && a.completed === (p.completed ? 1 : 0)
          ? 'unchanged'
          : 'update';
      result.rows.push(Object.assign(p, { attendance })); // the preview row itself: 50,000 rows are not copied
    }
    if (listErrors.length) throw cellErrors(listErrors);
    for (const r of result.rows) {
      if (!r.personId) result.peopleCreated++;
      if (r.attendance === 'create') result.attendanceCreated++;
      else if (r.attendance === 'update') result.attendanceUpdated++;
      else result.unchanged++;
    }
    if (input.dryRun) return result;

    // A session made on the spot goes in with its attendance, in the same transaction (nothing written on failure).
    const sessionId = session?.id ?? (await insertAudited(ctx, trx, 'training_sessions', 'training_session', { id: newId(), ...sessionColumns(fresh!) })).id;
    const programmeId = session?.programme_id ?? fresh!.programmeId;
    result.sessionId = sessionId;
    result.sessionCreated = !session;

    const byRow = new Map(rows.map((r) => [r.row, r.values]));
    // New people and new attendances go in as two bulk inserts (people first: attendance refers to them).
    let newPeople: Array<Record<string, unknown> & { id: string }> = [];
    let newAttendance: Array<Record<string, unknown> & { id: string }> = [];
    // Written every 2,000 rows, so memory stays flat on a 50,000-row list (people before the attendance that names them).
    const flush = async () => {
      await insertAuditedMany(ctx, trx, 'training_people', 'training_person', newPeople);
      await insertAuditedMany(ctx, trx, 'training_attendance', 'training_attendance', newAttendance);
      newPeople = [];
      newAttendance = [];
    };
    for (const r of result.rows) {
      if (newAttendance.length >= 2_000 || newPeople.length >= 2_000) await flush();
      let personId = r.personId;
      if (!personId) {
        const v = byRow.get(r.row)!;
        personId = newId();
        newPeople.push({
          id: personId,
          ...personColumns({
            name: v.name,
            email: v.email,
            department: v.department,
            position: v.position,
            category: v.category ?? defaultCategory,
            notes: '',
          }),
        });
        r.personId = personId;
      }
      const cols = { hours_attended: r.hours, completed: r.completed ? 1 : 0 };
      const a = existing.get(personId);
      if (r.attendance === 'create') {
        newAttendance.push({
          id: newId(),
          session_id: sessionId,
          person_id: personId,
          ...cols,
          assessment: '',
          certificate_type: '',
          certificate_number: '',
          certificate_date: null,
          certificate_issuer: '',
          consent_publish_name: 0,
          consent_contact: 0,
        });
      } else if (r.attendance === 'update') await updateCurrent(ctx, trx, 'training_attendance', 'training_attendance', a!.id, a!.updated_at, cols);
    }
    await flush();
    // The session's people who now count (or no longer do) in its programme, in the same transaction.
    await q.refreshSessionCompletions(trx, [sessionId], [programmeId]);
    return result;
  });
}
