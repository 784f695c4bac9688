import type { WriteTx } from '../../../db/access';
import * as q from '../../../db/queries/training';
import { getRow } from '../../../db/queries/rows';
import type { TrainingPeopleTable, TrainingProgrammesTable } from '../../../db/schema/training';
import {
  foldText,
  validationError,
  type Attendance,
  type MethodName,
  type ParsedInputOf,
  type Person,
  type PeoplePage,
  type PersonHistory,
  type Programme,
  type SessionOption,
  type SessionsPage,
  type TrainingSession,
} from '../../contract';
import { cachedRead } from '../cache';
import type { ServiceContext } from '../context';
import { newId } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { emailKey, nameKey } from './keys';
import { toAttendance, toHistoryEntry, toPerson, toPersonSummary, toProgramme, toSession } from './mappers';

type In<K extends MethodName> = ParsedInputOf<K>;

// ───────────────────────────── programmes

/** Programmes with their counts (distinct people over every attendance row), kept until the database changes. */
export async function listProgrammes(ctx: ServiceContext): Promise<Programme[]> {
  return cachedRead(ctx.db, 'training.listProgrammes', async () => (await q.listProgrammes(ctx.db)).map((g) => toProgramme(g as never)));
}

async function programmeById(ctx: ServiceContext, id: string) {
  const g = (await q.listProgrammes(ctx.db, { id }))[0];
  if (!g) throw notFound('training_programme', id);
  return toProgramme(g as never);
}

export async function saveProgramme(ctx: ServiceContext, input: In<'training.saveProgramme'>): Promise<Programme> {
  const id = await ctx.tx(async (trx) => {
    const a = await getRow(trx, 'actions', input.actionId);
    if (!a || a.deleted_at) throw validationError('actionId', 'not_found', 'the action does not exist');
    if (await q.programmeNameTaken(trx, input.name, input.id)) throw validationError('name', 'duplicate', `a programme named "${input.name}" already exists`);
    const cols = { name: input.name, description: input.description, action_id: input.actionId };
    if (input.id) {
      await updateCurrent(ctx, trx, 'training_programmes', 'training_programme', input.id, input.expectedUpdatedAt, cols);
      return input.id;
    }
    return (await insertAudited(ctx, trx, 'training_programmes', 'training_programme', { id: newId(), ...cols })).id;
  });
  return programmeById(ctx, id);
}

export async function deleteProgramme(ctx: ServiceContext, input: In<'training.deleteProgramme'>) {
  await ctx.tx(async (trx) => {
    if (await q.programmeHasSessions(trx, input.id)) throw validationError('id', 'has_sessions', 'the programme still has sessions; delete or move them first');
    await softDeleteRow(ctx, trx, 'training_programmes', 'training_programme', input.id, input.expectedUpdatedAt);
  });
  return null;
}

export async function restoreProgramme(ctx: ServiceContext, input: In<'training.restoreProgramme'>) {
  await ctx.tx(async (trx) => {
    const g = (await getRow(trx, 'training_programmes', input.id)) as TrainingProgrammesTable | undefined;
    if (g?.deleted_at && (await q.programmeNameTaken(trx, g.name, g.id)))
      throw validationError('name', 'duplicate', `a programme named "${g.name}" already exists`);
    await restoreRow(ctx, trx, 'training_programmes', 'training_programme', input.id);
  });
  return null;
}

// ───────────────────────────── sessions

/** Lower case without diacritics: how the sessions search compares (see db/queries/training.ts listSessionsPage). */
const searchFold = (s: string) => foldText(s).trim();

/** One page of sessions, with the counts of the page's sessions only (the list screen). */
export async function listSessions(ctx: ServiceContext, input: In<'training.listSessions'>): Promise<SessionsPage> {
  const search = searchFold(input.search ?? '');
  const page = await q.listSessionsPage(ctx.db, {
    search: search || undefined,
    programmeId: input.programmeId,
    actionId: input.actionId,
    targetGroup: input.targetGroup,
    format: input.format,
    sort: input.sort,
    order: input.order,
    offset: input.offset,
    limit: input.limit,
  });
  return { total: page.total, rows: page.rows.map((s) => toSession(s as never)) };
}

/** Every live session with its counts (the report pack sums them per programme; not for a screen). */
export async function allSessions(ctx: ServiceContext): Promise<TrainingSession[]> {
  return (await q.listSessions(ctx.db)).map((s) => toSession(s as never));
}

/** Every live session, slim, for the pickers (the attendance import chooses its session from all of them). */
export async function sessionOptions(ctx: ServiceContext): Promise<SessionOption[]> {
  return (await q.sessionOptions(ctx.db)).map((s) => ({
    id: s.id,
    title: s.title,
    startDate: s.start_date,
    programmeId: s.programme_id,
    programmeName: s.programme_name,
    actionCode: s.action_code,
  }));
}

export async function getSession(ctx: ServiceContext, input: { id: string }): Promise<TrainingSession> {
  const s = (await q.listSessions(ctx.db, { id: input.id }))[0];
  if (!s) throw notFound('training_session', input.id);
  return toSession(s as never);
}

/** A session's columns from its input (saved on its own, or made on the spot by an attendance import). */
export function sessionColumns(input: ParsedInputOf<'training.importAttendance'>['newSession'] & object) {
  return {
    programme_id: input.programmeId,
    title: input.title,
    topic: input.topic,
    target_group: input.targetGroup,
    provider: input.provider,
    trainer: input.trainer,
    format: input.format,
    location: input.location,
    start_date: input.startDate,
    end_date: input.endDate,
    hours: input.hours,
    cost_bani: input.cost,
    plan_line: input.planLine,
    evidence: input.evidence,
  };
}

export async function saveSession(ctx: ServiceContext, input: In<'training.saveSession'>): Promise<TrainingSession> {
  const id = await ctx.tx(async (trx) => {
    const g = await getRow(trx, 'training_programmes', input.programmeId);
    if (!g || g.deleted_at) throw validationError('programmeId', 'not_found', 'the programme does not exist');
    const cols = sessionColumns(input);
    if (input.id) {
      const before = await getRow(trx, 'training_sessions', input.id);
      await updateCurrent(ctx, trx, 'training_sessions', 'training_session', input.id, input.expectedUpdatedAt, cols);
      // Its completed attendances move with it: to another programme, or to another date.
      if (before && (before.programme_id !== cols.programme_id || before.start_date !== cols.start_date || before.end_date !== cols.end_date))
        await q.refreshSessionCompletions(trx, [input.id], [before.programme_id, cols.programme_id]);
      return input.id;
    }
    return (await insertAudited(ctx, trx, 'training_sessions', 'training_session', { id: newId(), ...cols })).id;
  });
  return getSession(ctx, { id });
}

export async function deleteSession(ctx: ServiceContext, input: In<'training.deleteSession'>) {
  await ctx.tx(async (trx) => {
    await softDeleteRow(ctx, trx, 'training_sessions', 'training_session', input.id, input.expectedUpdatedAt);
    await q.refreshSessionCompletions(trx, [input.id], await q.programmesOfSessions(trx, [input.id]));
  });
  return null;
}

export async function restoreSession(ctx: ServiceContext, input: In<'training.restoreSession'>) {
  await ctx.tx(async (trx) => {
    const s = await getRow(trx, 'training_sessions', input.id);
    if (s) {
      const g = await getRow(trx, 'training_programmes', s.programme_id);
      if (g?.deleted_at) throw validationError('programmeId', 'deleted', 'restore its programme first');
    }
    await restoreRow(ctx, trx, 'training_sessions', 'training_session', input.id);
    await q.refreshSessionCompletions(trx, [input.id], await q.programmesOfSessions(trx, [input.id]));
  });
  return null;
}

// ───────────────────────────── people

export async function listPeople(ctx: ServiceContext, input: In<'training.listPeople'>): Promise<PeoplePage> {
  const text = input.search?.trim() ?? '';
  const key = nameKey(text);
  const page = await q.listPeoplePage(ctx.db, {
    search: text && key ? { text, key } : undefined,
    category: input.category,
    sort: input.sort,
    order: input.order,
    offset: input.offset,
    limit: input.limit,
  });
  return { total: page.total, rows: page.rows.map((p) => toPersonSummary(p)) };
}

export const personColumns = (i: {
  name: string;
  email: string;
  department: string;
  position: string;
  category: TrainingPeopleTable['category'];
  notes: string;
}) => ({
  name: i.name,
  name_key: nameKey(i.name),
  email: i.email,
  email_key: emailKey(i.email),
  department: i.department,
  position: i.position,
  category: i.category,
  notes: i.notes,
});

export async function savePerson(ctx: ServiceContext, input: In<'training.savePerson'>): Promise<Person> {
  return ctx.tx(async (trx) => {
    const cols = personColumns(input);
    const before = input.id ? ((await getRow(trx, 'training_people', input.id)) as TrainingPeopleTable | undefined) : undefined;
    const row = input.id
      ? await updateCurrent(ctx, trx, 'training_people', 'training_person', input.id, input.expectedUpdatedAt, cols)
      : await insertAudited(ctx, trx, 'training_people', 'training_person', { id: newId(), ...cols });
    // training_completions carries the category the indicators count by.
    if (before && before.category !== cols.category) await q.refreshPersonCompletions(trx, before.id);
    return toPerson(row as unknown as TrainingPeopleTable);
  });
}

export async function personHistory(ctx: ServiceContext, input: { id: string }): Promise<PersonHistory> {
  const p = (await q.listPeople(ctx.db, { id: input.id }))[0];
  if (!p) throw notFound('training_person', input.id);
  const entries = (await q.personHistory(ctx.db, input.id)).map((e) => toHistoryEntry(e as never));
  return { person: toPersonSummary(p as never), entries, certificates: entries.filter((e) => e.certificateNumber || e.certificateType) };
}

// ───────────────────────────── attendance

/** Recomputes training_completions for the (programme, person) pairs of these attendance rows (before / after a write). */
async function refreshAttendance(trx: WriteTx, rows: Array<{ session_id: string; person_id: string } | undefined>) {
  const live = rows.filter((r): r is { session_id: string; person_id: string } => !!r);
  for (const r of live) await q.refreshCompletions(trx, await q.programmesOfSessions(trx, [r.session_id]), [r.person_id]);
}

export async function listAttendance(ctx: ServiceContext, input: In<'training.listAttendance'>): Promise<Attendance[]> {
  return (await q.listAttendance(ctx.db, input.sessionId)).map((a) => toAttendance(a as never));
}

export async function saveAttendance(ctx: ServiceContext, input: In<'training.saveAttendance'>): Promise<Attendance> {
  const id = await ctx.tx(async (trx: WriteTx) => {
    await live(trx, 'training_sessions', input.sessionId, 'training_session').catch(() => {
      throw validationError('sessionId', 'not_found', 'the session does not exist');
    });
    await live(trx, 'training_people', input.personId, 'training_person').catch(() => {
      throw validationError('personId', 'not_found', 'the person does not exist');
    });
    if (await q.attendanceTaken(trx, input.sessionId, input.personId, input.id))
      throw validationError('personId', 'duplicate', 'this person is already on the attendance list of the session');
    const cols = {
      session_id: input.sessionId,
      person_id: input.personId,
      hours_attended: input.hoursAttended,
      completed: input.completed ? 1 : 0,
      assessment: input.assessment,
      certificate_type: input.certificateType,
      certificate_number: input.certificateNumber,
      certificate_date: input.certificateDate,
      certificate_issuer: input.certificateIssuer,
      consent_publish_name: input.consentPublishName ? 1 : 0,
      consent_contact: input.consentContact ? 1 : 0,
    };
    const before = input.id ? await getRow(trx, 'training_attendance', input.id) : undefined;
    const id = input.id
      ? (await updateCurrent(ctx, trx, 'training_attendance', 'training_attendance', input.id, input.expectedUpdatedAt, cols), input.id)
      : (await insertAudited(ctx, trx, 'training_attendance', 'training_attendance', { id: newId(), ...cols })).id;
    // The row may have moved to another session or person: both the old and the new pair are recomputed.
    await refreshAttendance(trx, [before, cols]);
    return id;
  });
  const a = await q.getAttendance(ctx.db, id);
  if (!a) throw notFound('training_attendance', id);
  return toAttendance(a as never);
}

export async function deleteAttendance(ctx: ServiceContext, input: In<'training.deleteAttendance'>) {
  await ctx.tx(async (trx) => {
    await softDeleteRow(ctx, trx, 'training_attendance', 'training_attendance', input.id, input.expectedUpdatedAt);
    await refreshAttendance(trx, [await getRow(trx, 'training_attendance', input.id)]);
  });
  return null;
}

export async function restoreAttendance(ctx: ServiceContext, input: In<'training.restoreAttendance'>) {
  await ctx.tx(async (trx) => {
    const a = await getRow(trx, 'training_attendance', input.id);
    if (a?.deleted_at && (await q.attendanceTaken(trx, a.session_id, a.person_id, a.id)))
      throw validationError('personId', 'duplicate', 'this person is already on the attendance list of the session');
    await restoreRow(ctx, trx, 'training_attendance', 'training_attendance', input.id);
    await refreshAttendance(trx, [a]);
  });
  return null;
}
