import type { WriteTx } from '../access';
import { sql } from 'kysely';
import { folded } from './fold';
import type { DbOrTx } from '../connection';
import type { TrainingPeopleTable, TrainingSessionsTable } from '../schema/training';

/** Every SQL statement of the training module. Core calls these; nothing else writes SQL for training. */

const liveAction = (code: string) => sql<boolean>`(ac.code = ${code} or ac.code like ${`${code}.%`})`;

export function listProgrammes(db: DbOrTx, opts: { id?: string } = {}) {
  const sessions = db
    .selectFrom('training_sessions')
    .select(['programme_id', (eb) => eb.fn.countAll<number>().as('session_count')])
    .where('deleted_at', 'is', null)
    .groupBy('programme_id')
    .as('sc');
  // Distinct people who completed, one row each in training_completions (people are never deleted, so no join).
  let completions = db.selectFrom('training_completions').select(['programme_id', (eb) => eb.fn.countAll<number>().as('completed_people')]);
  if (opts.id) completions = completions.where('programme_id', '=', opts.id);
  const people = completions.groupBy('programme_id').as('pc');
  let q = db
    .selectFrom('training_programmes as g')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .leftJoin(sessions, 'sc.programme_id', 'g.id')
    .leftJoin(people, 'pc.programme_id', 'g.id')
    .selectAll('g')
    .select(['ac.code as action_code', 'sc.session_count', 'pc.completed_people'])
    .where('g.deleted_at', 'is', null);
  if (opts.id) q = q.where('g.id', '=', opts.id);
  return q.orderBy('ac.code').orderBy('g.name').execute();
}

export function listSessions(db: DbOrTx, opts: { programmeId?: string; id?: string } = {}) {
  // Per-session counts from the covering index training_attendance_session_counts (people are never deleted).
  const counts = db
    .selectFrom('training_attendance as a')
    .select(['a.session_id', (eb) => eb.fn.countAll<number>().as('attendee_count'), sql<number>`sum(a.completed)`.as('completed_count')])
    .where('a.deleted_at', 'is', null)
    .groupBy('a.session_id')
    .as('c');
  let q = db
    .selectFrom('training_sessions as s')
    .innerJoin('training_programmes as g', 'g.id', 's.programme_id')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .leftJoin(counts, 'c.session_id', 's.id')
    .selectAll('s')
    .select(['g.name as programme_name', 'g.action_id', 'ac.code as action_code', 'c.attendee_count', 'c.completed_count'])
    .where('s.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null);
  if (opts.programmeId) q = q.where('s.programme_id', '=', opts.programmeId);
  if (opts.id) q = q.where('s.id', '=', opts.id);
  return q.orderBy('s.start_date', 'desc').orderBy('s.id', 'desc').execute();
}

export interface SessionsPageQuery {
  /** The search reduced to lower case without diacritics (matched against title, topic, trainer and provider). */
  search?: string;
  programmeId?: string;
  actionId?: string;
  targetGroup?: TrainingSessionsTable['target_group'];
  format?: TrainingSessionsTable['format'];
  sort: 'startDate' | 'title' | 'programme' | 'action' | 'hours' | 'cost';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Titles and programme names in Romanian order (diacritics folded); the rest as stored. */
const SESSION_SORT_COLUMN = {
  startDate: sql.ref('s.start_date'),
  title: folded('s.title'),
  programme: folded('g.name'),
  action: sql.ref('ac.code'),
  hours: sql.ref('s.hours'),
  cost: sql.ref('s.cost_bani'),
} as const;

/**
 * One page of live sessions (of live programmes) with their attendance counts, and how many match. The counts are
 * aggregated for the page's sessions only. A search scans the four text columns folded in SQL: 2,000 sessions
 * take a few milliseconds (tests/bench/training.ts), so no stored key.
 */
export async function listSessionsPage(db: DbOrTx, o: SessionsPageQuery) {
  let base = db
    .selectFrom('training_sessions as s')
    .innerJoin('training_programmes as g', 'g.id', 's.programme_id')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .where('s.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null);
  if (o.programmeId) base = base.where('s.programme_id', '=', o.programmeId);
  if (o.actionId) base = base.where('g.action_id', '=', o.actionId);
  if (o.targetGroup) base = base.where('s.target_group', '=', o.targetGroup);
  if (o.format) base = base.where('s.format', '=', o.format);
  if (o.search) {
    const like = `%${o.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or(['s.title', 's.topic', 's.trainer', 's.provider'].map((c) => sql<boolean>`${folded(c)} like ${like} escape '\\'`)));
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const page = await base
    .selectAll('s')
    .select(['g.name as programme_name', 'g.action_id', 'ac.code as action_code'])
    .orderBy(SESSION_SORT_COLUMN[o.sort], o.order)
    // Ties (a programme's sessions, equal hours …) newest first, then by id: a stable order across pages.
    .orderBy('s.start_date', 'desc')
    .orderBy('s.id', 'desc')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  if (page.length === 0) return { total, rows: [] };
  const counts = await db
    .selectFrom('training_attendance as a')
    .select(['a.session_id', (eb) => eb.fn.countAll<number>().as('attendee_count'), sql<number>`sum(a.completed)`.as('completed_count')])
    .where('a.deleted_at', 'is', null)
    .where(
      'a.session_id',
      'in',
      page.map((s) => s.id),
    )
    .groupBy('a.session_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.session_id, c]));
  return {
    total,
    rows: page.map((s) => ({ ...s, attendee_count: byId.get(s.id)?.attendee_count ?? 0, completed_count: byId.get(s.id)?.completed_count ?? 0 })),
  };
}

/** Every live session of a live programme, slim, newest first (the pickers). */
export const sessionOptions = (db: DbOrTx) =>
  db
    .selectFrom('training_sessions as s')
    .innerJoin('training_programmes as g', 'g.id', 's.programme_id')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .select(['s.id', 's.title', 's.start_date', 's.programme_id', 'g.name as programme_name', 'ac.code as action_code'])
    .where('s.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null)
    .orderBy('s.start_date', 'desc')
    .orderBy('s.id', 'desc')
    .execute();

const attendanceQuery = (db: DbOrTx) =>
  db
    .selectFrom('training_attendance as a')
    .innerJoin('training_people as p', 'p.id', 'a.person_id')
    .selectAll('a')
    .select(['p.name as person_name', 'p.email as person_email', 'p.department as person_department', 'p.category as person_category'])
    .where('a.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null);

export const listAttendance = (db: DbOrTx, sessionId: string) => attendanceQuery(db).where('a.session_id', '=', sessionId).orderBy('p.name_key').execute();

export const getAttendance = (db: DbOrTx, id: string) => attendanceQuery(db).where('a.id', '=', id).executeTakeFirst();

/** A person's attendances with their sessions, newest first. */
export const personHistory = (db: DbOrTx, personId: string) =>
  attendanceQuery(db)
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('training_programmes as g', 'g.id', 's.programme_id')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .select(['s.title as session_title', 's.start_date', 's.end_date', 'g.name as programme_name', 'ac.code as action_code'])
    .where('a.person_id', '=', personId)
    .where('s.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null)
    .orderBy('s.start_date', 'desc')
    .execute();

/** A person's totals over their live attendance of live sessions: sessions, completed, hours and last date (group by person). */
const personTotals = (db: DbOrTx) =>
  db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .select([
      'a.person_id',
      (eb) => eb.fn.countAll<number>().as('session_count'),
      sql<number>`sum(a.completed)`.as('completed_count'),
      sql<number>`sum(a.hours_attended)`.as('hours_total'),
      sql<string | null>`max(coalesce(s.end_date, s.start_date))`.as('last_date'),
    ])
    .where('a.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null);

export function listPeople(db: DbOrTx, opts: { id?: string } = {}) {
  const agg = personTotals(db);
  const grouped = (opts.id ? agg.where('a.person_id', '=', opts.id) : agg).groupBy('a.person_id').as('h');
  let q = db
    .selectFrom('training_people as p')
    .leftJoin(grouped, 'h.person_id', 'p.id')
    .selectAll('p')
    .select(['h.session_count', 'h.completed_count', 'h.hours_total', 'h.last_date'])
    .where('p.deleted_at', 'is', null);
  if (opts.id) q = q.where('p.id', '=', opts.id);
  return q.orderBy('p.name_key').execute();
}

export interface PeoplePageQuery {
  /** The search as typed (matched against the department) and reduced to a matching key (against name and e-mail). */
  search?: { text: string; key: string };
  category?: TrainingPeopleTable['category'];
  sort: 'name' | 'email' | 'department' | 'category';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMN = { name: 'p.name_key', email: 'p.email_key', department: 'p.department', category: 'p.category' } as const;

/**
 * One page of live people with their totals, and how many match. Totals are aggregated for the page's people only,
 * so the page costs the same with 40,000 people and 200,000 attendance rows as with forty.
 */
export async function listPeoplePage(db: DbOrTx, o: PeoplePageQuery) {
  let base = db.selectFrom('training_people as p').where('p.deleted_at', 'is', null);
  if (o.category) base = base.where('p.category', '=', o.category);
  if (o.search) {
    const like = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const key = like(o.search.key);
    const text = like(o.search.text);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`p.name_key like ${key} escape '\\'`,
        sql<boolean>`p.email_key like ${key} escape '\\'`,
        sql<boolean>`p.department like ${text} escape '\\'`,
      ]),
    );
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const page = await base
    .selectAll('p')
    .orderBy(SORT_COLUMN[o.sort], o.order)
    .orderBy('p.name_key', o.order)
    .orderBy('p.id')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  if (page.length === 0) return { total, rows: [] };
  const totals = await personTotals(db)
    .where(
      'a.person_id',
      'in',
      page.map((p) => p.id),
    )
    .groupBy('a.person_id')
    .execute();
  const byId = new Map(totals.map((t) => [t.person_id, t]));
  const rows = page.map((p) => {
    const t = byId.get(p.id);
    return {
      ...p,
      session_count: t?.session_count ?? 0,
      completed_count: t?.completed_count ?? 0,
      hours_total: t?.hours_total ?? 0,
      last_date: t?.last_date ?? null,
    };
  });
  return { total, rows };
}

/** The matching keys of every live person (the import matches a list against them). */
export const peopleKeys = (db: DbOrTx) =>
  db.selectFrom('training_people').select(['id', 'name', 'name_key', 'email', 'email_key', 'department']).where('deleted_at', 'is', null).execute();

export const sessionAttendance = (db: DbOrTx, sessionId: string) =>
  db.selectFrom('training_attendance').selectAll().where('session_id', '=', sessionId).where('deleted_at', 'is', null).execute();

/** The live attendance rows (id, session, person) of these sessions, a few hundred sessions per query (an import checks its pairs). */
export async function liveAttendanceOf(db: DbOrTx, sessionIds: readonly string[]) {
  const out: Array<{ id: string; session_id: string; person_id: string }> = [];
  for (let i = 0; i < sessionIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('training_attendance')
        .select(['id', 'session_id', 'person_id'])
        .where('session_id', 'in', sessionIds.slice(i, i + 500))
        .where('deleted_at', 'is', null)
        .execute()),
    );
  return out;
}

export async function programmeNameTaken(db: DbOrTx, name: string, exceptId?: string) {
  let q = db.selectFrom('training_programmes').select('id').where('name', '=', name).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Does the programme still have a live session? */
export async function programmeHasSessions(db: DbOrTx, programmeId: string) {
  const r = await db.selectFrom('training_sessions').select('id').where('programme_id', '=', programmeId).where('deleted_at', 'is', null).executeTakeFirst();
  return r !== undefined;
}

export async function attendanceTaken(db: DbOrTx, sessionId: string, personId: string, exceptId?: string) {
  let q = db
    .selectFrom('training_attendance')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Live programmes linked to the live action `actionCode` or one of its sub-actions. */
const actionProgrammes = (db: DbOrTx, actionCode: string) =>
  db
    .selectFrom('training_programmes as g')
    .innerJoin('actions as ac', 'ac.id', 'g.action_id')
    .select('g.id')
    .where(liveAction(actionCode))
    .where('ac.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null);

/**
 * People with at least one completed, live attendance in a live session of those programmes, with the date of
 * their latest one: read from training_completions (one row per programme and person) through its covering index,
 * so the union over the linked programmes is a range scan per programme, not a pass over every attendance row.
 */
const completedBy = (db: DbOrTx, actionCode: string, categories: readonly string[]) =>
  db
    .selectFrom('training_completions as c')
    .select(['c.person_id', sql<string>`max(c.last_completed_on)`.as('date')])
    .where('c.programme_id', 'in', actionProgrammes(db, actionCode))
    .where('c.category', 'in', [...categories] as never)
    .groupBy('c.person_id')
    .as('t');

/**
 * Distinct people of the given employment categories with at least one completed attendance in a live session
 * of a live programme linked to the action `actionCode` or one of its sub-actions. One row per person, with the
 * date of their latest such session.
 */
export function trainedPeople(db: DbOrTx, actionCode: string, categories: readonly string[]) {
  return db
    .selectFrom(completedBy(db, actionCode, categories))
    .innerJoin('training_people as p', 'p.id', 't.person_id')
    .select(['p.id', 'p.name', 't.date'])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.name_key')
    .execute();
}

/**
 * The same count without a row per person: what the plan's indicator value needs (dashboard, indicator lists).
 * The category is in training_completions, so this reads its index alone (no lookup of 40,000 people).
 */
export async function trainedCount(db: DbOrTx, actionCode: string, categories: readonly string[]) {
  const r = await db
    .selectFrom(completedBy(db, actionCode, categories))
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(t.date)`.as('date')])
    .executeTakeFirstOrThrow();
  return { value: Number(r.n), date: r.date };
}

/** Everything, for the registry export (live rows only). */
export const exportRows = {
  programmes: (db: DbOrTx) =>
    db
      .selectFrom('training_programmes as g')
      .innerJoin('actions as ac', 'ac.id', 'g.action_id')
      .selectAll('g')
      .select('ac.code as action_code')
      .where('g.deleted_at', 'is', null)
      .orderBy('ac.code')
      .orderBy('g.name')
      .execute(),
  sessions: (db: DbOrTx) => db.selectFrom('training_sessions').selectAll().where('deleted_at', 'is', null).orderBy('start_date').orderBy('id').execute(),
  people: (db: DbOrTx) => db.selectFrom('training_people').selectAll().where('deleted_at', 'is', null).orderBy('name_key').orderBy('id').execute(),
  attendance: (db: DbOrTx) => db.selectFrom('training_attendance').selectAll().where('deleted_at', 'is', null).orderBy('session_id').orderBy('id').execute(),
};

export const actionByCode = (db: DbOrTx, code: string) =>
  db.selectFrom('actions').select(['id', 'code']).where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();

// ───────────────────────────── training_completions (derived, kept in step by every write that can change it)

const COMPLETED_ON = sql<string>`coalesce(s.end_date, s.start_date)`;

/**
 * Completion rows as the raw attendance gives them (completed, live attendance in a live session, of a live person),
 * per programme and person, with the person's category. Callers group by GROUP_BY.
 */
const completionsFromAttendance = (db: DbOrTx) =>
  db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('training_people as p', 'p.id', 'a.person_id')
    .select([
      's.programme_id',
      'a.person_id',
      'p.category',
      (eb) => eb.fn.countAll<number>().as('sessions_completed'),
      sql<number>`sum(a.hours_attended)`.as('hours'),
      sql<string>`min(${COMPLETED_ON})`.as('first_completed_on'),
      sql<string>`max(${COMPLETED_ON})`.as('last_completed_on'),
    ])
    .where('a.completed', '=', 1)
    .where('a.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null);

const GROUP_BY = ['s.programme_id', 'a.person_id', 'p.category'] as const;
const COMPLETION_COLUMNS = ['programme_id', 'person_id', 'category', 'sessions_completed', 'hours', 'first_completed_on', 'last_completed_on'] as const;

/**
 * Recomputes the completion rows of every pair (programme, person) of `programmeIds` × `personIds` from the raw
 * attendance: rows that no longer count go, the others are rewritten. Exact whatever changed for those pairs.
 */
export async function refreshCompletions(trx: WriteTx, programmeIds: Iterable<string>, personIds: Iterable<string>) {
  const programmes = [...new Set(programmeIds)];
  const people = [...new Set(personIds)];
  if (!programmes.length || !people.length) return;
  for (let i = 0; i < people.length; i += 500) {
    const chunk = people.slice(i, i + 500);
    await trx.deleteFrom('training_completions').where('programme_id', 'in', programmes).where('person_id', 'in', chunk).execute();
    await trx
      .insertInto('training_completions')
      .columns(COMPLETION_COLUMNS)
      .expression(completionsFromAttendance(trx).where('s.programme_id', 'in', programmes).where('a.person_id', 'in', chunk).groupBy(GROUP_BY))
      .execute();
  }
}

/**
 * The same for every person on the live attendance list of the given sessions, in the given programmes (a session
 * edited, deleted or restored: its programme before and after; an attendance list imported into it).
 */
export async function refreshSessionCompletions(trx: WriteTx, sessionIds: Iterable<string>, programmeIds: Iterable<string>) {
  const sessions = [...new Set(sessionIds)];
  const programmes = [...new Set(programmeIds)];
  if (!sessions.length || !programmes.length) return;
  const people = () => trx.selectFrom('training_attendance').select('person_id').where('session_id', 'in', sessions).where('deleted_at', 'is', null);
  await trx.deleteFrom('training_completions').where('programme_id', 'in', programmes).where('person_id', 'in', people()).execute();
  await trx
    .insertInto('training_completions')
    .columns(COMPLETION_COLUMNS)
    .expression(completionsFromAttendance(trx).where('s.programme_id', 'in', programmes).where('a.person_id', 'in', people()).groupBy(GROUP_BY))
    .execute();
}

/** The same for every programme of one person (their category edited). */
export async function refreshPersonCompletions(trx: WriteTx, personId: string) {
  await trx.deleteFrom('training_completions').where('person_id', '=', personId).execute();
  await trx
    .insertInto('training_completions')
    .columns(COMPLETION_COLUMNS)
    .expression(completionsFromAttendance(trx).where('a.person_id', '=', personId).groupBy(GROUP_BY))
    .execute();
}

/** Rebuilds the whole table from the raw attendance (the registry workbook import, which may touch anything, people's categories included). */
export async function rebuildCompletions(trx: WriteTx) {
  await trx.deleteFrom('training_completions').execute();
  await trx.insertInto('training_completions').columns(COMPLETION_COLUMNS).expression(completionsFromAttendance(trx).groupBy(GROUP_BY)).execute();
}

/** The programme of each session (deleted ones too): what a write must refresh. */
export async function programmesOfSessions(db: DbOrTx, sessionIds: Iterable<string>) {
  const ids = [...new Set(sessionIds)];
  if (!ids.length) return [];
  return (await db.selectFrom('training_sessions').select('programme_id').distinct().where('id', 'in', ids).execute()).map((r) => r.programme_id);
}

/** The table as stored and as the raw attendance gives it, both in the same order (tests compare them). */
export const completions = {
  stored: (db: DbOrTx) => db.selectFrom('training_completions').select(COMPLETION_COLUMNS).orderBy('programme_id').orderBy('person_id').execute(),
  recomputed: (db: DbOrTx) => completionsFromAttendance(db).groupBy(GROUP_BY).orderBy('s.programme_id').orderBy('a.person_id').execute(),
};
