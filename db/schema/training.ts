import type { RowColumns } from './common';

export interface TrainingProgrammesTable extends RowColumns {
  name: string;
  description: string;
  action_id: string;
}

export interface TrainingSessionsTable extends RowColumns {
  programme_id: string;
  title: string;
  topic: string;
  target_group: 'civil_servants' | 'contract_staff' | 'elected_officials' | 'citizens_youth';
  provider: string;
  trainer: string;
  format: 'in_person' | 'online' | 'hybrid';
  location: string;
  start_date: string;
  end_date: string | null;
  hours: number;
  cost_bani: number;
  plan_line: string;
  evidence: string;
}

export interface TrainingPeopleTable extends RowColumns {
  name: string;
  /** The name without diacritics, case or extra spaces (matching). */
  name_key: string;
  email: string;
  /** The e-mail in lower case; '' when none. */
  email_key: string;
  department: string;
  position: string;
  category: 'civil_servant' | 'contract_staff' | 'elected_official' | 'citizen' | 'other';
  notes: string;
}

export interface TrainingAttendanceTable extends RowColumns {
  session_id: string;
  person_id: string;
  hours_attended: number;
  completed: number;
  assessment: string;
  certificate_type: string;
  certificate_number: string;
  certificate_date: string | null;
  certificate_issuer: string;
  consent_publish_name: number;
  consent_contact: number;
}

/** Derived (migration 0011): a programme's person with at least one completed, live attendance in a live session. */
export interface TrainingCompletionsTable {
  programme_id: string;
  person_id: string;
  /** The person's employment category, copied (kept in step when it is edited). */
  category: TrainingPeopleTable['category'];
  sessions_completed: number;
  hours: number;
  first_completed_on: string;
  last_completed_on: string;
}
