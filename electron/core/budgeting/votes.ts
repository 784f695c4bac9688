import * as q from '../../../db/queries/budgeting';
import {
  asciiSlug,
  AppError,
  validationError,
  type BudgetCampaign,
  type CampaignResults,
  type MethodName,
  type PaperBatchStatus,
  type UnfinishedReason,
  type ParsedInputOf,
  type VoteImportReport,
  type WinnerExplanation,
} from '../../contract';
import type { ServiceContext } from '../context';
import { newId, nextTimestamp, parseJson } from '../util';
import { insertAudited, notFound, updateCurrent } from '../writes';
import { refusalStop, VOTE_REFUSAL_RO } from './refusals';
import {
  BallotBuilder,
  computeWinners,
  participationRate,
  readVoteColumns,
  RuleInputError,
  toPabulib,
  VoteFileError,
  type ReasonCode,
  type RuleProject,
  type VoteRejectRule,
  type VoterTable,
} from './rules';
import { getCampaign } from './service';

/**
 * Votes (the platform's CSV, or paper ballots by double entry) and results: the tally, the campaign's winner
 * rule per zone through the rules library, every project's reason, participation, recomputation after an
 * appeal (audited, with what changed), and the Pabulib export.
 */

type In<K extends MethodName> = ParsedInputOf<K>;

/** Voters' ballot rows built and written at a time by the votes import. */
const BALLOT_ROWS = 50_000;

/** A proposal takes part in the vote unless found ineligible or not feasible. */
const votable = (p: { eligibility_status: string; feasibility: string }) => p.eligibility_status !== 'ineligible' && p.feasibility !== 'not_feasible';

async function voteContext(ctx: ServiceContext, campaignId: string) {
  const campaign = await getCampaign(ctx, { id: campaignId });
  const proposals = await q.listProposals(ctx.db, { campaignId });
  return {
    campaign,
    proposals,
    options: {
      votesPerVoter: campaign.votesPerVoter,
      knownIds: new Set(proposals.map((p) => p.code)),
      eligibleIds: new Set(proposals.filter(votable).map((p) => p.code)),
      zoneOf: campaign.zones.length ? new Map(proposals.map((p) => [p.code, p.zone_code])) : undefined,
      zones: campaign.zones.map((z) => ({ code: z.code, name: z.name })),
      ballots: false,
    },
  };
}

/**
 * The platform's vote CSV: replaces the campaign's previously imported platform votes; refused votes are counted by
 * rule. More than 1 % of the rows refused for one reason stops the import (nothing written) unless accepted.
 */
export async function importVotes(
  ctx: ServiceContext,
  campaignId: string,
  file: string,
  fileName: string,
  dryRun: boolean,
  acceptRefused = false,
): Promise<VoteImportReport> {
  const { campaign, proposals, options } = await voteContext(ctx, campaignId);
  const toReport = (r: Awaited<ReturnType<typeof readVoteColumns>>, replaced: boolean): VoteImportReport => {
    const refused: Record<string, number> = {};
    const refusedRo: VoteImportReport['refusedRo'] = [];
    const examples: VoteImportReport['examples'] = [];
    for (const [rule, c] of Object.entries(r.rejectedBy) as Array<[VoteRejectRule, (typeof r.rejectedBy)[VoteRejectRule]]>) {
      if (c.count) {
        refused[rule] = c.count;
        refusedRo.push({ rule, label: VOTE_REFUSAL_RO[rule].label, count: c.count });
      }
      for (const s of c.samples.slice(0, 5)) examples.push({ line: s.row, rule, voterKey: s.voter, proposal: s.proposal, value: s.value, detail: s.detail });
    }
    examples.sort((a, b) => a.line - b.line);
    const base = {
      dryRun,
      rows: r.rows,
      counted: r.accepted,
      voters: r.voters,
      refused,
      refusedRo,
      examples,
      replacedPrevious: replaced,
      unusedColumns: r.unusedColumns,
    };
    return { ...base, stopped: refusalStop(base, campaign.zones) };
  };
  const stop = (rep: VoteImportReport) =>
    new AppError('VALIDATION', rep.stopped!.message, { issues: [{ field: 'file', reason: 'too_many_refused', message: rep.stopped!.message }], report: rep });
  try {
    const replacing = (await q.latestVoteImport(ctx.db, campaignId, 'platform')) != null;
    if (dryRun) return toReport(await readVoteColumns(file, options), replacing);
    // One pass: a stopped import throws inside the transaction, which leaves the campaign's votes as they were.
    return await ctx.tx(async (trx) => {
      const replaced = (await q.deleteVotes(trx, campaignId, 'platform')) > 0;
      const campaignNo = await q.voteCampaignNo(trx, campaignId, true);
      const noById = await q.voteProposalNos(
        trx,
        campaignNo,
        proposals.map((p) => p.id),
      );
      // The proposals' numbers in the order the checker numbers them (options.knownIds: the proposals' codes).
      const noByCode = new Map(proposals.map((p) => [p.code, noById.get(p.id)!]));
      const noOfProject = Int32Array.from(options.knownIds, (code) => noByCode.get(code)!);
      // Each voter's time is the time of their first counted vote; a vote keeps its own only where it differs
      // ('' where the row had none but the voter has one), null otherwise: the checker keeps both in its voter table
      // (the same in every batch; no batch when no vote is counted), the k-th vote of voter v being its ballot's k-th.
      let voters: VoterTable | undefined;
      const report = await readVoteColumns(file, { ...options, ballots: true, batchSize: 50_000 }, (b) => {
        voters = b.voters;
      });
      const rep = toReport(report, replaced);
      if (rep.stopped && !acceptRefused) throw stop({ ...rep, dryRun: true });
      // One row per voter: their key and time, their ballot's proposal numbers joined by commas, and their votes' own
      // times where any differs; written 50,000 voters at a time, so only that many rows' texts are held at once.
      const { voterCount, offsets, projects } = report.ballots!;
      const noText = Array.from(noOfProject, String);
      for (let from = 0; from < voterCount; from += BALLOT_ROWS) {
        const table = voters!;
        const n = Math.min(BALLOT_ROWS, voterCount - from);
        const no = new Int32Array(n);
        const keys = new Array<string>(n);
        const at = new Array<string | null>(n);
        const ballot = new Array<string>(n);
        const times = new Array<string | null>(n).fill(null);
        for (let i = 0; i < n; i++) {
          const v = from + i;
          no[i] = v + 1;
          keys[i] = table.key(v);
          at[i] = table.at(v);
          let text = '';
          for (let j = offsets[v]; j < offsets[v + 1]; j++) text += j > offsets[v] ? `,${noText[projects[j]]}` : noText[projects[j]];
          ballot[i] = text;
          if (table.hasVoteTimes(v)) times[i] = JSON.stringify(Array.from({ length: offsets[v + 1] - offsets[v] }, (_, k) => table.voteAt(v, k)));
        }
        await q.insertBallots(trx, campaignNo, { no, key: keys, at, proposals: ballot, times }, n);
      }
      // The tally the check counted while reading is the one stored: the results do not count the votes again.
      await q.setPlatformVoteCounts(trx, campaignNo, new Map([...report.tally].map(([code, n]) => [noByCode.get(code)!, n])));
      await insertAudited(ctx, trx, 'budgeting_vote_imports', 'budgeting vote import', {
        id: newId(),
        campaign_id: campaignId,
        file_name: fileName,
        source: 'platform',
        rows: rep.rows,
        counted: rep.counted,
        voters: rep.voters,
        refused: JSON.stringify(rep.refused),
      });
      return rep;
    });
  } catch (e) {
    if (e instanceof VoteFileError) throw validationError('file', 'unreadable', e.message);
    throw e;
  }
}

// ───────────────────────────── paper ballots: double entry

interface Ballot {
  voterKey: string;
  proposalCodes: string[];
}

const ballotKey = (b: Ballot) => `${b.voterKey}|${[...b.proposalCodes].sort().join(',')}`;

function batchStatus(batchCode: string, entries: Array<{ entry: number; ballots: string }>): PaperBatchStatus {
  const one = entries.find((e) => e.entry === 1);
  const two = entries.find((e) => e.entry === 2);
  const mismatches: PaperBatchStatus['mismatches'] = [];
  const a = one ? parseJson<Ballot[]>(one.ballots, []) : [];
  const b = two ? parseJson<Ballot[]>(two.ballots, []) : [];
  if (one && two)
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] ? ballotKey(a[i]) : '(lipsă)';
      const y = b[i] ? ballotKey(b[i]) : '(lipsă)';
      if (x !== y) mismatches.push({ ballot: i + 1, first: x, second: y });
    }
  return {
    batchCode,
    entries: entries.map((e) => e.entry).sort(),
    reconciled: !!one && !!two && mismatches.length === 0,
    ballots: Math.max(a.length, b.length),
    mismatches,
  };
}

/** One entry of a paper ballot batch; when the second entry matches the first, the batch's votes are counted. */
export async function enterPaperBatch(ctx: ServiceContext, input: In<'budgeting.enterPaperBatch'>): Promise<PaperBatchStatus> {
  const { campaign, proposals } = await voteContext(ctx, input.campaignId);
  const byCode = new Map(proposals.map((p) => [p.code, p]));
  const voters = new Set<string>();
  input.ballots.forEach((b, i) => {
    if (voters.has(b.voterKey)) throw validationError(`ballots.${i}.voterKey`, 'duplicate', `ballot ${b.voterKey} is entered twice in this batch`);
    voters.add(b.voterKey);
    if (new Set(b.proposalCodes).size !== b.proposalCodes.length)
      throw validationError(`ballots.${i}.proposalCodes`, 'duplicate', 'a proposal is marked twice on this ballot');
    if (b.proposalCodes.length > campaign.votesPerVoter)
      throw validationError(
        `ballots.${i}.proposalCodes`,
        'over_limit',
        `a ballot carries at most ${campaign.votesPerVoter} votes; this one has ${b.proposalCodes.length}`,
      );
    b.proposalCodes.forEach((c, j) => {
      const p = byCode.get(c);
      if (!p) throw validationError(`ballots.${i}.proposalCodes.${j}`, 'unknown_proposal', `${c} is not a proposal of this campaign`);
      if (!votable(p)) throw validationError(`ballots.${i}.proposalCodes.${j}`, 'ineligible_proposal', `${c} is not on the ballot (not eligible)`);
    });
  });
  return ctx.tx(async (trx) => {
    const existing = await q.paperEntries(trx, input.campaignId, input.batchCode);
    const before = batchStatus(input.batchCode, existing);
    if (before.reconciled) throw validationError('batchCode', 'reconciled', `batch ${input.batchCode} is already reconciled and counted`);
    const same = existing.find((e) => e.entry === input.entry);
    if (same)
      await updateCurrent(ctx, trx, 'budgeting_paper_entries', 'budgeting paper entry', same.id, same.updated_at, { ballots: JSON.stringify(input.ballots) });
    else
      await insertAudited(ctx, trx, 'budgeting_paper_entries', 'budgeting paper entry', {
        id: newId(),
        campaign_id: input.campaignId,
        batch_code: input.batchCode,
        entry: input.entry,
        ballots: JSON.stringify(input.ballots),
      });
    const status = batchStatus(input.batchCode, await q.paperEntries(trx, input.campaignId, input.batchCode));
    if (status.reconciled) {
      await q.deleteVotes(trx, input.campaignId, 'paper', input.batchCode);
      const campaignNo = await q.voteCampaignNo(trx, input.campaignId, true);
      const noById = await q.voteProposalNos(
        trx,
        campaignNo,
        proposals.map((p) => p.id),
      );
      // Paper ballots are numbered below the campaign's lowest voter number: −1, −2, …
      let next = await q.lowestVoterNo(trx, campaignNo);
      const voters = { no: [] as number[], key: [] as string[], at: [] as null[], proposals: [] as string[], times: [] as null[] };
      let votes = 0;
      for (const b of input.ballots) {
        voters.no.push(--next);
        voters.key.push(`paper:${input.batchCode}:${b.voterKey}`);
        voters.at.push(null);
        voters.proposals.push(b.proposalCodes.map((c) => noById.get(byCode.get(c)!.id)!).join(','));
        voters.times.push(null);
        votes += b.proposalCodes.length;
      }
      await q.insertBallots(trx, campaignNo, voters, voters.no.length);
      await q.recountPaperVotes(trx, campaignNo);
      await insertAudited(ctx, trx, 'budgeting_vote_imports', 'budgeting vote import', {
        id: newId(),
        campaign_id: input.campaignId,
        file_name: `hârtie: lotul ${input.batchCode}`,
        source: 'paper',
        rows: votes,
        counted: votes,
        voters: input.ballots.length,
        refused: '{}',
      });
    }
    return status;
  });
}

export async function listPaperBatches(ctx: ServiceContext, input: { campaignId: string }): Promise<PaperBatchStatus[]> {
  await getCampaign(ctx, { id: input.campaignId });
  const all = await q.paperEntries(ctx.db, input.campaignId);
  const codes = [...new Set(all.map((e) => e.batch_code))];
  return codes.map((c) =>
    batchStatus(
      c,
      all.filter((e) => e.batch_code === c),
    ),
  );
}

// ───────────────────────────── results

/**
 * A campaign's stored ballots: voters in the order of their keys (the order ballots always had), each voter's votes
 * in the order stored.
 */
async function storedBallots(ctx: ServiceContext, campaignId: string, projectIds: string[]) {
  const { voters, proposals } = await q.voteBallots(ctx.db, campaignId);
  voters.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const b = new BallotBuilder(projectIds);
  for (const v of voters) for (const p of v.proposals) b.add(v.key, proposals.get(p)!);
  return b.build();
}

/** The rules library's input for a campaign: every live proposal with its votes, cost, zone and eligibility. */
export async function ruleInput(ctx: ServiceContext, campaign: BudgetCampaign) {
  const proposals = await q.listProposals(ctx.db, { campaignId: campaign.id });
  const tally = new Map((await q.voteTally(ctx.db, campaign.id)).map((t) => [t.proposal_id, Number(t.votes)]));
  const minimum = campaign.rubric.overallMinimum;
  const projects: RuleProject[] = proposals.map((p) => {
    const cost = p.cost_estimate ?? p.requested_amount;
    let reason = '';
    if (p.eligibility_status === 'ineligible') reason = p.public_rejection_reason || 'neeligibil';
    else if (p.feasibility === 'not_feasible') reason = `nefezabil tehnic${p.feasibility_note ? `: ${p.feasibility_note}` : ''}`;
    else if (cost == null) reason = 'fără estimare de cost';
    else if (
      campaign.kind === 'grant' &&
      p.requested_amount != null &&
      (p.cofinancing ?? 0) * 100 < campaign.cofinancingMinPercent * (Number(p.requested_amount) + Number(p.cofinancing ?? 0))
    )
      reason = `cofinanțare sub ${campaign.cofinancingMinPercent} %`;
    else if (minimum != null && p.final_score != null && p.final_score < minimum) reason = `punctaj ${p.final_score} sub minimul de ${minimum}`;
    return {
      id: p.id,
      code: p.code,
      title: p.title,
      cost: Number(cost ?? 0),
      zone: campaign.zones.length ? p.zone_code : null,
      votes: tally.get(p.id) ?? 0,
      score: p.final_score,
      eligible: reason === '',
      ...(reason ? { ineligibleReason: reason } : {}),
      submittedAt: p.submitted_on ?? p.created_at,
    };
  });
  let ballots;
  if (campaign.winnerRule === 'equal_shares')
    ballots = await storedBallots(
      ctx,
      campaign.id,
      projects.map((p) => p.id),
    );
  return {
    proposals,
    input: {
      rule: campaign.winnerRule,
      // A grant call's appeals fund is kept back from the ranking (it pays upheld appeals).
      totalBudget: campaign.totalBudget - campaign.appealsFund,
      zones: campaign.zones.map((z) => ({ key: z.code, budget: z.budget, label: z.name })),
      topUpLimit: campaign.topupLimit,
      completion: campaign.equalSharesCompletion,
      utility: campaign.equalSharesUtility,
      tieBreak: campaign.tieBreak,
      ...(campaign.minScore != null ? { minScore: campaign.minScore } : {}),
      projects,
      ...(ballots ? { ballots } : {}),
    },
  };
}

const UNFINISHED_RO: Record<UnfinishedReason, string> = {
  eligibility_undecided: 'eligibilitatea nu este decisă pentru toate criteriile',
  evaluation_missing: 'evaluarea nu este încheiată (lipsesc evaluări sau punctajul final)',
  divergence_unresolved: 'divergența dintre evaluatori nu este rezolvată (fără punctaj final)',
};

/**
 * What keeps a campaign's evaluation open: every proposal still in the running (not found ineligible or not
 * feasible) needs its eight eligibility criteria decided and a final score (all evaluations in, a divergence
 * resolved by a third evaluation or a moderation). Until then results are only provisional.
 */
export async function unfinishedEvaluation(ctx: ServiceContext, campaignId: string): Promise<CampaignResults['unfinished']> {
  const out: CampaignResults['unfinished'] = [];
  // A vote-only PB (no rubric) has no evaluation to wait for: only eligibility.
  const evaluated = (await getCampaign(ctx, { id: campaignId })).rubric.criteria.length > 0;
  for (const p of await q.listProposals(ctx.db, { campaignId })) {
    if (!votable(p)) continue;
    const add = (reason: UnfinishedReason) => out.push({ proposalCode: p.code, reason, textRo: `${p.code}: ${UNFINISHED_RO[reason]}` });
    if (p.eligibility_status === 'pending') add('eligibility_undecided');
    if (evaluated && p.final_score == null) add(p.divergent === 1 ? 'divergence_unresolved' : 'evaluation_missing');
  }
  return out;
}

/** The Romanian sentence that refuses a final declaration, naming the first open proposals. */
export function unfinishedMessage(unfinished: CampaignResults['unfinished']) {
  const first = unfinished
    .slice(0, 5)
    .map((u) => u.textRo)
    .join('; ');
  const more = unfinished.length > 5 ? ` și încă ${unfinished.length - 5}` : '';
  return `Rezultatele nu pot fi declarate finale cât timp evaluarea nu este încheiată: ${first}${more}. Rezultatele se pot calcula doar ca provizorii.`;
}

/** Tally, winners by the campaign's rule, and why each proposal won or did not; stored and audited. */
export async function computeResults(ctx: ServiceContext, input: In<'budgeting.computeResults'>): Promise<CampaignResults> {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  const unfinished = await unfinishedEvaluation(ctx, campaign.id);
  if (input.final && unfinished.length) throw validationError('final', 'evaluation_unfinished', unfinishedMessage(unfinished));
  if (input.appealId) {
    const [a] = await q.listAppeals(ctx.db, { id: input.appealId });
    if (!a || a.campaign_id !== campaign.id) throw notFound('budgeting appeal', input.appealId);
    if (a.outcome === 'pending') throw validationError('appealId', 'pending', 'decide the appeal before recomputing the result');
  }
  const { input: ri } = await ruleInput(ctx, campaign);
  let out;
  try {
    out = computeWinners(ri);
  } catch (e) {
    if (e instanceof RuleInputError) throw validationError(e.field, 'rule_input', e.message);
    throw e;
  }
  const byId = new Map(ri.projects.map((p) => [p.id, p]));
  const projects: WinnerExplanation[] = out.decisions.map((d) => {
    const p = byId.get(d.projectId)!;
    return {
      proposalId: p.id,
      code: p.code,
      title: p.title,
      zoneCode: d.zone,
      cost: p.cost,
      votes: p.votes,
      score: p.score,
      rank: d.rank,
      won: d.won,
      funded: d.funded,
      tieBrokenBy: d.tieBrokenBy ?? null,
      reason: { code: d.reason.code, params: d.reason.params },
      textRo: d.text.ro,
      textEn: d.text.en,
    };
  });
  const voters = await q.distinctVoters(ctx.db, campaign.id);
  const imports = await q.latestVoteImport(ctx.db, campaign.id, 'platform');
  return ctx.tx(async (trx) => {
    const prev = await q.latestResult(trx, campaign.id);
    const before = prev ? parseJson<CampaignResults | null>(prev.result, null) : null;
    const wonBefore = new Map((before?.projects ?? []).map((p) => [p.proposalId, p.won]));
    const at = nextTimestamp(ctx.now(), prev?.computed_at);
    const id = newId();
    const appeal = input.appealId ? (await q.listAppeals(trx, { id: input.appealId }))[0] : null;
    const result: CampaignResults = {
      id,
      campaignId: campaign.id,
      computedAt: at,
      computedBy: ctx.actor.id,
      status: input.final ? 'final' : 'provisional',
      unfinished,
      rule: campaign.winnerRule,
      ruleTextRo: out.ruleText.ro,
      ruleTextEn: out.ruleText.en,
      ...(campaign.winnerRule === 'equal_shares'
        ? { equalSharesUtility: campaign.equalSharesUtility, equalSharesCompletion: campaign.equalSharesCompletion }
        : {}),
      tieBreak: campaign.tieBreak,
      tieBreakTextRo: out.tieBreakText.ro,
      reason: appeal
        ? `recalculare după contestația ${appeal.appellant} (${appeal.outcome})${input.note ? `: ${input.note}` : ''}`
        : input.note || (prev ? 'recalculare' : 'primul calcul'),
      appealId: input.appealId,
      voters,
      population: campaign.population,
      participationRate: participationRate(voters, campaign.population),
      votesCounted: projects.reduce((s, p) => s + p.votes, 0),
      refused: imports ? parseJson<Record<string, number>>(imports.refused, {}) : {},
      projects,
      zones: out.zones.map((z) => ({
        zoneCode: z.key,
        label: z.label,
        budget: z.budget,
        used: z.used,
        remaining: z.remaining,
        reserve: z.reserve,
        topUp: z.topUp,
        winners: z.winners,
        projects: z.projects,
      })),
      changedFromPrevious: before
        ? projects
            .filter((p) => (wonBefore.get(p.proposalId) ?? false) !== p.won)
            .map((p) => ({ proposalId: p.proposalId, before: wonBefore.get(p.proposalId) ?? false, after: p.won }))
        : [],
    };
    await insertAudited(ctx, trx, 'budgeting_results', 'budgeting result', {
      id,
      campaign_id: campaign.id,
      computed_at: at,
      rule: campaign.winnerRule,
      appeal_id: input.appealId,
      reason: result.reason,
      result: JSON.stringify(result),
    });
    return result;
  });
}

export async function getResults(ctx: ServiceContext, input: { campaignId: string }): Promise<CampaignResults> {
  await getCampaign(ctx, { id: input.campaignId });
  const r = await q.latestResult(ctx.db, input.campaignId);
  if (!r) throw notFound('budgeting result', input.campaignId);
  const res = JSON.parse(r.result) as CampaignResults;
  return { ...res, status: res.status ?? 'provisional', unfinished: res.unfinished ?? [] };
}

/**
 * The vote in Pabulib format: one file per zone (a .pb file describes one budget). The winners, and the rule the
 * file declares, are the latest computed results' (so `selected` is always the declared rule's outcome); projects
 * come in that result's ranking order, which is the order pabulib-checker replays greedy rules in.
 */
export async function exportPabulib(ctx: ServiceContext, input: { campaignId: string }) {
  const campaign = await getCampaign(ctx, { id: input.campaignId });
  const { input: ri } = await ruleInput(ctx, { ...campaign, winnerRule: 'equal_shares' });
  const last = await q.latestResult(ctx.db, campaign.id);
  const result = last ? parseJson<CampaignResults | null>(last.result, null) : null;
  const won = new Map((result?.projects ?? []).filter((p) => p.won).map((p) => [p.proposalId, p.reason.code as ReasonCode]));
  const rankOf = new Map((result?.projects ?? []).map((p, i) => [p.proposalId, i]));
  const phase = campaign.phases.find((p) => p.kind === 'vote');
  const year = (phase?.startsOn ?? campaign.createdAt).slice(0, 4);
  const units = campaign.zones.length
    ? campaign.zones.map((z) => ({ key: z.code, label: z.name, budget: z.budget }))
    : [{ key: null, label: null, budget: campaign.totalBudget }];
  const slug = asciiSlug(campaign.name, { sep: '_', keepEnds: true });
  const rule = result?.rule ?? campaign.winnerRule;
  return {
    files: units.map((u) => {
      const projects = ri.projects
        .filter((p) => p.eligible && (u.key == null || p.zone === u.key))
        .sort((a, b) => (rankOf.get(a.id) ?? 1e9) - (rankOf.get(b.id) ?? 1e9) || b.votes - a.votes || a.code.localeCompare(b.code, 'ro', { numeric: true }));
      const ids = new Set(projects.map((p) => p.id));
      const b = new BallotBuilder(projects.map((p) => p.id));
      const all = ri.ballots!;
      for (let v = 0; v < all.voterCount; v++)
        for (let k = all.offsets[v]; k < all.offsets[v + 1]; k++) {
          const pid = all.projectIds[all.projects[k]];
          if (ids.has(pid)) b.add(all.voterKeys?.[v] ?? String(v + 1), pid);
        }
      const content = toPabulib({
        description: `${campaign.name}${u.label ? ` — ${u.label}` : ''}`,
        instance: campaign.edition || year,
        subunit: u.label,
        budget: u.budget,
        maxLength: campaign.votesPerVoter,
        rule,
        completion: result?.equalSharesCompletion ?? campaign.equalSharesCompletion,
        utility: result?.equalSharesUtility ?? campaign.equalSharesUtility,
        topUpLimit: campaign.topupLimit,
        dateBegin: phase?.startsOn ?? year,
        dateEnd: phase?.endsOn ?? year,
        projects,
        ...(result ? { selected: new Set([...won.keys()].filter((id) => ids.has(id))), wonBy: won } : {}),
        ballots: b.build(),
      });
      return { fileName: `${slug}${u.key ? `_${u.key}` : ''}.pb`, content };
    }),
  };
}
