import type {
  Action,
  BudgetCampaign,
  BudgetProject,
  BudgetProposal,
  BudgetZone,
  CampaignResults,
  Commitment,
  Dataset,
  FundingApplication,
  FundingCall,
  Indicator,
  Measurement,
  Milestone,
  Partnership,
  PlanInfo,
  ProgressUpdate,
  RaciLink,
  RiskLevel,
  Stakeholder,
  WinnerExplanation,
} from '../../../contract';

/**
 * What the public site may show: each shape is the app's own contract type cut down to its publishable fields
 * (`Pick<>`), plus what only the site has (slugs, links between pages, evidence files, the "why" texts).
 * Every value is filled by a collector in this folder; free texts pass through `redact` on their way.
 */

export interface PublicFile {
  /** Path inside the site, e.g. `dovezi/3f2a…/raport.pdf`. */
  sitePath: string;
  name: string;
  size: number;
}

export type PublicUpdate = Pick<ProgressUpdate, 'date' | 'progress' | 'status' | 'note'> & { evidence: PublicFile[] };

export type PublicMilestone = Pick<Milestone, 'title' | 'dueDate' | 'done' | 'doneDate'>;

export type PublicAction = Pick<
  Action,
  | 'id'
  | 'commitmentId'
  | 'parentId'
  | 'code'
  | 'title'
  | 'deliverable'
  | 'plannedStart'
  | 'plannedEnd'
  | 'actualStart'
  | 'actualEnd'
  | 'responsibleOrg'
  | 'status'
  | 'progress'
  | 'rag'
> & {
  slug: string;
  updates: PublicUpdate[];
  milestones: PublicMilestone[];
  indicatorIds: string[];
  raci: Array<{ partner: string } & Pick<RaciLink, 'role'>>;
};

export type PublicMeasurement = Pick<Measurement, 'date' | 'value' | 'period'> & { evidence: PublicFile[] };

/**
 * latest: date of the measurement, or of the latest record that counts; null when nothing was measured or no
 * record counts ("Fără date"). comparable: what is compared with the target (a ratio's percentage), as in the app.
 */
export type PublicIndicator = Pick<
  Indicator,
  | 'id'
  | 'commitmentId'
  | 'code'
  | 'name'
  | 'unit'
  | 'type'
  | 'direction'
  | 'baseline'
  | 'baselineDate'
  | 'target'
  | 'denominator'
  | 'denominatorSource'
  | 'denominatorYear'
  | 'countingRule'
  | 'dataSource'
  | 'frequency'
  | 'responsibleDepartment'
  | 'latest'
  | 'percentOfTarget'
  | 'rag'
  | 'actionIds'
> & {
  slug: string;
  computed: boolean;
  measurements: PublicMeasurement[];
};

export type PublicCommitment = Pick<
  Commitment,
  | 'id'
  | 'code'
  | 'title'
  | 'description'
  | 'objective'
  | 'problem'
  | 'solution'
  | 'actors'
  | 'relevanceLocal'
  | 'relevanceNational'
  | 'relevanceInternational'
  | 'ogpValues'
  | 'startDate'
  | 'endDate'
  | 'leadInstitution'
  | 'designVerifiable'
  | 'completion'
  | 'openedGovernment'
  | 'factors'
  | 'lessons'
> & {
  slug: string;
  designPotential: string | null;
  progress: number;
  rag: Action['rag'];
  actionIds: string[];
  indicatorIds: string[];
};

export type PublicPartner = Pick<Stakeholder, 'id' | 'name' | 'legalForm'> & {
  kind: Stakeholder['type'];
  /** Organisations only (for a person the sector is internal); legalForm is '' for a person. */
  sector: string | null;
  plaRole: string | null;
  iap2Level: string | null;
  partnerships: Array<Pick<Partnership, 'type' | 'title' | 'startDate' | 'endDate'>>;
};

export type PublicFunding = Pick<
  FundingApplication,
  | 'code'
  | 'title'
  | 'applicant'
  | 'programme'
  | 'callCode'
  | 'callTitle'
  | 'nonReimbursable'
  | 'requestedAmount'
  | 'ownContribution'
  | 'totalAmount'
  | 'status'
  | 'decisionOn'
  | 'contractSignedOn'
> &
  Pick<FundingCall, 'managingBody'>;

type TrainingCounts = { sessions: number; hours: number; participants: number; completed: number };
export interface TrainingAggregates extends TrainingCounts {
  byProgramme: Array<{ name: string } & TrainingCounts>;
  byTargetGroup: Array<{ targetGroup: string } & TrainingCounts>;
}

export interface RiskSummary {
  open: number;
  closed: number;
  toleranceLimit: number | null;
  aboveTolerance: number;
  byCategory: Array<{ category: string; open: number; closed: number }>;
  byLevel: Array<{ level: RiskLevel; open: number }>;
  measures: Array<{ status: string; n: number }>;
}

export type PublicDataset = Pick<
  Dataset,
  'id' | 'slug' | 'name' | 'description' | 'hvdCategory' | 'theme' | 'keywords' | 'spatial' | 'temporalStart' | 'temporalEnd'
> & {
  holder: string;
  frequency: Dataset['updateFrequency'];
  licence: { id: string; title: string; url: string };
  /** The dataset's functional mailbox (publication metadata), or ''. */
  contactEmail: Dataset['maintainerEmail'];
  issued: Dataset['publishedOn'];
  /** Date of the published file (its validated import). */
  modified: string;
  /** Files of the dataset inside the site (CSV, CSV for Excel, schema.json), copied from the export. */
  files: Array<{ sitePath: string; source: string; name: string; bytes: number; sha256: string; kind: 'csv' | 'csv_excel' | 'schema' }>;
  /** datapackage.json as published (path inside the site and content). */
  datapackage: { sitePath: string; content: string };
};

export type PublicCampaign = Pick<
  BudgetCampaign,
  'id' | 'name' | 'kind' | 'edition' | 'description' | 'totalBudget' | 'capPerProject' | 'votesPerVoter' | 'minimumAge'
> & {
  slug: string;
  zones: Array<Pick<BudgetZone, 'code' | 'name' | 'budget'>>;
  /**
   * The latest results once declared final, or null: before the vote is counted, and while they are provisional
   * ("provizoriu", evaluation not finished) — provisional winners and rankings are never published.
   */
  resultsPending: boolean;
  result:
    | (Pick<CampaignResults, 'voters' | 'population' | 'participationRate' | 'votesCounted' | 'zones'> & {
        ruleText: string;
        tieBreakText: string;
        projects: Array<
          Pick<WinnerExplanation, 'proposalId' | 'code' | 'title' | 'zoneCode' | 'cost' | 'votes' | 'score' | 'rank' | 'won' | 'funded'> & { why: string }
        >;
      })
    | null;
  proposals: Array<
    Pick<BudgetProposal, 'id' | 'code' | 'title' | 'category' | 'zoneCode' | 'costEstimate'> & {
      eligibility: BudgetProposal['eligibilityStatus'];
      rejectionReason: string;
      author: string;
    }
  >;
  implementation: Array<Pick<BudgetProject, 'proposalId' | 'status' | 'progress' | 'planned' | 'committed' | 'paid' | 'startDate' | 'endDate' | 'completedOn'>>;
};

export type PublicPlan = Omit<PlanInfo, 'id'>;

export interface PublicData {
  publicationDate: string;
  site: { siteUrl: string; contactEmail: string; publisher: string };
  plan: PublicPlan | null;
  overallProgress: number;
  /** How many actions and indicators are late, at risk, without recent data (the dashboard's counts). */
  attention: { late: number; atRisk: number; noData: number };
  commitments: PublicCommitment[];
  actions: PublicAction[];
  indicators: PublicIndicator[];
  partners: PublicPartner[];
  funding: PublicFunding[];
  training: TrainingAggregates;
  /** Null unless the coordinator chose to publish it. */
  risks: RiskSummary | null;
  /** Participatory budgeting and grant campaigns with their results and implementation. */
  campaigns: PublicCampaign[];
  /** Open datasets with their files (exported from the datasets module). */
  datasets: PublicDataset[];
  /** Evidence files to copy: site path → file in the data folder. */
  files: Array<{ sitePath: string; source: string }>;
  /** Evidence files left off the site (not linked, not copied), each with the reason. */
  excludedFiles: Array<{ fileName: string; reason: string }>;
}

export interface CollectOptions {
  dataDir: string;
  publicationDate: string;
  site: { siteUrl: string; contactEmail: string; publisher: string; riskSummary: boolean; evidenceFiles: boolean };
}
