/**
 * Pabulib `.pb` export (format: pabulib.org/format; the same text as equalshares-compute-tool's pb_file_format.md):
 * META (key;value), PROJECTS (project_id;cost;votes;name[;selected]), VOTES (voter_id;vote) with approval ballots,
 * semicolon-separated, fields with `;` or `"` or a line break quoted with `"` (doubled inside).
 * Amounts are in lei (Pabulib budgets are in currency units). Project ids are the projects' codes when those are
 * unique and usable in a comma-separated vote list, otherwise 1…n (the code is then kept in the name).
 * Only the given projects are written (e.g. one zone); a voter appears when they approved at least one of them.
 */
import type { Bani, PabulibInput, WinnerRule } from './types';

const field = (v: string | number) => {
  const s = String(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const lei = (bani: Bani) => (bani % 100 === 0 ? String(bani / 100) : (bani / 100).toFixed(2));

const RULE_NAMES: Record<WinnerRule, string> = {
  greedy: 'greedy',
  stop_at_first: 'unknown',
  timisoara_topup: 'unknown',
  equal_shares: 'equalshares/add1',
  grant_score: 'unknown',
};

/** dd.mm.yyyy from an ISO date (Pabulib's date_begin/date_end); other text is kept as written. */
const pbDate = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : d;
};

export function* pabulibLines(input: PabulibInput): Generator<string> {
  const { projects, ballots } = input;
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

  const rule = input.rule ? (RULE_NAMES[input.rule as WinnerRule] ?? input.rule) : 'unknown';
  const meta: [string, string | number][] = [
    ['description', input.description],
    ['country', input.country ?? 'Romania'],
    ['unit', input.unit ?? 'Timișoara'],
    ['instance', input.instance ?? ''],
  ];
  if (input.subunit) meta.push(['subunit', input.subunit]);
  meta.push(
    ['num_projects', projects.length],
    ['num_votes', voters],
    ['budget', lei(input.budget)],
    ['vote_type', 'approval'],
    ['rule', rule],
    ['date_begin', pbDate(input.dateBegin ?? input.instance ?? '')],
    ['date_end', pbDate(input.dateEnd ?? input.instance ?? '')],
    ['min_length', 1],
    ['max_length', input.maxLength],
    ['language', input.language ?? 'ro'],
    ['currency', input.currency ?? 'RON'],
  );
  if (input.comment) meta.push(['comment', input.comment]);
  yield 'META';
  yield 'key;value';
  for (const [k, v] of meta) yield `${k};${field(v)}`;

  yield 'PROJECTS';
  const sel = input.selected;
  yield sel ? 'project_id;cost;votes;name;selected' : 'project_id;cost;votes;name';
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    const name = usable ? p.title : `${p.code} ${p.title}`;
    const cols = [field(pbId.get(p.id) as string), lei(p.cost), votes[i], field(name)];
    if (sel) cols.push(sel.has(p.id) ? 1 : 0);
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
