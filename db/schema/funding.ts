import type { RowColumns } from './common';

export interface FundingCallsTable extends RowColumns {
  programme: 'regio_vest' | 'pnrr' | 'poca_peo' | 'eea_norway' | 'ogp' | 'local_budget' | 'other';
  priority: string;
  managing_body: string;
  code: string;
  title: string;
  type: 'competitive' | 'first_come' | 'non_competitive' | 'other';
  status: 'planned' | 'open' | 'closed' | 'cancelled';
  opening_date: string | null;
  deadline: string | null;
  /** Bani. */
  budget: number | null;
  eligible_applicants: string;
  eligible_activities: string;
  grant_rate: number | null;
  min_grant: number | null;
  max_grant: number | null;
  max_duration_months: number | null;
  guide_url: string | null;
  non_reimbursable: number;
}

export interface FundingCallActionsTable {
  call_id: string;
  action_id: string;
}

export interface FundingApplicationsTable extends RowColumns {
  call_id: string;
  code: string;
  title: string;
  applicant: string;
  partners: string;
  requested_amount: number;
  own_contribution: number;
  total_amount: number;
  status: 'idea' | 'submitted' | 'under_evaluation' | 'approved' | 'rejected' | 'contracted' | 'in_implementation' | 'closed';
  submitted_on: string | null;
  decision_on: string | null;
  contract_signed_on: string | null;
  implementation_start: string | null;
  closed_on: string | null;
  next_step: string;
  next_step_on: string | null;
  council_decision_no: string;
  council_decision_date: string | null;
  evaluation_feedback: string;
}

export interface FundingApplicationActionsTable {
  application_id: string;
  action_id: string;
}
