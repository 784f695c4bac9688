import type { Attendance, EmploymentCategory, HistoryEntry, Person, PersonSummary, Programme, TrainingSession } from '../../contract';
import type { TrainingAttendanceTable, TrainingPeopleTable, TrainingProgrammesTable, TrainingSessionsTable } from '../../../db/schema/training';

export const toProgramme = (
  g: TrainingProgrammesTable & { action_code: string; session_count?: number | null; completed_people?: number | null },
): Programme => ({
  id: g.id,
  createdAt: g.created_at,
  updatedAt: g.updated_at,
  updatedBy: g.updated_by,
  deletedAt: g.deleted_at,
  name: g.name,
  description: g.description,
  actionId: g.action_id,
  actionCode: g.action_code,
  sessionCount: Number(g.session_count ?? 0),
  completedPeople: Number(g.completed_people ?? 0),
});

export const toSession = (
  s: TrainingSessionsTable & {
    programme_name: string;
    action_id: string;
    action_code: string;
    attendee_count?: number | null;
    completed_count?: number | null;
  },
): TrainingSession => ({
  id: s.id,
  createdAt: s.created_at,
  updatedAt: s.updated_at,
  updatedBy: s.updated_by,
  deletedAt: s.deleted_at,
  programmeId: s.programme_id,
  programmeName: s.programme_name,
  actionId: s.action_id,
  actionCode: s.action_code,
  title: s.title,
  topic: s.topic,
  targetGroup: s.target_group,
  provider: s.provider,
  trainer: s.trainer,
  format: s.format,
  location: s.location,
  startDate: s.start_date,
  endDate: s.end_date,
  hours: s.hours,
  cost: s.cost_bani,
  planLine: s.plan_line,
  evidence: s.evidence,
  attendeeCount: Number(s.attendee_count ?? 0),
  completedCount: Number(s.completed_count ?? 0),
});

export const toPerson = (p: TrainingPeopleTable): Person => ({
  id: p.id,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
  updatedBy: p.updated_by,
  deletedAt: p.deleted_at,
  name: p.name,
  email: p.email,
  department: p.department,
  position: p.position,
  category: p.category,
  notes: p.notes,
});

export const toPersonSummary = (
  p: TrainingPeopleTable & { session_count?: number | null; completed_count?: number | null; hours_total?: number | null; last_date?: string | null },
): PersonSummary => ({
  ...toPerson(p),
  sessionCount: Number(p.session_count ?? 0),
  completedCount: Number(p.completed_count ?? 0),
  hoursTotal: Number(p.hours_total ?? 0),
  lastDate: p.last_date ?? null,
});

type AttendanceRow = TrainingAttendanceTable & { person_name: string; person_email: string; person_department: string; person_category: string };

export const toAttendance = (a: AttendanceRow): Attendance => ({
  id: a.id,
  createdAt: a.created_at,
  updatedAt: a.updated_at,
  updatedBy: a.updated_by,
  deletedAt: a.deleted_at,
  sessionId: a.session_id,
  personId: a.person_id,
  personName: a.person_name,
  personEmail: a.person_email,
  personDepartment: a.person_department,
  personCategory: a.person_category as EmploymentCategory,
  hoursAttended: a.hours_attended,
  completed: a.completed === 1,
  assessment: a.assessment,
  certificateType: a.certificate_type,
  certificateNumber: a.certificate_number,
  certificateDate: a.certificate_date,
  certificateIssuer: a.certificate_issuer,
  consentPublishName: a.consent_publish_name === 1,
  consentContact: a.consent_contact === 1,
});

export const toHistoryEntry = (
  a: AttendanceRow & { session_title: string; programme_name: string; action_code: string; start_date: string; end_date: string | null },
): HistoryEntry => ({
  ...toAttendance(a),
  sessionTitle: a.session_title,
  programmeName: a.programme_name,
  actionCode: a.action_code,
  startDate: a.start_date,
  endDate: a.end_date,
});
