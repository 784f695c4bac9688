import type {
  PartnershipsTable,
  StakeholderInteractionsTable,
  StakeholderRaciTable,
  StakeholdersTable,
  StakeholderTakeoversTable,
} from '../../../db/schema/stakeholders';
import {
  quadrantOf,
  type Attachment,
  type Attitude,
  type Iap2Level,
  type Interaction,
  type InteractionKind,
  type Partnership,
  type PlaRole,
  type RaciLink,
  type Sector,
  type StakeholderType,
  type Stakeholder,
  type StakeholderListItem,
  type StakeholderScore,
  type StakeholderSummary,
  type Takeover,
} from '../../contract';

/**
 * One object literal per row, no spreads: lists build thousands of these, and spreading a wide object into
 * another makes V8 fall back to slow dictionary objects (5,000 stakeholders: ~280 ms → a few ms).
 */
export const toStakeholder = (r: StakeholdersTable): Stakeholder => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  type: r.type,
  name: r.name,
  legalForm: r.legal_form,
  sector: r.sector as Sector,
  contacts: r.contacts,
  plaRole: r.pla_role as PlaRole | null,
  power: r.power,
  interest: r.interest,
  quadrant: quadrantOf(r.power, r.interest),
  attitude: r.attitude as Attitude,
  assessmentDate: r.assessment_date,
  iap2Level: r.iap2_level as Iap2Level | null,
  gdprNotes: r.gdpr_notes,
  consentDate: r.consent_date,
  consentScope: r.consent_scope,
  public: r.public === 1,
  notes: r.notes,
});

export type StakeholderListRow = StakeholdersTable & {
  takeover_count: number;
  partnership_count: number;
  raci_count: number;
  last_interaction_date: string | null;
};

/** One stakeholder with its counts (a single record: the counts are added to the record's own object, no spread). */
export const toSummary = (r: StakeholderListRow): StakeholderSummary => {
  const s = toStakeholder(r) as StakeholderSummary;
  s.takeoverCount = Number(r.takeover_count);
  s.partnershipCount = Number(r.partnership_count);
  s.raciCount = Number(r.raci_count);
  s.lastInteractionDate = r.last_interaction_date;
  return s;
};

/** A list row: the list's columns only (about a sixth of the full record's bytes). */
export const toListItem = (r: {
  id: string;
  name: string;
  type: string;
  sector: string;
  pla_role: string | null;
  power: number | null;
  interest: number | null;
  iap2_level: string | null;
  takeover_count: number;
  partnership_count: number;
  last_interaction_date: string | null;
}): StakeholderListItem => ({
  id: r.id,
  name: r.name,
  type: r.type as StakeholderType,
  sector: r.sector as Sector,
  plaRole: r.pla_role as PlaRole | null,
  power: r.power,
  interest: r.interest,
  quadrant: quadrantOf(r.power, r.interest),
  iap2Level: r.iap2_level as Iap2Level | null,
  takeoverCount: r.takeover_count,
  partnershipCount: r.partnership_count,
  lastInteractionDate: r.last_interaction_date,
});

export const toScore = (r: { id: string; name: string; power: number | null; interest: number | null; updated_at: string }): StakeholderScore => ({
  id: r.id,
  name: r.name,
  power: r.power,
  interest: r.interest,
  quadrant: quadrantOf(r.power, r.interest),
  updatedAt: r.updated_at,
});

export const toRaci = (r: StakeholderRaciTable & { stakeholder_name: string; action_code: string }): RaciLink => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  stakeholderId: r.stakeholder_id,
  stakeholderName: r.stakeholder_name,
  actionId: r.action_id,
  actionCode: r.action_code,
  role: r.role,
});

export const toTakeover = (r: StakeholderTakeoversTable & { stakeholder_name: string; action_code: string }): Takeover => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  stakeholderId: r.stakeholder_id,
  stakeholderName: r.stakeholder_name,
  actionId: r.action_id,
  actionCode: r.action_code,
  date: r.date,
  note: r.note,
});

/** Counts toward I3.5 on `today`: tech / academia / business, started, not yet ended. */
export const partnershipActive = (p: Pick<PartnershipsTable, 'type' | 'start_date' | 'end_date'>, today: string) =>
  p.type !== 'other' && p.start_date <= today && (p.end_date == null || p.end_date >= today);

export const toPartnership = (r: PartnershipsTable & { stakeholder_name: string }, today: string, documents: Attachment[]): Partnership => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  stakeholderId: r.stakeholder_id,
  stakeholderName: r.stakeholder_name,
  type: r.type,
  title: r.title,
  startDate: r.start_date,
  endDate: r.end_date,
  notes: r.notes,
  active: partnershipActive(r, today),
  documents,
});

export const toInteraction = (r: StakeholderInteractionsTable): Interaction => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  stakeholderId: r.stakeholder_id,
  date: r.date,
  kind: r.kind as InteractionKind,
  summary: r.summary,
});
