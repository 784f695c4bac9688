import type { RowColumns } from './common';

/** Budgeting (participatory budgeting and grant calls). JSON columns hold text; see db/migrations/0008_budgeting.ts. */
export interface BudgetingCampaignsTable extends RowColumns {
  name: string;
  kind: 'pb' | 'grant';
  edition: string;
  description: string;
  phases: string;
  /** Bani. */
  total_budget: number;
  cap_per_project: number | null;
  votes_per_voter: number;
  minimum_age: number;
  population: number | null;
  rubric: string;
  divergence: string;
  evaluators_per_proposal: number;
  blind_mode: number;
  tie_break: string;
  winner_rule: 'greedy' | 'stop_at_first' | 'timisoara_topup' | 'equal_shares' | 'grant_score';
  topup_limit: number;
  /** 0017: the Method of Equal Shares' utilities and completion. */
  equal_shares_utility: 'cost' | 'approval';
  equal_shares_completion: 'add1_greedy' | 'add1' | 'greedy' | 'none';
  grant_lines: string;
  cofinancing_min_percent: number;
  min_score: number | null;
  appeals_fund: number;
}

export interface BudgetingZonesTable extends RowColumns {
  campaign_id: string;
  code: string;
  name: string;
  budget: number;
}

export interface BudgetingProposalsTable extends RowColumns {
  campaign_id: string;
  code: string;
  source: 'manual' | 'import' | 'decidim';
  title: string;
  body: string;
  category: string;
  zone_id: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  external_state: string;
  external_votes: number | null;
  submitted_on: string | null;
  cost_estimate: number | null;
  grant_line: string;
  requested_amount: number | null;
  cofinancing: number | null;
  author_name: string;
  author_contact: string;
  author_organisation: string;
  author_consent: number;
  eligibility: string;
  eligibility_status: 'pending' | 'eligible' | 'ineligible';
  public_rejection_reason: string;
  feasibility: 'pending' | 'feasible' | 'feasible_with_changes' | 'not_feasible';
  feasibility_note: string;
  final_score: number | null;
  final_method: 'average' | 'closest_two' | 'moderation' | null;
  divergent: number;
}

export interface BudgetingAssignmentsTable extends RowColumns {
  campaign_id: string;
  proposal_id: string;
  evaluator_id: string;
  status: 'assigned' | 'open' | 'submitted' | 'recused';
  round: number;
  conflict_declared_at: string | null;
  conflict: number | null;
  scores: string;
  comment: string;
  overall: number | null;
  submitted_at: string | null;
  via: 'app' | 'workbook' | null;
}

export interface BudgetingConflictsTable extends RowColumns {
  assignment_id: string;
  campaign_id: string;
  proposal_id: string;
  evaluator_id: string;
  conflict: number;
  note: string;
  declared_at: string;
  reassigned_to: string | null;
}

export interface BudgetingModerationsTable extends RowColumns {
  proposal_id: string;
  final_score: number;
  rationale: string;
  participants: string;
  decided_at: string;
}

/** A campaign's number for its votes. */
export interface BudgetingVoteCampaignsTable {
  campaign_id: string;
  campaign_no: number;
}

/** A proposal's number within its campaign's votes. */
export interface BudgetingVoteProposalsTable {
  campaign_no: number;
  proposal_no: number;
  proposal_id: string;
}

/**
 * A voter within a campaign and their ballot (migration 0022): platform voters 1, 2, …; paper ballots −1, −2, … (key
 * `paper:<batch>:<ballot>`). `proposals`: the proposal numbers of the counted votes, in order, joined by commas;
 * `vote_times`: null when every vote has the voter's time, else a JSON array of each vote's own (null: the voter's; '': none).
 */
export interface BudgetingVoteVotersTable {
  campaign_no: number;
  voter_no: number;
  voter_key: string;
  voted_at: string | null;
  proposals: string;
  vote_times: string | null;
}

/** How many votes a campaign's platform file or its paper ballots give a proposal (migration 0022): the stored tally. */
export interface BudgetingVoteCountsTable {
  campaign_no: number;
  source: 'platform' | 'paper';
  proposal_no: number;
  votes: number;
}

export interface BudgetingVoteImportsTable extends RowColumns {
  campaign_id: string;
  file_name: string;
  source: 'platform' | 'paper';
  rows: number;
  counted: number;
  voters: number;
  refused: string;
}

export interface BudgetingPaperEntriesTable extends RowColumns {
  campaign_id: string;
  batch_code: string;
  entry: number;
  ballots: string;
}

export interface BudgetingResultsTable extends RowColumns {
  campaign_id: string;
  computed_at: string;
  rule: string;
  appeal_id: string | null;
  reason: string;
  result: string;
}

export interface BudgetingAppealsTable extends RowColumns {
  campaign_id: string;
  proposal_id: string | null;
  appellant: string;
  lodged_on: string;
  deadline: string;
  grounds: string;
  outcome: 'pending' | 'upheld' | 'rejected' | 'withdrawn';
  decided_on: string | null;
  decision: string;
}

export interface BudgetingProjectsTable extends RowColumns {
  campaign_id: string;
  proposal_id: string;
  status: 'not_started' | 'in_progress' | 'completed' | 'cancelled';
  progress: number;
  planned: number;
  committed: number;
  paid: number;
  start_date: string | null;
  end_date: string | null;
  completed_on: string | null;
  contract_no: string;
  contract_signed_on: string | null;
  grantee: string;
  cofinancing: number | null;
  contract_amount: number | null;
  funded_from: 'budget' | 'appeals_fund';
  note: string;
}

export interface BudgetingProjectMilestonesTable extends RowColumns {
  project_id: string;
  title: string;
  due_on: string | null;
  done_on: string | null;
  evidence: string;
  attachment_ids: string;
}

export interface BudgetingTranchesTable extends RowColumns {
  project_id: string;
  seq: number;
  kind: 'advance' | 'final';
  amount: number;
  due_on: string | null;
  paid_on: string | null;
  report_due_on: string | null;
  report_received_on: string | null;
}

/** The secret that signs a campaign's scoring workbooks (migration 0018); never leaves the database. */
export interface BudgetingWorkbookKeysTable {
  campaign_id: string;
  secret: string;
  created_at: string;
}
