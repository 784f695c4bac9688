import { sql } from 'kysely';
import type { DbOrTx } from '../connection';

/** Every SQL statement of the plan module. Core calls these; nothing else writes SQL for the plan. */

export const getPlan = (db: DbOrTx) => db.selectFrom('plans').selectAll().where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();

export function listCommitments(db: DbOrTx, opts: { includeDeleted?: boolean; id?: string } = {}) {
  let q = db.selectFrom('commitments').selectAll();
  if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export function listActions(db: DbOrTx, opts: { commitmentId?: string; id?: string } = {}) {
  let q = db
    .selectFrom('actions as a')
    .selectAll('a')
    .select((eb) =>
      eb
        .selectFrom('progress_updates as p')
        .select((e) => e.fn.max('p.date').as('d'))
        .whereRef('p.action_id', '=', 'a.id')
        .where('p.deleted_at', 'is', null)
        .as('last_update_date'),
    )
    .where('a.deleted_at', 'is', null);
  if (opts.commitmentId) q = q.where('a.commitment_id', '=', opts.commitmentId);
  if (opts.id) q = q.where('a.id', '=', opts.id);
  return q.orderBy('a.sort_order').orderBy('a.code').execute();
}

export function listIndicators(db: DbOrTx, opts: { commitmentId?: string; id?: string } = {}) {
  // Latest measurement per indicator through the (indicator_id, date) index: one seek per indicator.
  const latest = (col: 'date' | 'value' | 'period') =>
    sql<string | number | null>`(select m.${sql.ref(col)} from measurements m where m.indicator_id = i.id and m.deleted_at is null order by m.date desc, m.id desc limit 1)`;
  let q = db
    .selectFrom('indicators as i')
    .selectAll('i')
    .select([latest('date').as('latest_date'), latest('value').as('latest_value'), latest('period').as('latest_period')])
    .where('i.deleted_at', 'is', null);
  if (opts.commitmentId) q = q.where('i.commitment_id', '=', opts.commitmentId);
  if (opts.id) q = q.where('i.id', '=', opts.id);
  return q.orderBy('i.sort_order').orderBy('i.code').execute();
}

export function listIndicatorActions(db: DbOrTx, indicatorIds?: string[]) {
  let q = db.selectFrom('indicator_actions').selectAll();
  if (indicatorIds) {
    if (indicatorIds.length === 0) return Promise.resolve([]);
    q = q.where('indicator_id', 'in', indicatorIds);
  }
  return q.execute();
}

export async function replaceIndicatorActions(db: DbOrTx, indicatorId: string, actionIds: string[]) {
  await db.deleteFrom('indicator_actions').where('indicator_id', '=', indicatorId).execute();
  if (actionIds.length) await db.insertInto('indicator_actions').values(actionIds.map((action_id) => ({ indicator_id: indicatorId, action_id }))).execute();
}

export const listMilestones = (db: DbOrTx, actionId: string) =>
  db.selectFrom('milestones').selectAll().where('action_id', '=', actionId).where('deleted_at', 'is', null).orderBy('due_date').orderBy('created_at').execute();

export const listMeasurements = (db: DbOrTx, indicatorId: string) =>
  db.selectFrom('measurements').selectAll().where('indicator_id', '=', indicatorId).where('deleted_at', 'is', null).orderBy('date', 'desc').orderBy('id', 'desc').execute();

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
