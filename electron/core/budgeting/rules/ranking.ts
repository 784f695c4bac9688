/**
 * Ranking: the rule's own key (votes, or final score for grants) and then the campaign's tie-breaks in their fixed
 * order, ending with the project id so the order is total and the same on every run.
 */
import type { LocalText, RuleProject, TieBreakKey } from './types';

type Cmp = (a: RuleProject, b: RuleProject) => number;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
const byScoreDesc: Cmp = (a, b) => (a.score === b.score ? 0 : a.score === null ? 1 : b.score === null ? -1 : b.score - a.score);
const byDateAsc: Cmp = (a, b) => {
  const x = a.submittedAt ?? null;
  const y = b.submittedAt ?? null;
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  const dx = Date.parse(x);
  const dy = Date.parse(y);
  if (!Number.isNaN(dx) && !Number.isNaN(dy) && dx !== dy) return dx - dy;
  return x < y ? -1 : x > y ? 1 : 0;
};

export const TIE_BREAKERS: Record<TieBreakKey, Cmp> = {
  votes: (a, b) => b.votes - a.votes,
  score: byScoreDesc,
  cost_asc: (a, b) => a.cost - b.cost,
  cost_desc: (a, b) => b.cost - a.cost,
  submitted_at: byDateAsc,
  code: (a, b) => collator.compare(a.code, b.code),
};

const byId: Cmp = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export type PrimaryKey = 'votes' | 'score';

/** Sorts a copy; returns the order and, for each project tied with the one above it on the primary key, the key that separated them. */
export function rankProjects(projects: readonly RuleProject[], primary: PrimaryKey, tieBreak: readonly TieBreakKey[]) {
  const primaryCmp = TIE_BREAKERS[primary];
  const keys = tieBreak.filter((k) => k !== primary);
  const cmp: Cmp = (a, b) => {
    let d = primaryCmp(a, b);
    if (d) return d;
    for (const k of keys) {
      d = TIE_BREAKERS[k](a, b);
      if (d) return d;
    }
    return byId(a, b);
  };
  const sorted = [...projects].sort(cmp);
  const brokenBy = new Map<string, TieBreakKey | 'id'>();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (primaryCmp(a, b) !== 0) continue;
    brokenBy.set(b.id, keys.find((k) => TIE_BREAKERS[k](a, b) !== 0) ?? 'id');
  }
  return { sorted, brokenBy, cmp };
}

const KEY_TEXT: Record<TieBreakKey | 'id', LocalText> = {
  votes: { ro: 'mai multe voturi', en: 'more votes' },
  score: { ro: 'punctaj final mai mare', en: 'higher final score' },
  cost_asc: { ro: 'cost mai mic', en: 'lower cost' },
  cost_desc: { ro: 'cost mai mare', en: 'higher cost' },
  submitted_at: { ro: 'depus mai devreme', en: 'submitted earlier' },
  code: { ro: 'codul proiectului (ordine crescătoare)', en: 'project code (ascending)' },
  id: { ro: 'identificatorul intern', en: 'internal identifier' },
};

export const tieBreakKeyText = (k: TieBreakKey | 'id'): LocalText => KEY_TEXT[k];

export function describeTieBreak(primary: PrimaryKey, tieBreak: readonly TieBreakKey[]): LocalText {
  const keys = tieBreak.filter((k) => k !== primary);
  const head =
    primary === 'votes'
      ? { ro: 'Ordine după numărul de voturi', en: 'Ordered by number of votes' }
      : { ro: 'Ordine după punctajul final', en: 'Ordered by final score' };
  if (!keys.length) return { ro: `${head.ro}; la egalitate: identificatorul intern.`, en: `${head.en}; ties: internal identifier.` };
  const ro = keys.map((k, i) => `${i + 1}. ${KEY_TEXT[k].ro}`).join(', ');
  const en = keys.map((k, i) => `${i + 1}. ${KEY_TEXT[k].en}`).join(', ');
  return {
    ro: `${head.ro}; la egalitate, în această ordine: ${ro}; apoi identificatorul intern.`,
    en: `${head.en}; ties broken in this order: ${en}; then the internal identifier.`,
  };
}
