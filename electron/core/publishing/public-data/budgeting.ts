import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import type { CampaignResults } from '../../../contract';
import { parseJson } from '../../util';
import { redact } from './redaction';
import { push, uniqueSlugs } from './shared';
import type { PublicCampaign } from './types';

/** Campaigns with their proposals and implementation; results only once declared final. */
export async function collectCampaigns(db: DbOrTx): Promise<PublicCampaign[]> {
  const [campaigns, zones, results, proposals, projects] = await Promise.all([
    q.siteCampaigns(db),
    q.siteZones(db),
    q.siteResults(db),
    q.siteProposals(db),
    q.siteProjects(db),
  ]);
  if (!campaigns.length) return [];
  const zonesBy = new Map<string, PublicCampaign['zones']>();
  for (const z of zones) push(zonesBy, z.campaign_id, { code: z.code, name: redact(z.name), budget: Number(z.budget) });
  const resultBy = new Map(results.map((r) => [r.campaign_id, parseJson<CampaignResults | null>(r.result, null)]));
  const proposalsBy = new Map<string, PublicCampaign['proposals']>();
  for (const p of proposals)
    push(proposalsBy, p.campaign_id, {
      id: p.id,
      code: p.code,
      title: redact(p.title),
      category: redact(p.category),
      zoneCode: p.zone_code ?? null,
      costEstimate: p.cost_estimate == null ? null : Number(p.cost_estimate),
      eligibility: p.eligibility_status,
      rejectionReason: redact(p.public_rejection_reason),
      author: redact(
        [p.author_name, p.author_organisation]
          .map((x) => String(x ?? '').trim())
          .filter(Boolean)
          .join(', '),
      ),
    });
  const projectsBy = new Map<string, PublicCampaign['implementation']>();
  for (const x of projects)
    push(projectsBy, x.campaign_id, {
      proposalId: x.proposal_id,
      status: x.status,
      progress: x.progress,
      planned: Number(x.planned),
      committed: Number(x.committed),
      paid: Number(x.paid),
      startDate: x.start_date,
      endDate: x.end_date,
      completedOn: x.completed_on,
    });
  const slugs = uniqueSlugs(campaigns.map((c) => ({ id: c.id, code: `${c.edition}-${c.name}` })));
  return campaigns.map((c) => {
    const latest = resultBy.get(c.id) ?? null;
    const r = latest?.status === 'final' ? latest : null;
    return {
      id: c.id,
      slug: slugs.get(c.id)!,
      name: redact(c.name),
      kind: c.kind,
      edition: redact(c.edition),
      description: redact(c.description),
      totalBudget: Number(c.total_budget),
      capPerProject: c.cap_per_project == null ? null : Number(c.cap_per_project),
      votesPerVoter: c.votes_per_voter,
      minimumAge: c.minimum_age,
      zones: zonesBy.get(c.id) ?? [],
      resultsPending: !!latest && !r,
      result: r
        ? {
            ruleText: redact(r.ruleTextRo),
            tieBreakText: redact(r.tieBreakTextRo),
            voters: r.voters,
            population: r.population,
            participationRate: r.participationRate,
            votesCounted: r.votesCounted,
            zones: r.zones.map((z) => ({ ...z, label: redact(z.label) })),
            projects: r.projects.map((p) => ({
              proposalId: p.proposalId,
              code: p.code,
              title: redact(p.title),
              zoneCode: p.zoneCode,
              cost: p.cost,
              votes: p.votes,
              score: p.score,
              rank: p.rank,
              won: p.won,
              funded: p.funded,
              why: redact(p.textRo),
            })),
          }
        : null,
      proposals: proposalsBy.get(c.id) ?? [],
      implementation: projectsBy.get(c.id) ?? [],
    };
  });
}
