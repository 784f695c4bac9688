import type { WriteTx } from '../../../db/access';
import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/budgeting';
import type { BudgetingAppealsTable, BudgetingCampaignsTable, BudgetingProposalsTable, BudgetingZonesTable } from '../../../db/schema/budgeting';
import {
  AppError,
  ELIGIBILITY_CRITERIA,
  saveCampaignInput,
  validationError,
  type BudgetAppeal,
  type BudgetCampaign,
  type BudgetProposal,
  type BudgetRubric,
  type DivergenceRule,
  type EligibilityCheck,
  type EligibilityStatus,
  type MethodName,
  type ParsedInputOf,
  type SaveCampaignInput,
} from '../../contract';
import type { ServiceContext } from '../context';
import { newId, parseJson } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { cofinancingProblem } from './implementation';
import { foldName } from './rules/votes';

type In<K extends MethodName> = ParsedInputOf<K>;

// ───────────────────────────── mappers

const num = (v: number | bigint | null) => (v == null ? null : Number(v));

export function toCampaign(c: BudgetingCampaignsTable & { proposal_count?: number | null }, zones: BudgetingZonesTable[]): BudgetCampaign {
  return {
    id: c.id,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    updatedBy: c.updated_by,
    deletedAt: c.deleted_at,
    name: c.name,
    kind: c.kind,
    edition: c.edition,
    description: c.description,
    phases: parseJson(c.phases, []),
    totalBudget: Number(c.total_budget),
    zones: zones.map((z) => ({ id: z.id, code: z.code, name: z.name, budget: Number(z.budget) })),
    capPerProject: num(c.cap_per_project),
    votesPerVoter: c.votes_per_voter,
    minimumAge: c.minimum_age,
    population: c.population,
    rubric: parseJson<BudgetRubric>(c.rubric, { criteria: [], overallMinimum: null }),
    divergence: parseJson<DivergenceRule>(c.divergence, { mode: 'percent', threshold: 30, scope: 'overall' }),
    evaluatorsPerProposal: c.evaluators_per_proposal,
    blindMode: c.blind_mode === 1,
    tieBreak: parseJson(c.tie_break, []),
    winnerRule: c.winner_rule,
    topupLimit: Number(c.topup_limit),
    equalSharesUtility: c.equal_shares_utility ?? 'cost',
    equalSharesCompletion: c.equal_shares_completion ?? 'add1_greedy',
    grantLines: parseJson(c.grant_lines, []),
    cofinancingMinPercent: c.cofinancing_min_percent,
    minScore: c.min_score,
    appealsFund: Number(c.appeals_fund ?? 0),
    proposalCount: Number(c.proposal_count ?? 0),
  };
}

type ProposalRow = BudgetingProposalsTable & { zone_code: string | null; active: number | null; submitted: number | null };

export function toProposal(p: ProposalRow, opts: { hideAuthor?: boolean } = {}): BudgetProposal {
  const hide = opts.hideAuthor === true;
  return {
    id: p.id,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    updatedBy: p.updated_by,
    deletedAt: p.deleted_at,
    campaignId: p.campaign_id,
    code: p.code,
    source: p.source,
    title: p.title,
    body: p.body,
    category: p.category,
    zoneId: p.zone_id,
    zoneCode: p.zone_code,
    address: p.address,
    latitude: p.latitude,
    longitude: p.longitude,
    externalState: p.external_state,
    externalVotes: p.external_votes,
    submittedOn: p.submitted_on,
    costEstimate: num(p.cost_estimate),
    grantLine: p.grant_line,
    requestedAmount: num(p.requested_amount),
    cofinancing: num(p.cofinancing),
    authorName: hide ? null : p.author_name,
    authorContact: hide ? null : p.author_contact,
    authorOrganisation: hide ? null : p.author_organisation,
    authorConsent: p.author_consent === 1,
    eligibility: parseJson<EligibilityCheck[]>(p.eligibility, []),
    eligibilityStatus: p.eligibility_status,
    publicRejectionReason: p.public_rejection_reason,
    feasibility: p.feasibility,
    feasibilityNote: p.feasibility_note,
    finalScore: p.final_score,
    finalMethod: p.final_method,
    divergent: p.divergent === 1,
    evaluationProgress: `${Number(p.submitted ?? 0)}/${Number(p.active ?? 0)}`,
  };
}

// ───────────────────────────── campaigns

export async function listCampaigns(
  ctx: ServiceContext,
  input: { includeDeleted?: boolean; id?: string } = {},
  db: DbOrTx = ctx.db,
): Promise<BudgetCampaign[]> {
  const rows = await q.listCampaigns(db, input);
  const zones = await q.listZones(db, input.id);
  return rows.map((r) =>
    toCampaign(
      r,
      zones.filter((z) => z.campaign_id === r.id),
    ),
  );
}

/** The campaign; inside a transaction pass `trx` (the one connection is held by it). */
export async function getCampaign(ctx: ServiceContext, input: { id: string }, db: DbOrTx = ctx.db): Promise<BudgetCampaign> {
  const [c] = await listCampaigns(ctx, { id: input.id, includeDeleted: true }, db);
  if (!c || c.deletedAt) throw notFound('budgeting campaign', input.id);
  return c;
}

const campaignColumns = (v: In<'budgeting.saveCampaign'>) => ({
  name: v.name,
  kind: v.kind,
  edition: v.edition,
  description: v.description,
  phases: JSON.stringify(v.phases),
  total_budget: v.totalBudget,
  cap_per_project: v.capPerProject,
  votes_per_voter: v.votesPerVoter,
  minimum_age: v.minimumAge,
  population: v.population,
  rubric: JSON.stringify(v.rubric),
  divergence: JSON.stringify(v.divergence),
  evaluators_per_proposal: v.evaluatorsPerProposal,
  blind_mode: v.blindMode ? 1 : 0,
  tie_break: JSON.stringify(v.tieBreak),
  winner_rule: v.winnerRule,
  topup_limit: v.topupLimit,
  equal_shares_utility: v.equalSharesUtility,
  equal_shares_completion: v.equalSharesCompletion,
  grant_lines: JSON.stringify(v.grantLines),
  cofinancing_min_percent: v.cofinancingMinPercent,
  min_score: v.minScore,
  appeals_fund: v.appealsFund,
});

export async function saveCampaign(ctx: ServiceContext, input: In<'budgeting.saveCampaign'>): Promise<BudgetCampaign> {
  const id = await ctx.tx(async (trx) => {
    let id = input.id;
    if (id) {
      const before = await live(trx, 'budgeting_campaigns', id, 'budgeting campaign');
      // The rubric cannot change under submitted scores: they were given against it.
      if (before.rubric !== JSON.stringify(input.rubric)) {
        const submitted = (await q.listAssignments(trx, { campaignId: id })).some((a) => a.status === 'submitted');
        if (submitted) throw validationError('rubric', 'scores_submitted', 'the rubric cannot change once evaluators have submitted scores');
      }
      await updateCurrent(ctx, trx, 'budgeting_campaigns', 'budgeting campaign', id, input.expectedUpdatedAt, campaignColumns(input));
    } else {
      id = newId();
      await insertAudited(ctx, trx, 'budgeting_campaigns', 'budgeting campaign', { id, ...campaignColumns(input) });
    }
    await saveZones(ctx, trx, id, input.zones);
    return id;
  });
  return getCampaign(ctx, { id });
}

async function saveZones(ctx: ServiceContext, trx: WriteTx, campaignId: string, zones: In<'budgeting.saveCampaign'>['zones']) {
  const existing = await q.listZones(trx, campaignId);
  const kept = new Set<string>();
  for (const z of zones) {
    const match = existing.find((e) => (z.id ? e.id === z.id : e.code.toLowerCase() === z.code.toLowerCase()));
    if (z.id && !match) throw validationError('zones', 'unknown_zone', `zone ${z.id} is not a zone of this campaign`);
    if (match) {
      kept.add(match.id);
      if (match.code !== z.code || match.name !== z.name || Number(match.budget) !== z.budget)
        await updateCurrent(ctx, trx, 'budgeting_zones', 'budgeting zone', match.id, match.updated_at, { code: z.code, name: z.name, budget: z.budget });
    } else {
      await insertAudited(ctx, trx, 'budgeting_zones', 'budgeting zone', {
        id: newId(),
        campaign_id: campaignId,
        code: z.code,
        name: z.name,
        budget: z.budget,
      });
    }
  }
  for (const e of existing) {
    if (kept.has(e.id)) continue;
    const used = (await q.listProposals(trx, { campaignId })).some((p) => p.zone_id === e.id);
    if (used) throw validationError('zones', 'zone_in_use', `zone ${e.code} has proposals and cannot be removed`);
    await softDeleteRow(ctx, trx, 'budgeting_zones', 'budgeting zone', e.id, e.updated_at);
  }
}

type JsonIssue = { field: string; reason: string; message: string };

/** An amount in lei as people write it (4000000, 1234.5; decimals to the ban) → integer bani. */
function leiToBani(v: unknown, field: string, issues: JsonIssue[]): unknown {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.push({ field, reason: 'invalid_type', message: 'an amount in lei: a number, decimals to the ban (e.g. 500000 or 1234.50)' });
    return v;
  }
  const bani = Math.round(v * 100);
  if (Math.abs(v * 100 - bani) > 1e-6)
    issues.push({ field, reason: 'too_precise', message: `${v} lei has more than two decimals (the smallest amount is 1 ban, 0.01 lei)` });
  return bani;
}

/**
 * Money in a campaign file is in lei, and the file says so: `"currency": "RON"` beside the usual names
 * (totalBudget, zones[].budget, capPerProject, topupLimit, appealsFund, grantLines[].ceiling), or the names
 * ending in `Lei` (totalBudgetLei, zones[].budgetLei …). The database keeps bani. A plain amount without either is
 * refused: 4000000 could be 4 million lei or 40,000 lei written in bani.
 */
export function campaignFileMoney(data: Record<string, unknown>): { value: Record<string, unknown>; issues: JsonIssue[] } {
  const issues: JsonIssue[] = [];
  const value: Record<string, unknown> = { ...data };
  const currency = value.currency;
  delete value.currency;
  if (currency !== undefined && currency !== 'RON')
    issues.push({ field: 'currency', reason: 'invalid_value', message: 'currency must be "RON": the amounts beside it are in lei' });
  const convert = (obj: Record<string, unknown>, key: string, path: string) => {
    const leiKey = `${key}Lei`;
    if (leiKey in obj) {
      if (key in obj) issues.push({ field: path, reason: 'unrecognized_keys', message: `give either ${key} (with "currency": "RON") or ${leiKey}, not both` });
      obj[key] = leiToBani(obj[leiKey], `${path}Lei`, issues);
      delete obj[leiKey];
    } else if (key in obj) {
      if (currency === 'RON') obj[key] = leiToBani(obj[key], path, issues);
      else
        issues.push({
          field: path,
          reason: 'unit_missing',
          message: `say the amount's unit: name it ${leiKey} (in lei), or add "currency": "RON" to the file (amounts in lei)`,
        });
    }
  };
  for (const k of ['totalBudget', 'capPerProject', 'topupLimit', 'appealsFund']) convert(value, k, k);
  if (Array.isArray(value.zones))
    value.zones = value.zones.map((z: unknown, i: number) => {
      if (!z || typeof z !== 'object') return z;
      const o = { ...(z as Record<string, unknown>) };
      convert(o, 'budget', `zones.${i}.budget`);
      return o;
    });
  if (Array.isArray(value.grantLines))
    value.grantLines = value.grantLines.map((l: unknown, i: number) => {
      if (!l || typeof l !== 'object') return l;
      const o = { ...(l as Record<string, unknown>) };
      convert(o, 'ceiling', `grantLines.${i}.ceiling`);
      return o;
    });
  return { value, issues };
}

const leiText = (bani: number) => `${(bani / 100).toLocaleString('ro-RO', { maximumFractionDigits: 2 })} lei`;

/** Amounts that look 1/100 off (one of them written in bani, or in lei where bani were meant): said before anything is written. */
export function campaignMoneyWarnings(
  v: { totalBudget: number; zones: Array<{ code: string; budget: number }>; capPerProject: number | null },
  proposalCosts: number[] = [],
): string[] {
  const out: string[] = [];
  const zoneSum = v.zones.reduce((a, z) => a + z.budget, 0);
  const near = (a: number, b: number) => b > 0 && Math.abs(a - b) <= b * 0.02;
  if (v.zones.length && near(zoneSum * 100, v.totalBudget))
    out.push(
      `bugetele zonelor însumează ${leiText(zoneSum)}, a suta parte din bugetul total de ${leiText(v.totalBudget)}: una dintre sume pare scrisă în bani în loc de lei`,
    );
  if (v.zones.length && near(zoneSum, v.totalBudget * 100))
    out.push(
      `bugetele zonelor însumează ${leiText(zoneSum)}, de 100 de ori bugetul total de ${leiText(v.totalBudget)}: una dintre sume pare scrisă în bani în loc de lei`,
    );
  const maxZone = Math.max(0, ...v.zones.map((z) => z.budget));
  if (v.capPerProject != null && maxZone > 0 && v.capPerProject >= maxZone * 50)
    out.push(`plafonul pe proiect (${leiText(v.capPerProject)}) este de cel puțin 50 de ori bugetul celei mai mari zone (${leiText(maxZone)})`);
  out.push(...proposalCostWarnings(maxZone, proposalCosts));
  return out;
}

/**
 * The proposals' costs against the largest zone budget (or the total budget of a campaign without zones): a typical
 * (median) cost of 50 times that budget or more means the zone budgets look 1/100 of what they should be (or the
 * costs 100 times). Said by the proposals import (its dry run too), before anything is written.
 */
export function proposalCostWarnings(largestBudget: number, proposalCosts: number[]): string[] {
  const costs = proposalCosts.filter((c) => c > 0).sort((a, b) => a - b);
  const typical = costs[Math.floor(costs.length / 2)];
  if (largestBudget > 0 && costs.length && typical >= largestBudget * 50)
    return [
      `costul tipic al propunerilor (${leiText(typical)}) este de cel puțin 50 de ori bugetul celei mai mari zone (${leiText(largestBudget)}): bugetele zonelor par a fi a suta parte din cât trebuie (sau costurile scrise în bani în loc de lei)`,
    ];
  return [];
}

/**
 * A campaign from its JSON definition file (docs/budgeting-campaign.md): every error names its JSON path; amounts
 * in lei (campaignFileMoney); amounts that look 1/100 off are refused with a warning, writing nothing, unless
 * `acceptWarnings`.
 */
export async function createCampaignFromJson(ctx: ServiceContext, input: { json: string; acceptWarnings?: boolean }): Promise<BudgetCampaign> {
  let data: unknown;
  try {
    data = JSON.parse(input.json);
  } catch (e) {
    throw validationError('json', 'invalid_json', `the file is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw validationError('json', 'invalid_type', 'the file must hold one JSON object (the campaign)');
  if ('id' in data || 'expectedUpdatedAt' in data)
    throw validationError('id', 'unrecognized_keys', 'a campaign file creates a new campaign: leave out id and expectedUpdatedAt');
  const money = campaignFileMoney(data as Record<string, unknown>);
  const parsed = saveCampaignInput.safeParse(money.value as SaveCampaignInput);
  if (!parsed.success || money.issues.length) {
    const issues = [
      ...money.issues,
      ...(parsed.success ? [] : parsed.error.issues).map((i) => ({
        field: i.path.length ? i.path.join('.') : 'json',
        reason: i.code,
        message: i.code === 'unrecognized_keys' ? `unknown field(s): ${(i as { keys?: string[] }).keys?.join(', ')}` : i.message,
      })),
    ];
    throw new AppError('VALIDATION', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
  }
  const warnings = campaignMoneyWarnings(parsed.data);
  if (warnings.length && !input.acceptWarnings) {
    const message = `Sumele par greșite de 100 de ori; nu s-a scris nimic: ${warnings.join('; ')}. Verificați că toate sumele sunt în lei (sau creați campania totuși, acceptând avertismentul).`;
    throw new AppError('VALIDATION', message, { issues: [{ field: 'zones', reason: 'amounts_look_off', message }], warnings });
  }
  return saveCampaign(ctx, parsed.data);
}

export async function deleteCampaign(ctx: ServiceContext, input: { id: string; expectedUpdatedAt: string }) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'budgeting_campaigns', 'budgeting campaign', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreCampaign(ctx: ServiceContext, input: { id: string }) {
  await ctx.tx((trx) => restoreRow(ctx, trx, 'budgeting_campaigns', 'budgeting campaign', input.id));
  return null;
}

// ───────────────────────────── proposals

export async function listProposals(ctx: ServiceContext, input: { campaignId: string; includeDeleted?: boolean }): Promise<BudgetProposal[]> {
  await getCampaign(ctx, { id: input.campaignId });
  return (await q.listProposals(ctx.db, input)).map((p) => toProposal(p));
}

export async function getProposal(ctx: ServiceContext, input: { id: string }, opts: { hideAuthor?: boolean } = {}): Promise<BudgetProposal> {
  const [p] = await q.listProposals(ctx.db, { id: input.id });
  if (!p) throw notFound('budgeting proposal', input.id);
  return toProposal(p, opts);
}

/** The next free code P-001, P-002 … of a campaign. */
export function nextCode(taken: Iterable<string>): string {
  let max = 0;
  for (const c of taken) {
    const m = /^P-(\d+)$/.exec(c);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `P-${String(max + 1).padStart(3, '0')}`;
}

export interface ProposalFields {
  code: string;
  title: string;
  body: string;
  category: string;
  zone_id: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  submitted_on: string | null;
  cost_estimate: number | null;
  grant_line: string;
  requested_amount: number | null;
  cofinancing: number | null;
  author_name: string;
  author_contact: string;
  author_organisation: string;
  author_consent: number;
}

/** Checks a proposal against its campaign (zone, grant line, ceilings, co-financing); returns the zone id. */
export function checkProposal(
  campaign: BudgetCampaign,
  v: { zoneCode: string | null; grantLine: string; requestedAmount: number | null; cofinancing: number | null },
  field = (f: string) => f,
): { zoneId: string | null; grantLine: string; problems: Array<{ field: string; reason: string; message: string }> } {
  const problems: Array<{ field: string; reason: string; message: string }> = [];
  let zoneId: string | null = null;
  let grantLine = v.grantLine;
  if (v.zoneCode) {
    // By code or by name ("Zona 6", as Decidim writes the scope), ignoring case and diacritics.
    const key = foldName(v.zoneCode);
    const z = campaign.zones.find((z) => foldName(z.code) === key || foldName(z.name) === key);
    if (!z)
      problems.push({
        field: field('zoneCode'),
        reason: 'unknown_zone',
        message: `zona «${v.zoneCode}» nu este codul sau numele unei zone; zonele campaniei: ${campaign.zones.map((z) => `${z.code} «${z.name}»`).join(', ') || '(campania nu are zone)'}`,
      });
    else zoneId = z.id;
  } else if (campaign.zones.length && campaign.kind === 'pb') {
    problems.push({
      field: field('zoneCode'),
      reason: 'required',
      message: `the campaign has zones: name one (${campaign.zones.map((z) => z.code).join(', ')})`,
    });
  }
  if (campaign.kind === 'grant') {
    const line = v.grantLine
      ? campaign.grantLines.find((l) => foldName(l.code) === foldName(v.grantLine) || foldName(l.name) === foldName(v.grantLine))
      : undefined;
    if (v.grantLine && !line)
      problems.push({
        field: field('grantLine'),
        reason: 'unknown_line',
        message: `linia «${v.grantLine}» nu este codul sau numele unei linii de finanțare; liniile apelului: ${campaign.grantLines.map((l) => `${l.code} «${l.name}»`).join(', ') || '(niciuna)'}`,
      });
    if (line) grantLine = line.code;
    if (line && v.requestedAmount != null && v.requestedAmount > line.ceiling)
      problems.push({
        field: field('requestedAmount'),
        reason: 'over_ceiling',
        message: `the requested amount is above the line's ceiling (${line.ceiling / 100} lei)`,
      });
    const low = cofinancingProblem(campaign, v.requestedAmount, v.cofinancing);
    if (low) problems.push({ field: field('cofinancing'), reason: 'below_minimum', message: low });
  }
  return { zoneId, grantLine, problems };
}

/** Grant co-financing: own contribution ≥ the campaign's minimum share of the project total. */
export function cofinancingOk(campaign: BudgetCampaign, requested: number | null, cofinancing: number | null) {
  if (requested == null) return true;
  const own = cofinancing ?? 0;
  const total = requested + own;
  return total === 0 || own * 100 >= campaign.cofinancingMinPercent * total;
}

export async function saveProposal(ctx: ServiceContext, input: In<'budgeting.saveProposal'>): Promise<BudgetProposal> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  const { zoneId, grantLine, problems } = checkProposal(campaign, input);
  if (problems.length) throw validationError(problems[0].field, problems[0].reason, problems[0].message);
  const id = await ctx.tx(async (trx) => {
    const code = input.code || nextCode((await q.proposalCodes(trx, input.campaignId)).map((p) => p.code));
    if (await q.proposalCodeTaken(trx, input.campaignId, code, input.id))
      throw validationError('code', 'duplicate', `code ${code} is already used in this campaign`);
    const cols: ProposalFields = {
      code,
      title: input.title,
      body: input.body,
      category: input.category,
      zone_id: zoneId,
      address: input.address,
      latitude: input.latitude,
      longitude: input.longitude,
      submitted_on: input.submittedOn,
      cost_estimate: input.costEstimate,
      grant_line: grantLine,
      requested_amount: input.requestedAmount,
      cofinancing: input.cofinancing,
      author_name: input.authorName,
      author_contact: input.authorContact,
      author_organisation: input.authorOrganisation,
      author_consent: input.authorConsent ? 1 : 0,
    };
    if (input.id) {
      const before = await live(trx, 'budgeting_proposals', input.id, 'budgeting proposal');
      if (before.campaign_id !== input.campaignId) throw validationError('campaignId', 'immutable', 'a proposal cannot move to another campaign');
      await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id, input.expectedUpdatedAt, cols as never);
      return input.id;
    }
    const id = newId();
    await insertAudited(ctx, trx, 'budgeting_proposals', 'budgeting proposal', { id, campaign_id: input.campaignId, source: 'manual', ...cols });
    return id;
  });
  return getProposal(ctx, { id });
}

export async function deleteProposal(ctx: ServiceContext, input: { id: string; expectedUpdatedAt: string }) {
  await ctx.tx((trx) => softDeleteRow(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id, input.expectedUpdatedAt));
  return null;
}

export async function restoreProposal(ctx: ServiceContext, input: { id: string }) {
  await ctx.tx((trx) => restoreRow(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id));
  return null;
}

/** Eligible only when all eight criteria pass; ineligible when one fails; otherwise still to decide. */
export function eligibilityStatus(checks: ReadonlyArray<{ pass: boolean | null }>): EligibilityStatus {
  if (checks.some((c) => c.pass === false)) return 'ineligible';
  return checks.length === ELIGIBILITY_CRITERIA.length && checks.every((c) => c.pass === true) ? 'eligible' : 'pending';
}

/** A criterion passed for a proposal whose cost is above the campaign's cap per project: the message, or null. */
function capProblem(campaign: BudgetCampaign, p: { cost_estimate: unknown; requested_amount: unknown }, checks: ReadonlyArray<EligibilityCheck>) {
  const cap = checks.find((c) => c.criterion === 'within_project_cap');
  const cost = num(p.cost_estimate as never) ?? num(p.requested_amount as never);
  if (cap?.pass === true && campaign.capPerProject != null && cost != null && cost > campaign.capPerProject)
    return `the cost estimate (${cost / 100} lei) is above the cap per project (${campaign.capPerProject / 100} lei)`;
  return null;
}

const storedChecks = (checks: ReadonlyArray<EligibilityCheck>) =>
  JSON.stringify(
    ELIGIBILITY_CRITERIA.map((criterion) => {
      const c = checks.find((x) => x.criterion === criterion);
      const pass = c ? c.pass : null;
      return { criterion, pass, reason: pass === false ? (c?.reason ?? '') : '' };
    }),
  );

/** The eight-criterion checklist: eligible only when every criterion passes; each failure keeps its reason; undecided stays pending. */
export async function setEligibility(ctx: ServiceContext, input: In<'budgeting.setEligibility'>): Promise<BudgetProposal> {
  const checks = ELIGIBILITY_CRITERIA.map((c) => input.checks.find((x) => x.criterion === c)!);
  const status = eligibilityStatus(checks);
  await ctx.tx(async (trx) => {
    const p = await live(trx, 'budgeting_proposals', input.id, 'budgeting proposal');
    const campaign = await getCampaign(ctx, { id: p.campaign_id }, trx);
    const over = capProblem(campaign, p, checks);
    if (over) throw validationError('checks.7.pass', 'over_cap', over);
    await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id, input.expectedUpdatedAt, {
      eligibility: storedChecks(checks),
      eligibility_status: status,
      public_rejection_reason: status === 'ineligible' ? input.publicRejectionReason : '',
    });
  });
  return getProposal(ctx, { id: input.id });
}

/**
 * Some criteria of some proposals, named by code (bulk eligibility, the CLI): each proposal keeps its other criteria;
 * all or nothing, every unknown code or capped cost named. A rejection without a public reason gets the failed
 * criteria's reasons.
 */
export async function setEligibilityCriteria(ctx: ServiceContext, input: In<'budgeting.setEligibilityCriteria'>): Promise<BudgetProposal[]> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  const ids = await ctx.tx(async (trx) => {
    const proposals = await q.listProposals(trx, { campaignId: input.campaignId });
    const byCode = new Map(proposals.map((p) => [p.code.toLowerCase(), p]));
    const problems: Array<{ field: string; reason: string; message: string }> = [];
    const planned = new Map<string, { p: (typeof proposals)[number]; checks: EligibilityCheck[] }>();
    input.items.forEach((it, i) => {
      const p = byCode.get(it.proposalCode.trim().toLowerCase());
      if (!p) {
        problems.push({ field: `items.${i}.proposalCode`, reason: 'unknown_proposal', message: `${it.proposalCode} is not a proposal of this campaign` });
        return;
      }
      const plan = planned.get(p.id) ?? { p, checks: parseJson<EligibilityCheck[]>(p.eligibility, []) };
      plan.checks = [...plan.checks.filter((c) => c.criterion !== it.criterion), { criterion: it.criterion, pass: it.pass, reason: it.reason }];
      planned.set(p.id, plan);
    });
    for (const { p, checks } of planned.values()) {
      const over = capProblem(campaign, p, checks);
      if (over) problems.push({ field: `${p.code}.within_project_cap`, reason: 'over_cap', message: `${p.code}: ${over}` });
    }
    if (problems.length) throw new AppError('VALIDATION', problems.map((x) => x.message).join('; '), { issues: problems });
    for (const { p, checks } of planned.values()) {
      const status = eligibilityStatus(ELIGIBILITY_CRITERIA.map((c) => checks.find((x) => x.criterion === c) ?? { criterion: c, pass: null, reason: '' }));
      const failed = checks.filter((c) => c.pass === false).map((c) => c.reason);
      const publicReason = status !== 'ineligible' ? '' : input.publicRejectionReason || p.public_rejection_reason || failed.join('; ');
      const cols = { eligibility: storedChecks(checks), eligibility_status: status, public_rejection_reason: publicReason };
      if (cols.eligibility !== p.eligibility || status !== p.eligibility_status || publicReason !== p.public_rejection_reason)
        await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', p.id, p.updated_at, cols);
    }
    return [...planned.keys()];
  });
  const out: BudgetProposal[] = [];
  for (const id of ids) out.push(await getProposal(ctx, { id }));
  return out;
}

/** Technical feasibility and cost estimate: kept apart from the merit scores. */
export async function setFeasibility(ctx: ServiceContext, input: In<'budgeting.setFeasibility'>): Promise<BudgetProposal> {
  await ctx.tx(async (trx) => {
    await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id, input.expectedUpdatedAt, {
      feasibility: input.feasibility,
      feasibility_note: input.note,
      cost_estimate: input.costEstimate,
    });
  });
  return getProposal(ctx, { id: input.id });
}

// ───────────────────────────── appeals

const toAppeal = (a: BudgetingAppealsTable & { proposal_code: string | null }): BudgetAppeal => ({
  id: a.id,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  updatedBy: a.updated_by,
  deletedAt: a.deleted_at,
  campaignId: a.campaign_id,
  proposalId: a.proposal_id,
  proposalCode: a.proposal_code,
  appellant: a.appellant,
  lodgedOn: a.lodged_on,
  deadline: a.deadline,
  grounds: a.grounds,
  outcome: a.outcome,
  decidedOn: a.decided_on,
  decision: a.decision,
});

export async function listAppeals(ctx: ServiceContext, input: { campaignId: string }): Promise<BudgetAppeal[]> {
  await getCampaign(ctx, { id: input.campaignId });
  return (await q.listAppeals(ctx.db, input)).map(toAppeal);
}

export async function saveAppeal(ctx: ServiceContext, input: In<'budgeting.saveAppeal'>): Promise<BudgetAppeal> {
  await getCampaign(ctx, { id: input.campaignId });
  const id = await ctx.tx(async (trx) => {
    if (input.proposalId) {
      const p = await live(trx, 'budgeting_proposals', input.proposalId, 'budgeting proposal');
      if (p.campaign_id !== input.campaignId) throw validationError('proposalId', 'other_campaign', 'the proposal belongs to another campaign');
    }
    const cols = {
      proposal_id: input.proposalId,
      appellant: input.appellant,
      lodged_on: input.lodgedOn,
      deadline: input.deadline,
      grounds: input.grounds,
      outcome: input.outcome,
      decided_on: input.decidedOn,
      decision: input.decision,
    };
    if (input.id) {
      await updateCurrent(ctx, trx, 'budgeting_appeals', 'budgeting appeal', input.id, input.expectedUpdatedAt, cols);
      return input.id;
    }
    const id = newId();
    await insertAudited(ctx, trx, 'budgeting_appeals', 'budgeting appeal', { id, campaign_id: input.campaignId, ...cols });
    return id;
  });
  const [a] = await q.listAppeals(ctx.db, { id });
  return toAppeal(a);
}
