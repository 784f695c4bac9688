import type { Dayjs } from 'dayjs';
import type { BudgetCampaign, CampaignKind, FieldIssue, PhaseKind, TieBreak, WinnerRule } from '../../../../electron/contract';
import { fromDayjs, toDayjs } from '../../ui/dates';
import { toBani, toLei } from '../../ui/money';

export interface CriterionValues {
  key: string;
  name: string;
  weight: number | null;
  min: number | null;
  max: number | null;
  /** One anchor a line: "0 = niciun impact". */
  anchors: string;
  minimum: number | null;
}

export interface CampaignValues {
  name: string;
  kind: CampaignKind;
  edition: string;
  description: string;
  phases: Array<{ kind: PhaseKind; startsOn: Dayjs | null; endsOn: Dayjs | null }>;
  totalBudget: number | null;
  zones: Array<{ id?: string; code: string; name: string; budget: number | null }>;
  capPerProject: number | null;
  votesPerVoter: number | null;
  minimumAge: number | null;
  population: number | null;
  criteria: CriterionValues[];
  overallMinimum: number | null;
  divMode: 'percent' | 'points';
  divThreshold: number | null;
  divScope: 'overall' | 'criterion';
  evaluatorsPerProposal: number | null;
  blindMode: boolean;
  tieBreak: TieBreak[];
  winnerRule: WinnerRule;
  topupLimit: number | null;
  equalSharesUtility: BudgetCampaign['equalSharesUtility'];
  equalSharesCompletion: BudgetCampaign['equalSharesCompletion'];
  minScore: number | null;
  cofinancingMinPercent: number | null;
}

export const CAMPAIGN_FIELDS = [
  'name',
  'kind',
  'edition',
  'description',
  'phases',
  'totalBudget',
  'zones',
  'capPerProject',
  'votesPerVoter',
  'minimumAge',
  'population',
  'criteria',
  'overallMinimum',
  'divThreshold',
  'evaluatorsPerProposal',
  'tieBreak',
  'winnerRule',
  'topupLimit',
  'equalSharesUtility',
  'equalSharesCompletion',
  'minScore',
  'cofinancingMinPercent',
];

/** "0 = absent\n5 = excelent" ↔ { "0": "absent", "5": "excelent" } */
export const anchorsToText = (a: Record<string, string>) =>
  Object.entries(a)
    .sort((x, y) => Number(x[0]) - Number(y[0]))
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
export const textToAnchors = (s: string | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const line of (s ?? '').split(/\r?\n/)) {
    const m = /^\s*(\d+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
};

/** The contract's field paths → the form's (rubric.criteria.0.max → criteria, divergence.threshold → divThreshold). */
export function formIssues(issues: FieldIssue[]) {
  return issues.map((i) => {
    const f = i.field
      .replace(/^rubric\.criteria/, 'criteria')
      .replace(/^rubric\.overallMinimum/, 'overallMinimum')
      .replace(/^divergence\..*/, 'divThreshold');
    return { ...i, field: f };
  });
}

/** A saved campaign as the form's values (money in lei, dates as Dayjs, the rubric's anchors as lines). */
export const toCampaignValues = (campaign: BudgetCampaign): Partial<CampaignValues> => ({
  ...campaign,
  phases: campaign.phases.map((p) => ({ kind: p.kind, startsOn: toDayjs(p.startsOn), endsOn: toDayjs(p.endsOn) })),
  totalBudget: toLei(campaign.totalBudget),
  zones: campaign.zones.map((z) => ({ id: z.id, code: z.code, name: z.name, budget: toLei(z.budget) })),
  capPerProject: toLei(campaign.capPerProject),
  criteria: campaign.rubric.criteria.map((c) => ({ ...c, anchors: anchorsToText(c.anchors) })),
  overallMinimum: campaign.rubric.overallMinimum,
  divMode: campaign.divergence.mode,
  divThreshold: campaign.divergence.threshold,
  divScope: campaign.divergence.scope,
  topupLimit: toLei(campaign.topupLimit),
});

/**
 * The form's values as `budgeting.saveCampaign`'s input, before the contract checks it: money in bani, dates as
 * ISO days, anchors parsed, empty texts as ''. `campaign` is the record being edited (its id, its grant lines) and
 * `base` the version the form was opened on.
 */
export function toCampaignInput(v: CampaignValues, campaign?: Pick<BudgetCampaign, 'id' | 'grantLines'>, base?: string | null) {
  return {
    ...(campaign ? { id: campaign.id, expectedUpdatedAt: base } : {}),
    name: v.name,
    kind: v.kind,
    edition: v.edition ?? '',
    description: v.description ?? '',
    phases: (v.phases ?? []).map((p) => ({ kind: p.kind, startsOn: fromDayjs(p.startsOn), endsOn: fromDayjs(p.endsOn) })),
    totalBudget: toBani(v.totalBudget),
    zones: (v.zones ?? []).map((z) => ({ ...(z.id ? { id: z.id } : {}), code: z.code ?? '', name: z.name ?? '', budget: toBani(z.budget) })),
    capPerProject: toBani(v.capPerProject),
    votesPerVoter: v.votesPerVoter ?? undefined,
    minimumAge: v.minimumAge ?? undefined,
    population: v.population ?? null,
    rubric: {
      criteria: (v.criteria ?? []).map((c) => ({
        key: c.key ?? '',
        name: c.name ?? '',
        weight: c.weight,
        min: c.min,
        max: c.max,
        anchors: textToAnchors(c.anchors),
        minimum: c.minimum ?? null,
      })),
      overallMinimum: v.overallMinimum ?? null,
    },
    divergence: { mode: v.divMode, threshold: v.divThreshold, scope: v.divScope },
    evaluatorsPerProposal: v.evaluatorsPerProposal ?? undefined,
    blindMode: !!v.blindMode,
    tieBreak: v.tieBreak ?? [],
    winnerRule: v.winnerRule,
    topupLimit: toBani(v.topupLimit) ?? undefined,
    equalSharesUtility: v.equalSharesUtility ?? undefined,
    equalSharesCompletion: v.equalSharesCompletion ?? undefined,
    grantLines: campaign?.grantLines ?? [],
    cofinancingMinPercent: v.cofinancingMinPercent ?? undefined,
    minScore: v.minScore ?? null,
  };
}
