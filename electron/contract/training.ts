import { z } from 'zod';
import { because, issue } from './issues';
import { READERS, EDITORS, method } from './define';
import { uploadedFile } from './uploads';
import { expectedUpdatedAt, id, isoDate, requiredText, text, type Row } from './common';

/** Training records (actions A1.2 and A4.3): programmes, sessions, people, attendance. DOMAIN.md "Training". */

export const TARGET_GROUPS = ['civil_servants', 'contract_staff', 'elected_officials', 'citizens_youth'] as const;
export const TRAINING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export const EMPLOYMENT_CATEGORIES = ['civil_servant', 'contract_staff', 'elected_official', 'citizen', 'other'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];
export type EmploymentCategory = (typeof EMPLOYMENT_CATEGORIES)[number];

/**
 * A 13-digit run starting 1–9 (the shape of a Romanian personal numeric code, CNP). PLA Desk never stores a
 * CNP: people are known by a stable internal id.
 */
export const looksLikeCnp = (s: string) => /(^|\D)[1-9]\d{12}(\D|$)/.test(s.replace(/(?<=\d)[\s.-]+(?=\d)/g, ''));
/** The reason code of a text that looks like a CNP (its words: issue-text.ts `noCnp`). */
export const CNP_MESSAGE = because('noCnp');
/** A person's text field: refuses anything that looks like a CNP. */
export const personText = (max = 300) => text(max).refine((s) => !looksLikeCnp(s), CNP_MESSAGE);
export const personEmail = z
  .string()
  .trim()
  .max(254)
  .refine((s) => !looksLikeCnp(s), CNP_MESSAGE)
  .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), because('email'));

export interface Programme extends Row {
  name: string;
  description: string;
  actionId: string;
  actionCode: string;
  sessionCount: number;
  /** Distinct people who completed at least one session of the programme. */
  completedPeople: number;
}

export interface TrainingSession extends Row {
  programmeId: string;
  programmeName: string;
  actionId: string;
  actionCode: string;
  title: string;
  topic: string;
  targetGroup: TargetGroup;
  provider: string;
  trainer: string;
  format: TrainingFormat;
  location: string;
  startDate: string;
  endDate: string | null;
  hours: number;
  /** Integer bani. */
  cost: number;
  planLine: string;
  evidence: string;
  attendeeCount: number;
  completedCount: number;
}

/** One page of the sessions list and how many sessions match; the counts are computed for the page's rows only. */
export interface SessionsPage {
  total: number;
  rows: TrainingSession[];
}

/** A session as a picker lists it (every live session, no counts). */
export interface SessionOption {
  id: string;
  title: string;
  startDate: string;
  programmeId: string;
  programmeName: string;
  actionCode: string;
}

export interface Person extends Row {
  name: string;
  email: string;
  department: string;
  position: string;
  category: EmploymentCategory;
  notes: string;
}

export interface PersonSummary extends Person {
  sessionCount: number;
  completedCount: number;
  hoursTotal: number;
  lastDate: string | null;
}

/** One page of the people list and how many people match (the register holds tens of thousands). */
export interface PeoplePage {
  total: number;
  rows: PersonSummary[];
}

export interface Attendance extends Row {
  sessionId: string;
  personId: string;
  personName: string;
  personEmail: string;
  personDepartment: string;
  personCategory: EmploymentCategory;
  hoursAttended: number;
  completed: boolean;
  assessment: string;
  certificateType: string;
  certificateNumber: string;
  certificateDate: string | null;
  certificateIssuer: string;
  consentPublishName: boolean;
  consentContact: boolean;
}

export interface HistoryEntry extends Attendance {
  sessionTitle: string;
  programmeName: string;
  actionCode: string;
  startDate: string;
  endDate: string | null;
}

export interface PersonHistory {
  person: PersonSummary;
  entries: HistoryEntry[];
  certificates: HistoryEntry[];
}

/** One row of an attendance list, as the preview shows it. */
export interface AttendancePreviewRow {
  row: number;
  name: string;
  email: string;
  department: string;
  position: string;
  hours: number;
  completed: boolean;
  /** `new`: a person not known yet; `matched`: the same e-mail and name as a known person; `duplicate`: likely the same person, to confirm. */
  status: 'new' | 'matched' | 'duplicate';
  personId: string | null;
  /** For `duplicate`: the known person it resembles and why (`same_email`, `same_name`). */
  candidate: { id: string; name: string; email: string; department: string } | null;
  reason: 'same_email' | 'same_name' | null;
  /** What the commit does with the attendance: create it, update it, or nothing (already recorded as is). */
  attendance: 'create' | 'update' | 'unchanged';
}

export interface AttendanceImportResult {
  dryRun: boolean;
  /** The session written to ('' in the dry run of a list for a new session). */
  sessionId: string;
  /** The sheet read, by its own name. */
  sheet: string;
  /** True when the commit made the session (`newSession`). */
  sessionCreated: boolean;
  rows: AttendancePreviewRow[];
  peopleCreated: number;
  attendanceCreated: number;
  attendanceUpdated: number;
  unchanged: number;
  ignoredColumns: string[];
}

export interface RegistryImportResult {
  dryRun: boolean;
  created: Record<'programmes' | 'sessions' | 'people' | 'attendance', number>;
  updated: Record<'programmes' | 'sessions' | 'people' | 'attendance', number>;
  unchanged: number;
  /** Columns of the file that the import does not read (`Sheet!Header`), listed before anything is written. */
  ignoredColumns: string[];
  /** What the user should look at before importing (the same e-mail on several person rows …), in Romanian. */
  warnings: string[];
}

const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();
const hours = z.number().finite().min(0).max(10_000);

export const saveProgrammeInput = z.object({ ...withId, name: requiredText(300), description: text(5000).default(''), actionId: id }).strict();

/** What a session is made of (saved on its own, or made on the spot by an attendance import). */
const sessionFields = {
  programmeId: id,
  title: requiredText(300),
  topic: text(500).default(''),
  targetGroup: z.enum(TARGET_GROUPS),
  provider: text(300).default(''),
  trainer: personText(300).default(''),
  format: z.enum(TRAINING_FORMATS).default('in_person'),
  location: text(300).default(''),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
  hours: hours.default(0),
  cost: z.number().int().min(0).default(0),
  planLine: text(300).default(''),
  evidence: text(5000).default(''),
};

export const saveSessionInput = z
  .object({ ...withId, ...sessionFields })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue(issue(['endDate'], 'endBeforeStart'));
  });

export const savePersonInput = z
  .object({
    ...withId,
    name: requiredText(200).refine((s) => !looksLikeCnp(s), CNP_MESSAGE),
    email: personEmail.default(''),
    department: personText(300).default(''),
    position: personText(300).default(''),
    category: z.enum(EMPLOYMENT_CATEGORIES),
    notes: personText(2000).default(''),
  })
  .strict();

export const saveAttendanceInput = z
  .object({
    ...withId,
    sessionId: id,
    personId: id,
    hoursAttended: hours.default(0),
    completed: z.boolean().default(false),
    assessment: text(500).default(''),
    certificateType: text(100).default(''),
    certificateNumber: personText(100).default(''),
    certificateDate: isoDate.nullable().default(null),
    certificateIssuer: text(300).default(''),
    consentPublishName: z.boolean().default(false),
    consentContact: z.boolean().default(false),
  })
  .strict();

const upload = {
  fileName: requiredText(255).refine((s) => !/[\\/\0]/.test(s), because('fileName')),
  /** The file: 50 MB at most. */
  ...uploadedFile('training.importExcel', { nonEmpty: true }),
  dryRun: z.boolean().default(true),
};

/** A session made on the spot by an attendance import (a workbook with one sheet per session). */
export const newSessionInput = z.object(sessionFields).strict();

export const importAttendanceInput = z
  .object({
    ...upload,
    /** The session the list goes into; or `newSession`, made by the commit in the same transaction. */
    sessionId: id.optional(),
    newSession: newSessionInput.optional(),
    /**
     * The sheet to read, by its own name ("Sesiunea 1"). Without it: the workbook's one sheet with an attendance
     * header (a workbook with several must name one; `training.importAttendanceSheets` lists them).
     */
    sheet: requiredText(200).optional(),
    /** For each likely duplicate (by row number): the same person as `personId`, or a separate new person. */
    decisions: z
      .array(z.object({ row: z.number().int().min(1), decision: z.enum(['same', 'separate']), personId: id.optional() }).strict())
      .max(100_000)
      .default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.sessionId === !v.newSession) ctx.addIssue(issue(['sessionId'], 'sessionOrNew'));
    if (v.newSession?.endDate && v.newSession.endDate < v.newSession.startDate) ctx.addIssue(issue(['newSession', 'endDate'], 'endBeforeStart'));
  });

export const attendanceSheetsInput = z.object({ fileName: upload.fileName, contentBase64: upload.contentBase64, uploadId: upload.uploadId }).strict();

/** One sheet of an attendance workbook, as the import would read it. */
export interface AttendanceSheet {
  /** The sheet's own name ("Sesiunea 1"); "CSV" for a CSV file. */
  name: string;
  /** The row its header was found on (below any title block); null: no attendance header on this sheet. */
  headerRow: number | null;
  rows: number;
  /** Cells that would be refused (the import names each one). */
  badCells: number;
  /** A live session whose title is the sheet's name (case and diacritics aside), if any. */
  sessionId: string | null;
}

export const importTrainingInput = z.object(upload).strict();

export type SaveProgrammeInput = z.input<typeof saveProgrammeInput>;
export type SaveSessionInput = z.input<typeof saveSessionInput>;
export type SavePersonInput = z.input<typeof savePersonInput>;
export type SaveAttendanceInput = z.input<typeof saveAttendanceInput>;
export type ImportAttendanceInput = z.input<typeof importAttendanceInput>;

export const PEOPLE_SORTS = ['name', 'email', 'department', 'category'] as const;
export const PEOPLE_PAGE_MAX = 500;

/**
 * A page of people: search (name without diacritics, e-mail, department), category, sort, offset and limit
 * (default 100). The server pages because the register holds every official ever trained.
 */
export const listPeopleInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    category: z.enum(EMPLOYMENT_CATEGORIES).optional(),
    sort: z.enum(PEOPLE_SORTS).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(PEOPLE_PAGE_MAX).default(100),
  })
  .strict();
export type ListPeopleInput = z.input<typeof listPeopleInput>;

export const SESSION_SORTS = ['startDate', 'title', 'programme', 'action', 'hours', 'cost'] as const;
export const SESSIONS_PAGE_MAX = 500;

/**
 * A page of sessions: search (title, topic, trainer, provider; case and diacritics aside), the filters of the list
 * (programme, action, target group, format), sort, offset and limit (default 100). Newest first by default.
 */
export const listSessionsInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    programmeId: id.optional(),
    actionId: id.optional(),
    targetGroup: z.enum(TARGET_GROUPS).optional(),
    format: z.enum(TRAINING_FORMATS).optional(),
    sort: z.enum(SESSION_SORTS).default('startDate'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(SESSIONS_PAGE_MAX).default(100),
  })
  .strict();
export type ListSessionsInput = z.input<typeof listSessionsInput>;

export const trainingContract = {
  'training.listProgrammes': method<Programme[]>()(z.object({}).strict(), READERS),
  'training.saveProgramme': method<Programme>()(saveProgrammeInput, EDITORS),
  'training.deleteProgramme': method<null>()(deleteRef, EDITORS),
  'training.restoreProgramme': method<null>()(ref, EDITORS),

  'training.listSessions': method<SessionsPage>()(listSessionsInput, READERS),
  /** Every live session, slim (id, title, date, programme), for the pickers: newest first. */
  'training.sessionOptions': method<SessionOption[]>()(z.object({}).strict(), READERS),
  'training.getSession': method<TrainingSession>()(ref, READERS),
  'training.saveSession': method<TrainingSession>()(saveSessionInput, EDITORS),
  'training.deleteSession': method<null>()(deleteRef, EDITORS),
  'training.restoreSession': method<null>()(ref, EDITORS),

  'training.listPeople': method<PeoplePage>()(listPeopleInput, EDITORS),
  'training.savePerson': method<Person>()(savePersonInput, EDITORS),
  'training.personHistory': method<PersonHistory>()(ref, EDITORS),

  'training.listAttendance': method<Attendance[]>()(z.object({ sessionId: id }).strict(), EDITORS),
  'training.saveAttendance': method<Attendance>()(saveAttendanceInput, EDITORS),
  'training.deleteAttendance': method<null>()(deleteRef, EDITORS),
  'training.restoreAttendance': method<null>()(ref, EDITORS),

  /** An attendance list (.xlsx or .csv) into a session: a dry run returns the preview; the commit applies the decisions. */
  'training.importAttendance': method<AttendanceImportResult>()(importAttendanceInput, EDITORS),
  /** The first step of importing an attendance workbook with one sheet per session (as city staff keep them): each sheet's name, header row, rows and bad cells; writes nothing. */
  'training.importAttendanceSheets': method<{ sheets: AttendanceSheet[] }>()(attendanceSheetsInput, EDITORS),
  /** Starts a job that writes the training workbook; the job's result is `{ fileId, fileName }`. */
  'training.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
  /** Our own export read back (programmes, sessions, people, attendance matched by id). */
  'training.importExcel': method<RegistryImportResult>()(importTrainingInput, EDITORS),
};
