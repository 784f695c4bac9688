import { z } from 'zod';
import { issue } from './issues';
import { ALL, READERS, EDITORS, method } from './define';
import { uploadedFile } from './uploads';
import { evidenceUpload, expectedUpdatedAt, id, isoDate, requiredText, text, type Attachment, type Row } from './common';

/** Stakeholder register (action A4.4): organisations and people, power/interest, IAP2, RACI, take-over, partnerships, interactions. */

export const STAKEHOLDER_TYPES = ['organisation', 'person'] as const;
export const SECTORS = ['public', 'ngo', 'academia', 'business', 'tech_community', 'media', 'informal_group', 'citizen', 'international', 'other'] as const;
export const PLA_ROLES = ['lead', 'partner', 'forum_member', 'monitoring_body', 'implementer', 'beneficiary', 'other'] as const;
export const ATTITUDES = ['supportive', 'neutral', 'resistant', 'unknown'] as const;
export const IAP2_LEVELS = ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const;
export const QUADRANTS = ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor'] as const;
export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export const PARTNERSHIP_TYPES = ['tech_community', 'academia', 'business', 'other'] as const;
export const INTERACTION_KINDS = ['meeting', 'email', 'phone', 'event', 'consultation', 'letter', 'other'] as const;

export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];
export type Sector = (typeof SECTORS)[number];
export type PlaRole = (typeof PLA_ROLES)[number];
export type Attitude = (typeof ATTITUDES)[number];
export type Iap2Level = (typeof IAP2_LEVELS)[number];
export type Quadrant = (typeof QUADRANTS)[number];
export type RaciRole = (typeof RACI_ROLES)[number];
export type PartnershipType = (typeof PARTNERSHIP_TYPES)[number];
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** A score of 3 or more is "high" on the 1–5 scales (the middle of the scale counts as high). */
export const HIGH_SCORE = 3;

/**
 * The power/interest quadrant (Mendelow): high power + high interest → manage closely; high power + low
 * interest → keep satisfied; low power + high interest → keep informed; both low → monitor. Null until
 * both scores are set. One rule, used by core (lists, export) and the renderer (grid while dragging).
 */
export function quadrantOf(power: number | null, interest: number | null): Quadrant | null {
  if (power == null || interest == null) return null;
  const p = power >= HIGH_SCORE;
  const i = interest >= HIGH_SCORE;
  return p ? (i ? 'manage_closely' : 'keep_satisfied') : i ? 'keep_informed' : 'monitor';
}

export interface Stakeholder extends Row {
  type: StakeholderType;
  name: string;
  legalForm: string;
  sector: Sector;
  /** Internal: never published. */
  contacts: string;
  plaRole: PlaRole | null;
  power: number | null;
  interest: number | null;
  quadrant: Quadrant | null;
  attitude: Attitude;
  assessmentDate: string | null;
  iap2Level: Iap2Level | null;
  gdprNotes: string;
  consentDate: string | null;
  consentScope: string;
  /** May appear on the public site; a person needs recorded consent (date and scope) first. */
  public: boolean;
  notes: string;
}

export interface StakeholderSummary extends Stakeholder {
  takeoverCount: number;
  partnershipCount: number;
  raciCount: number;
  lastInteractionDate: string | null;
}

/** A row of the register list: only the columns the list shows (the detail reads the whole record). */
export interface StakeholderListItem {
  id: string;
  name: string;
  type: StakeholderType;
  sector: Sector;
  plaRole: PlaRole | null;
  power: number | null;
  interest: number | null;
  quadrant: Quadrant | null;
  iap2Level: Iap2Level | null;
  takeoverCount: number;
  partnershipCount: number;
  lastInteractionDate: string | null;
}

/** One page of the register and how many stakeholders match (the register may hold thousands). */
export interface StakeholdersPage {
  total: number;
  rows: StakeholderListItem[];
}

/**
 * Every live stakeholder's name and scores, in name order: the power/interest grid (which draws and drags them
 * all; `updatedAt` is what a drag saves against) and the stakeholder pickers.
 */
export interface StakeholderScore {
  id: string;
  name: string;
  power: number | null;
  interest: number | null;
  quadrant: Quadrant | null;
  updatedAt: string;
}

export interface RaciLink extends Row {
  stakeholderId: string;
  stakeholderName: string;
  actionId: string;
  actionCode: string;
  role: RaciRole;
}

/**
 * The RACI matrix: plan actions (rows, in code order) × stakeholders (columns: every organisation of the register,
 * and any person who holds a role), each cell R, A, C, I or empty. An action with any role has exactly one A.
 */
export interface RaciMatrix {
  actions: Array<{ id: string; code: string; title: string; accountable: { stakeholderId: string; name: string } | null }>;
  stakeholders: Array<{ id: string; name: string; type: StakeholderType }>;
  links: RaciLink[];
}

export interface Takeover extends Row {
  stakeholderId: string;
  stakeholderName: string;
  actionId: string;
  actionCode: string;
  date: string;
  note: string;
}

export interface Partnership extends Row {
  stakeholderId: string;
  stakeholderName: string;
  type: PartnershipType;
  title: string;
  startDate: string;
  endDate: string | null;
  notes: string;
  /** Counts toward I3.5 today: started, not ended, of type tech / academia / business. */
  active: boolean;
  documents: Attachment[];
}

export interface Interaction extends Row {
  stakeholderId: string;
  date: string;
  kind: InteractionKind;
  summary: string;
}

export interface StakeholdersImportReport {
  dryRun: boolean;
  /** Per sheet: rows that would be / were created, updated, left unchanged. */
  sheets: Array<{ sheet: string; created: number; updated: number; unchanged: number }>;
  ignoredColumns: string[];
}

const score = z.number().int().min(1).max(5);
const withId = { id: id.optional(), expectedUpdatedAt: expectedUpdatedAt.optional() };
const ref = z.object({ id }).strict();
const deleteRef = z.object({ id, expectedUpdatedAt }).strict();

export const saveStakeholderInput = z
  .object({
    ...withId,
    type: z.enum(STAKEHOLDER_TYPES),
    name: requiredText(300),
    legalForm: text(200).default(''),
    sector: z.enum(SECTORS),
    contacts: text(2000).default(''),
    plaRole: z.enum(PLA_ROLES).nullable().default(null),
    power: score.nullable().default(null),
    interest: score.nullable().default(null),
    attitude: z.enum(ATTITUDES).default('unknown'),
    assessmentDate: isoDate.nullable().default(null),
    iap2Level: z.enum(IAP2_LEVELS).nullable().default(null),
    gdprNotes: text(5000).default(''),
    consentDate: isoDate.nullable().default(null),
    consentScope: text(1000).default(''),
    public: z.boolean().default(false),
    notes: text().default(''),
  })
  .strict();

export const setScoresInput = z.object({ id, expectedUpdatedAt, power: score, interest: score }).strict();

export const addRaciInput = z.object({ stakeholderId: id, actionId: id, role: z.enum(RACI_ROLES) }).strict();
/**
 * One cell of the matrix: the stakeholder's role on the action becomes `role` (null: none). `expected` is what the
 * cell held when the user read it (its links and versions): a cell changed meanwhile is a CONFLICT. Giving A to
 * a stakeholder while another holds it is refused unless `moveAccountable` (the other's A goes, their cell empties).
 */
export const setRaciCellInput = z
  .object({
    actionId: id,
    stakeholderId: id,
    role: z.enum(RACI_ROLES).nullable(),
    expected: z.array(z.object({ id, updatedAt: expectedUpdatedAt }).strict()).max(4),
    moveAccountable: z.boolean().default(false),
  })
  .strict();
export const replaceAccountableInput = z.object({ actionId: id, stakeholderId: id, expectedUpdatedAt }).strict();
export const addTakeoverInput = z.object({ stakeholderId: id, actionId: id, date: isoDate, note: text(2000).default('') }).strict();
export const savePartnershipInput = z
  .object({
    ...withId,
    stakeholderId: id,
    type: z.enum(PARTNERSHIP_TYPES),
    title: requiredText(300),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
    notes: text(5000).default(''),
    /** Documents added by this save (the signed agreement or protocol). */
    documents: z.array(evidenceUpload).max(3).default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endDate && v.endDate < v.startDate) ctx.addIssue(issue(['endDate'], 'endBeforeStart'));
  });
export const saveInteractionInput = z
  .object({ ...withId, stakeholderId: id, date: isoDate, kind: z.enum(INTERACTION_KINDS), summary: requiredText(5000) })
  .strict();
export const importStakeholdersInput = z
  .object({
    fileName: requiredText(255),
    ...uploadedFile('stakeholders.importExcel'),
    dryRun: z.boolean().default(false),
  })
  .strict();

export const STAKEHOLDER_SORTS = [
  'name',
  'type',
  'sector',
  'power',
  'interest',
  'quadrant',
  'takeoverCount',
  'partnershipCount',
  'lastInteractionDate',
] as const;
export type StakeholderSort = (typeof STAKEHOLDER_SORTS)[number];
export const STAKEHOLDERS_PAGE_MAX = 500;

/**
 * A page of the register: search (name and legal form, case and diacritics aside), filters (type, sector, PLA
 * role, IAP2 level, quadrant, able to take over an action), sort, offset and limit (default 100, at most 500).
 * The server pages because the register may hold thousands of organisations.
 */
export const listStakeholdersInput = z
  .object({
    search: z.string().trim().max(200).optional(),
    type: z.enum(STAKEHOLDER_TYPES).optional(),
    sector: z.enum(SECTORS).optional(),
    plaRole: z.enum(PLA_ROLES).optional(),
    iap2Level: z.enum(IAP2_LEVELS).optional(),
    quadrant: z.enum(QUADRANTS).optional(),
    /** true: only those able to take over at least one (live) plan action; false: only those able to take over none. */
    ableToTakeOver: z.boolean().optional(),
    sort: z.enum(STAKEHOLDER_SORTS).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(STAKEHOLDERS_PAGE_MAX).default(100),
  })
  .strict();
export type ListStakeholdersInput = z.input<typeof listStakeholdersInput>;

export type SaveStakeholderInput = z.input<typeof saveStakeholderInput>;
export type SavePartnershipInput = z.input<typeof savePartnershipInput>;
export type SaveInteractionInput = z.input<typeof saveInteractionInput>;

export const stakeholdersContract = {
  'stakeholders.list': method<StakeholdersPage>()(listStakeholdersInput, ALL),
  /** The whole register's names and scores (the grid, the pickers); exports read the full records themselves. */
  'stakeholders.listScores': method<StakeholderScore[]>()(z.object({}).strict(), EDITORS),
  'stakeholders.get': method<StakeholderSummary>()(ref, ALL),
  'stakeholders.save': method<Stakeholder>()(saveStakeholderInput, EDITORS),
  /** Power and interest from the grid (drag or arrow keys); the assessment date becomes today. */
  'stakeholders.setScores': method<Stakeholder>()(setScoresInput, EDITORS),
  'stakeholders.delete': method<null>()(deleteRef, EDITORS),
  'stakeholders.restore': method<null>()(ref, EDITORS),

  'stakeholders.listRaci': method<RaciLink[]>()(z.object({ actionId: id.optional(), stakeholderId: id.optional() }).strict(), READERS),
  /** Exactly one Accountable per action: a second one is refused (field `role`), R/C/I need the A first. */
  'stakeholders.addRaci': method<RaciLink>()(addRaciInput, EDITORS),
  /** Removing the Accountable while other links remain is refused: replace it instead. */
  'stakeholders.deleteRaci': method<null>()(deleteRef, EDITORS),
  'stakeholders.replaceAccountable': method<RaciLink>()(replaceAccountableInput, EDITORS),
  'stakeholders.getRaciMatrix': method<RaciMatrix>()(z.object({}).strict(), EDITORS),
  /** Sets one cell of the RACI matrix under the one-Accountable rule; returns the action's links after it. */
  'stakeholders.setRaciCell': method<RaciLink[]>()(setRaciCellInput, EDITORS),
  /** Starts a job that writes the RACI matrix workbook; the job's result is `{ fileId, fileName }`. */
  'stakeholders.exportRaciMatrix': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),

  'stakeholders.listTakeovers': method<Takeover[]>()(z.object({ stakeholderId: id.optional() }).strict(), READERS),
  'stakeholders.addTakeover': method<Takeover>()(addTakeoverInput, EDITORS),
  'stakeholders.deleteTakeover': method<null>()(deleteRef, EDITORS),

  'stakeholders.listPartnerships': method<Partnership[]>()(z.object({ stakeholderId: id.optional() }).strict(), READERS),
  'stakeholders.savePartnership': method<Partnership>()(savePartnershipInput, EDITORS),
  'stakeholders.deletePartnership': method<null>()(deleteRef, EDITORS),
  'stakeholders.restorePartnership': method<null>()(ref, EDITORS),

  'stakeholders.listInteractions': method<Interaction[]>()(z.object({ stakeholderId: id }).strict(), EDITORS),
  'stakeholders.saveInteraction': method<Interaction>()(saveInteractionInput, EDITORS),
  'stakeholders.deleteInteraction': method<null>()(deleteRef, EDITORS),

  /** Starts a job that writes the register workbook; the job's result is `{ fileId, fileName }`. */
  'stakeholders.exportExcel': method<{ jobId: string }>()(z.object({}).strict(), EDITORS),
  /** All-or-nothing import of a workbook shaped like the export; `dryRun` reports and writes nothing. */
  'stakeholders.importExcel': method<StakeholdersImportReport>()(importStakeholdersInput, EDITORS),
};
