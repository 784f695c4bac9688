import type { WriteTx } from '../../../db/access';
import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/risks';
import { getRow } from '../../../db/queries/rows';
import type { RiskMeasuresTable, RiskResidualHistoryTable, RiskReviewsTable, RisksTable } from '../../../db/schema/risks';
import {
  AppError,
  DEFAULT_RISK_SETTINGS,
  LEVEL_BANDS,
  riskLevel,
  validationError,
  type MethodName,
  type OpenMeasure,
  type HeatMapKind,
  type ParsedInputOf,
  type ResidualPoint,
  type RiskDetail,
  type RiskHeatCounts,
  type RiskMeasure,
  type RiskOverview,
  type RiskPage,
  type RiskReview,
  type RiskSettings,
  type RiskListItem,
  type RiskSummary,
} from '../../contract';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { isoDay, newId, nextTimestamp } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, stampCreate, updateCurrent } from '../writes';
import { addDays, effectiveExposure, isAboveTolerance, nextReview, reviewState, riskSearchKey } from './rules';

export type In<K extends MethodName> = ParsedInputOf<K>;

export const today = (ctx: ServiceContext) => isoDay(ctx.now());

/** The bookkeeping columns of a row, as the contract names them. */
export const row = (r: { id: string; created_at: string; updated_at: string; updated_by: string | null; deleted_at: string | null }) => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
});

// ───────────────────────────── settings

export async function readRiskSettings(db: DbOrTx): Promise<RiskSettings> {
  const s = await q.getSettingsRow(db);
  if (!s) return { ...DEFAULT_RISK_SETTINGS, reviewDays: { ...DEFAULT_RISK_SETTINGS.reviewDays }, updatedAt: null };
  return {
    toleranceLimit: s.tolerance_limit,
    reviewDays: { very_high: s.review_days_very_high, high: s.review_days_high, medium: s.review_days_medium, low: s.review_days_low },
    dueSoonDays: s.due_soon_days,
    updatedAt: s.updated_at,
  };
}

export async function saveRiskSettings(ctx: ServiceContext, input: In<'risks.saveSettings'>): Promise<RiskSettings> {
  return ctx.tx(async (trx) => {
    const current = await readRiskSettings(trx);
    if (current.updatedAt !== input.expectedUpdatedAt)
      throw new AppError('CONFLICT', 'the register settings were changed by someone else; reload and try again', { entity: 'risk_settings' });
    const cols = {
      tolerance_limit: input.toleranceLimit,
      review_days_very_high: input.reviewDays.very_high,
      review_days_high: input.reviewDays.high,
      review_days_medium: input.reviewDays.medium,
      review_days_low: input.reviewDays.low,
      due_soon_days: input.dueSoonDays,
    };
    if (current.updatedAt === null) await insertAudited(ctx, trx, 'risk_settings', 'risk_settings', { id: q.SETTINGS_ID, ...cols });
    else await updateCurrent(ctx, trx, 'risk_settings', 'risk_settings', q.SETTINGS_ID, input.expectedUpdatedAt ?? undefined, cols);
    return readRiskSettings(trx);
  });
}

// ───────────────────────────── mapping

interface Links {
  commitments: Map<string, Array<{ id: string; code: string }>>;
  actions: Map<string, Array<{ id: string; code: string }>>;
}

async function loadLinks(db: DbOrTx, riskIds?: string[]): Promise<Links> {
  const raw = await q.listRiskLinks(db, riskIds);
  const group = (rows: Array<{ risk_id: string; id: string; code: string; deleted_at: string | null }>) => {
    const m = new Map<string, Array<{ id: string; code: string }>>();
    for (const r of rows) {
      if (r.deleted_at) continue; // a deleted action no longer counts as linked
      let l = m.get(r.risk_id);
      if (!l) m.set(r.risk_id, (l = []));
      l.push({ id: r.id, code: r.code });
    }
    return m;
  };
  return { commitments: group(raw.commitments), actions: group(raw.actions) };
}

const NONE: Array<{ id: string; code: string }> = [];

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The full record: the list row (listItem, where the shared field mapping lives) plus the long texts and the link ids. */
function summarize(r: RisksTable, links: Links, s: RiskSettings, day: string, openMeasures: number): RiskSummary {
  const c = links.commitments.get(r.id) ?? NONE;
  const a = links.actions.get(r.id) ?? NONE;
  return {
    ...listItem(r, links, s, day, openMeasures),
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    deletedAt: r.deleted_at,
    objective: r.objective,
    causes: r.causes,
    consequences: r.consequences,
    secondaryRisks: r.secondary_risks,
    notes: r.notes,
    alertId: r.alert_id,
    commitmentIds: c.map((l) => l.id),
    actionIds: a.map((l) => l.id),
  };
}

/** A list row (RiskListItem), one literal, from the list columns (a full row has them too). */
function listItem(r: q.RiskListRow, links: Links, s: RiskSettings, day: string, openMeasures: number): RiskListItem {
  const exposure = effectiveExposure(r);
  const level = riskLevel(exposure);
  const closed = r.status === 'closed';
  const next = closed ? null : nextReview(r.last_review_date, r.created_at.slice(0, 10), level, s);
  const c = links.commitments.get(r.id) ?? NONE;
  const a = links.actions.get(r.id) ?? NONE;
  return {
    id: r.id,
    updatedAt: r.updated_at,
    code: r.code,
    area: r.area,
    description: r.description,
    category: r.category,
    owner: r.owner,
    strategy: r.strategy,
    status: r.status,
    deadline: r.deadline,
    lastReviewDate: r.last_review_date,
    inherentProbability: r.inherent_probability,
    inherentImpact: r.inherent_impact,
    inherentExposure: r.inherent_exposure,
    residualProbability: r.residual_probability,
    residualImpact: r.residual_impact,
    residualExposure: r.residual_exposure,
    exposure,
    level,
    inherentLevel: riskLevel(r.inherent_exposure),
    residualLevel: r.residual_exposure == null ? null : riskLevel(r.residual_exposure),
    aboveTolerance: isAboveTolerance(exposure, s),
    nextReviewDate: next,
    reviewState: reviewState(next, day, closed, s),
    openMeasures,
    commitmentCodes: c.length ? c.map((l) => l.code).sort(byCode) : [],
    actionCodes: a.length ? a.map((l) => l.code).sort(byCode) : [],
  };
}

export const toMeasure = (m: RiskMeasuresTable): RiskMeasure => ({
  ...row(m),
  riskId: m.risk_id,
  description: m.description,
  owner: m.owner,
  deadline: m.deadline,
  status: m.status,
  notes: m.notes,
});

const toReview = (r: RiskReviewsTable): RiskReview => ({
  ...row(r),
  riskId: r.risk_id,
  date: r.date,
  reviewer: r.reviewer,
  decision: r.decision,
  note: r.note,
  residualProbability: r.residual_probability,
  residualImpact: r.residual_impact,
  residualExposure: r.residual_exposure,
  nextReviewDate: r.next_review_date,
});

const toPoint = (h: RiskResidualHistoryTable): ResidualPoint => ({
  id: h.id,
  date: h.date,
  probability: h.probability,
  impact: h.impact,
  exposure: h.exposure,
  source: h.source,
  reviewId: h.review_id,
  createdAt: h.created_at,
});

// ───────────────────────────── reads

/** The whole register with what the rules compute (tolerance, level, next review), as lists and exports show it. */
export async function registerState(db: DbOrTx, day: string, opts: { id?: string } = {}) {
  const settings = await readRiskSettings(db);
  const rows = await q.listRisks(db, opts);
  const links = await loadLinks(db, opts.id ? [opts.id] : undefined);
  const open = new Map((await q.countOpenMeasures(db)).map((m) => [m.risk_id, Number(m.n)]));
  return { settings, risks: rows.map((r) => summarize(r, links, settings, day, open.get(r.id) ?? 0)) };
}

/** The exposure bands with the review dates their cadence sets on `day` (what the review filters and counts compare). */
function reviewBands(s: RiskSettings, day: string): q.ReviewBand[] {
  return LEVEL_BANDS.map((b) => ({
    min: b.min,
    max: b.max,
    days: s.reviewDays[b.level],
    overdueBefore: addDays(day, -s.reviewDays[b.level]),
    dueUpTo: addDays(day, s.dueSoonDays - s.reviewDays[b.level]),
  }));
}

/** A page of the register: filters, search and sort in SQL; only the page's rows get their links and measures. */
export async function listRisks(ctx: ServiceContext, input: In<'risks.list'>): Promise<RiskPage> {
  const day = input.today ?? today(ctx);
  const settings = await readRiskSettings(ctx.db);
  const band = input.level ? LEVEL_BANDS.find((b) => b.level === input.level) : undefined;
  const key = input.search ? riskSearchKey(input.search) : '';
  const page = await q.listRiskPage(ctx.db, {
    searchKey: key || undefined,
    category: input.category,
    strategy: input.strategy,
    status: input.status,
    exposure: band && { min: band.min, max: band.max },
    aboveTolerance: input.aboveTolerance === undefined ? undefined : { limit: settings.toleranceLimit, above: input.aboveTolerance },
    heat: input.heat,
    review: input.review,
    bands: reviewBands(settings, day),
    sort: input.sort,
    order: input.order,
    offset: input.offset,
    limit: input.limit,
  });
  const ids = page.rows.map((r) => r.id);
  const links = await loadLinks(ctx.db, ids);
  const open = new Map((await q.countOpenMeasures(ctx.db, ids)).map((m) => [m.risk_id, Number(m.n)]));
  return { total: page.total, rows: page.rows.map((r) => listItem(r, links, settings, day, open.get(r.id) ?? 0)) };
}

/** The overview's heat maps and counts, in SQL: a few grouped queries, whatever the register's size. */
export async function riskOverview(ctx: ServiceContext, input: In<'risks.overview'>): Promise<RiskOverview> {
  const day = input.today ?? today(ctx);
  const settings = await readRiskSettings(ctx.db);
  const counts = await q.registerCounts(ctx.db, settings.toleranceLimit, reviewBands(settings, day));
  const heat = async (map: HeatMapKind): Promise<RiskHeatCounts> => {
    const grid = [1, 2, 3, 4, 5].map(() => [0, 0, 0, 0, 0]);
    let total = 0;
    let unassessed = 0;
    for (const c of await q.heatCounts(ctx.db, map)) {
      const n = Number(c.n);
      if (c.p == null || c.i == null) unassessed += n;
      else {
        grid[c.p - 1][c.i - 1] = n;
        total += n;
      }
    }
    return { map, counts: grid, total, unassessed };
  };
  return {
    today: day,
    toleranceLimit: settings.toleranceLimit,
    inherent: await heat('inherent'),
    residual: await heat('residual'),
    aboveTolerance: counts.above,
    reviewsDue: counts.due,
    reviewsOverdue: counts.overdue,
    openMeasures: await q.countAllOpenMeasures(ctx.db),
    open: counts.open,
    closed: counts.closed,
  };
}

export async function getRisk(ctx: ServiceContext, input: In<'risks.get'>): Promise<RiskDetail> {
  const s = await registerState(ctx.db, input.today ?? today(ctx), { id: input.id });
  const r = s.risks[0];
  if (!r) throw notFound('risk', input.id);
  return {
    ...r,
    measures: (await q.listMeasures(ctx.db, r.id)).map(toMeasure),
    reviews: (await q.listReviews(ctx.db, r.id)).map(toReview),
    residualHistory: (await q.listResidualHistory(ctx.db, r.id)).map(toPoint),
  };
}

export async function openMeasures(ctx: ServiceContext, input: In<'risks.openMeasures'>): Promise<OpenMeasure[]> {
  const day = input.today ?? today(ctx);
  return (await q.listOpenMeasures(ctx.db)).map((m) => ({
    ...toMeasure(m),
    riskCode: m.risk_code,
    riskDescription: m.risk_description,
    overdue: m.deadline != null && m.deadline < day,
  }));
}

// ───────────────────────────── risks

/** The next free R-NNN (codes of deleted risks are not reused, so an undo never collides). */
export async function nextCode(db: DbOrTx): Promise<string> {
  return `R-${String((await q.maxRiskNumber(db)) + 1).padStart(3, '0')}`;
}

/** The live commitments and actions among those a risk (or a batch of an import's risks) links to. */
export async function liveLinkTargets(db: DbOrTx, commitmentIds: string[], actionIds: string[]) {
  return {
    commitments: new Set(await q.liveIds(db, 'commitments', [...new Set(commitmentIds)])),
    actions: new Set(await q.liveIds(db, 'actions', [...new Set(actionIds)])),
  };
}

/** A save refused: its code is held by another live risk, or it links to a commitment or action that is gone. */
export function checkRiskKeys(
  code: string,
  codeTaken: boolean,
  live: Awaited<ReturnType<typeof liveLinkTargets>>,
  commitmentIds: string[],
  actionIds: string[],
) {
  if (codeTaken) throw validationError('code', 'duplicate', `code ${code} is already used by another risk`);
  commitmentIds.forEach((cid, n) => {
    if (!live.commitments.has(cid)) throw validationError(`commitmentIds.${n}`, 'not_found', 'the linked commitment does not exist');
  });
  actionIds.forEach((aid, n) => {
    if (!live.actions.has(aid)) throw validationError(`actionIds.${n}`, 'not_found', 'the linked action does not exist');
  });
}

export interface RiskColumns {
  code: string;
  area: string;
  objective: string;
  description: string;
  category: RisksTable['category'];
  causes: string;
  consequences: string;
  owner: string;
  inherent_probability: number;
  inherent_impact: number;
  inherent_exposure: number;
  strategy: RisksTable['strategy'];
  deadline: string | null;
  status: RisksTable['status'];
  residual_probability: number | null;
  residual_impact: number | null;
  residual_exposure: number | null;
  secondary_risks: string;
  notes: string;
  /** Derived from code, description, area and owner (what `risks.list` searches). */
  search_key: string;
  /** Set by reviews; only an import writes it directly (a register brought in from Excel carries it). */
  last_review_date?: string | null;
}

/** A save's columns; an import also gives the last review date (undefined: not written). */
export const riskColumns = (i: Omit<In<'risks.save'>, 'code'> & { code: string }, lastReviewDate?: string | null): RiskColumns => ({
  code: i.code,
  area: i.area,
  objective: i.objective,
  description: i.description,
  category: i.category,
  causes: i.causes,
  consequences: i.consequences,
  owner: i.owner,
  inherent_probability: i.inherentProbability,
  inherent_impact: i.inherentImpact,
  inherent_exposure: i.inherentProbability * i.inherentImpact,
  strategy: i.strategy,
  deadline: i.deadline,
  status: i.status,
  residual_probability: i.residualProbability,
  residual_impact: i.residualImpact,
  residual_exposure: i.residualProbability != null && i.residualImpact != null ? i.residualProbability * i.residualImpact : null,
  secondary_risks: i.secondaryRisks,
  notes: i.notes,
  search_key: riskSearchKey(`${i.code} ${i.description} ${i.area} ${i.owner}`),
  ...(lastReviewDate !== undefined ? { last_review_date: lastReviewDate } : {}),
});

type Residual = { residual_probability: number | null; residual_impact: number | null; residual_exposure: number | null };

/** A point of a risk's residual history (its id given out here). */
const residualPoint = (riskId: string, day: string, r: Residual, source: RiskResidualHistoryTable['source'], reviewId: string | null) => ({
  id: newId(),
  risk_id: riskId,
  date: day,
  probability: r.residual_probability,
  impact: r.residual_impact,
  exposure: r.residual_exposure,
  source,
  review_id: reviewId,
});

export async function recordResidual(
  ctx: ServiceContext,
  trx: WriteTx,
  riskId: string,
  day: string,
  r: Residual,
  source: RiskResidualHistoryTable['source'],
  reviewId: string | null = null,
) {
  await insertAudited(ctx, trx, 'risk_residual_history', 'risk_residual', residualPoint(riskId, day, r, source, reviewId));
}

/**
 * The rows a new risk writes, added to `into`: the risk, its links, its first residual point when assessed, and their
 * audit entries, with ids and stamps given out in the order a save gives them. A save inserts one risk's; an import's
 * batch collects many and stages them with one statement per table.
 */
export function newRiskRows(
  ctx: ServiceContext,
  into: q.RiskRows,
  day: string,
  cols: RiskColumns,
  links: { commitmentIds: string[]; actionIds: string[] },
  opts: { source: 'edit' | 'import'; newId?: string; alertId?: string | null },
): string {
  const rid = opts.newId ?? newId();
  const risk = stampCreate(ctx, 'risk', { last_review_date: null, ...cols, id: rid, alert_id: opts.alertId ?? null });
  into.risks.push(risk.full);
  into.audit_log.push(risk.entry);
  for (const commitment_id of links.commitmentIds) into.risk_commitments.push({ risk_id: rid, commitment_id });
  for (const action_id of links.actionIds) into.risk_actions.push({ risk_id: rid, action_id });
  if (cols.residual_probability != null) {
    const point = stampCreate(ctx, 'risk_residual', residualPoint(rid, day, cols, opts.source === 'import' ? 'import' : 'create', null));
    into.risk_residual_history.push(point.full);
    into.audit_log.push(point.entry);
  }
  return rid;
}

const residualChanged = (
  a: { residual_probability: number | null; residual_impact: number | null },
  b: { residual_probability: number | null; residual_impact: number | null },
) => a.residual_probability !== b.residual_probability || a.residual_impact !== b.residual_impact;

/**
 * Creates or updates a risk inside the caller's transaction (the app's save and the import share it):
 * code unique among live risks, links to live commitments and actions, residual changes kept in the history.
 * Returns the id and whether anything changed.
 */
export async function writeRisk(
  ctx: ServiceContext,
  trx: WriteTx,
  input: Omit<In<'risks.save'>, 'code'> & { code?: string },
  opts: { source: 'edit' | 'import'; newId?: string; alertId?: string | null; lastReviewDate?: string | null } = { source: 'edit' },
): Promise<{ id: string; changed: boolean }> {
  const code = input.code || (input.id ? ((await getRow(trx, 'risks', input.id))?.code ?? '') : '') || (await nextCode(trx));
  const commitmentIds = [...new Set(input.commitmentIds)];
  const actionIds = [...new Set(input.actionIds)];
  checkRiskKeys(code, await q.codeTaken(trx, code, input.id), await liveLinkTargets(trx, commitmentIds, actionIds), commitmentIds, actionIds);
  const cols = riskColumns({ ...input, code }, opts.lastReviewDate);
  const day = today(ctx);
  if (input.id && !opts.newId) {
    const before = await live(trx, 'risks', input.id, 'risk');
    const links = await loadLinks(trx, [input.id]);
    const sameLinks =
      JSON.stringify((links.commitments.get(input.id) ?? []).map((l) => l.id).sort()) === JSON.stringify([...commitmentIds].sort()) &&
      JSON.stringify((links.actions.get(input.id) ?? []).map((l) => l.id).sort()) === JSON.stringify([...actionIds].sort());
    const sameCols = (Object.keys(cols) as Array<keyof RiskColumns>).every((k) => before[k] === cols[k]);
    if (sameCols && sameLinks && opts.source === 'import') return { id: input.id, changed: false };
    const expected = opts.source === 'import' ? before.updated_at : input.expectedUpdatedAt;
    await updateCurrent(ctx, trx, 'risks', 'risk', input.id, expected, cols as unknown as Record<string, unknown>);
    if (!sameLinks) {
      await q.replaceRiskLinks(trx, input.id, commitmentIds, actionIds);
      const at = nextTimestamp(ctx.now());
      await audit(
        trx,
        ctx.actor,
        at,
        'risk',
        input.id,
        'update',
        { commitmentIds: (links.commitments.get(input.id) ?? []).map((l) => l.id), actionIds: (links.actions.get(input.id) ?? []).map((l) => l.id) },
        { commitmentIds, actionIds },
      );
    }
    if (residualChanged(before, cols)) await recordResidual(ctx, trx, input.id, day, cols, opts.source);
    return { id: input.id, changed: true };
  }
  const rows = q.noRiskRows();
  const rid = newRiskRows(ctx, rows, day, cols, { commitmentIds, actionIds }, opts);
  await q.insertRiskRows(trx, rows);
  return { id: rid, changed: true };
}

export async function saveRisk(ctx: ServiceContext, input: In<'risks.save'>): Promise<RiskSummary> {
  const { id } = await ctx.tx((trx) => writeRisk(ctx, trx, input));
  const s = await registerState(ctx.db, today(ctx), { id });
  return s.risks[0];
}

export async function deleteRisk(ctx: ServiceContext, input: In<'risks.delete'>) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'risks', 'risk', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreRisk(ctx: ServiceContext, input: In<'risks.restore'>) {
  await ctx.tx(async (trx) => {
    const r = await getRow(trx, 'risks', input.id);
    if (r && r.deleted_at && (await q.codeTaken(trx, r.code, r.id))) throw validationError('code', 'duplicate', `code ${r.code} is now used by another risk`);
    await restoreRow(ctx, trx, 'risks', 'risk', input.id);
  });
  return null;
}
