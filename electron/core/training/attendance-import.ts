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
  return chooseList(await readAllSheets<ListRow & Record<string, unknown>>(file, ATTENDANCE_COLUMNS), sheet);
}

/** The list among a workbook's sheets: the one named `sheet`, or the one sheet with an attendance header. */
function chooseList<S extends ReadResult<ListRow> & { headerRow: number | null }>(all: S[], sheet: string | undefined): S | ReadResult<ListRow> {
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

/** A matched row; its `attendance` is set when the row is taken (`create` until then). */
type PreviewRow = AttendancePreviewRow;

/** Matches each row of a list against the people known; pure, so it can be tested and benchmarked alone. */
export function matchRows(rows: Array<{ row: number; values: ListRow }>, known: KnownPerson[]): { preview: PreviewRow[]; errors: CellError[] } {
  const m = rowMatcher(known);
  const preview: PreviewRow[] = [];
  for (const { row, values } of rows) {
    const p = m.match(row, values);
    if (p) preview.push(p);
  }
  return { preview, errors: m.errors };
}

/** {@link matchRows} one row at a time, for an import that writes as it reads: null for a row already on the list. */
function rowMatcher(known: KnownPerson[]) {
  const byEmail = new Map<string, KnownPerson>();
  const byName = new Map<string, KnownPerson>();
  for (const p of known) {
    if (p.email_key && !byEmail.has(p.email_key)) byEmail.set(p.email_key, p);
    if (!byName.has(p.name_key)) byName.set(p.name_key, p);
  }
  const errors: CellError[] = [];
  const seenEmail = new Map<string, number>();
  const seenName = new Map<string, number>();
  const candidate = (p: KnownPerson) => ({ id: p.id, name: p.name, email: p.email, department: p.department });
  const match = (row: number, v: ListRow): PreviewRow | null => {
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
      return null;
    }
    if (ek) seenEmail.set(ek, row);
    seenName.set(nk, row);
    // One object literal for every row, with every field the preview row has: spreading a shared part, then
    // Object.assign of `attendance`, gave each of 50,000 rows a hidden class of its own (15 MB of V8 maps and
    // descriptors, and slower reads of every row).
    const preview = (status: PreviewRow['status'], personId: string | null, candidate: PreviewRow['candidate'], reason: PreviewRow['reason']): PreviewRow => ({
      row,
      name: v.name,
      email: v.email,
      department: v.department,
      position: v.position,
      hours: v.hours,
      completed: v.completed,
      status,
      personId,
      candidate,
      reason,
      attendance: 'create',
    });
    const e = ek ? byEmail.get(ek) : undefined;
    if (e && e.name_key === nk) return preview('matched', e.id, null, null);
    if (e) return preview('duplicate', null, candidate(e), 'same_email');
    const n = byName.get(nk);
    if (n) return preview('duplicate', null, candidate(n), 'same_name');
    return preview('new', null, null, null);
  };
  return { match, errors };
}

/**
 * Imports the attendance list read from `file` (the upload: see core/uploads.ts withUpload). A workbook is read
 * row by row into the transaction: each row is matched and, on a commit, written in batches of 2,000 as it comes,
 * so no row of the file is held twice. A bad row anywhere (a bad cell, the same person twice, an undecided
 * likely duplicate) stops the writing, the reading goes on to name every problem, and the transaction is
 * rolled back: nothing is written, with the same messages and rows as a list checked whole before writing.
 */
export async function importAttendance(ctx: ServiceContext, input: ParsedInputOf<'training.importAttendance'>, file: string): Promise<AttendanceImportResult> {
  const fresh = input.newSession;
  const session = input.sessionId ? (await q.listSessions(ctx.db, { id: input.sessionId }))[0] : undefined;
  if (input.sessionId && !session) throw validationError('sessionId', 'not_found', 'the session does not exist');
  if (fresh) {
    const [programme] = await q.listProgrammes(ctx.db, { id: fresh.programmeId });
    if (!programme || programme.deleted_at) throw validationError('newSession.programmeId', 'not_found', 'the programme does not exist');
  }
  const defaultCategory = CATEGORY_OF_GROUP[session?.target_group ?? fresh!.targetGroup];
  const bytes = fs.readFileSync(file);
  const csv = isXlsx(bytes) ? null : readCsv<ListRow & Record<string, unknown>>(bytes, ATTENDANCE_COLUMNS);

  type Sheet = ReadResult<ListRow> & { headerRow: number | null };
  const run = (only?: Sheet['sheet']) =>
    ctx.tx(async (trx) => {
      const matcher = rowMatcher(await q.peopleKeys(trx));
      const decisions = new Map(input.decisions.map((d) => [d.row, d]));
      const decided = new Map<number, PreviewRow>(); // the rows a decision names, to check it afterwards
      const missing: number[] = [];
      const listErrors: CellError[] = [];
      // A decision naming a person who does not exist is refused below; nothing is written meanwhile.
      let decisionsSound = true;
      for (const d of input.decisions)
        if (d.decision === 'same' && d.personId)
          decisionsSound &&= await live(trx, 'training_people', d.personId, 'training_person').then(
            () => true,
            () => false,
          );
      const existing = new Map<string, TrainingAttendanceTable>(session ? (await q.sessionAttendance(trx, session.id)).map((a) => [a.person_id, a]) : []);
      const resolved = new Set<string>();
      const result: AttendanceImportResult = {
        dryRun: input.dryRun,
        sessionId: session?.id ?? '',
        sheet: '',
        sessionCreated: false,
        rows: [],
        peopleCreated: 0,
        attendanceCreated: 0,
        attendanceUpdated: 0,
        unchanged: 0,
        ignoredColumns: [],
      };
      const write = !input.dryRun;
      // A session made on the spot goes in with its attendance, in the same transaction (nothing written on failure).
      const sessionId = !write
        ? ''
        : (session?.id ?? (await insertAudited(ctx, trx, 'training_sessions', 'training_session', { id: newId(), ...sessionColumns(fresh!) })).id);
      const programmeId = session?.programme_id ?? fresh?.programmeId ?? '';
      let newPeople: Array<Record<string, unknown> & { id: string }> = [];
      let newAttendance: Array<Record<string, unknown> & { id: string }> = [];
      // Written every 2,000 rows, so memory stays flat on a 50,000-row list (people before the attendance that names them).
      const flush = async () => {
        await insertAuditedMany(ctx, trx, 'training_people', 'training_person', newPeople);
        await insertAuditedMany(ctx, trx, 'training_attendance', 'training_attendance', newAttendance);
        newPeople = [];
        newAttendance = [];
      };
      let listed = null as Sheet | null; // the sheet whose rows were taken
      let count = 0;
      const take = async (sheet: Sheet | null, row: number, v: ListRow) => {
        count++;
        if (sheet?.errors.length) return; // the import fails on the cells: the rest only needs reading
        const p = matcher.match(row, v);
        if (!p) return;
        if (p.status === 'duplicate') {
          const d = decisions.get(p.row);
          if (d) decided.set(p.row, p);
          if (!d) missing.push(p.row);
          else if (d.decision === 'same') p.personId = d.personId ?? p.candidate!.id;
        }
        if (p.personId && resolved.has(p.personId))
          listErrors.push({
            sheet: sheet?.sheet ?? '',
            row: p.row,
            column: 'Nume',
            value: p.name,
            message: 'this person is already on another row of this list',
          });
        if (p.personId) resolved.add(p.personId);
        const a = p.personId ? existing.get(p.personId) : undefined;
        const attendance: AttendancePreviewRow['attendance'] = !a
          ? 'create'
          : a.hours_attended === p.hours && a.completed === (p.completed ? 1 : 0)
            ? 'unchanged'
            : 'update';
        const r = p; // the preview row itself: 50,000 rows are not copied
        r.attendance = attendance; // a field it has: its hidden class stays the one all rows share
        result.rows.push(r);
        if (!r.personId) result.peopleCreated++;
        if (attendance === 'create') result.attendanceCreated++;
        else if (attendance === 'update') result.attendanceUpdated++;
        else result.unchanged++;
        if (!write || !decisionsSound || matcher.errors.length || missing.length || listErrors.length) return; // rolled back below
        if (newAttendance.length >= 2_000 || newPeople.length >= 2_000) await flush();
        if (!r.personId) {
          r.personId = newId();
          newPeople.push({
            id: r.personId,
            ...personColumns({
              name: v.name,
              email: v.email,
              department: v.department,
              position: v.position,
              category: v.category ?? defaultCategory,
              notes: '',
            }),
          });
        }
        const cols = { hours_attended: r.hours, completed: r.completed ? 1 : 0 };
        if (attendance === 'create')
          newAttendance.push({
            id: newId(),
            session_id: sessionId,
            person_id: r.personId,
            ...cols,
            assessment: '',
            certificate_type: '',
            certificate_number: '',
            certificate_date: null,
            certificate_issuer: '',
            consent_publish_name: 0,
            consent_contact: 0,
          });
        else if (attendance === 'update') await updateCurrent(ctx, trx, 'training_attendance', 'training_attendance', a!.id, a!.updated_at, cols);
      };

      let read: ReadResult<ListRow>;
      if (csv) {
        read = csv;
        if (!csv.errors.length) for (const { row, values } of csv.rows) await take(null, row, values);
      } else {
        // The rows of the first sheet that can be the list (the one named, or the first with an attendance header);
        // which sheet is the list is decided when all are read, as a list read whole decides it.
        const fits = (s: Sheet) =>
          only !== undefined ? s.sheet === only : input.sheet !== undefined ? normalizeHeader(s.sheet) === normalizeHeader(input.sheet) : s.headerRow !== null;
        const all = await readAllSheets<ListRow & Record<string, unknown>>(file, ATTENDANCE_COLUMNS, {
          onRow: async (sheet, { row, values }) => {
            if (listed === null && fits(sheet)) listed = sheet;
            if (listed === sheet) await take(sheet, row, values);
          },
        });
        read = chooseList(all, only ?? input.sheet);
        if (listed !== null && read !== listed) throw new OtherSheet(read.sheet);
      }
      if (read.errors.length) throw cellErrors(read.errors);
      if (!count)
        throw new AppError('VALIDATION', `${read.sheet ? `foaia „${read.sheet}”: ` : ''}the list has no rows; nothing was imported`, {
          issues: [{ field: 'file', reason: 'empty', message: 'the list has no rows' }],
        });
      if (matcher.errors.length) throw cellErrors(matcher.errors.map((e) => ({ ...e, sheet: read.sheet })));
      for (const [n, d] of input.decisions.entries()) {
        const p = decided.get(d.row);
        if (!p) throw validationError(`decisions.${n}.row`, 'not_duplicate', `row ${d.row} is not a likely duplicate`);
        if (d.decision === 'same' && d.personId && d.personId !== p.candidate!.id) {
          await live(trx, 'training_people', d.personId, 'training_person').catch(() => {
            throw validationError(`decisions.${n}.personId`, 'not_found', 'the person does not exist');
          });
        }
      }
      if (write && missing.length)
        throw validationError(
          'decisions',
          'undecided',
          `decide for row(s) ${missing.join(', ')} whether it is the same person as the one already known or a different person`,
        );
      if (listErrors.length) throw cellErrors(listErrors.map((e) => ({ ...e, sheet: read.sheet })));
      result.sheet = read.sheet;
      result.ignoredColumns = read.ignoredColumns;
      if (!write) return result;
      await flush();
      result.sessionId = sessionId;
      result.sessionCreated = !session;
      // The session's people who now count (or no longer do) in its programme, in the same transaction.
      await q.refreshSessionCompletions(trx, [sessionId], [programmeId]);
      return result;
    });
  try {
    return await run();
  } catch (e) {
    // Rare: the rows taken were not the list's (a sheet named like the one asked for came before the one named
    // exactly so); that pass was rolled back, the list's own sheet is read again.
    if (e instanceof OtherSheet) return run(e.sheet);
    throw e;
  }
}

/** Thrown (and rolled back) when the rows taken from a workbook were not those of the sheet chosen as the list. */
class OtherSheet extends Error {
  constructor(readonly sheet: string) {
    super(`the list is on sheet ${sheet}`);
  }
}
