/**
 * Pabulib `.pb` export (format: pabulib.org/format; the same text as equalshares-compute-tool's pb_file_format.md):
 * META (key;value), PROJECTS (project_id;cost;votes;name[;selected]), VOTES (voter_id;vote) with approval ballots,
 * semicolon-separated, fields with `;` or `"` or a line break quoted with `"` (doubled inside).
 * Amounts are in lei (Pabulib budgets are in currency units). Project ids are the projects' codes when those are
 * unique and usable in a comma-separated vote list, otherwise 1…n (the code is then kept in the name).
 * Only the given projects are written (e.g. one zone); a voter appears when they approved at least one of them.
 */
import { DEFAULT_TOP_UP_LIMIT, type Bani, type EqualSharesCompletion, type EqualSharesUtility, type PabulibInput } from './types';

const field = (v: string | number) => {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** pabulib-checker's SENTINEL_PROJECT_COST: a project excluded from the selection (e.g. it costs more than the budget). */
const SENTINEL_COST = 999_999_999;
const lei = (bani: Bani) => (bani % 100 === 0 ? String(bani / 100) : (bani / 100).toFixed(2));

/**
 * Pabulib's name for a campaign's rule, with what the name alone does not say (written as numbered META comments,
 * "#1: …", as pabulib-checker wants them). Pabulib's vocabulary (pabulib-checker, fields_validations.RULES):
 * greedy, greedy-no-skip, greedy-threshold, greedy-exclusive, greedy-custom, equalshares, equalshares-comparison,
 * equalshares/add1, equalshares/add1-comparison, unknown.
 * - greedy → `greedy`;
 * - stop_at_first → `greedy-no-skip` (projects costing more than the whole budget, which the app skips, are written
 *   with Pabulib's sentinel cost 999999999, which greedy-no-skip skips too, so the file's outcome is exactly it);
 * - timisoara_topup → `greedy-custom` (a greedy variant the checker can only compare with greedy), the topped-up
 *   winner written `selected;3` (funded from extra money) so the budget is never claimed beyond what it was;
 * - equal_shares with cost utilities → `equalshares` (completion none or greedy) or `equalshares/add1` (add1 or
 *   add1 then greedy); winners of the greedy completion are written `selected;2` and named in the comment, so the
 *   checker verifies the Equal Shares part and the completion is said. add1 is pabutools' (voter_budget_increment=1,
 *   stopping at the first exhaustive outcome); pabulib-checker's add1 verification does not stop there, and a second
 *   comment says so (on Wieliczka 2023 the two differ: tests/fixtures/pabulib/README.md);
 * - equal_shares with approval utilities → `unknown`: Pabulib has no name for it (its `equalshares` means cost
 *   utilities); the comment names the method exactly (pabutools: method_of_equal_shares with Cardinality_Sat);
 * - grant_score → `greedy-custom` (by evaluation score, not votes), said in the comment.
 */
export function pabulibRule(input: Pick<PabulibInput, 'rule' | 'completion' | 'utility' | 'topUpLimit'>): { rule: string; comments: string[] } {
  const completion: EqualSharesCompletion = input.completion ?? 'add1_greedy';
  const utility: EqualSharesUtility = input.utility ?? 'cost';
  switch (input.rule) {
    case 'greedy':
      return { rule: 'greedy', comments: [] };
    case 'stop_at_first':
      return {
        rule: 'greedy-no-skip',
        comments: [
          'PLA Desk rule stop_at_first: in order of votes until the first project that does not fit, and a project that costs more than the whole budget is skipped and the allocation continues.',
        ],
      };
    case 'timisoara_topup':
      return {
        rule: 'greedy-custom',
        comments: [
          `Timisoara rule (PLA Desk timisoara_topup): in order of votes until the first project that does not fit, which is funded with a top-up above the budget when the gap is at most ${lei(input.topUpLimit ?? DEFAULT_TOP_UP_LIMIT)} RON, and the allocation ends there. A project marked selected=3 was funded with such a top-up.`,
        ],
      };
    case 'grant_score':
      return {
        rule: 'greedy-custom',
        comments: ['PLA Desk rule grant_score: greedy by final evaluation score (not votes) among projects scoring at least the call minimum.'],
      };
    case 'equal_shares': {
      const add1 = completion === 'add1' || completion === 'add1_greedy';
      const greedy = completion === 'greedy' || completion === 'add1_greedy';
      const what = `Method of Equal Shares with ${utility === 'cost' ? 'cost utilities (pabutools Cost_Sat)' : 'approval utilities (pabutools Cardinality_Sat)'}${add1 ? ', add1 completion as pabutools computes it (method_of_equal_shares with voter_budget_increment=1: each voter budget, from budget/n, raised by 1 RON until the outcome is exhaustive or the next step would overspend)' : ', no add1 completion'}`;
      const comments = [
        `${what}${greedy ? ', then a greedy completion by votes with the money left; projects marked selected=2 were funded by that greedy completion' : ''}.`,
      ];
      if (add1 && utility === 'cost')
        comments.push(
          'pabulib-checker verifies equalshares/add1 differently (each voter budget from floor(budget/n), raised while the outcome fits, without stopping at the first exhaustive outcome), so on some instances it expects other winners than pabutools and this file.',
        );
      if (utility === 'approval') return { rule: 'unknown', comments };
      return { rule: add1 ? 'equalshares/add1' : 'equalshares', comments };
    }
    default:
      return { rule: 'unknown', comments: [] };
  }
}

/** dd.mm.yyyy from an ISO date (Pabulib's date_begin/date_end); other text is kept as written. */
const pbDate = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : d;
};

export function* pabulibLines(input: PabulibInput): Generator<string> {
  const { projects, ballots } = input;
  // A project that costs more than the whole budget can never be funded, and pabulib-checker refuses its cost
  // ("single project exceeded whole budget") unless it is Pabulib's sentinel cost 999999999, the value Pabulib uses
  // to exclude such projects: written so, with its real cost in the comment. Every rule keeps it (and its votes)
  // out of the outcome exactly as the app does — greedy-no-skip skips it and goes on.
  const overBudget = new Set(projects.filter((p) => p.cost > input.budget && !input.selected?.has(p.id)).map((p) => p.id));
  const costOf = (p: (typeof projects)[number]) => (overBudget.has(p.id) ? String(SENTINEL_COST) : lei(p.cost));
  const usable = projects.every((p) => p.code && !/[,;"\s]/.test(p.code)) && new Set(projects.map((p) => p.code)).size === projects.length;
  const pbId = new Map<string, string>();
  projects.forEach((p, i) => pbId.set(p.id, usable ? p.code : String(i + 1)));

  // ballots restricted to these projects
  const map = new Int32Array(ballots.projectIds.length).fill(-1);
  const order = new Map<string, number>();
  projects.forEach((p, i) => order.set(p.id, i));
  ballots.projectIds.forEach((id, i) => (map[i] = order.get(id) ?? -1));
  const votes = new Int32Array(projects.length);
  let voters = 0;
  for (let v = 0; v < ballots.voterCount; v++) {
    let any = false;
    for (let j = ballots.offsets[v]; j < ballots.offsets[v + 1]; j++) {
      const k = map[ballots.projects[j]];
      if (k >= 0) {
        votes[k]++;
        any = true;
      }
    }
    if (any) voters++;
  }

  const { rule, comments } = pabulibRule(input);
  const sel = input.selected;
  const wonBy = input.wonBy;
  const selectedValue = (id: string) => {
    if (!sel?.has(id)) return 0;
    const r = wonBy?.get(id);
    return r === 'funded_completion' ? 2 : r === 'funded_top_up' ? 3 : 1;
  };
  if (sel && [...projects].some((p) => selectedValue(p.id) === 2))
    comments.push('The selected=2 projects were funded by the greedy completion after the Equal Shares outcome.');
  const over = projects.filter((p) => overBudget.has(p.id));
  if (over.length)
    comments.push(
      `Cost ${SENTINEL_COST} marks a project that costs more than the whole budget, so it could never be funded (Pabulib's sentinel): ${over.map((p) => `${pbId.get(p.id)} costs ${lei(p.cost)} RON`).join(', ')}.`,
    );
  if (input.comment) comments.push(input.comment);
  const total = projects.reduce((a, p) => a + (overBudget.has(p.id) ? SENTINEL_COST * 100 : p.cost), 0);
  const year = /^\d{4}/.exec(input.dateBegin ?? '')?.[0] ?? '';
  // META keys in pabulib-checker's order (fields.META_FIELDS_ORDER): description, country, unit, district, subunit,
  // instance, num_projects, num_votes, budget, vote_type, rule, date_begin, date_end, min_length, max_length, …,
  // language, currency, fully_funded, experimental, comment.
  const meta: [string, string | number][] = [
    ['description', input.description],
    ['country', input.country ?? 'Romania'],
    ['unit', input.unit ?? 'Timișoara'],
  ];
  if (input.subunit) meta.push(['subunit', input.subunit]);
  meta.push(
    ['instance', input.instance || year],
    ['num_projects', projects.length],
    ['num_votes', voters],
    ['budget', lei(input.budget)],
    ['vote_type', 'approval'],
    ['rule', rule],
    ['date_begin', pbDate(input.dateBegin ?? (input.instance || year))],
    ['date_end', pbDate(input.dateEnd ?? (input.instance || year))],
    ['min_length', 1],
    ['max_length', input.maxLength],
    ['language', input.language ?? 'ro'],
    ['currency', input.currency ?? 'RON'],
  );
  // Without the flag, pabulib-checker calls a budget that covers every project an error ("all projects funded").
  if (total <= input.budget) meta.push(['fully_funded', 1]);
  if (comments.length) meta.push(['comment', comments.map((c, i) => `#${i + 1}: ${c}`).join(' ')]);
  yield 'META';
  yield 'key;value';
  for (const [k, v] of meta) yield `${k};${field(v)}`;

  yield 'PROJECTS';
  yield sel ? 'project_id;cost;votes;name;selected' : 'project_id;cost;votes;name';
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    const name = (usable ? p.title : `${p.code} ${p.title}`).trim();
    const cols = [field(pbId.get(p.id) as string), costOf(p), votes[i], field(name)];
    if (sel) cols.push(selectedValue(p.id));
    yield cols.join(';');
  }

  yield 'VOTES';
  yield 'voter_id;vote';
  let n = 0;
  for (let v = 0; v < ballots.voterCount; v++) {
    const ids: string[] = [];
    for (let j = ballots.offsets[v]; j < ballots.offsets[v + 1]; j++) {
      const k = map[ballots.projects[j]];
      if (k >= 0) ids.push(pbId.get(projects[k].id) as string);
    }
    if (!ids.length) continue;
    n++;
    const key = ballots.voterKeys ? ballots.voterKeys[v] : String(n);
    yield `${field(key)};${field(ids.join(','))}`;
  }
}

/** The whole .pb text (ends with a newline). For very large votes, write `pabulibLines` to a stream instead. */
export function toPabulib(input: PabulibInput): string {
  const out: string[] = [];
  for (const line of pabulibLines(input)) out.push(line);
  return out.join('\n') + '\n';
}
