import type {
  PartnershipsTable,
  StakeholderInteractionsTable,
  StakeholderRaciTable,
  StakeholdersTable,
  StakeholderTakeoversTable,
} from '../../../db/schema/stakeholders';
import type { RowColumns } from '../../../db/schema/common';
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

/** The fields every record hanging off one stakeholder carries (built as one literal; each mapper adds its own fields to it). */
const stakeholderChild = (r: RowColumns & { stakeholder_id: string }) => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  deletedAt: r.deleted_at,
  stakeholderId: r.stakeholder_id,
});

type ActionLinkRow = Parameters<typeof stakeholderChild>[0] & { stakeholder_name: string; action_id: string; action_code: string };

/** A stakeholder ↔ action link (RACI role or takeover): the child fields plus both names. */
function actionLink<T>(r: ActionLinkRow): T {
  const l = stakeholderChild(r) as Record<string, unknown>;
  l.stakeholderName = r.stakeholder_name;
  l.actionId = r.action_id;
  l.actionCode = r.action_code;
  return l as T;
}

export const toRaci = (r: StakeholderRaciTable & { stakeholder_name: string; action_code: string }): RaciLink => {
  const l = actionLink<RaciLink>(r);
  l.role = r.role;
  return l;
};

export const toTakeover = (r: StakeholderTakeoversTable & { stakeholder_name: string; action_code: string }): Takeover => {
  const t = actionLink<Takeover>(r);
  t.date = r.date;
  t.note = r.note;
  return t;
};

/** Counts toward I3.5 on `today`: tech / academia / business, started, not yet ended. */
export const partnershipActive = (p: Pick<PartnershipsTable, 'type' | 'start_date' | 'end_date'>, today: string) =>
  p.type !== 'other' && p.start_date <= today && (p.end_date == null || p.end_date >= today);

export const toPartnership = (r: PartnershipsTable & { stakeholder_name: string }, today: string, documents: Attachment[]): Partnership => {
  const p = stakeholderChild(r) as Partnership;
  p.stakeholderName = r.stakeholder_name;
  p.type = r.type;
  p.title = r.title;
  p.startDate = r.start_date;
  p.endDate = r.end_date;
  p.notes = r.notes;
  p.active = partnershipActive(r, today);
  p.documents = documents;
  return p;
};

export const toInteraction = (r: StakeholderInteractionsTable): Interaction => {
  const i = stakeholderChild(r) as Interaction;
  i.date = r.date;
  i.kind = r.kind as InteractionKind;
  i.summary = r.summary;
  return i;
};
