import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { differingFields } from '../../renderer/src/ui/conflict';
import { decisionAsValues, reviewAsValues } from '../../renderer/src/features/risks/conflicts';

/**
 * A decision on a risk alert and a review of a risk add a step rather than edit fields. When a colleague saved first,
 * the conflict view shows the colleague's step beside the user's: these are the saved records as those forms' values.
 */
const fields = (names: string[]) => names.map((name) => ({ name, label: name }));

describe('a colleague decided on the alert meanwhile', () => {
  const mine = { decision: 'register', date: dayjs('2026-12-06'), note: 'O trecem în registru', category: 'legal', owner: 'Ana', actionIds: ['a1'] };

  it('shows their decision, date and note beside the user’s, and keeps the user’s values for the new risk', () => {
    const theirs = decisionAsValues({ decision: 'file', decisionDate: '2026-12-05', decisionNote: 'Se arhivează' }, mine);
    expect(differingFields(fields(['decision', 'date', 'note']), mine, theirs).map((f) => f.name)).toEqual(['decision', 'date', 'note']);
    expect(theirs).toMatchObject({ category: 'legal', owner: 'Ana', actionIds: ['a1'] });
  });

  it('shows an alert edited but not yet decided as having no decision', () => {
    const theirs = decisionAsValues({ decision: null, decisionDate: null, decisionNote: '' }, mine);
    expect(theirs).toMatchObject({ decision: null, date: null, note: '' });
  });
});

describe('a colleague reviewed (or changed) the risk meanwhile', () => {
  const opened = '2026-12-06T09:00:00.000Z';
  const review = (createdAt: string, note: string) => ({ createdAt, date: createdAt.slice(0, 10), reviewer: 'Radu', decision: 'reduce', note });
  const mine = {
    date: dayjs('2026-12-06'),
    reviewer: 'Elena',
    decision: 'keep',
    note: 'Rămâne așa',
    changeResidual: false,
    residualProbability: 2,
    residualImpact: 3,
  };

  it('shows the newest review added after the form opened beside the user’s', () => {
    const r = {
      reviews: [review('2026-12-01T08:00:00.000Z', 'veche'), review('2026-12-06T09:05:00.000Z', 'prima'), review('2026-12-06T09:07:00.000Z', 'a doua')],
      residualProbability: 2,
      residualImpact: 3,
    };
    const theirs = reviewAsValues(r as never, opened, mine);
    expect(theirs).toMatchObject({ reviewer: 'Radu', decision: 'reduce', note: 'a doua' });
    expect(differingFields(fields(['date', 'reviewer', 'decision', 'note', 'residualProbability', 'residualImpact']), mine, theirs).map((f) => f.name)).toEqual(
      ['reviewer', 'decision', 'note'],
    );
  });

  it('shows nothing of older reviews, and the residual score only when the user is changing it', () => {
    const r = { reviews: [review('2026-12-06T09:00:00.000Z', 'cea de la deschidere')], residualProbability: 4, residualImpact: 5 };
    const names = fields(['date', 'reviewer', 'decision', 'note', 'residualProbability', 'residualImpact']);
    expect(differingFields(names, mine, reviewAsValues(r as never, opened, mine))).toEqual([]);
    const changing = { ...mine, changeResidual: true };
    expect(differingFields(names, changing, reviewAsValues(r as never, opened, changing)).map((f) => f.name)).toEqual([
      'residualProbability',
      'residualImpact',
    ]);
  });
});
