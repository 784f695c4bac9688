import type { WriteTx } from '../access';
import { sql } from 'kysely';
import type { DbOrTx } from '../connection';
import { engineOf } from '../engine';
import { stampRows } from './rows';

/** Every SQL statement of the stakeholder register. Core calls these; nothing else writes SQL for it. */

export interface StakeholderLinkCounts {
  takeover_count: number;
  partnership_count: number;
  raci_count: number;
  last_interaction_date: string | null;
}

/**
 * The link counts the list and the detail show, for the given stakeholders only (a page, or one): each link
 * table is read through its partial index on stakeholder_id, so a page costs the same at 5,000 stakeholders as at 15.
 */
export async function linkCounts(db: DbOrTx, ids: string[]): Promise<Map<string, StakeholderLinkCounts>> {
  const out = new Map<string, StakeholderLinkCounts>(
    ids.map((id) => [id, { takeover_count: 0, partnership_count: 0, raci_count: 0, last_interaction_date: null }]),
  );
  if (!ids.length) return out;
  const takeovers = await db
    .selectFrom('stakeholder_takeovers as t')
    .innerJoin('actions as a', 'a.id', 't.action_id')
    .select(['t.stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('t.stakeholder_id', 'in', ids)
    .where('t.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .groupBy('t.stakeholder_id')
    .execute();
  const partnerships = await db
    .selectFrom('partnerships')
    .select(['stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('stakeholder_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .groupBy('stakeholder_id')
    .execute();
  const raci = await db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .select(['r.stakeholder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.stakeholder_id', 'in', ids)
    .where('r.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null)
    .groupBy('r.stakeholder_id')
    .execute();
  const interactions = await db
    .selectFrom('stakeholder_interactions')
    .select(['stakeholder_id', (eb) => eb.fn.max('date').as('d')])
    .where('stakeholder_id', 'in', ids)
    .where('deleted_at', 'is', null)
    .groupBy('stakeholder_id')
    .execute();
  for (const r of takeovers) out.get(r.stakeholder_id)!.takeover_count = Number(r.n);
  for (const r of partnerships) out.get(r.stakeholder_id)!.partnership_count = Number(r.n);
  for (const r of raci) out.get(r.stakeholder_id)!.raci_count = Number(r.n);
  for (const r of interactions) out.get(r.stakeholder_id)!.last_interaction_date = (r.d as string | null) ?? null;
  return out;
}

/** A live stakeholder with its link counts, for the detail screen. */
export async function stakeholderWithCounts(db: DbOrTx, id: string) {
  const row = await db.selectFrom('stakeholders').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  return { ...row, ...(await linkCounts(db, [id])).get(id)! };
}

export interface StakeholderPageQuery {
  /** The search folded like search_key (case and diacritics aside). */
  searchKey?: string;
  type?: string;
  sector?: string;
  plaRole?: string;
  iap2Level?: string;
  quadrant?: 'manage_closely' | 'keep_satisfied' | 'keep_informed' | 'monitor';
  ableToTakeOver?: boolean;
  sort: 'name' | 'type' | 'sector' | 'power' | 'interest' | 'quadrant' | 'takeoverCount' | 'partnershipCount' | 'lastInteractionDate';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Mirrors quadrantOf (a score of 3 or more is high): the rank of the quadrant in QUADRANTS order, null while unscored. */
const QUADRANT_RANK = sql<
  number | null
>`case when s.power is null or s.interest is null then null when s.power >= 3 then (case when s.interest >= 3 then 0 else 1 end) when s.interest >= 3 then 2 else 3 end`;
const QUADRANT_WHERE = {
  manage_closely: sql<boolean>`s.power >= 3 and s.interest >= 3`,
  keep_satisfied: sql<boolean>`s.power >= 3 and s.interest < 3`,
  keep_informed: sql<boolean>`s.power < 3 and s.interest >= 3`,
  monitor: sql<boolean>`s.power < 3 and s.interest < 3`,
} as const;
/** A live take-over link to a live action (the I4.4 rule). */
const TAKEOVERS_OF = sql`from stakeholder_takeovers t join actions a on a.id = t.action_id where t.stakeholder_id = s.id and t.deleted_at is null and a.deleted_at is null`;
const SORT_EXPR = {
  name: sql`s.name_key`,
  type: sql`s.type`,
  sector: sql`s.sector`,
  power: sql`s.power`,
  interest: sql`s.interest`,
  quadrant: QUADRANT_RANK,
  // The count sorts look each stakeholder's links up in the partial indexes (one lookup per matching row).
  takeoverCount: sql`(select count(*) ${TAKEOVERS_OF})`,
  partnershipCount: sql`(select count(*) from partnerships p where p.stakeholder_id = s.id and p.deleted_at is null)`,
  lastInteractionDate: sql`(select max(i.date) from stakeholder_interactions i where i.stakeholder_id = s.id and i.deleted_at is null)`,
} as const;

/**
 * One page of live stakeholders (the list's columns) and how many match. Filters and the search run on the
 * stakeholders table; the counts are read for the page's rows only (linkCounts). Ties in any sort fall back to the
 * name order, then the id, so pages never overlap.
 */
export async function listStakeholdersPage(db: DbOrTx, o: StakeholderPageQuery) {
  let base = db.selectFrom('stakeholders as s').where('s.deleted_at', 'is', null);
  if (o.type) base = base.where('s.type', '=', o.type as never);
  if (o.sector) base = base.where('s.sector', '=', o.sector);
  if (o.plaRole) base = base.where('s.pla_role', '=', o.plaRole);
  if (o.iap2Level) base = base.where('s.iap2_level', '=', o.iap2Level);
  if (o.quadrant) base = base.where(QUADRANT_WHERE[o.quadrant]);
  if (o.ableToTakeOver !== undefined)
    base = base.where(o.ableToTakeOver ? sql<boolean>`exists (select 1 ${TAKEOVERS_OF})` : sql<boolean>`not exists (select 1 ${TAKEOVERS_OF})`);
  if (o.searchKey) {
    const like = `%${o.searchKey.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(sql<boolean>`s.search_key like ${like} escape '\\'`);
  }
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let page = base.select(['s.id', 's.name', 's.type', 's.sector', 's.pla_role', 's.power', 's.interest', 's.iap2_level']);
  if (o.sort !== 'name') page = page.orderBy(SORT_EXPR[o.sort], o.order);
  const rows = await page.orderBy('s.name_key', o.order).orderBy('s.id', o.order).limit(o.limit).offset(o.offset).execute();
  const counts = await linkCounts(
    db,
    rows.map((r) => r.id),
  );
  return { total, rows: rows.map((r) => ({ ...r, ...counts.get(r.id)! })) };
}

/** Every live stakeholder's name and scores, in name order (the grid and the pickers): five columns, no joins. */
export const listStakeholderScores = (db: DbOrTx) =>
  db
    .selectFrom('stakeholders')
    .select(['id', 'name', 'power', 'interest', 'updated_at'])
    .where('deleted_at', 'is', null)
    .orderBy('name_key')
    .orderBy('id')
    .execute();

export const listAllStakeholderRows = (db: DbOrTx) =>
  db.selectFrom('stakeholders').selectAll().where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();

export const countStakeholders = async (db: DbOrTx) =>
  Number(
    (
      await db
        .selectFrom('stakeholders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

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

/** A stakeholder's live RACI links, or (with `deletedAt`) the links deleted with it under that stamp. */
export const stakeholderRaci = (db: DbOrTx, stakeholderId: string, deletedAt: string | null = null) =>
  db
    .selectFrom('stakeholder_raci')
    .selectAll()
    .where('stakeholder_id', '=', stakeholderId)
    .where('deleted_at', deletedAt === null ? 'is' : '=', deletedAt)
    .execute();

/** Every live RACI link (an import checks the Accountable rule against the whole register). */
export const liveRaciRows = (db: DbOrTx) => db.selectFrom('stakeholder_raci').selectAll().where('deleted_at', 'is', null).execute();

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

/**
 * The RACI matrix's columns: every live organisation, and any live person who holds a live role on a live action,
 * in the register's name order.
 */
export function raciMatrixStakeholders(db: DbOrTx) {
  const holders = db
    .selectFrom('stakeholder_raci as r')
    .innerJoin('actions as a', 'a.id', 'r.action_id')
    .select('r.stakeholder_id')
    .where('r.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null);
  return db
    .selectFrom('stakeholders')
    .select(['id', 'name', 'type'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('type', '=', 'organisation'), eb('id', 'in', holders)]))
    .orderBy('name_key')
    .orderBy('id')
    .execute();
}

/** The matrix's rows: live actions (id, code, title). */
export const raciMatrixActions = (db: DbOrTx) => db.selectFrom('actions').select(['id', 'code', 'title']).where('deleted_at', 'is', null).execute();

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

/** Every live take-over link's stakeholder and action (an import keeps one link per pair). */
export const liveTakeoverPairs = (db: DbOrTx) =>
  db.selectFrom('stakeholder_takeovers').select(['id', 'stakeholder_id', 'action_id']).where('deleted_at', 'is', null).execute();

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
    .select(['s.id', 's.name', engineOf(db).groupConcat(sql.ref('a.code'), ', ').as('codes'), (eb) => eb.fn.max('t.date').as('last_date')])
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
export async function cascadeLinks(db: WriteTx, stakeholderId: string, mode: { delete: string } | { restore: string }, at: string, by: string | null) {
  const changed: Array<{ entity: (typeof LINK_TABLES)[number][1]; id: string }> = [];
  for (const [t, entity] of LINK_TABLES) {
    let sel = db.selectFrom(t).select('id').where('stakeholder_id', '=', stakeholderId);
    sel = 'delete' in mode ? sel.where('deleted_at', 'is', null) : sel.where('deleted_at', '=', mode.restore);
    const ids = (await sel.execute()).map((r) => r.id);
    if (!ids.length) continue;
    await stampRows(db, t, ids, 'delete' in mode ? mode.delete : null, at, by);
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
