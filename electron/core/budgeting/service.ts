import type { DbOrTx, Tx } from '../../../db/connection';
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
  type MethodName,
  type ParsedInputOf,
  type SaveCampaignInput,
} from '../../contract';
import type { ServiceContext } from '../context';
import { newId, parseJson } from '../util';
import { insertAudited, live, notFound, restoreRow, softDeleteRow, updateCurrent } from '../writes';
import { cofinancingProblem } from './implementation';

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

export async function listCampaigns(ctx: ServiceContext, input: { includeDeleted?: boolean; id?: string } = {}, db: DbOrTx = ctx.db): Promise<BudgetCampaign[]> {
  const rows = await q.listCampaigns(db, input);
  const zones = await q.listZones(db, input.id);
  return rows.map((r) => toCampaign(r, zones.filter((z) => z.campaign_id === r.id)));
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

async function saveZones(ctx: ServiceContext, trx: Tx, campaignId: string, zones: In<'budgeting.saveCampaign'>['zones']) {
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
      await insertAudited(ctx, trx, 'budgeting_zones', 'budgeting zone', { id: newId(), campaign_id: campaignId, code: z.code, name: z.name, budget: z.budget });
    }
  }
  for (const e of existing) {
    if (kept.has(e.id)) continue;
    const used = (await q.listProposals(trx, { campaignId })).some((p) => p.zone_id === e.id);
    if (used) throw validationError('zones', 'zone_in_use', `zone ${e.code} has proposals and cannot be removed`);
    await softDeleteRow(ctx, trx, 'budgeting_zones', 'budgeting zone', e.id, e.updated_at);
  }
}

/** A campaign from its JSON definition file (docs/budgeting-campaign.md): every error names its JSON path. */
export async function createCampaignFromJson(ctx: ServiceContext, input: { json: string }): Promise<BudgetCampaign> {
  let data: unknown;
  try {
    data = JSON.parse(input.json);
  } catch (e) {
    throw validationError('json', 'invalid_json', `the file is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw validationError('json', 'invalid_type', 'the file must hold one JSON object (the campaign)');
  if ('id' in data || 'expectedUpdatedAt' in data) throw validationError('id', 'unrecognized_keys', 'a campaign file creates a new campaign: leave out id and expectedUpdatedAt');
  const parsed = saveCampaignInput.safeParse(data as SaveCampaignInput);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      field: i.path.length ? i.path.join('.') : 'json',
      reason: i.code,
      message: i.code === 'unrecognized_keys' ? `unknown field(s): ${(i as { keys?: string[] }).keys?.join(', ')}` : i.message,
    }));
    throw new AppError('VALIDATION', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
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
): { zoneId: string | null; problems: Array<{ field: string; reason: string; message: string }> } {
  const problems: Array<{ field: string; reason: string; message: string }> = [];
  let zoneId: string | null = null;
  if (v.zoneCode) {
    const key = v.zoneCode.trim().toLowerCase();
    const z = campaign.zones.find((z) => z.code.toLowerCase() === key || z.name.toLowerCase() === key);
    if (!z) problems.push({ field: field('zoneCode'), reason: 'unknown_zone', message: `"${v.zoneCode}" is not a zone of this campaign (${campaign.zones.map((z) => z.code).join(', ') || 'it has no zones'})` });
    else zoneId = z.id;
  } else if (campaign.zones.length && campaign.kind === 'pb') {
    problems.push({ field: field('zoneCode'), reason: 'required', message: `the campaign has zones: name one (${campaign.zones.map((z) => z.code).join(', ')})` });
  }
  if (campaign.kind === 'grant') {
    const line = campaign.grantLines.find((l) => l.code === v.grantLine);
    if (v.grantLine && !line) problems.push({ field: field('grantLine'), reason: 'unknown_line', message: `"${v.grantLine}" is not a line of this call` });
    if (line && v.requestedAmount != null && v.requestedAmount > line.ceiling)
      problems.push({ field: field('requestedAmount'), reason: 'over_ceiling', message: `the requested amount is above the line's ceiling (${line.ceiling / 100} lei)` });
    const low = cofinancingProblem(campaign, v.requestedAmount, v.cofinancing);
    if (low) problems.push({ field: field('cofinancing'), reason: 'below_minimum', message: low });
  }
  return { zoneId, problems };
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
  const { zoneId, problems } = checkProposal(campaign, input);
  if (problems.length) throw validationError(problems[0].field, problems[0].reason, problems[0].message);
  const id = await ctx.tx(async (trx) => {
    const code = input.code || nextCode((await q.proposalCodes(trx, input.campaignId)).map((p) => p.code));
    if (await q.proposalCodeTaken(trx, input.campaignId, code, input.id)) throw validationError('code', 'duplicate', `code ${code} is already used in this campaign`);
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
      grant_line: input.grantLine,
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

/** The eight-criterion checklist: eligible only when every criterion passes; each failure keeps its reason. */
export async function setEligibility(ctx: ServiceContext, input: In<'budgeting.setEligibility'>): Promise<BudgetProposal> {
  const checks = ELIGIBILITY_CRITERIA.map((c) => input.checks.find((x) => x.criterion === c)!);
  const eligible = checks.every((c) => c.pass);
  await ctx.tx(async (trx) => {
    const p = await live(trx, 'budgeting_proposals', input.id, 'budgeting proposal');
    const campaign = await getCampaign(ctx, { id: p.campaign_id }, trx);
    const cap = checks.find((c) => c.criterion === 'within_project_cap')!;
    const cost = num(p.cost_estimate) ?? num(p.requested_amount);
    if (cap.pass && campaign.capPerProject != null && cost != null && cost > campaign.capPerProject)
      throw validationError('checks.7.pass', 'over_cap', `the cost estimate (${cost / 100} lei) is above the cap per project (${campaign.capPerProject / 100} lei)`);
    await updateCurrent(ctx, trx, 'budgeting_proposals', 'budgeting proposal', input.id, input.expectedUpdatedAt, {
      eligibility: JSON.stringify(checks.map((c) => ({ criterion: c.criterion, pass: c.pass, reason: c.pass ? '' : c.reason }))),
      eligibility_status: eligible ? 'eligible' : 'ineligible',
      public_rejection_reason: eligible ? '' : input.publicRejectionReason,
    });
  });
  return getProposal(ctx, { id: input.id });
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
