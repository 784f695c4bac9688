import { z } from 'zod';
import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/training';
import { rowsIn } from '../../../db/queries/rows';
import {
  EMPLOYMENT_CATEGORIES,
  TARGET_GROUPS,
  TRAINING_FORMATS,
  CNP_MESSAGE,
  looksLikeCnp,
  type AuditEntity,
  type EmploymentCategory,
  type RegistryImportResult,
  type TargetGroup,
  type TrainingFormat,
} from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type ColumnSpec, type WriteResult } from '../excel';
import {
  cellBool,
  cellDate,
  cellDecimal,
  cellEnum,
  cellErrors,
  cellLei,
  cellText,
  optDate,
  optText,
  readSheets,
  type CellError,
  type ImportColumn,
} from '../excel-import';
import { newId } from '../util';
import { insertAuditedMany, updateCurrent } from '../writes';
import { CATEGORY_LABELS } from './attendance-import';
import { personColumns } from './service';
import { explain } from './keys';

/**
 * The training registry as one internal workbook (it names people): programmes, sessions, people and
 * attendance, each row with its id. Reading it back matches rows by id: unchanged rows are not rewritten,
 * changed rows are updated (audited), rows without an id (or with an id not known here) are created.
 */

export const SHEETS = { programmes: 'Programe', sessions: 'Sesiuni', people: 'Persoane', attendance: 'Participări' } as const;

export const RO = {
  targetGroup: {
    civil_servants: 'Funcționari publici',
    contract_staff: 'Personal contractual',
    elected_officials: 'Aleși locali',
    citizens_youth: 'Cetățeni / tineri',
  } satisfies Record<TargetGroup, string>,
  format: { in_person: 'Cu prezență fizică', online: 'Online', hybrid: 'Hibrid' } satisfies Record<TrainingFormat, string>,
  category: {
    civil_servant: 'Funcționar public',
    contract_staff: 'Personal contractual',
    elected_official: 'Ales local',
    citizen: 'Cetățean',
    other: 'Altă categorie',
  } satisfies Record<EmploymentCategory, string>,
};
const labels = <V extends string>(ro: Record<V, string>, extra: Partial<Record<V, string[]>> = {}) =>
  Object.fromEntries(Object.entries(ro).map(([k, v]) => [k, [v as string, ...(extra[k as V] ?? [])]])) as Record<V, string[]>;
const yesNo = (b: number) => (b ? 'da' : 'nu');

const idCell = z.union([z.null(), z.uuid({ version: 'v7', message: 'not an id written by PLA Desk' })]);
const refCell = z.uuid({ version: 'v7', message: 'not an id written by PLA Desk' });
const noCnp = (max: number) => z.union([z.null().transform(() => ''), cellText(max).refine((s) => !looksLikeCnp(s), CNP_MESSAGE)]);

const col = (key: string, header: string, schema: z.ZodType, required = false): ImportColumn => ({
  key,
  headers: [header],
  schema: explain(schema, 'invalid value'),
  required,
});

const PROGRAMME_IMPORT = [
  col('id', 'ID', idCell, true),
  col('name', 'Denumire', cellText(300), true),
  col('action', 'Acțiune', cellText(20), true),
  col('description', 'Descriere', optText(5000)),
];
const SESSION_IMPORT = [
  col('id', 'ID', idCell, true),
  col('programmeId', 'ID program', refCell, true),
  col('title', 'Titlu', cellText(300), true),
  col('topic', 'Temă', optText(500)),
  col('targetGroup', 'Grup țintă', cellEnum(labels(RO.targetGroup)), true),
  col('provider', 'Furnizor', optText(300)),
  col('trainer', 'Formator', noCnp(300)),
  col('format', 'Format', cellEnum(labels(RO.format)), true),
  col('location', 'Locație', optText(300)),
  col('startDate', 'Data început', cellDate(), true),
  col('endDate', 'Data sfârșit', optDate()),
  col('hours', 'Ore', z.union([z.null().transform(() => 0), cellDecimal().pipe(z.number().min(0, 'must not be negative'))])),
  col('cost', 'Cost (lei)', z.union([z.null().transform(() => 0), cellLei()])),
  col('planLine', 'Linie în planul de formare', optText(300)),
  col('evidence', 'Dovezi', optText(5000)),
];
const PEOPLE_IMPORT = [
  col('id', 'ID', idCell, true),
  col(
    'name',
    'Nume',
    cellText(200).refine((s) => !looksLikeCnp(s), CNP_MESSAGE),
    true,
  ),
  col('email', 'E-mail', noCnp(254)),
  col('department', 'Departament', noCnp(300)),
  col('position', 'Funcție', noCnp(300)),
  col('category', 'Categorie', cellEnum(labels(RO.category, CATEGORY_LABELS)), true),
  col('notes', 'Note', noCnp(2000)),
];
const ATTENDANCE_IMPORT = [
  col('id', 'ID', idCell, true),
  col('sessionId', 'ID sesiune', refCell, true),
  col('personId', 'ID persoană', refCell, true),
  col('hoursAttended', 'Ore participate', z.union([z.null().transform(() => 0), cellDecimal().pipe(z.number().min(0, 'must not be negative'))])),
  col('completed', 'Finalizat', explain(cellBool(), 'expected da or nu'), true),
  col('assessment', 'Evaluare', optText(500)),
  col('certificateType', 'Tip certificat', optText(100)),
  col('certificateNumber', 'Număr certificat', noCnp(100)),
  col('certificateDate', 'Data certificatului', optDate()),
  col('certificateIssuer', 'Emitent certificat', optText(300)),
  col('consentPublishName', 'Acord publicare nume', explain(cellBool(), 'expected da or nu')),
  col('consentContact', 'Acord contactare', explain(cellBool(), 'expected da or nu')),
];

const spec = <T>(cols: ImportColumn[], extra: Partial<Record<string, Partial<ColumnSpec<T>>>> = {}, shown: Array<ColumnSpec<T>> = []): ColumnSpec<T>[] => [
  ...cols.map(
    (c) =>
      ({
        key: c.key as keyof T & string,
        header: c.headers[0],
        width: c.key.endsWith('d') && c.key !== 'completed' ? 38 : 20,
        ...extra[c.key],
      }) as ColumnSpec<T>,
  ),
  ...shown,
];

export async function exportTrainingWorkbook(
  db: DbOrTx,
  outPath: string,
  opts: { signal?: AbortSignal; onProgress?: (f: number, m?: string) => void } = {},
): Promise<WriteResult> {
  const programmes = await q.exportRows.programmes(db);
  const sessions = await q.exportRows.sessions(db);
  const people = await q.exportRows.people(db);
  const attendance = await q.exportRows.attendance(db);
  const programmeName = new Map(programmes.map((g) => [g.id, g.name]));
  const sessionTitle = new Map(sessions.map((s) => [s.id, s.title]));
  const personName = new Map(people.map((p) => [p.id, p.name]));
  const total = programmes.length + sessions.length + people.length + attendance.length || 1;
  let done = 0;
  const tick = (m: string) => {
    done++;
    if (done % 500 === 0) opts.onProgress?.(done / total, m);
  };
  return writeWorkbook(
    outPath,
    async (wb) => {
      const gs = wb.sheet<Record<string, unknown>>({
        name: SHEETS.programmes,
        columns: spec(PROGRAMME_IMPORT, { name: { width: 40 }, description: { width: 50, wrap: true } }),
      });
      for (const g of programmes) {
        await gs.addRow({ id: g.id, name: g.name, action: g.action_code, description: g.description });
        tick(SHEETS.programmes);
      }
      const ss = wb.sheet<Record<string, unknown>>({
        name: SHEETS.sessions,
        columns: spec(
          SESSION_IMPORT,
          {
            startDate: { type: 'date', width: 12 },
            endDate: { type: 'date', width: 12 },
            hours: { type: 'decimal' },
            cost: { type: 'lei' },
            title: { width: 40 },
          },
          [{ key: 'programme', header: 'Program (informativ)', width: 30 }],
        ),
      });
      for (const s of sessions) {
        await ss.addRow({
          id: s.id,
          programmeId: s.programme_id,
          title: s.title,
          topic: s.topic,
          targetGroup: RO.targetGroup[s.target_group],
          provider: s.provider,
          trainer: s.trainer,
          format: RO.format[s.format],
          location: s.location,
          startDate: s.start_date,
          endDate: s.end_date,
          hours: s.hours,
          cost: s.cost_bani,
          planLine: s.plan_line,
          evidence: s.evidence,
          programme: programmeName.get(s.programme_id) ?? '',
        });
        tick(SHEETS.sessions);
      }
      const ps = wb.sheet<Record<string, unknown>>({ name: SHEETS.people, columns: spec(PEOPLE_IMPORT, { name: { width: 28 }, email: { width: 28 } }) });
      for (const p of people) {
        await ps.addRow({
          id: p.id,
          name: p.name,
          email: p.email,
          department: p.department,
          position: p.position,
          category: RO.category[p.category],
          notes: p.notes,
        });
        tick(SHEETS.people);
      }
      const as = wb.sheet<Record<string, unknown>>({
        name: SHEETS.attendance,
        columns: spec(ATTENDANCE_IMPORT, { hoursAttended: { type: 'decimal' }, certificateDate: { type: 'date', width: 12 } }, [
          { key: 'person', header: 'Persoană (informativ)', width: 28 },
          { key: 'session', header: 'Sesiune (informativ)', width: 36 },
        ]),
      });
      for (const a of attendance) {
        await as.addRow({
          id: a.id,
          sessionId: a.session_id,
          personId: a.person_id,
          hoursAttended: a.hours_attended,
          completed: yesNo(a.completed),
          assessment: a.assessment,
          certificateType: a.certificate_type,
          certificateNumber: a.certificate_number,
          certificateDate: a.certificate_date,
          certificateIssuer: a.certificate_issuer,
          consentPublishName: yesNo(a.consent_publish_name),
          consentContact: yesNo(a.consent_contact),
          person: personName.get(a.person_id) ?? '',
          session: sessionTitle.get(a.session_id) ?? '',
        });
        tick(SHEETS.attendance);
      }
    },
    { signal: opts.signal },
  );
}

/** Columns our export writes for reading only (names beside the ids); not reported as unused. */
const informative = (header: string) => /\(informativ\)$/.test(header);

/**
 * The same e-mail on several person rows is most often one person entered twice: their attendance then counts
 * twice in I1.2 / I4.3. Flagged (not refused: two people may share an office address) before anything is written.
 */
export function repeatedEmails(sheet: string, rows: Array<{ row: number; values: Record<string, any> }>): string[] {
  const byEmail = new Map<string, number[]>();
  for (const { row, values } of rows) {
    const e = String(values.email ?? '')
      .trim()
      .toLowerCase();
    if (!e) continue;
    const seen = byEmail.get(e);
    if (seen) seen.push(row);
    else byEmail.set(e, [row]);
  }
  return [...byEmail]
    .filter(([, r]) => r.length > 1)
    .map(
      ([e, r]) =>
        `${sheet}: e-mailul ${e} apare pe ${r.length} rânduri de persoane (${r.join(', ')}); dacă este aceeași persoană, păstrați un singur rând, altfel participările ei se numără de mai multe ori`,
    );
}

type Table = 'training_programmes' | 'training_sessions' | 'training_people' | 'training_attendance';
type Kind = keyof RegistryImportResult['created'];
const ENTITY: Record<Table, AuditEntity> = {
  training_programmes: 'training_programme',
  training_sessions: 'training_session',
  training_people: 'training_person',
  training_attendance: 'training_attendance',
};
/** New records go in this many at a time (a few multi-row statements each), so no second copy of a 50,000-row sheet is built. */
const CREATE_BATCH = 2_000;

/** The registry's sheets in one pass over the workbook; a sheet it lacks is named as readSheet names it. */
async function readRegistry(file: string) {
  const specs = [
    { sheets: [SHEETS.programmes], columns: PROGRAMME_IMPORT },
    { sheets: [SHEETS.sessions], columns: SESSION_IMPORT },
    { sheets: [SHEETS.people], columns: PEOPLE_IMPORT },
    { sheets: [SHEETS.attendance], columns: ATTENDANCE_IMPORT },
  ];
  const read = await readSheets<Record<string, any>>(file, specs);
  read.forEach((r, n) => {
    if (!r.found) r.errors.push({ sheet: specs[n].sheets[0], row: 0, column: '', value: null, message: `no sheet named "${specs[n].sheets[0]}"` });
  });
  return read;
}

/**
 * Reads our own workbook back; all-or-nothing, with a dry run. The workbook is read once; the records its ids
 * name are fetched a few hundred per query before the rows are checked, and the new records of each table go in
 * through multi-row audited inserts (one audit entry per record, as when they were written one by one).
 */
export async function importTrainingWorkbook(ctx: ServiceContext, file: string, dryRun: boolean): Promise<RegistryImportResult> {
  const [gR, sR, pR, aR] = await readRegistry(file);
  const errors: CellError[] = [...gR.errors, ...sR.errors, ...pR.errors, ...aR.errors];
  if (errors.length) throw cellErrors(errors);

  return ctx.tx(async (trx) => {
    const bad = (sheet: string, row: number, column: string, value: unknown, message: string) =>
      errors.push({ sheet, row, column, value: value as never, message });
    const result: RegistryImportResult = {
      dryRun,
      created: { programmes: 0, sessions: 0, people: 0, attendance: 0 },
      updated: { programmes: 0, sessions: 0, people: 0, attendance: 0 },
      unchanged: 0,
      ignoredColumns: [gR, sR, pR, aR].flatMap((r) => r.ignoredColumns.filter((c) => !informative(c)).map((c) => `${r.sheet}!${c}`)),
      warnings: repeatedEmails(pR.sheet || SHEETS.people, pR.rows),
    };
    const plan: Array<{ table: Table; entity: AuditEntity; kind: Kind; id: string; cols: Record<string, unknown>; before: Record<string, any> | undefined }> =
      [];
    const ids = { programmes: new Set<string>(), sessions: new Set<string>(), people: new Set<string>() };

    // The stored rows the file's ids name (deleted ones too), fetched before the rows are checked: nothing is written meanwhile.
    const stored = new Map<Table, Map<string, Record<string, any>>>();
    const fetch = async (table: Table, wanted: Iterable<unknown>) => {
      const have = stored.get(table) ?? new Map<string, Record<string, any>>();
      stored.set(table, have);
      const missing = [...new Set([...wanted].filter((id): id is string => typeof id === 'string' && !have.has(id)))];
      for (const r of await rowsIn(trx, table, missing)) have.set(r.id, r);
    };
    const storedRow = (table: Table, id: string) => stored.get(table)?.get(id);
    await fetch('training_programmes', [...gR.rows.map((r) => r.values.id), ...sR.rows.map((r) => r.values.programmeId)]);
    await fetch('training_sessions', [...sR.rows.map((r) => r.values.id), ...aR.rows.map((r) => r.values.sessionId)]);
    await fetch('training_people', [...pR.rows.map((r) => r.values.id), ...aR.rows.map((r) => r.values.personId)]);
    await fetch(
      'training_attendance',
      aR.rows.map((r) => r.values.id),
    );
    // The live attendance of the sessions the file names: a new or moved row may not take a pair another row holds.
    const holders = new Map<string, string[]>();
    for (const a of await q.liveAttendanceOf(trx, [...new Set(aR.rows.map((r) => r.values.sessionId as string))])) {
      const pair = `${a.session_id}/${a.person_id}`;
      holders.set(pair, [...(holders.get(pair) ?? []), a.id]);
    }

    const stage = async (
      sheet: string,
      rows: Array<{ row: number; values: Record<string, any> }>,
      table: Table,
      entity: AuditEntity,
      kind: Kind,
      colsOf: (v: Record<string, any>, row: number) => Promise<Record<string, unknown> | null>,
      seen?: Set<string>,
    ) => {
      const inFile = new Set<string>();
      for (const { row, values: v } of rows) {
        const cols = await colsOf(v, row);
        if (!cols) continue;
        const id = (v.id as string | null) ?? newId();
        if (inFile.has(id)) {
          bad(sheet, row, 'ID', id, 'the same id is on another row of this sheet');
          continue;
        }
        inFile.add(id);
        seen?.add(id);
        const before = storedRow(table, id);
        if (before?.deleted_at) {
          bad(sheet, row, 'ID', id, 'this record was deleted in the app; restore it there first');
          continue;
        }
        plan.push({ table, entity, kind, id, cols, before });
      }
    };

    const actionIds = new Map<string, string | null>();
    await stage(
      SHEETS.programmes,
      gR.rows,
      'training_programmes',
      'training_programme',
      'programmes',
      async (v, row) => {
        if (!actionIds.has(v.action)) actionIds.set(v.action, (await q.actionByCode(trx, v.action))?.id ?? null);
        const actionId = actionIds.get(v.action);
        if (!actionId) return (bad(SHEETS.programmes, row, 'Acțiune', v.action, `no action ${v.action} in the plan`), null);
        return { name: v.name, description: v.description, action_id: actionId };
      },
      ids.programmes,
    );
    const liveIn = (table: Table, id: string, staged: Set<string>) => {
      if (staged.has(id)) return true;
      const r = storedRow(table, id);
      return r !== undefined && r.deleted_at === null;
    };
    await stage(
      SHEETS.sessions,
      sR.rows,
      'training_sessions',
      'training_session',
      'sessions',
      async (v, row) => {
        if (!liveIn('training_programmes', v.programmeId, ids.programmes))
          return (bad(SHEETS.sessions, row, 'ID program', v.programmeId, 'no such programme'), null);
        if (v.endDate && v.endDate < v.startDate) return (bad(SHEETS.sessions, row, 'Data sfârșit', v.endDate, 'end date is before start date'), null);
        return {
          programme_id: v.programmeId,
          title: v.title,
          topic: v.topic,
          target_group: v.targetGroup,
          provider: v.provider,
          trainer: v.trainer,
          format: v.format,
          location: v.location,
          start_date: v.startDate,
          end_date: v.endDate,
          hours: v.hours,
          cost_bani: v.cost,
          plan_line: v.planLine,
          evidence: v.evidence,
        };
      },
      ids.sessions,
    );
    await stage(SHEETS.people, pR.rows, 'training_people', 'training_person', 'people', async (v) => personColumns(v as never), ids.people);
    const pairs = new Set<string>();
    await stage(SHEETS.attendance, aR.rows, 'training_attendance', 'training_attendance', 'attendance', async (v, row) => {
      if (!liveIn('training_sessions', v.sessionId, ids.sessions)) return (bad(SHEETS.attendance, row, 'ID sesiune', v.sessionId, 'no such session'), null);
      if (!liveIn('training_people', v.personId, ids.people)) return (bad(SHEETS.attendance, row, 'ID persoană', v.personId, 'no such person'), null);
      const pair = `${v.sessionId}/${v.personId}`;
      if (pairs.has(pair)) return (bad(SHEETS.attendance, row, 'ID persoană', v.personId, 'this person is on another row for the same session'), null);
      pairs.add(pair);
      // One live row per session and person (a unique index): another row than this one takes the pair.
      if ((holders.get(pair) ?? []).some((id) => id !== v.id))
        return (bad(SHEETS.attendance, row, 'ID persoană', v.personId, 'this person is already on the attendance list of the session'), null);
      return {
        session_id: v.sessionId,
        person_id: v.personId,
        hours_attended: v.hoursAttended,
        completed: v.completed ? 1 : 0,
        assessment: v.assessment,
        certificate_type: v.certificateType,
        certificate_number: v.certificateNumber,
        certificate_date: v.certificateDate,
        certificate_issuer: v.certificateIssuer,
        consent_publish_name: v.consentPublishName ? 1 : 0,
        consent_contact: v.consentContact ? 1 : 0,
      };
    });
    // Names of programmes stay unique among live rows.
    const names = new Map<string, string>();
    for (const p of plan.filter((x) => x.table === 'training_programmes')) {
      const n = p.cols.name as string;
      const earlier = names.get(n);
      const clash = earlier !== undefined ? earlier !== p.id : await q.programmeNameTaken(trx, n, p.id);
      if (clash) bad(SHEETS.programmes, 0, 'Denumire', n, `a programme named "${n}" already exists`);
      names.set(n, p.id);
    }
    if (errors.length) throw cellErrors(errors);

    // Table by table (programmes before the sessions that name them …): the changed rows, then the new ones in multi-row inserts.
    for (const table of ['training_programmes', 'training_sessions', 'training_people', 'training_attendance'] as const) {
      let created: Array<Record<string, unknown> & { id: string }> = [];
      for (const p of plan) {
        if (p.table !== table) continue;
        if (!dryRun && created.length >= CREATE_BATCH) {
          await insertAuditedMany(ctx, trx, table, ENTITY[table], created);
          created = [];
        }
        if (p.before) {
          const changed = Object.entries(p.cols).some(([k, v]) => p.before![k] !== v);
          if (!changed) {
            result.unchanged++;
            continue;
          }
          result.updated[p.kind]++;
          if (!dryRun) await updateCurrent(ctx, trx, p.table, p.entity, p.id, p.before.updated_at, p.cols);
        } else {
          result.created[p.kind]++;
          if (!dryRun) created.push({ id: p.id, ...p.cols });
        }
      }
      if (!dryRun && created.length) await insertAuditedMany(ctx, trx, table, ENTITY[table], created);
    }
    // Sessions, attendance or people (their category) written: the completions (programme counts, I1.2 / I4.3) are
    // rebuilt in the same transaction.
    const touched = (k: Kind) => result.created[k] + result.updated[k] > 0;
    if (!dryRun && (touched('sessions') || touched('attendance') || result.updated.people > 0)) await q.rebuildCompletions(trx);
    return result;
  });
}

export { EMPLOYMENT_CATEGORIES, TARGET_GROUPS, TRAINING_FORMATS };
