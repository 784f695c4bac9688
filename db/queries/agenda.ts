import type { DbOrTx } from '../connection';

/**
 * "Ce am de făcut": the rows the agenda reads across modules (core/reports/agenda.ts decides what is late or due
 * this week). Plain selects with ISO dates compared as text, so they run the same on SQLite and PostgreSQL.
 */

/** Open risks with what their next review is computed from (last review or the day recorded, exposure). */
export function openRisksForReview(db: DbOrTx) {
  return db
    .selectFrom('risks')
    .select(['id', 'code', 'description', 'last_review_date', 'created_at', 'inherent_exposure', 'residual_exposure'])
    .where('deleted_at', 'is', null)
    .where('status', '=', 'open')
    .orderBy('code')
    .execute();
}

/** Indicators measured by hand, with their frequency and the day of their last measurement (or baseline). */
export function indicatorsWithLastMeasurement(db: DbOrTx) {
  const last = db
    .selectFrom('measurements')
    .select(['indicator_id', (eb) => eb.fn.max<string>('date').as('last_date')])
    .where('deleted_at', 'is', null)
    .groupBy('indicator_id')
    .as('m');
  return db
    .selectFrom('indicators as i')
    .leftJoin(last, 'm.indicator_id', 'i.id')
    .select(['i.id', 'i.code', 'i.name', 'i.frequency', 'i.baseline_date', 'm.last_date'])
    .where('i.deleted_at', 'is', null)
    .where('i.source', 'is', null)
    .where('i.frequency', '!=', '')
    .orderBy('i.sort_order')
    .execute();
}

/** Datasets the review schedule applies to (not the ones that cannot be published). */
export function datasetsForReview(db: DbOrTx) {
  return db
    .selectFrom('datasets')
    .select(['id', 'name', 'slug', 'last_reviewed_on', 'created_at', 'update_frequency'])
    .where('deleted_at', 'is', null)
    .where('publication_status', '!=', 'not_publishable')
    .orderBy('name')
    .execute();
}

/** Funding calls still planned or open whose deadline falls on or before `until`. */
export function callsWithDeadlineBy(db: DbOrTx, until: string) {
  return db
    .selectFrom('funding_calls')
    .select(['id', 'code', 'title', 'deadline', 'status'])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['planned', 'open'])
    .where('deadline', 'is not', null)
    .where('deadline', '<=', until)
    .orderBy('deadline')
    .execute();
}

/** Campaigns with their phases (JSON text). */
export function campaignsWithPhases(db: DbOrTx) {
  return db.selectFrom('budgeting_campaigns').select(['id', 'name', 'edition', 'phases']).where('deleted_at', 'is', null).orderBy('name').execute();
}

/** Per campaign, how many evaluations are assigned and not yet submitted (recused ones excluded). */
export function unsubmittedEvaluationsByCampaign(db: DbOrTx) {
  return db
    .selectFrom('budgeting_assignments')
    .select(['campaign_id', (eb) => eb.fn.countAll<number>().as('pending')])
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['assigned', 'open'])
    .groupBy('campaign_id')
    .execute();
}

const CHANGE_ACTIONS = ['create', 'update', 'delete', 'restore', 'import'] as const;

/** Changes recorded after `since` by anyone but `actorId` (sign-ins and exports are not changes), newest first. */
export function changesSince(db: DbOrTx, f: { since: string; actorId: string | null; excludeEntities: readonly string[]; limit: number }) {
  let q = db.selectFrom('audit_log').where('at', '>', f.since).where('action', 'in', CHANGE_ACTIONS);
  if (f.actorId) q = q.where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', f.actorId)]));
  if (f.excludeEntities.length) q = q.where('entity', 'not in', f.excludeEntities);
  return Promise.all([
    q.select(['id', 'at', 'actor_name', 'entity', 'entity_id', 'action', 'changes']).orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]).then(([rows, c]) => ({ rows, total: Number(c.n) }));
}
