import { sql } from 'kysely';
import type { DbOrTx } from '../connection';

/** Every SQL statement of the stakeholder register. Core calls these; nothing else writes SQL for it. */

/**
 * Stakeholders with the counts the list shows: one correlated lookup per row in each link table's partial
 * index on stakeholder_id (where deleted_at is null), which beats grouping every link table on 5,000 rows.
 */
export function listStakeholders(db: DbOrTx, opts: { id?: string; includeDeleted?: boolean } = {}) {
  // Per-stakeholder counts as grouped passes over each link table, joined once (not one subquery per row).
  const takeovers = db
    .selectFrom('stakeholder_takeovers as t')
    .innerJoin('actions as a', 'a.id', 't.action_id')
    .select(['t.stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .groupBy('t.stakeholder_id')
    .as('tk');
  const partnerships = db
    .selectFrom('partnerships')
    .select(['stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy('stakeholder_id')
    .as('pa');
  const raci = db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .select(['r.stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .groupBy('r.stakeholder_id')
    .as('ra');
  const interactions = db
    .selectFrom('stakeholder_interactions')
    .select(['stakeholder_id', (eb) => eb.fn.max('date').as('d')])
    .where('deleted_at', 'is', null)
    .groupBy('stakeholder_id')
    .as('ia');
  let q = db
    .selectFrom('stakeholders as s')
    .leftJoin(takeovers, 'tk.stakeholder_id', 's.id')
    .leftJoin(partnerships, 'pa.stakeholder_id', 's.id')
    .leftJoin(raci, 'ra.stakeholder_id', 's.id')
    .leftJoin(interactions, 'ia.stakeholder_id', 's.id')
    .selectAll('s')
    .select([
      sql<number>`coalesce(tk.n, 0)`.as('takeover_count'),
      sql<number>`coalesce(pa.n, 0)`.as('partnership_count'),
      sql<number>`coalesce(ra.n, 0)`.as('raci_count'),
      sql<string | null>`ia.d`.as('last_interaction_date'),
    ]);
  if (!opts.includeDeleted) q = q.where('s.deleted_at', 'is', null);
  if (opts.id) q = q.where('s.id', '=', opts.id);
  return q.orderBy('s.name').orderBy('s.id').execute();
}

export const listAllStakeholderRows = (db: DbOrTx) => db.selectFrom('stakeholders').selectAll().where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();

export const countStakeholders = async (db: DbOrTx) =>
  Number((await db.selectFrom('stakeholders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Is `name` used by another live stakeholder? */
export async function nameTaken(db: DbOrTx, name: string, exceptId?: string) {
  let q = db.selectFrom('stakeholders').select('id').where('name', '=', name).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

// ───────────────────────────── RACI

export function listRaci(db: DbOrTx, opts: { actionId?: string; stakeholderId?: string; id?: string } = {}) {
  let q = db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('stakeholders as s', 's.id', 'r.stakeholder_id')
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .selectAll('r')
    .select(['s.name as stakeholder_name', 'a.code as action_code'])
    .where('r.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null);
  if (opts.actionId) q = q.where('r.action_id', '=', opts.actionId);
  if (opts.stakeholderId) q = q.where('r.stakeholder_id', '=', opts.stakeholderId);
  if (opts.id) q = q.where('r.id', '=', opts.id);
  return q.orderBy('a.code').orderBy('r.role').orderBy('s.name').execute();
}

/** Live RACI links of an action (stakeholder live or not: a deleted stakeholder's links are deleted with it). */
export const actionRaci = (db: DbOrTx, actionId: string) =>
  db.selectFrom('stakeholder_raci').selectAll().where('action_id', '=', actionId).where('deleted_at', 'is', null).execute();

export const stakeholderRaci = (db: DbOrTx, stakeholderId: string) =>
  db.selectFrom('stakeholder_raci').selectAll().where('stakeholder_id', '=', stakeholderId).where('deleted_at', 'is', null).execute();

export async function raciExists(db: DbOrTx, actionId: string, stakeholderId: string, role: string) {
  const r = await db
    .selectFrom('stakeholder_raci')
    .select('id')
    .where('action_id', '=', actionId)
    .where('stakeholder_id', '=', stakeholderId)
    .where('role', '=', role as never)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

// ───────────────────────────── able to take over

export function listTakeovers(db: DbOrTx, opts: { stakeholderId?: string; id?: string } = {}) {
  let q = db
    .selectFrom('stakeholder_takeovers as t')
    .innerJoin('stakeholders as s', 's.id', 't.stakeholder_id')
    .innerJoin('actions as a', 'a.id', 't.action_id')
    .selectAll('t')
    .select(['s.name as stakeholder_name', 'a.code as action_code'])
    .where('t.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null);
  if (opts.stakeholderId) q = q.where('t.stakeholder_id', '=', opts.stakeholderId);
  if (opts.id) q = q.where('t.id', '=', opts.id);
  return q.orderBy('s.name').orderBy('a.code').execute();
}

export async function takeoverExists(db: DbOrTx, stakeholderId: string, actionId: string) {
  const r = await db
    .selectFrom('stakeholder_takeovers')
    .select('id')
    .where('stakeholder_id', '=', stakeholderId)
    .where('action_id', '=', actionId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Indicator I4.4: live stakeholders with at least one live take-over link to a live action, one row per
 * stakeholder with the action codes and the latest link date.
 */
export const takeoverIndicatorRows = (db: DbOrTx) =>
  db
    .selectFrom('stakeholder_takeovers as t')
    .innerJoin('stakeholders as s', 's.id', 't.stakeholder_id')
    .innerJoin('actions as a', 'a.id', 't.action_id')
    .select(['s.id', 's.name', sql<string>`group_concat(a.code, ', ')`.as('codes'), (eb) => eb.fn.max('t.date').as('last_date')])
    .where('t.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .groupBy(['s.id', 's.name'])
    .orderBy('s.name')
    .execute();

// ───────────────────────────── partnerships

export function listPartnerships(db: DbOrTx, opts: { stakeholderId?: string; id?: string } = {}) {
  let q = db
    .selectFrom('partnerships as p')
    .innerJoin('stakeholders as s', 's.id', 'p.stakeholder_id')
    .selectAll('p')
    .select('s.name as stakeholder_name')
    .where('p.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null);
  if (opts.stakeholderId) q = q.where('p.stakeholder_id', '=', opts.stakeholderId);
  if (opts.id) q = q.where('p.id', '=', opts.id);
  return q.orderBy('p.start_date', 'desc').orderBy('p.id').execute();
}

/** Indicator I3.5: live partnerships of type tech / academia / business, started by `today` and not ended before it. */
export const activePartnershipRows = (db: DbOrTx, today: string) =>
  db
    .selectFrom('partnerships as p')
    .innerJoin('stakeholders as s', 's.id', 'p.stakeholder_id')
    .select(['p.id', 'p.title', 'p.type', 'p.start_date', 's.name as stakeholder_name'])
    .where('p.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('p.type', 'in', ['tech_community', 'academia', 'business'])
    .where('p.start_date', '<=', today)
    .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', today)]))
    .orderBy('p.start_date')
    .execute();

// ───────────────────────────── interactions

export const listInteractions = (db: DbOrTx, stakeholderId?: string) => {
  let q = db.selectFrom('stakeholder_interactions').selectAll().where('deleted_at', 'is', null);
  if (stakeholderId) q = q.where('stakeholder_id', '=', stakeholderId);
  return q.orderBy('date', 'desc').orderBy('id', 'desc').execute();
};

// ───────────────────────────── shared by delete / restore

const LINK_TABLES = [
  ['stakeholder_raci', 'stakeholder_raci'],
  ['stakeholder_takeovers', 'stakeholder_takeover'],
  ['partnerships', 'partnership'],
  ['stakeholder_interactions', 'stakeholder_interaction'],
] as const;

/**
 * Soft-deletes (stamp = `at`) or restores (stamp = the deletion stamp) a stakeholder's links together with
 * it, so undo brings back exactly the set deleted; returns the rows changed (entity name, id) for the audit.
 */
export async function cascadeLinks(db: DbOrTx, stakeholderId: string, mode: { delete: string } | { restore: string }, at: string, by: string | null) {
  const changed: Array<{ entity: string; id: string }> = [];
  for (const [t, entity] of LINK_TABLES) {
    let sel = db.selectFrom(t).select('id').where('stakeholder_id', '=', stakeholderId);
    sel = 'delete' in mode ? sel.where('deleted_at', 'is', null) : sel.where('deleted_at', '=', mode.restore);
    const ids = (await sel.execute()).map((r) => r.id);
    if (!ids.length) continue;
    await db
      .updateTable(t)
      .set({ deleted_at: 'delete' in mode ? mode.delete : null, updated_at: at, updated_by: by })
      .where('id', 'in', ids)
      .execute();
    changed.push(...ids.map((id) => ({ entity, id })));
  }
  return changed;
}

/** Live accountable link of an action, if any. */
export const accountableOf = (db: DbOrTx, actionId: string) =>
  db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('stakeholders as s', 's.id', 'r.stakeholder_id')
    .selectAll('r')
    .select('s.name as stakeholder_name')
    .where('r.action_id', '=', actionId)
    .where('r.role', '=', 'accountable')
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst();

export const actionCodes = (db: DbOrTx) => db.selectFrom('actions').select(['id', 'code']).where('deleted_at', 'is', null).execute();
