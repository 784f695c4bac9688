import {
  LEVEL_BANDS,
  type ApplicationStatus,
  type LabelsOf,
  type CAMPAIGN_KINDS,
  type DESIGN_POTENTIAL,
  type ELIGIBILITY_STATUSES,
  type HVD_CATEGORIES,
  type IAP2_LEVELS,
  type MEASURE_STATUSES,
  type PARTNERSHIP_TYPES,
  type PLA_ROLES,
  type PROJECT_STATUSES,
  type RACI_ROLES,
  type RISK_CATEGORIES,
  type RISK_LEVELS,
  type SECTORS,
  type TARGET_GROUPS,
  type UPDATE_FREQUENCIES,
} from '../../contract';
import { PROGRAMME_RO } from '../funding/labels';
import { PLAN_LABELS_RO } from '../plan/labels';

const LEVEL_NAME_RO = { very_high: 'Foarte ridicat', high: 'Ridicat', medium: 'Mediu', low: 'Scăzut' } satisfies LabelsOf<typeof RISK_LEVELS>;
/** "Ridicat (10–15)": the level's name and its band of exposures, from the contract's LEVEL_BANDS. */
const RISK_LEVEL_RO = Object.fromEntries(LEVEL_BANDS.map((b) => [b.level, `${LEVEL_NAME_RO[b.level]} (${b.min}–${b.max})`])) as LabelsOf<typeof RISK_LEVELS>;

/** Romanian labels of the enums the public site shows: the plan's own (shared with the exports), then the rest. */
export const RO = {
  ...PLAN_LABELS_RO,
  designPotential: { unclear: 'Neclar', modest: 'Modest', substantial: 'Substanțial' } satisfies LabelsOf<typeof DESIGN_POTENTIAL>,
  applicationStatus: {
    idea: 'Idee',
    submitted: 'Depusă',
    under_evaluation: 'În evaluare',
    approved: 'Aprobată',
    rejected: 'Respinsă',
    contracted: 'Contractată',
    in_implementation: 'În implementare',
    closed: 'Finalizată',
  } satisfies Record<ApplicationStatus, string>,
  programme: PROGRAMME_RO,
  sector: {
    public: 'Sector public',
    ngo: 'Organizație neguvernamentală',
    academia: 'Mediul academic',
    business: 'Mediul de afaceri',
    tech_community: 'Comunitate tehnologică',
    media: 'Presă',
    informal_group: 'Grup informal',
    citizen: 'Cetățeni',
    international: 'Organizație internațională',
    other: 'Altele',
  } satisfies LabelsOf<typeof SECTORS>,
  plaRole: {
    lead: 'Coordonator',
    partner: 'Partener',
    forum_member: 'Membru al forumului',
    monitoring_body: 'Organism de monitorizare',
    implementer: 'Implementator',
    beneficiary: 'Beneficiar',
    other: 'Alt rol',
  } satisfies LabelsOf<typeof PLA_ROLES>,
  iap2: { inform: 'Informare', consult: 'Consultare', involve: 'Implicare', collaborate: 'Colaborare', empower: 'Împuternicire' } satisfies LabelsOf<
    typeof IAP2_LEVELS
  >,
  partnershipType: {
    tech_community: 'Comunitate tehnologică',
    academia: 'Mediul academic',
    business: 'Mediul de afaceri',
    other: 'Alt tip',
  } satisfies LabelsOf<typeof PARTNERSHIP_TYPES>,
  raci: { responsible: 'Responsabil', accountable: 'Răspunde de rezultat', consulted: 'Consultat', informed: 'Informat' } satisfies LabelsOf<typeof RACI_ROLES>,
  targetGroup: {
    civil_servants: 'Funcționari publici',
    contract_staff: 'Personal contractual',
    elected_officials: 'Aleși locali',
    citizens_youth: 'Cetățeni și tineri',
  } satisfies LabelsOf<typeof TARGET_GROUPS>,
  riskCategory: {
    strategic: 'Strategic',
    operational: 'Operațional',
    financial: 'Financiar',
    legal: 'Juridic',
    integrity: 'Integritate',
    reputational: 'Reputațional',
    it: 'IT',
    human_resources: 'Resurse umane',
    other: 'Altele',
  } satisfies LabelsOf<typeof RISK_CATEGORIES>,
  riskLevel: RISK_LEVEL_RO,
  frequency: {
    daily: 'Zilnic',
    weekly: 'Săptămânal',
    monthly: 'Lunar',
    quarterly: 'Trimestrial',
    semiannual: 'Semestrial',
    annual: 'Anual',
    irregular: 'Neregulat',
    never: 'Nu se actualizează',
  } satisfies LabelsOf<typeof UPDATE_FREQUENCIES>,
  hvd: {
    geospatial: 'Date geospațiale',
    earth_observation_environment: 'Observarea Pământului și mediu',
    meteorological: 'Date meteorologice',
    statistics: 'Statistică',
    companies: 'Societăți și proprietatea societăților',
    mobility: 'Mobilitate',
  } satisfies LabelsOf<typeof HVD_CATEGORIES>,
  projectStatus: { not_started: 'Neînceput', in_progress: 'În implementare', completed: 'Finalizat', cancelled: 'Anulat' } satisfies LabelsOf<
    typeof PROJECT_STATUSES
  >,
  eligibility: { pending: 'În verificare', eligible: 'Eligibil', ineligible: 'Neeligibil' } satisfies LabelsOf<typeof ELIGIBILITY_STATUSES>,
  campaignKind: { pb: 'Bugetare participativă', grant: 'Competiție de granturi' } satisfies LabelsOf<typeof CAMPAIGN_KINDS>,
  measureStatus: { planned: 'Planificate', in_progress: 'În desfășurare', done: 'Realizate', cancelled: 'Anulate' } satisfies LabelsOf<typeof MEASURE_STATUSES>,
};

export const label = (table: Record<string, string>, key: string | null | undefined) => (key == null ? '—' : (table[key] ?? key));
