/**
 * Budgeting rules library — the types. Pure: no database, no I/O except reading a votes file.
 *
 * Money is integer bani (1 leu = 100 bani) everywhere. Projects are identified by `id`; `code` is the human
 * reference printed in reasons ("P-017"). The service layer maps its rows to `RuleProject`s, calls
 * `computeWinners` and stores / shows the `RuleResult` (every `Decision` carries a reason code with its
 * parameters and the finished sentence in Romanian and English).
 */

/** Integer bani. */
export type Bani = number;

export type WinnerRule = 'greedy' | 'stop_at_first' | 'timisoara_topup' | 'equal_shares' | 'grant_score';
export const WINNER_RULES: readonly WinnerRule[] = ['greedy', 'stop_at_first', 'timisoara_topup', 'equal_shares', 'grant_score'];

/**
 * Tie-break keys, applied in the campaign's order after the rule's own ranking key (votes, or score for grants):
 * - `votes`: more votes first
 * - `score`: higher final score first (no score sorts last)
 * - `cost_asc` / `cost_desc`: cheaper / dearer first
 * - `submitted_at`: submitted earlier first (no date sorts last)
 * - `code`: code in ascending order (natural: P-2 before P-10)
 * After the campaign's keys the library always ends with the project id, so the order is total and deterministic.
 */
export type TieBreakKey = 'votes' | 'score' | 'cost_asc' | 'cost_desc' | 'submitted_at' | 'code';
export const TIE_BREAK_KEYS: readonly TieBreakKey[] = ['votes', 'score', 'cost_asc', 'cost_desc', 'submitted_at', 'code'];

/** Default Timișoara top-up limit: 100,000 lei. */
export const DEFAULT_TOP_UP_LIMIT: Bani = 10_000_000;

export interface RuleProject {
  id: string;
  code: string;
  title: string;
  cost: Bani;
  /** Zone key; null = city-wide (only valid when the input has no zones). */
  zone: string | null;
  votes: number;
  /** Final evaluation score (grant calls; optional tie-break for PB). */
  score: number | null;
  eligible: boolean;
  /** Published reason for ineligibility, quoted in the decision text when given. */
  ineligibleReason?: string;
  /** ISO date or date-time; used by the `submitted_at` tie-break. */
  submittedAt?: string | null;
}

export interface RuleZone {
  key: string;
  budget: Bani;
  /** Display name (defaults to key). */
  label?: string;
}

/**
 * Approval ballots, compact: voter v approved `projects[offsets[v]] … projects[offsets[v+1]-1]`, each an index into
 * `projectIds`. `offsets.length === voterCount + 1`. Built by `BallotBuilder` / `parseVotes`; needed only by
 * `equal_shares` (and by `toPabulib` for the VOTES section). Order of voters is irrelevant to the result.
 */
export interface Ballots {
  projectIds: readonly string[];
  voterCount: number;
  offsets: Int32Array;
  projects: Int32Array;
  /** Optional voter keys (same order), used only by the Pabulib export; otherwise voters are numbered 1…n. */
  voterKeys?: readonly string[];
}

/**
 * Completion of the Method of Equal Shares when the fixed-budget run leaves money:
 * - `add1_greedy` (default; the recommendation of equalshares.net): raise every voter's share by 1 leu per voter
 *   from budget / voters until the outcome is exhaustive or the next step would overspend (pabutools'
 *   `method_of_equal_shares(..., voter_budget_increment=1)`), then fill what is left greedily by votes;
 * - `add1`: only the budget increase;
 * - `greedy`: fill what is left greedily by votes (skip what no longer fits);
 * - `none`: the fixed-budget outcome as is.
 */
export type EqualSharesCompletion = 'add1_greedy' | 'add1' | 'greedy' | 'none';
export const EQUAL_SHARES_COMPLETIONS: readonly EqualSharesCompletion[] = ['add1_greedy', 'add1', 'greedy', 'none'];

/**
 * What a funded project is worth to a voter who approved it, in the Method of Equal Shares:
 * - `cost` (default; equalshares.net and pabutools' `Cost_Sat`): its cost — the project with the highest effective
 *   vote count (cost ÷ the most a supporter pays) wins each round;
 * - `approval` (pabutools' `Cardinality_Sat`): 1 — the project whose supporters pay the least each wins each round.
 */
export type EqualSharesUtility = 'cost' | 'approval';
export const EQUAL_SHARES_UTILITIES: readonly EqualSharesUtility[] = ['cost', 'approval'];

export interface RuleInput {
  rule: WinnerRule;
  /** Used when `zones` is empty (one city-wide budget); with zones, the zone budgets apply. */
  totalBudget: Bani;
  /** Empty = one city-wide budget; otherwise every project must name one of these zones. */
  zones: readonly RuleZone[];
  /** Timișoara top-up limit (default DEFAULT_TOP_UP_LIMIT = 100,000 lei). */
  topUpLimit?: Bani;
  tieBreak: readonly TieBreakKey[];
  /** grant_score: a project needs a final score ≥ minScore. */
  minScore?: number;
  projects: readonly RuleProject[];
  /** equal_shares only: the approval ballots (ineligible / unknown ids in them are ignored). */
  ballots?: Ballots;
  /** equal_shares only (default add1_greedy). */
  completion?: EqualSharesCompletion;
  /** equal_shares only (default cost). */
  utility?: EqualSharesUtility;
}

export type ReasonCode =
  /** won: it fitted in what was left. params: cost, available */
  | 'funded'
  /** won (timisoara_topup): did not fit but the gap ≤ limit, budget topped up. params: cost, available, gap, limit */
  | 'funded_top_up'
  /** won (equal_shares): its supporters paid for it from their equal shares. params: cost, supporters, maxShare */
  | 'funded_equal_shares'
  /** won (equal_shares completion). params: cost, available */
  | 'funded_completion'
  /** won (grant_score): score ≥ minimum and it fitted. params: cost, available, score, minScore */
  | 'funded_score'
  /** lost (greedy, grant_score, MES completion): did not fit in what was left. params: cost, available */
  | 'over_remaining'
  /** lost (stop_at_first / timisoara_topup): the first one that did not fit; allocation stopped here. params: cost, available (+ gap, limit for top-up) */
  | 'stop_first_unfit'
  /** lost (stop_at_first / timisoara_topup): ranked after the project that stopped the allocation. params: stoppedAt (code) */
  | 'after_stop'
  /** lost: costs more than its whole zone (or the whole budget). params: cost, budget */
  | 'over_zone_budget'
  /** lost: failed the eligibility check. params: reason? */
  | 'ineligible'
  /** lost (vote rules): no votes. */
  | 'no_votes'
  /** lost (equal_shares): its supporters' remaining shares could not pay for it. params: cost, supportersMoney */
  | 'equal_shares_unaffordable'
  /** lost (grant_score): score under the minimum. params: score, minScore */
  | 'below_min_score'
  /** lost (grant_score): not scored. */
  | 'no_score'
  /** lost: its zone is not one of the campaign's zones. params: zone */
  | 'unknown_zone';

export interface Reason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

export interface LocalText {
  ro: string;
  en: string;
}

export interface Decision {
  projectId: string;
  /** 1-based position in its zone's ranking (votes, or score for grants, then the tie-breaks); ineligible last. */
  rank: number;
  won: boolean;
  /** Money given (the full cost for a winner, 0 otherwise). */
  funded: Bani;
  zone: string | null;
  reason: Reason;
  text: LocalText;
  /** When this project is tied on the ranking key with the one ranked just above it: the tie-break key that separated them ('id' = none of the campaign's keys did). */
  tieBrokenBy?: TieBreakKey | 'id';
  /** equal_shares: order in which winners were selected (1-based), absent for the others. */
  selectionOrder?: number;
}

export interface ZoneOutcome {
  /** Zone key, or null for the single city-wide budget. */
  key: string | null;
  label: string;
  budget: Bani;
  /** Sum of the winners' costs (may exceed budget by `topUp`). */
  used: Bani;
  /** max(0, budget − used). */
  remaining: Bani;
  /** timisoara_topup / stop_at_first: the remainder kept as reserve (= remaining); 0 for the other rules. */
  reserve: Bani;
  /** timisoara_topup: money added above the zone budget (≤ limit); 0 otherwise. */
  topUp: Bani;
  winners: number;
  projects: number;
}

export interface RuleResult {
  rule: WinnerRule;
  ruleText: LocalText;
  tieBreak: readonly TieBreakKey[];
  tieBreakText: LocalText;
  /** equal_shares: the completion used. */
  completion?: EqualSharesCompletion;
  /** equal_shares: the utilities used. */
  utility?: EqualSharesUtility;
  /** Every input project once, grouped by zone (zones in input order), by rank within the zone. */
  decisions: Decision[];
  zones: ZoneOutcome[];
  totals: { budget: Bani; used: Bani; remaining: Bani; reserve: Bani; topUp: Bani; winners: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Votes CSV (the platform's export: one row per vote)

export type VoteRejectRule =
  /** the row could not be read: missing voter or proposal, too few columns, bad time */
  | 'malformed'
  /** the proposal id is not one of the campaign's proposals */
  | 'unknown_proposal'
  /** the proposal exists but is not eligible */
  | 'ineligible_proposal'
  /** the row's zone is neither the code nor the name of one of the campaign's zones */
  | 'unknown_zone'
  /** the row names a zone different from the proposal's zone */
  | 'zone_mismatch'
  /** the same voter already voted for this proposal */
  | 'duplicate'
  /** the voter already has `votesPerVoter` accepted votes */
  | 'over_limit';
export const VOTE_REJECT_RULES: readonly VoteRejectRule[] = [
  'malformed',
  'unknown_proposal',
  'ineligible_proposal',
  'unknown_zone',
  'zone_mismatch',
  'duplicate',
  'over_limit',
];

export interface AcceptedVote {
  /** 1-based line number in the file (the header is line 1). */
  row: number;
  voter: string;
  /** The voter's number: 0 for the first voter with a counted vote, 1 for the next, … (their index in ballots.voterKeys). */
  voterIndex: number;
  projectId: string;
  /** The proposal's zone (from `zoneOf`), else the row's zone, else null. */
  zone: string | null;
  /** The row's time as written (trimmed), or null. */
  at: string | null;
}

/**
 * The voters the votes reader has counted so far, as it keeps them: their keys' and times' bytes, not a string each
 * (a string is made when asked for). Voter v is the v-th voter with a counted vote (0-based); the k-th counted vote
 * of a voter is the k-th proposal of their ballot.
 */
export interface VoterTable {
  /** Voters counted so far. */
  readonly size: number;
  /** Voter v's key (as the file writes it, trimmed). */
  key(v: number): string;
  /** The time of voter v's first counted vote, or null. */
  at(v: number): string | null;
  /** Whether some counted vote of voter v has a time of its own (voteAt is not null for it). */
  hasVoteTimes(v: number): boolean;
  /** The k-th counted vote of voter v: null when its time is the voter's, '' when its row had none though the voter has one, else its row's. */
  voteAt(v: number, k: number): string | null;
}

/**
 * A batch of accepted votes as columns, `count` long (what the import stores, without an object per vote). Voters
 * are numbered in the order of their first counted vote; those first counted in this batch are `votersFrom` …
 * `votersTo - 1`, their keys and times in `voters` (or, as arrays of strings, `voterKeys` / `voterAt`).
 */
export interface VoteColumns {
  count: number;
  /** 1-based line of each vote in the file. */
  line: Int32Array;
  /** The voter's number (0-based). */
  voter: Int32Array;
  /** The proposal's index in `projectIds` (the order of options.knownIds). */
  project: Int32Array;
  /** null: the voter's own time (voterAt[voter]); '': the row has no time though the voter has one; else the row's time. */
  at: Array<string | null>;
  /** The row's zone (the zone's code when options.zones is given) where the proposal has none; null when no vote has one. */
  rowZone: Array<string | null> | null;
  votersFrom: number;
  votersTo: number;
  /** Every voter so far, compact (the same table in every batch). */
  voters: VoterTable;
  /** Every voter's key so far (index = voter number): made from `voters` on first use, then kept. */
  readonly voterKeys: readonly string[];
  /** Every voter's time (of their first counted vote) so far, or null: made from `voters` on first use, then kept. */
  readonly voterAt: ReadonlyArray<string | null>;
  projectIds: readonly string[];
}

export interface VoteParseOptions {
  /** Per-voter limit (Timișoara: 5). Votes beyond it, in file order, are rejected as `over_limit`. */
  votesPerVoter: number;
  /** Every proposal id of the campaign (as the CSV writes them). */
  knownIds: ReadonlySet<string>;
  /** The eligible ones (subset of knownIds). */
  eligibleIds: ReadonlySet<string>;
  /** Proposal id → zone key (or null). When given, a row whose zone differs is rejected as `zone_mismatch`. */
  zoneOf?: ReadonlyMap<string, string | null>;
  /**
   * The campaign's zones. When given, a row's zone is matched by code or by name, ignoring case and diacritics
   * (Decidim writes the scope name, "Zona 6"); one that is neither is rejected as `unknown_zone`.
   */
  zones?: ReadonlyArray<{ code: string; name: string }>;
  /** Accepted votes per yielded batch (default 10,000). */
  batchSize?: number;
  /** Row numbers kept per reject rule (default 20); counts are always complete. */
  sampleRows?: number;
  /** Build the compact ballots of accepted votes for Equal Shares / Pabulib (default true). */
  ballots?: boolean;
}

export interface VoteRejectCount {
  count: number;
  /** The first `sampleRows` line numbers, with a short Romanian detail each (and the voter, proposal, value named). */
  samples: { row: number; detail: string; voter: string; proposal: string; value: string }[];
}

export interface VoteReport {
  delimiter: ',' | ';' | '\t';
  /** Which header column was used for each field (as written in the file). */
  columns: { voter: string; proposal: string; zone: string | null; time: string | null };
  /** Header columns the import does not use (as written in the file). */
  unusedColumns: string[];
  /** Data rows read (header and blank lines not counted). */
  rows: number;
  accepted: number;
  rejected: number;
  rejectedBy: Record<VoteRejectRule, VoteRejectCount>;
  /** Voters with at least one accepted vote. */
  voters: number;
  /** Accepted votes per proposal id (every known id present, 0 when none). */
  tally: Map<string, number>;
  /** Compact ballots of the accepted votes (absent when options.ballots === false). */
  ballots?: Ballots;
}

/** A file path, or the file's text in chunks (any chunking; UTF-8 BOM tolerated). */
export type VoteSource = string | AsyncIterable<string | Uint8Array>;

// ---------------------------------------------------------------------------------------------------------------
// Pabulib (.pb) export — https://pabulib.org/format

export interface PabulibInput {
  /** META description, e.g. "Timișoara Decide! 2024 — Zona 3". */
  description: string;
  country?: string; // default 'Romania'
  unit?: string; // default 'Timișoara'
  instance?: string; // e.g. '2024'
  subunit?: string | null; // zone label
  /** Budget in lei (Pabulib budgets are in currency units); integer bani are converted, decimals kept. */
  budget: Bani;
  currency?: string; // default 'RON'
  /** Votes per voter (META max_length); approval voting. */
  maxLength: number;
  /** The campaign's winner rule; written as Pabulib's name for it (see pabulibRule in pabulib.ts). */
  rule?: WinnerRule;
  /** equal_shares: the completion and utilities (defaults add1_greedy, cost), named in META rule and comment. */
  completion?: EqualSharesCompletion;
  utility?: EqualSharesUtility;
  /** timisoara_topup: the top-up limit (bani), named in the comment. */
  topUpLimit?: Bani;
  dateBegin?: string;
  dateEnd?: string;
  language?: string; // default 'ro'
  comment?: string;
  projects: readonly RuleProject[];
  /** project ids that won (the PROJECTS `selected` column, 1/0); omitted column when absent. */
  selected?: ReadonlySet<string>;
  /**
   * How each winner won (its decision's reason code): a winner of an Equal Shares completion is written
   * `selected;2` and a winner with a top-up `selected;3` (the values Pabulib keeps for projects chosen by a second
   * step of the rule and from extra funds), each explained in META comment; every other winner is 1.
   */
  wonBy?: ReadonlyMap<string, ReasonCode>;
  ballots: Ballots;
}

// ---------------------------------------------------------------------------------------------------------------
// The API (implemented in index.ts)

export interface BudgetingRulesApi {
  /** Winners by the campaign's rule, per zone; every project gets a decision with its reason. Throws RuleInputError on bad input. */
  computeWinners(input: RuleInput): RuleResult;
  /** Streaming votes CSV reader + checks; yields accepted votes in batches, returns the report. */
  parseVotes(source: VoteSource, options: VoteParseOptions): AsyncGenerator<AcceptedVote[], VoteReport, void>;
  /** Drives parseVotes, calling onBatch (awaited) for every batch; resolves to the report. */
  readVotes(source: VoteSource, options: VoteParseOptions, onBatch?: (batch: AcceptedVote[]) => void | Promise<void>): Promise<VoteReport>;
  /** Votes per project id from ballots (every id of ballots.projectIds present). */
  tallyBallots(ballots: Ballots): Map<string, number>;
  /** Pabulib .pb text (META, PROJECTS, VOTES). */
  toPabulib(input: PabulibInput): string;
}
