import type { RowColumns } from './common';

export interface StakeholdersTable extends RowColumns {
  type: 'organisation' | 'person';
  name: string;
  legal_form: string;
  sector: string;
  contacts: string;
  pla_role: string | null;
  power: number | null;
  interest: number | null;
  attitude: string;
  assessment_date: string | null;
  iap2_level: string | null;
  gdpr_notes: string;
  consent_date: string | null;
  consent_scope: string;
  public: number;
  notes: string;
  /** The name without case or diacritics: the list's name order (0013). */
  name_key: string;
  /** Name and legal form without case or diacritics: what the list's search matches (0013). */
  search_key: string;
}

export interface StakeholderRaciTable extends RowColumns {
  stakeholder_id: string;
  action_id: string;
  role: 'responsible' | 'accountable' | 'consulted' | 'informed';
}

export interface StakeholderTakeoversTable extends RowColumns {
  stakeholder_id: string;
  action_id: string;
  date: string;
  note: string;
}

export interface PartnershipsTable extends RowColumns {
  stakeholder_id: string;
  type: 'tech_community' | 'academia' | 'business' | 'other';
  title: string;
  start_date: string;
  end_date: string | null;
  notes: string;
}

export interface StakeholderInteractionsTable extends RowColumns {
  stakeholder_id: string;
  date: string;
  kind: string;
  summary: string;
}
