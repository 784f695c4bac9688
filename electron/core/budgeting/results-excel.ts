import * as q from '../../../db/queries/budgeting';
import type { CampaignResults } from '../../contract';
import type { ServiceContext } from '../context';
import { writeWorkbook, type WriteOptions } from '../excel';
import { parseJson } from '../util';
import { getCampaign } from './service';
import { getResults } from './votes';

/**
 * The results report: summary (rule, tie-breaks, participation), the ranking with every proposal's reason,
 * each evaluator's scores and the final score, divergences and moderations, votes per proposal and the
 * votes refused by rule, the zones' budgets.
 */
export async function loadResultsReport(ctx: ServiceContext, campaignId: string) {
  const campaign = await getCampaign(ctx, { id: campaignId });
  const results = await getResults(ctx, { campaignId });
  const assignments = await q.listAssignments(ctx.db, { campaignId });
  const moderations = await q.moderationsOf(ctx.db, campaignId);
  const proposals = await q.listProposals(ctx.db, { campaignId });
  return { campaign, results, assignments, moderations, proposals };
}

export type ResultsReport = Awaited<ReturnType<typeof loadResultsReport>>;

const lei = (bani: number | null) => (bani == null ? null : bani / 100);

export async function writeResultsWorkbook(r: ResultsReport, out: string, opts: WriteOptions = {}) {
  const res: CampaignResults = r.results;
  const criteria = r.campaign.rubric.criteria;
  return writeWorkbook(
    out,
    async (wb) => {
      const sum = wb.sheet<{ what: string; value: string }>({
        name: 'Sumar',
        columns: [
          { key: 'what', header: 'Ce', width: 34 },
          { key: 'value', header: 'Valoare', width: 90, wrap: true },
        ],
      });
      const rate =
        res.participationRate == null
          ? 'fără cifra populației'
          : `${res.participationRate.toFixed(2).replace('.', ',')} % (${res.voters} votanți / ${res.population} locuitori)`;
      const status =
        res.status === 'final'
          ? 'FINAL — declarat după încheierea evaluării'
          : `PROVIZORIU — nu sunt rezultatele finale${res.unfinished.length ? `; evaluarea nu este încheiată: ${res.unfinished.map((u) => u.textRo).join('; ')}` : ''}`;
      for (const [what, value] of [
        ['Stare', status],
        ['Campanie', r.campaign.name],
        ['Regula de alegere a câștigătorilor', `${res.ruleTextRo}`],
        ['Departajare', res.tieBreakTextRo],
        ['Calculat la', res.computedAt],
        ['Motivul calculului', res.reason],
        ['Votanți distincți', String(res.voters)],
        ['Rata de participare', rate],
        ['Voturi numărate', String(res.votesCounted)],
        [
          'Voturi respinse (pe regulă)',
          Object.entries(res.refused)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ') || '—',
        ],
        [
          'Câștigători schimbați față de calculul anterior',
          res.changedFromPrevious.map((c) => res.projects.find((p) => p.proposalId === c.proposalId)?.code).join(', ') || '—',
        ],
      ] as const)
        await sum.addRow({ what, value });

      type RankRow = {
        zone: string;
        rank: number;
        code: string;
        title: string;
        votes: number;
        score: number | null;
        cost: number | null;
        won: string;
        reason: string;
        tie: string;
      };
      const rank = wb.sheet<RankRow>({
        name: 'Clasament',
        columns: [
          { key: 'zone', header: 'Zonă', width: 8 },
          { key: 'rank', header: 'Loc', type: 'int', width: 6 },
          { key: 'code', header: 'Cod', width: 10 },
          { key: 'title', header: 'Titlu', width: 40, wrap: true },
          { key: 'votes', header: 'Voturi', type: 'int' },
          { key: 'score', header: 'Punctaj final', type: 'decimal' },
          { key: 'cost', header: 'Cost (lei)', type: 'lei' },
          { key: 'won', header: 'Câștigător', width: 11 },
          { key: 'reason', header: 'De ce', width: 70, wrap: true },
          { key: 'tie', header: 'Departajat prin', width: 14 },
        ],
      });
      for (const p of res.projects)
        await rank.addRow({
          zone: p.zoneCode ?? '',
          rank: p.rank,
          code: p.code,
          title: p.title,
          votes: p.votes,
          score: p.score,
          cost: lei(p.cost),
          won: p.won ? 'da' : 'nu',
          reason: p.textRo,
          tie: p.tieBrokenBy ?? '',
        });

      type ZoneRow = { zone: string; budget: number | null; used: number | null; reserve: number | null; topUp: number | null; winners: number };
      const zs = wb.sheet<ZoneRow>({
        name: 'Bugete',
        columns: [
          { key: 'zone', header: 'Zonă', width: 30 },
          { key: 'budget', header: 'Buget (lei)', type: 'lei' },
          { key: 'used', header: 'Alocat (lei)', type: 'lei' },
          { key: 'reserve', header: 'Rezervă (lei)', type: 'lei' },
          { key: 'topUp', header: 'Suplimentare (lei)', type: 'lei' },
          { key: 'winners', header: 'Câștigători', type: 'int' },
        ],
      });
      for (const z of res.zones)
        await zs.addRow({ zone: z.label, budget: lei(z.budget), used: lei(z.used), reserve: lei(z.reserve), topUp: lei(z.topUp), winners: z.winners });

      type EvalRow = Record<string, string | number | null>;
      const ev = wb.sheet<EvalRow>({
        name: 'Evaluări',
        columns: [
          { key: 'code', header: 'Cod' },
          { key: 'evaluator', header: 'Evaluator', width: 24 },
          { key: 'status', header: 'Stare' },
          { key: 'round', header: 'Rundă', type: 'int' },
          ...criteria.map((c) => ({ key: `c_${c.key}`, header: c.name, type: 'int' as const })),
          { key: 'overall', header: 'Punctaj (0–100)', type: 'decimal' },
          { key: 'final', header: 'Punctaj final', type: 'decimal' },
          { key: 'method', header: 'Cum', width: 14 },
        ],
      });
      const finalOf = new Map(r.proposals.map((p) => [p.id, p]));
      for (const a of r.assignments) {
        const s = parseJson<Record<string, number>>(a.scores, {});
        const p = finalOf.get(a.proposal_id);
        const row: EvalRow = {
          code: a.proposal_code,
          evaluator: a.evaluator_name,
          status: a.status,
          round: a.round,
          overall: a.overall,
          final: p?.final_score ?? null,
          method: p?.final_method ?? '',
        };
        for (const c of criteria) row[`c_${c.key}`] = a.status === 'submitted' ? (s[c.key] ?? null) : null;
        await ev.addRow(row);
      }

      type DivRow = { code: string; divergent: string; final: number | null; method: string; rationale: string; participants: string; at: string };
      const dv = wb.sheet<DivRow>({
        name: 'Divergențe',
        columns: [
          { key: 'code', header: 'Cod' },
          { key: 'divergent', header: 'Divergență' },
          { key: 'final', header: 'Punctaj final', type: 'decimal' },
          { key: 'method', header: 'Cum' },
          { key: 'rationale', header: 'Motivarea moderării', width: 60, wrap: true },
          { key: 'participants', header: 'Participanți', width: 30 },
          { key: 'at', header: 'Când', type: 'datetime' },
        ],
      });
      for (const p of r.proposals.filter((x) => x.divergent === 1)) {
        const m = r.moderations.filter((x) => x.proposal_id === p.id).at(-1);
        await dv.addRow({
          code: p.code,
          divergent: 'da',
          final: p.final_score,
          method: p.final_method ?? '',
          rationale: m?.rationale ?? '',
          participants: m?.participants ?? '',
          at: m?.decided_at ?? '',
        });
      }
    },
    opts,
  );
}
