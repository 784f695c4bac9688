import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { saveCampaignInput } from '../../electron/contract';
import { anchorsToText, formIssues, toCampaignInput, type CampaignValues } from '../../renderer/src/features/budgeting/campaign-input';

const ZONE = '0190a8e2-7c1d-7b3e-8f00-1234567890ab';

/** What a coordinator typed in the campaign form (money in lei, dates picked, anchors one a line). */
const typed = (over: Partial<CampaignValues> = {}): CampaignValues => ({
  name: 'Timișoara decide 2027',
  kind: 'pb',
  edition: '2027',
  description: '',
  phases: [{ kind: 'submission', startsOn: dayjs('2027-03-01'), endsOn: dayjs('2027-04-15') }],
  totalBudget: 1_000_000.25,
  zones: [
    { id: ZONE, code: 'N', name: 'Nord', budget: 400_000 },
    { code: 'S', name: 'Sud', budget: 600_000.25 },
  ],
  capPerProject: null,
  votesPerVoter: 5,
  minimumAge: 16,
  population: null,
  criteria: [{ key: 'impact', name: 'Impact', weight: 2, min: 0, max: 5, anchors: '5 = excelent\n0 = absent\nnot an anchor', minimum: null }],
  overallMinimum: null,
  divMode: 'percent',
  divThreshold: 30,
  divScope: 'overall',
  evaluatorsPerProposal: 2,
  blindMode: false,
  tieBreak: ['score', 'cost_asc'],
  winnerRule: 'greedy',
  topupLimit: null,
  equalSharesUtility: 'cost',
  equalSharesCompletion: 'add1_greedy',
  minScore: null,
  cofinancingMinPercent: null,
  ...over,
});

describe('the campaign form sends what the coordinator typed', () => {
  it('turns lei into bani, picked days into ISO dates and anchor lines into the rubric, and the contract accepts it', () => {
    const input = toCampaignInput(typed());
    expect(input.totalBudget).toBe(100_000_025);
    expect(input.zones).toEqual([
      { id: ZONE, code: 'N', name: 'Nord', budget: 40_000_000 },
      { code: 'S', name: 'Sud', budget: 60_000_025 },
    ]);
    expect(input.phases).toEqual([{ kind: 'submission', startsOn: '2027-03-01', endsOn: '2027-04-15' }]);
    expect(input.rubric.criteria[0].anchors).toEqual({ '0': 'absent', '5': 'excelent' });
    expect(input.divergence).toEqual({ mode: 'percent', threshold: 30, scope: 'overall' });
    expect(input).not.toHaveProperty('id');
    expect(saveCampaignInput.safeParse(input).error?.issues ?? []).toEqual([]);
  });

  it('an edit carries the campaign, the version it was opened on and its grant lines', () => {
    const input = toCampaignInput(typed(), { id: 'c-1', grantLines: [] }, '2027-01-01T10:00:00.000Z');
    expect(input).toMatchObject({ id: 'c-1', expectedUpdatedAt: '2027-01-01T10:00:00.000Z', grantLines: [] });
  });

  it('a field left empty goes as the contract expects it (texts as "", unset numbers left to the defaults)', () => {
    const input = toCampaignInput(typed({ edition: undefined as unknown as string, votesPerVoter: null, population: null }));
    expect(input.edition).toBe('');
    expect(input.votesPerVoter).toBeUndefined();
    expect(input.population).toBeNull();
  });

  it('a bani fraction is kept, so the contract refuses it rather than the form rounding it away', () => {
    const input = toCampaignInput(typed({ totalBudget: 10.005 }));
    expect(Number.isInteger(input.totalBudget)).toBe(false);
    const r = saveCampaignInput.safeParse(input);
    expect(r.success).toBe(false);
  });

  it('anchors read back as the lines they were typed from, and the contract’s paths land on the form’s fields', () => {
    expect(anchorsToText({ '5': 'excelent', '0': 'absent' })).toBe('0 = absent\n5 = excelent');
    expect(
      formIssues([
        { field: 'rubric.criteria.0.max', reason: 'too_big' },
        { field: 'divergence.threshold', reason: 'too_small' },
      ] as never).map((i) => i.field),
    ).toEqual(['criteria.0.max', 'divThreshold']);
  });
});
