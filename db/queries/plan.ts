import type { WriteTx } from '../access';
import { sql } from 'kysely';
import { rawRows, type DbOrTx } from '../connection';
import type { ActionsTable, IndicatorsTable } from '../schema';

/** Every SQL statement of the plan module. Core calls these; nothing else writes SQL for the plan. */

export const getPlan = (db: DbOrTx) => db.selectFrom('plans').selectAll().where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();

/**
 * The columns the status rules need ("status" rows): the dashboard reads only these, since building
 * wide row objects dominates its cost on a large plan. Lists and exports read every column ("full").
 */
const COMMITMENT_STATUS = ['id', 'code', 'title', 'start_date', 'end_date', 'completion', 'weight', 'sort_order'] as const;
const ACTION_STATUS = [
  'a.id',
  'a.commitment_id',
  'a.parent_id',
  'a.code',
  'a.title',
  'a.planned_start',
  'a.planned_end',
  'a.actual_start',
  'a.actual_end',
  'a.status',
  'a.progress',
  'a.weight',
] as const;
const INDICATOR_STATUS = [
  'i.id',
  'i.commitment_id',
  'i.code',
  'i.name',
  'i.unit',
  'i.type',
  'i.direction',
  'i.baseline',
  'i.target',
  'i.denominator',
  'i.source',
] as const;

interface Filter {
  commitmentId?: string;
  id?: string;
  includeDeleted?: boolean;
}

function commitmentsQuery(db: DbOrTx, opts: Filter) {
  let q = db.selectFrom('commitments');
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  return q.orderBy('sort_order').orderBy('code');
}
export const listCommitments = (db: DbOrTx, opts: Filter = {}) => commitmentsQuery(db, opts).selectAll().execute();
export const listCommitmentStatus = (db: DbOrTx, opts: Filter = {}) => commitmentsQuery(db, opts).select(COMMITMENT_STATUS).execute();

function actionsQuery(db: DbOrTx, opts: Filter) {
  // Date of the latest progress update per action: one grouped pass over the updates, joined.
  const last = db
    .selectFrom('progress_updates')
    .select(['action_id', (eb) => eb.fn.max('date').as('last_update_date')])
    .where('deleted_at', 'is', null)
    .groupBy('action_id')
    .as('p');
  let q = db.selectFrom('actions as a').leftJoin(last, 'p.action_id', 'a.id').select('p.last_update_date').where('a.deleted_at', 'is', null);
  if (opts.commitmentId) q = q.where('a.commitment_id', '=', opts.commitmentId);
  if (opts.id) q = q.where('a.id', '=', opts.id);
  return q;
}
export const listActions = (db: DbOrTx, opts: Filter = {}) => actionsQuery(db, opts).selectAll('a').execute();
type ActionStatusRow = Pick<
  ActionsTable,
  'id' | 'commitment_id' | 'parent_id' | 'code' | 'title' | 'planned_start' | 'planned_end' | 'actual_start' | 'actual_end' | 'status' | 'progress' | 'weight'
> & {
  last_update_date: string | null;
};
/** Status rows of every live action, built as plain literals from raw rows (the dashboard reads thousands). */
export const listActionStatus = (db: DbOrTx, opts: Filter = {}) =>
  rawRows(
    db,
    actionsQuery(db, opts).select(ACTION_STATUS),
    (v): ActionStatusRow => ({
      last_update_date: v[0] as string | null,
      id: v[1] as string,
      commitment_id: v[2] as string,
      parent_id: v[3] as string | null,
      code: v[4] as string,
      title: v[5] as string,
      planned_start: v[6] as string | null,
      planned_end: v[7] as string | null,
      actual_start: v[8] as string | null,
      actual_end: v[9] as string | null,
      status: v[10] as ActionsTable['status'],
      progress: v[11] as number,
      weight: v[12] as number | null,
    }),
    ['last_update_date', ...ACTION_STATUS.map((c) => c.slice(2))],
  );

function indicatorsQuery(db: DbOrTx, opts: Filter) {
  // The latest live measurement per indicator: one seek per indicator in the partial index
  // measurements_latest (indicator_id, date desc, id desc) where deleted_at is null.
  let q = db
    .selectFrom('indicators as i')
    .leftJoin('measurements as m', (join) =>
      join.on(
        'm.id',
        '=',
        sql<string>`(select m2.id from measurements m2 where m2.indicator_id = i.id and m2.deleted_at is null order by m2.date desc, m2.id desc limit 1)`,
      ),
    )
    .select(['m.date as latest_date', 'm.value as latest_value', 'm.period as latest_period'])
    .where('i.deleted_at', 'is', null);
  if (opts.commitmentId) q = q.where('i.commitment_id', '=', opts.commitmentId);
  if (opts.id) q = q.where('i.id', '=', opts.id);
  return q;
}
export const listIndicators = (db: DbOrTx, opts: Filter = {}) => indicatorsQuery(db, opts).selectAll('i').execute();
type IndicatorStatusRow = Pick<
  IndicatorsTable,
  'id' | 'commitment_id' | 'code' | 'name' | 'unit' | 'type' | 'direction' | 'baseline' | 'target' | 'denominator' | 'source'
> & {
  latest_date: string | null;
  latest_value: number | null;
  latest_period: string | null;
};
/** Status rows of every live indicator with its latest measurement, built as plain literals from raw rows. */
export const listIndicatorStatus = (db: DbOrTx, opts: Filter = {}) =>
  rawRows(
    db,
    indicatorsQuery(db, opts).select(INDICATOR_STATUS),
    (v): IndicatorStatusRow => ({
      latest_date: v[0] as string | null,
      latest_value: v[1] as number | null,
      latest_period: v[2] as string | null,
      id: v[3] as string,
      commitment_id: v[4] as string,
      code: v[5] as string,
      name: v[6] as string,
      unit: v[7] as string,
      type: v[8] as IndicatorsTable['type'],
      direction: v[9] as IndicatorsTable['direction'],
      baseline: v[10] as number | null,
      target: v[11] as number,
      denominator: v[12] as number | null,
      source: v[13] as string | null,
    }),
    ['latest_date', 'latest_value', 'latest_period', ...INDICATOR_STATUS.map((c) => c.slice(2))],
  );

export function listIndicatorActions(db: DbOrTx, indicatorIds?: string[]) {
  let q = db.selectFrom('indicator_actions').selectAll();
  if (indicatorIds) {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    q = q.where('indicator_id', 'in', indicatorIds);
  }
  return q.execute();
}

export async function replaceIndicatorActions(db: WriteTx, indicatorId: string, actionIds: string[]) {
  await db.deleteFrom('indicator_actions').where('indicator_id', '=', indicatorId).execute();
  if (actionIds.length)
    await db
      .insertInto('indicator_actions')
      .values(actionIds.map((action_id) => ({ indicator_id: indicatorId, action_id })))
      .execute();
}

export const listMilestones = (db: DbOrTx, actionId: string) =>
  db.selectFrom('milestones').selectAll().where('action_id', '=', actionId).where('deleted_at', 'is', null).orderBy('due_date').orderBy('created_at').execute();

export const listMeasurements = (db: DbOrTx, indicatorId: string) =>
  db
    .selectFrom('measurements')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('deleted_at', 'is', null)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const listAllMeasurements = (db: DbOrTx) =>
  db.selectFrom('measurements').selectAll().where('deleted_at', 'is', null).orderBy('indicator_id').orderBy('date').execute();

export const listProgressUpdates = (db: DbOrTx, opts: { actionId?: string } = {}) => {
  let q = db
    .selectFrom('progress_updates as p')
    .leftJoin('users as u', 'u.id', 'p.author_id')
    .selectAll('p')
    .select('u.display_name as author_name')
    .where('p.deleted_at', 'is', null);
  if (opts.actionId) q = q.where('p.action_id', '=', opts.actionId);
  return q.orderBy('p.date', 'desc').orderBy('p.id', 'desc').execute();
};

/** Is `code` used by another live row of the table? */
export async function codeTaken(db: DbOrTx, table: 'commitments' | 'actions' | 'indicators', code: string, exceptId?: string) {
  let q = db.selectFrom(table).select('id').where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countLiveChildren(db: DbOrTx, commitmentId: string) {
  const r = await db
    .selectFrom('actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commitment_id', '=', commitmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ───────────────────────────── what goes with an action (its delete prompt, the cascade, undo)

/** Live progress updates and milestones of these actions, and the live evidence files of those updates. */
export async function actionDependants(db: DbOrTx, actionIds: string[]) {
  if (actionIds.length === 0) return { updates: [], milestones: [], evidence: [] };
  const updates = await db
    .selectFrom('progress_updates')
    .select(['id', 'updated_at'])
    .where('action_id', 'in', actionIds)
    .where('deleted_at', 'is', null)
    .execute();
  const milestones = await db
    .selectFrom('milestones')
    .select(['id', 'updated_at'])
    .where('action_id', 'in', actionIds)
    .where('deleted_at', 'is', null)
    .execute();
  const evidence = await updateEvidence(
    db,
    updates.map((u) => u.id),
  );
  return { updates, milestones, evidence };
}

/** Live evidence files of these progress updates. */
export const updateEvidence = (db: DbOrTx, updateIds: string[]) =>
  updateIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('attachments')
        .select(['id', 'updated_at'])
        .where('entity', '=', 'progress_update')
        .where('entity_id', 'in', updateIds)
        .where('deleted_at', 'is', null)
        .execute();

/** Live RACI links and indicator links of these actions (they stay in their tables; a deleted action hides them). */
export async function actionLinkCounts(db: DbOrTx, actionIds: string[]) {
  if (actionIds.length === 0) return { raci: 0, indicators: 0 };
  const raci = await db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('stakeholders as s', 's.id', 'r.stakeholder_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.action_id', 'in', actionIds)
    .where('r.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const indicators = await db
    .selectFrom('indicator_actions as l')
    .innerJoin('indicators as i', 'i.id', 'l.indicator_id')
    .select((eb) => eb.fn.count<number>('l.indicator_id').distinct().as('n'))
    .where('l.action_id', 'in', actionIds)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { raci: Number(raci.n), indicators: Number(indicators.n) };
}

/** Rows of a plan table deleted with this stamp (what an undo brings back). */
export function deletedWithStamp(db: DbOrTx, table: 'progress_updates' | 'milestones', stamp: string, actionIds: string[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom(table).select('id').where('action_id', 'in', actionIds).where('deleted_at', '=', stamp).execute();
}

export function evidenceDeletedWithStamp(db: DbOrTx, stamp: string, updateIds: string[]) {
  if (updateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select('id')
    .where('entity', '=', 'progress_update')
    .where('entity_id', 'in', updateIds)
    .where('deleted_at', '=', stamp)
    .execute();
}

/** Ids of the plan rows deleted by one operation (they carry its stamp): of a commitment, or every action but one. */
export async function idsDeletedWith(
  db: DbOrTx,
  table: 'actions' | 'indicators',
  stamp: string,
  filter: { commitmentId?: string; exceptId?: string },
): Promise<string[]> {
  let s = db.selectFrom(table).select('id').where('deleted_at', '=', stamp);
  if (filter.commitmentId) s = s.where('commitment_id', '=', filter.commitmentId);
  if (filter.exceptId) s = s.where('id', '!=', filter.exceptId);
  return (await s.execute()).map((r) => r.id);
}
