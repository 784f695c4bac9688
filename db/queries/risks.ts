import type { WriteTx } from '../access';
import { sql, type RawBuilder } from 'kysely';
import { folded } from './fold';
import { rawRows, type DbOrTx } from '../connection';
import { insertMany } from './rows';
import { engineOf, type EngineSql } from '../engine';
import type { AuditLogTable } from '../schema/admin';
import type {
  RiskActionsTable,
  RiskCommitmentsTable,
  RiskImportRunsTable,
  RiskMeasuresTable,
  RiskResidualHistoryTable,
  RiskSettingsTable,
  RisksTable,
} from '../schema/risks';

/** Every SQL statement of the risk register. Core calls these; nothing else writes SQL for risks. */

export const SETTINGS_ID = 'default';

const RISK_COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'updated_by',
  'deleted_at',
  'code',
  'area',
  'objective',
  'description',
  'category',
  'causes',
  'consequences',
  'owner',
  'inherent_probability',
  'inherent_impact',
  'inherent_exposure',
  'strategy',
  'deadline',
  'last_review_date',
  'status',
  'residual_probability',
  'residual_impact',
  'residual_exposure',
  'secondary_risks',
  'notes',
  'alert_id',
  'search_key',
] as const;

/**
 * Live risks in code order. Built as one plain literal per raw row: Kysely's row objects cost ~110 ms for the
 * 10,000-risk register, these ~15 ms (tests/bench/risks.ts).
 */
export function listRisks(db: DbOrTx, opts: { id?: string; among?: { column: 'code' | 'id'; values: string[] } } = {}): Promise<RisksTable[]> {
  let q = db.selectFrom('risks').select(RISK_COLUMNS).where('deleted_at', 'is', null);
  if (opts.id) q = q.where('id', '=', opts.id);
  if (opts.among) q = q.where(opts.among.column, 'in', opts.among.values);
  return rawRows(
    db,
    naturalCodeOrder('code').reduce((acc, e) => acc.orderBy(e, engineOf(db).indexOrder('asc')), q),
    (v): RisksTable => ({
      id: v[0] as string,
      created_at: v[1] as string,
      updated_at: v[2] as string,
      updated_by: v[3] as string | null,
      deleted_at: v[4] as string | null,
      code: v[5] as string,
      area: v[6] as string,
      objective: v[7] as string,
      description: v[8] as string,
      category: v[9] as RisksTable['category'],
      causes: v[10] as string,
      consequences: v[11] as string,
      owner: v[12] as string,
      inherent_probability: v[13] as number,
      inherent_impact: v[14] as number,
      inherent_exposure: v[15] as number,
      strategy: v[16] as RisksTable['strategy'],
      deadline: v[17] as string | null,
      last_review_date: v[18] as string | null,
      status: v[19] as RisksTable['status'],
      residual_probability: v[20] as number | null,
      residual_impact: v[21] as number | null,
      residual_exposure: v[22] as number | null,
      secondary_risks: v[23] as string,
      notes: v[24] as string,
      alert_id: v[25] as string | null,
      search_key: v[26] as string,
    }),
    RISK_COLUMNS,
  );
}

/** How many values one `in (…)` list of the lookups below binds (well under both engines' parameter limits). */
const IN_LIST = 1000;

/** `lookup` over `values` a list at a time, the answers concatenated (none asked when there are no values). */
async function inLists<T, R>(values: readonly T[], lookup: (list: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += IN_LIST) out.push(...(await lookup(values.slice(i, i + IN_LIST))));
  return out;
}

/**
 * The live risks an import names: by code or by id (a file's rows). An import used to read the whole register for
 * this, which grew with every import (2,000 risks each in the load bench) and held the server's thread while it did.
 */
export async function liveRisksNamed(db: DbOrTx, codes: readonly string[], ids: readonly string[]): Promise<RisksTable[]> {
  const found = new Map<string, RisksTable>();
  for (const [column, values] of [
    ['code', codes],
    ['id', ids],
  ] as const)
    for (const r of await inLists(values, (list) => listRisks(db, { among: { column, values: list } }))) found.set(r.id, r);
  return [...found.values()];
}

/** The deleted risks among `ids` (an import may not reuse them). */
export const deletedRisksAmong = async (db: DbOrTx, ids: readonly string[]) =>
  new Set(
    (await inLists(ids, (list) => db.selectFrom('risks').select('id').where('id', 'in', list).where('deleted_at', 'is not', null).execute())).map((r) => r.id),
  );

/** The codes among `codes` that live risks hold (an import's batch checks its codes at once). */
export const liveCodesAmong = async (db: DbOrTx, codes: readonly string[]) =>
  new Set(
    (await inLists(codes, (list) => db.selectFrom('risks').select('code').where('code', 'in', list).where('deleted_at', 'is', null).execute())).map(
      (r) => r.code,
    ),
  );

/** The columns of a register list row (see RiskListItem): no long texts. */
export interface RiskListRow {
  id: string;
  updated_at: string;
  created_at: string;
  code: string;
  area: string;
  description: string;
  category: RisksTable['category'];
  owner: string;
  strategy: RisksTable['strategy'];
  status: RisksTable['status'];
  deadline: string | null;
  last_review_date: string | null;
  inherent_probability: number;
  inherent_impact: number;
  inherent_exposure: number;
  residual_probability: number | null;
  residual_impact: number | null;
  residual_exposure: number | null;
}
const LIST_COLUMNS = [
  'id',
  'updated_at',
  'created_at',
  'code',
  'area',
  'description',
  'category',
  'owner',
  'strategy',
  'status',
  'deadline',
  'last_review_date',
  'inherent_probability',
  'inherent_impact',
  'inherent_exposure',
  'residual_probability',
  'residual_impact',
  'residual_exposure',
] as const;

const buildListRow = (v: unknown[]): RiskListRow => ({
  id: v[0] as string,
  updated_at: v[1] as string,
  created_at: v[2] as string,
  code: v[3] as string,
  area: v[4] as string,
  description: v[5] as string,
  category: v[6] as RisksTable['category'],
  owner: v[7] as string,
  strategy: v[8] as RisksTable['strategy'],
  status: v[9] as RisksTable['status'],
  deadline: v[10] as string | null,
  last_review_date: v[11] as string | null,
  inherent_probability: v[12] as number,
  inherent_impact: v[13] as number,
  inherent_exposure: v[14] as number,
  residual_probability: v[15] as number | null,
  residual_impact: v[16] as number | null,
  residual_exposure: v[17] as number | null,
});

/** The effective exposure (residual when assessed, else inherent) and the date a risk's next review counts from. */
const EXPOSURE = sql<number>`coalesce(r.residual_exposure, r.inherent_exposure)`;
const REVIEW_BASE = sql<string>`coalesce(r.last_review_date, substr(r.created_at, 1, 10))`;

/** An exposure band (LEVEL_BANDS) with, for the review filters, the dates its cadence sets on a given day. */
export interface ReviewBand {
  min: number;
  max: number;
  /** Review cadence of the band, in days. */
  days: number;
  /** Overdue when the last review (or the day the risk was recorded) is before this: today − cadence. */
  overdueBefore: string;
  /** Due (not overdue) when it is on or before this: today − cadence + the due-soon days. */
  dueUpTo: string;
}

/** What the review conditions read of a risk: its own columns, or a group's (registerCountsQuery). */
interface ReviewTerms {
  status: RawBuilder<string>;
  exposure: RawBuilder<number>;
  reviewBase: RawBuilder<string>;
}
const RISK_TERMS: ReviewTerms = { status: sql<string>`r.status`, exposure: EXPOSURE, reviewBase: REVIEW_BASE };

const inBand = (b: ReviewBand, t: ReviewTerms = RISK_TERMS) => sql<boolean>`${t.exposure} between ${b.min} and ${b.max}`;
const anyBand = (bands: ReviewBand[], cond: (b: ReviewBand) => ReturnType<typeof sql<boolean>>, t: ReviewTerms = RISK_TERMS) =>
  sql<boolean>`(${sql.join(
    bands.map((b) => sql`(${inBand(b, t)} and ${cond(b)})`),
    sql` or `,
  )})`;
const reviewCondition = (kind: 'due' | 'overdue' | 'pending', bands: ReviewBand[], t: ReviewTerms = RISK_TERMS) =>
  sql<boolean>`${t.status} = 'open' and ${anyBand(
    bands,
    (b) =>
      kind === 'overdue'
        ? sql<boolean>`${t.reviewBase} < ${b.overdueBefore}`
        : kind === 'due'
          ? sql<boolean>`${t.reviewBase} >= ${b.overdueBefore} and ${t.reviewBase} <= ${b.dueUpTo}`
          : sql<boolean>`${t.reviewBase} <= ${b.dueUpTo}`,
    t,
  )}`;

export interface RiskPageQuery {
  /** The search reduced to a search key (see search_key). */
  searchKey?: string;
  category?: RisksTable['category'];
  strategy?: RisksTable['strategy'];
  status?: RisksTable['status'];
  /** Effective exposure within [min, max] (a level's band). */
  exposure?: { min: number; max: number };
  /** Effective exposure above (true) or within (false) this tolerance limit. */
  aboveTolerance?: { limit: number; above: boolean };
  heat?: { map: 'inherent' | 'residual'; probability: number; impact: number };
  review?: 'due' | 'overdue' | 'pending';
  bands: ReviewBand[];
  sort: 'code' | 'description' | 'area' | 'category' | 'owner' | 'inherentExposure' | 'residualExposure' | 'exposure' | 'deadline' | 'nextReviewDate';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The next review date as SQL (null for a closed risk), only to sort by it. */
const nextReviewSql = (engine: EngineSql, bands: ReviewBand[]) =>
  sql`case when r.status = 'closed' then null else ${engine.addDays(
    REVIEW_BASE,
    sql`case ${sql.join(
      bands.map((b) => sql`when ${inBand(b)} then ${sql.lit(b.days)}`),
      sql` `,
    )} end`,
  )} end`;

/**
 * Risk codes in the order a reader expects — 1, 2, 10; R-2 before R-10 — not as text (1, 10, 2): the code
 * without its trailing digits, then those digits as a number, then the code itself (ties, "R-01" vs "R-1").
 * The number is compared without a cast — its digits without leading zeros, shorter first, then as text — so a
 * code of any length sorts: a cast to bigint failed on PostgreSQL past 19 digits ("out of range for type bigint")
 * and saturated on SQLite.
 */
export const naturalCodeOrder = (column: string) => {
  const col = sql.ref(column);
  const prefix = sql`rtrim(${col}, '0123456789')`;
  const number = sql`ltrim(substr(${col}, length(${prefix}) + 1), '0')`;
  return [prefix, sql`length(${number})`, number, sql`${col}`];
};

const sortExpression = (engine: EngineSql, o: RiskPageQuery) => {
  switch (o.sort) {
    case 'code':
      return sql`r.code`;
    // Text in Romanian order: Ș among the S, not after Z (diacritics folded).
    case 'description':
      return folded('r.description');
    case 'area':
      return folded('r.area');
    case 'owner':
      return folded('r.owner');
    case 'category':
      return sql`r.category`;
    case 'inherentExposure':
      return sql`r.inherent_exposure`;
    case 'residualExposure':
      return sql`coalesce(r.residual_exposure, 0)`;
    case 'exposure':
      return EXPOSURE;
    case 'deadline':
      return sql`r.deadline`;
    case 'nextReviewDate':
      return nextReviewSql(engine, o.bands);
  }
};

const likeEscaped = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Live risks matching the page's filters (no order, no columns yet). */
function filtered(db: DbOrTx, o: RiskPageQuery) {
  let q = db.selectFrom('risks as r').where('r.deleted_at', 'is', null);
  if (o.category) q = q.where('r.category', '=', o.category);
  if (o.strategy) q = q.where('r.strategy', '=', o.strategy);
  if (o.status) q = q.where('r.status', '=', o.status);
  if (o.exposure) q = q.where(sql<boolean>`${EXPOSURE} between ${o.exposure.min} and ${o.exposure.max}`);
  if (o.aboveTolerance)
    q = q.where(o.aboveTolerance.above ? sql<boolean>`${EXPOSURE} > ${o.aboveTolerance.limit}` : sql<boolean>`${EXPOSURE} <= ${o.aboveTolerance.limit}`);
  if (o.heat) {
    q = q.where('r.status', '=', 'open');
    q =
      o.heat.map === 'inherent'
        ? q.where('r.inherent_probability', '=', o.heat.probability).where('r.inherent_impact', '=', o.heat.impact)
        : q.where('r.residual_probability', '=', o.heat.probability).where('r.residual_impact', '=', o.heat.impact);
  }
  if (o.review) q = q.where(reviewCondition(o.review, o.bands));
  if (o.searchKey) {
    const like = likeEscaped(o.searchKey);
    q = q.where(
      // The linked actions are looked up once (a few dozen codes), not per risk.
      sql<boolean>`(r.search_key like ${like} escape '\\' or r.id in (select l.risk_id from risk_actions l where l.action_id in
        (select a.id from actions a where a.deleted_at is null and lower(a.code) like ${like} escape '\\')))`,
    );
  }
  return q;
}

/** One page of live risks (list columns only) and how many match: only the page's rows leave SQLite. */
export async function listRiskPage(db: DbOrTx, o: RiskPageQuery): Promise<{ total: number; rows: RiskListRow[] }> {
  const total = Number(
    (
      await filtered(db, o)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (total === 0 || o.offset >= total) return { total, rows: [] };
  return { total, rows: await rawRows(db, riskPageQuery(db, o), buildListRow, LIST_COLUMNS) };
}

/**
 * The query of one page's rows. In the register's order (by code, the list's default), both engines walk the index
 * risks_code_natural (migration 0021) and stop after the page, instead of sorting the whole register for each page.
 */
export function riskPageQuery(db: DbOrTx, o: RiskPageQuery) {
  const engine = engineOf(db);
  // The code and its parts are never NULL: sorted the way the index keeps them.
  const byIndex = engine.indexOrder;
  return (
    filtered(db, o)
      .select(LIST_COLUMNS.map((c) => `r.${c}` as const))
      .$call((qb) =>
        o.sort === 'code'
          ? naturalCodeOrder('r.code').reduce((acc, e) => acc.orderBy(e, byIndex(o.order)), qb)
          : qb.orderBy(sortExpression(engine, o), o.order),
      )
      // Ties in the register's order, whichever way the column runs.
      .$call((qb) => naturalCodeOrder('r.code').reduce((acc, e) => acc.orderBy(e, byIndex('asc')), qb))
      .orderBy('r.id', byIndex('asc'))
      .limit(o.limit)
      .offset(o.offset)
  );
}

/**
 * The register's counts in two steps: the live risks grouped by status, exposure and review base, read from the index
 * risks_review_groups (migration 0023) with one row per group, then the conditions of the filters (reviewCondition)
 * once per group, weighted by its size. Conditional sums over each risk cost 28 ms a call for 40,000 risks.
 */
export function registerCountsQuery(db: DbOrTx, toleranceLimit: number, bands: ReviewBand[]) {
  // Unqualified, word for word the index's expressions (an index on expressions is used only for the same text).
  const exposure = sql<number>`coalesce(residual_exposure, inherent_exposure)`;
  const reviewBase = sql<string>`coalesce(last_review_date, substr(created_at, 1, 10))`;
  const groups = db
    .selectFrom('risks')
    .select(['status', exposure.as('exposure'), reviewBase.as('review_base'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy(['status', exposure, reviewBase]);
  const g: ReviewTerms = { status: sql<string>`g.status`, exposure: sql<number>`g.exposure`, reviewBase: sql<string>`g.review_base` };
  const count = (cond: RawBuilder<boolean>) => sql<number>`coalesce(sum(case when ${cond} then g.n else 0 end), 0)`;
  return db
    .selectFrom(groups.as('g'))
    .select([
      count(sql<boolean>`g.status = 'open'`).as('open'),
      count(sql<boolean>`g.status = 'closed'`).as('closed'),
      count(sql<boolean>`g.status = 'open' and g.exposure > ${toleranceLimit}`).as('above'),
      count(reviewCondition('due', bands, g)).as('due'),
      count(reviewCondition('overdue', bands, g)).as('overdue'),
    ]);
}

export async function registerCounts(db: DbOrTx, toleranceLimit: number, bands: ReviewBand[]) {
  const r = await registerCountsQuery(db, toleranceLimit, bands).executeTakeFirstOrThrow();
  return { open: Number(r.open), closed: Number(r.closed), above: Number(r.above), due: Number(r.due), overdue: Number(r.overdue) };
}

/** Open live risks per (probability, impact) of a heat map; the residual map's null cell is the unassessed risks. */
export function heatCounts(db: DbOrTx, map: 'inherent' | 'residual') {
  const [p, i] = map === 'inherent' ? (['r.inherent_probability', 'r.inherent_impact'] as const) : (['r.residual_probability', 'r.residual_impact'] as const);
  return db
    .selectFrom('risks as r')
    .select([`${p} as p`, `${i} as i`, (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.deleted_at', 'is', null)
    .where('r.status', '=', 'open')
    .groupBy([p, i])
    .execute() as Promise<Array<{ p: number | null; i: number | null; n: number }>>;
}

/**
 * Planned or in-progress measures of live risks: all open measures less those of deleted risks (a few), which
 * reads two small index ranges instead of joining every measure to its risk.
 */
export function openMeasuresQuery(db: DbOrTx, ofDeletedRisks: boolean) {
  const open = db
    .selectFrom('risk_measures as m')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.deleted_at', 'is', null)
    .where('m.status', 'in', ['planned', 'in_progress']);
  // The deleted risks come from their own index (risks_deleted, migration 0023), not from reading the register.
  return ofDeletedRisks ? open.where('m.risk_id', 'in', (eb) => eb.selectFrom('risks as r').select('r.id').where('r.deleted_at', 'is not', null)) : open;
}

export async function countAllOpenMeasures(db: DbOrTx): Promise<number> {
  const all = await openMeasuresQuery(db, false).executeTakeFirstOrThrow();
  const ofDeleted = await openMeasuresQuery(db, true).executeTakeFirstOrThrow();
  return Number(all.n) - Number(ofDeleted.n);
}

/** Links of live risks (or of the given ones) to commitments and actions, with the linked codes (raw rows: the list reads them all). */
export async function listRiskLinks(db: DbOrTx, riskIds?: string[]) {
  type Link = { risk_id: string; id: string; code: string; deleted_at: string | null };
  if (riskIds && riskIds.length === 0) return { commitments: [] as Link[], actions: [] as Link[] };
  const c = db
    .selectFrom('risk_commitments as l')
    .innerJoin('commitments as c', 'c.id', 'l.commitment_id')
    .select(['l.risk_id', 'l.commitment_id as id', 'c.code', 'c.deleted_at']);
  const a = db
    .selectFrom('risk_actions as l')
    .innerJoin('actions as a', 'a.id', 'l.action_id')
    .select(['l.risk_id', 'l.action_id as id', 'a.code', 'a.deleted_at']);
  const cols = ['risk_id', 'id', 'code', 'deleted_at'] as const;
  const build = (v: unknown[]): Link => ({ risk_id: v[0] as string, id: v[1] as string, code: v[2] as string, deleted_at: v[3] as string | null });
  if (!riskIds) return { commitments: await rawRows(db, c, build, cols), actions: await rawRows(db, a, build, cols) };
  return {
    commitments: await inLists(riskIds, (list) => rawRows(db, c.where('l.risk_id', 'in', list), build, cols)),
    actions: await inLists(riskIds, (list) => rawRows(db, a.where('l.risk_id', 'in', list), build, cols)),
  };
}

/** What new risks write, by table (parents first, as insertRiskRows inserts them): a save's one risk, an import's batch. */
export interface RiskRows {
  risks: RisksTable[];
  risk_measures: RiskMeasuresTable[];
  risk_residual_history: RiskResidualHistoryTable[];
  risk_commitments: RiskCommitmentsTable[];
  risk_actions: RiskActionsTable[];
  audit_log: AuditLogTable[];
}

export const noRiskRows = (): RiskRows => ({ risks: [], risk_measures: [], risk_residual_history: [], risk_commitments: [], risk_actions: [], audit_log: [] });

/**
 * Inserts new risks' rows with one multi-row statement per table (insertMany: its text is built once and reused), or,
 * given an import's id, stages them (see STAGED_TABLES): a batch of an import is six statements, not six per risk.
 */
export async function insertRiskRows(db: WriteTx, rows: RiskRows, importId?: string) {
  for (const table of Object.keys(STAGED_TABLES) as StagedTable[]) {
    const list: ReadonlyArray<object> = rows[table];
    if (list.length === 0) continue;
    if (importId === undefined) await insertMany(db, table, list as Array<Record<string, unknown>>);
    else
      await insertMany(
        db,
        STAGED_TABLES[table],
        list.map((r) => ({ ...r, import_id: importId })),
      );
  }
}

export async function replaceRiskLinks(db: WriteTx, riskId: string, commitmentIds: string[], actionIds: string[]) {
  await db.deleteFrom('risk_commitments').where('risk_id', '=', riskId).execute();
  await db.deleteFrom('risk_actions').where('risk_id', '=', riskId).execute();
  if (commitmentIds.length)
    await db
      .insertInto('risk_commitments')
      .values(commitmentIds.map((commitment_id) => ({ risk_id: riskId, commitment_id })))
      .execute();
  if (actionIds.length)
    await db
      .insertInto('risk_actions')
      .values(actionIds.map((action_id) => ({ risk_id: riskId, action_id })))
      .execute();
}

/** Count of open (planned / in progress) live measures per risk. */
export const countOpenMeasures = (db: DbOrTx, riskIds?: string[]) =>
  rawRows(
    db,
    db
      .selectFrom('risk_measures')
      .select(['risk_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('deleted_at', 'is', null)
      .where('status', 'in', ['planned', 'in_progress'])
      .$if(riskIds !== undefined, (q) => q.where('risk_id', 'in', riskIds!.length ? riskIds! : ['']))
      .groupBy('risk_id'),
    (v) => ({ risk_id: v[0] as string, n: v[1] as number }),
    ['risk_id', 'n'],
  );

export const listMeasures = (db: DbOrTx, riskId: string) =>
  db.selectFrom('risk_measures').selectAll().where('risk_id', '=', riskId).where('deleted_at', 'is', null).orderBy('deadline').orderBy('created_at').execute();

/** Live measures of live risks, with their risk's code. */
const liveMeasuresOfLiveRisks = (db: DbOrTx) =>
  db
    .selectFrom('risk_measures as m')
    .innerJoin('risks as r', 'r.id', 'm.risk_id')
    .selectAll('m')
    .select('r.code as risk_code')
    .where('m.deleted_at', 'is', null)
    .where('r.deleted_at', 'is', null);

/** Every live measure of a live risk, in the workbook's order (by risk code, then as entered). */
export const listLiveMeasures = (db: DbOrTx) => liveMeasuresOfLiveRisks(db).orderBy('r.code').orderBy('m.created_at').execute();

/** Open measures of live risks, by owner and deadline. */
export const listOpenMeasures = (db: DbOrTx) =>
  liveMeasuresOfLiveRisks(db)
    .select('r.description as risk_description')
    .where('m.status', 'in', ['planned', 'in_progress'])
    .orderBy('m.owner')
    .orderBy(sql`m.deadline is null`)
    .orderBy('m.deadline')
    .execute();

export const listReviews = (db: DbOrTx, riskId: string) =>
  db
    .selectFrom('risk_reviews')
    .selectAll()
    .where('risk_id', '=', riskId)
    .where('deleted_at', 'is', null)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const listResidualHistory = (db: DbOrTx, riskId: string) =>
  db.selectFrom('risk_residual_history').selectAll().where('risk_id', '=', riskId).where('deleted_at', 'is', null).orderBy('date').orderBy('id').execute();

export const insertResidualPoint = (db: WriteTx, row: RiskResidualHistoryTable) => db.insertInto('risk_residual_history').values(row).execute();

export async function codeTaken(db: DbOrTx, code: string, exceptId?: string) {
  let q = db.selectFrom('risks').select('id').where('code', '=', code).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * The highest NNN of the codes R-NNN in use (live or deleted; 0 when none), counted in SQL: a save without a code
 * used to read every code into JavaScript to find it, inside its write transaction, so each such save cost more as the
 * register grew (a 10,000-risk register: tens of milliseconds with every other writer waiting). Only `R-` followed by
 * digits counts, as in /^R-(\d+)$/; longer than 15 digits is beyond an exact number and is not a code the app gives.
 * With the staged imports' risks (not yet in the register): a save meanwhile takes the number after theirs.
 * Counting still read every code (16 ms for 20,000 risks on PostgreSQL); now one entry of each table's partial index (migration
 * 0021): the expressions and the condition are the index's, word for word, which both engines need to use it, and
 * `order by … desc limit 1`, which PostgreSQL reads backwards from the index (its max() would read every entry).
 * substr, not LIKE: SQLite's LIKE ignores case, and r-800 is not one of ours.
 */
export async function maxRiskNumber(db: DbOrTx): Promise<number> {
  const { rows } = await maxRiskNumberQuery().execute(db);
  return Math.max(Number(rows[0]?.register ?? 0), Number(rows[0]?.staged ?? 0));
}

/** maxRiskNumber's query (its plan is checked by a test on both engines). */
export function maxRiskNumberQuery() {
  const top = (table: 'risks' | 'risk_import_risks') =>
    sql`(select cast(substr(code, 3) as bigint) from ${sql.table(table)}
      where substr(code, 1, 2) = 'R-' and length(code) between 3 and 17 and ltrim(substr(code, 3), '0123456789') = ''
      order by cast(substr(code, 3) as bigint) desc limit 1)`;
  return sql<{ register: number | string | null; staged: number | string | null }>`select ${top('risks')} as register, ${top('risk_import_risks')} as staged`;
}

export const findRiskByCode = (db: DbOrTx, code: string) =>
  db.selectFrom('risks').selectAll().where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();

export function listAlerts(db: DbOrTx) {
  return db
    .selectFrom('risk_alerts as a')
    .leftJoin('risks as r', 'r.id', 'a.risk_id')
    .selectAll('a')
    .select('r.code as risk_code')
    .where('a.deleted_at', 'is', null)
    .orderBy('a.identified_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export const getSettingsRow = (db: DbOrTx) => db.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
export const insertSettingsRow = (db: WriteTx, row: RiskSettingsTable) => db.insertInto('risk_settings').values(row).execute();

/** Live commitments and actions by code (import resolves the codes in the register's link columns). */
export async function planCodes(db: DbOrTx) {
  const c = await db.selectFrom('commitments').select(['id', 'code']).where('deleted_at', 'is', null).execute();
  const a = await db.selectFrom('actions').select(['id', 'code']).where('deleted_at', 'is', null).execute();
  return { commitments: c, actions: a };
}

export const liveIds = async (db: DbOrTx, table: 'commitments' | 'actions', ids: string[]) =>
  ids.length === 0 ? [] : (await db.selectFrom(table).select('id').where('id', 'in', ids).where('deleted_at', 'is', null).execute()).map((r) => r.id);

/**
 * On PostgreSQL, how many linked actions are looked at one by one (see actionsAboveToleranceQuery) before the links
 * are joined to the risks all at once instead.
 */
export const PER_ACTION_LIMIT = 100;

const aboveTolerance = (fallbackTolerance: number) =>
  sql<boolean>`coalesce(r.residual_exposure, r.inherent_exposure) > coalesce((select s.tolerance_limit from risk_settings s where s.id = ${SETTINGS_ID}), ${fallbackTolerance})`;

/**
 * Actions linked to an open live risk whose exposure (residual when assessed, else inherent) is above the
 * register's tolerance limit (`fallbackTolerance` until a coordinator sets one): the plan's RAG marks them at risk.
 * Each row is one such action, or (`beyond`, PostgreSQL only) the sign that there are more than `perActionLimit`
 * linked actions, when actionsAboveTolerance asks actionsAboveToleranceJoinQuery instead.
 */
export function actionsAboveToleranceQuery(db: DbOrTx, fallbackTolerance: number, perActionLimit = PER_ACTION_LIMIT) {
  const above = aboveTolerance(fallbackTolerance);
  if (engineOf(db).kind === 'postgres')
    // The linked actions, one index probe each (a loose scan of risk_actions_action: the next action id above the
    // last), then each one's links in that index, each linked risk looked up by its key in a scalar subquery,
    // stopping at the first above-tolerance one. A scalar subquery in WHERE is always run per row, so the plan
    // cannot turn into a join whose choice rests on statistics: with four busy actions an EXISTS or LATERAL join
    // was planned as a merge join reading every link for each action (80–340 ms), and the single hash join of all
    // the links to the above-tolerance risks cost 20 ms at 40,000 links on every plan read. This form: 0.3 ms there,
    // 10 ms when 5,000 links lead to no risk above tolerance (each of them read once). Each action costs about 14 µs,
    // so the loose scan stops after perActionLimit of them: with thousands of actions of a few links each (the plan
    // ×100 with 10,000 linked risks: 33 ms this way, 11–20 ms joined) the join is the cheaper way.
    return db
      .withRecursive('linked(action_id, n)', (qb) =>
        qb
          .selectFrom('risk_actions')
          .select((eb) => [eb.fn.min<string | null>('action_id').as('action_id'), sql<number>`1`.as('n')])
          .unionAll((qb) =>
            qb
              .selectFrom('linked')
              .select((eb) => [
                eb
                  .selectFrom('risk_actions as n')
                  .select((sb) => sb.fn.min('n.action_id').as('next'))
                  .whereRef('n.action_id', '>', 'linked.action_id')
                  .as('action_id'),
                sql<number>`linked.n + 1`.as('n'),
              ])
              .where('linked.action_id', 'is not', null)
              .where('linked.n', '<=', perActionLimit),
          ),
      )
      .selectFrom('linked')
      .select(['linked.action_id', sql<boolean>`linked.n > ${perActionLimit}`.as('beyond')])
      .where('linked.action_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('linked.n', '>', perActionLimit),
          eb.exists(
            eb
              .selectFrom('risk_actions as l')
              .select(sql`1`.as('one'))
              .whereRef('l.action_id', '=', 'linked.action_id')
              .where((eb) =>
                eb
                  .selectFrom('risks as r')
                  .select(sql<boolean>`r.deleted_at is null and r.status = 'open' and ${above}`.as('above'))
                  .whereRef('r.id', '=', 'l.risk_id')
                  .$castTo<boolean>(),
              ),
          ),
        ]),
      )
      .$narrowType<{ action_id: string }>();
  // SQLite: per action, its links (by the action's index), then each linked risk by its key, stopping at the first
  // above-tolerance one; CROSS JOIN keeps that order (the planner would otherwise start from every open risk).
  // Joining every link to its risk read the whole register on each plan read: 16 ms for 40,000 linked risks, now 0.1.
  // Each action costs about 1 µs here: no limit is needed.
  return db
    .selectFrom('actions as a')
    .select(['a.id as action_id', sql<boolean>`0`.as('beyond')])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('risk_actions as l')
          .crossJoin('risks as r')
          .select(sql`1`.as('one'))
          .whereRef('l.action_id', '=', 'a.id')
          .whereRef('r.id', '=', 'l.risk_id')
          .where('r.deleted_at', 'is', null)
          .where('r.status', '=', 'open')
          .where(above),
      ),
    );
}

/** The same actions from one join of every link to the above-tolerance risks (PostgreSQL, beyond PER_ACTION_LIMIT linked actions). */
export const actionsAboveToleranceJoinQuery = (db: DbOrTx, fallbackTolerance: number) =>
  db
    .selectFrom('risk_actions as l')
    .innerJoin('risks as r', 'r.id', 'l.risk_id')
    .select('l.action_id')
    .distinct()
    .where('r.deleted_at', 'is', null)
    .where('r.status', '=', 'open')
    .where(aboveTolerance(fallbackTolerance));

export async function actionsAboveTolerance(db: DbOrTx, fallbackTolerance: number, perActionLimit = PER_ACTION_LIMIT): Promise<Set<string>> {
  const rows = await actionsAboveToleranceQuery(db, fallbackTolerance, perActionLimit).execute();
  const found = rows.some((r) => r.beyond) ? await actionsAboveToleranceJoinQuery(db, fallbackTolerance).execute() : rows;
  return new Set(found.map((r) => r.action_id));
}

// ───────────────────────────── a staged import (migration 0020)

/**
 * The register's tables an import writes, each with its staging twin (risk_import_<table>), parents first. An import's
 * new risks are inserted there (insertRiskRows with its id), out of every reader's sight until publishStagedImport.
 */
const STAGED_TABLES = {
  risks: 'risk_import_risks',
  risk_measures: 'risk_import_risk_measures',
  risk_residual_history: 'risk_import_risk_residual_history',
  risk_commitments: 'risk_import_risk_commitments',
  risk_actions: 'risk_import_risk_actions',
  audit_log: 'risk_import_audit_log',
} as const;
type StagedTable = keyof typeof STAGED_TABLES;

export const insertImportRun = (db: WriteTx, row: RiskImportRunsTable) => db.insertInto('risk_import_runs').values(row).execute();
export const touchImportRun = (db: WriteTx, id: string, at: string) =>
  db.updateTable('risk_import_runs').set({ touched_at: at }).where('id', '=', id).execute();
export const listImportRuns = (db: DbOrTx) => db.selectFrom('risk_import_runs').selectAll().execute();

/** Removes an import's staged rows and its run (a failed, cancelled or crashed import leaves nothing). */
export async function dropStagedImport(db: WriteTx, importId: string, between?: () => Promise<void>) {
  for (const twin of Object.values(STAGED_TABLES)) {
    await db.deleteFrom(twin).where('import_id', '=', importId).execute();
    await between?.();
  }
  await db.deleteFrom('risk_import_runs').where('id', '=', importId).execute();
}

/** Codes of staged risks that a live risk of the register took meanwhile (typed by hand during the import). */
export const stagedCodesTaken = async (db: DbOrTx, importId: string) =>
  (
    await db
      .selectFrom('risk_import_risks as s')
      .innerJoin('risks as r', (j) => j.onRef('r.code', '=', 's.code').on('r.deleted_at', 'is', null))
      .select('s.code')
      .where('s.import_id', '=', importId)
      .execute()
  ).map((r) => r.code);

/** The columns of a staged table: its twin's, less import_id (the schema's; the same on both engines). */
const STAGED_COLUMNS: { [T in StagedTable]: ReadonlyArray<string> } = {
  risks: RISK_COLUMNS,
  risk_measures: ['id', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'risk_id', 'description', 'owner', 'deadline', 'status', 'notes'],
  risk_residual_history: [
    'id',
    'created_at',
    'updated_at',
    'updated_by',
    'deleted_at',
    'risk_id',
    'date',
    'probability',
    'impact',
    'exposure',
    'source',
    'review_id',
  ],
  risk_commitments: ['risk_id', 'commitment_id'],
  risk_actions: ['risk_id', 'action_id'],
  audit_log: ['id', 'at', 'actor_id', 'actor_name', 'entity', 'entity_id', 'action', 'changes'],
};

/**
 * The final step of a staged import, inside the caller's (short) write transaction: every staged row moves into its
 * table with one `insert … select` per table, parents first, and the staging is emptied. `between` runs after each
 * statement (the import gives the thread to others there). Returns the rows moved.
 */
export async function publishStagedImport(trx: WriteTx, importId: string, between?: () => Promise<void>): Promise<number> {
  let moved = 0;
  for (const [table, twin] of Object.entries(STAGED_TABLES) as Array<[StagedTable, string]>) {
    const cols = sql.join(STAGED_COLUMNS[table].map((c) => sql.ref(c)));
    // In id order (UUIDv7: the order they were staged in), as the rows would have been written at once.
    const order = STAGED_COLUMNS[table][0] === 'id' ? sql` order by id` : sql``;
    const r = await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from ${sql.table(twin)} where import_id = ${importId}${order}`.execute(trx);
    moved += Number(r.numAffectedRows ?? 0);
    await between?.();
  }
  await dropStagedImport(trx, importId, between);
  return moved;
}
