import type { DbOrTx } from '../connection';

/**
 * Every SQL statement the public site build runs. Each names its columns one by one: only fields marked
 * P (public) in DOMAIN.md, or counts for fields marked A (aggregates only), or C fields behind their
 * recorded consent. Nothing here selects `*`, so a column added later stays private until someone adds it
 * here on purpose. The collector (electron/core/publishing/public-data.ts) is the only caller.
 */

export const sitePlan = (db: DbOrTx) =>
  db
    .selectFrom('plans')
    .select(['title', 'vision', 'goal', 'strategic_directions', 'priorities', 'period_start', 'period_end'])
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();

/** Commitments: public columns and the status columns the plan's rules read (no responsible person). */
export const siteCommitments = (db: DbOrTx) =>
  db
    .selectFrom('commitments')
    .select([
      'id',
      'code',
      'title',
      'description',
      'objective',
      'problem',
      'solution',
      'actors',
      'relevance_local',
      'relevance_national',
      'relevance_international',
      'ogp_values',
      'start_date',
      'end_date',
      'lead_institution',
      'design_verifiable',
      'design_potential',
      'completion',
      'opened_government',
      'factors',
      'lessons',
      'weight',
      'sort_order',
    ])
    .where('deleted_at', 'is', null)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();

/** Actions: public columns plus the date of their latest update (no responsible person, no blockers). */
export const siteActions = (db: DbOrTx) => {
  const last = db
    .selectFrom('progress_updates')
    .select(['action_id', (eb) => eb.fn.max('date').as('last_update_date')])
    .where('deleted_at', 'is', null)
    .groupBy('action_id')
    .as('p');
  return db
    .selectFrom('actions as a')
    .leftJoin(last, 'p.action_id', 'a.id')
    .select([
      'a.id',
      'a.commitment_id',
      'a.parent_id',
      'a.code',
      'a.title',
      'a.deliverable',
      'a.planned_start',
      'a.planned_end',
      'a.actual_start',
      'a.actual_end',
      'a.responsible_org',
      'a.status',
      'a.progress',
      'a.weight',
      'p.last_update_date',
    ])
    .where('a.deleted_at', 'is', null)
    .execute();
};

export const siteMilestones = (db: DbOrTx) =>
  db
    .selectFrom('milestones')
    .select(['id', 'action_id', 'title', 'due_date', 'done', 'done_date'])
    .where('deleted_at', 'is', null)
    .orderBy('action_id')
    .orderBy('due_date')
    .orderBy('id')
    .execute();

/** Progress updates: date, progress, status and note (P); never the author (I). */
export const siteProgressUpdates = (db: DbOrTx) =>
  db
    .selectFrom('progress_updates')
    .select(['id', 'action_id', 'date', 'progress', 'status', 'note'])
    .where('deleted_at', 'is', null)
    .orderBy('action_id')
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .execute();

/** Indicators with their public definition and latest measurement (not the measurement's note). */
export const siteIndicators = (db: DbOrTx) =>
  db
    .selectFrom('indicators as i')
    .leftJoin('measurements as m', (join) =>
      join.on('m.id', '=', (eb) =>
        eb
          .selectFrom('measurements as m2')
          .select('m2.id')
          .whereRef('m2.indicator_id', '=', 'i.id')
          .where('m2.deleted_at', 'is', null)
          .orderBy('m2.date', 'desc')
          .orderBy('m2.id', 'desc')
          .limit(1),
      ),
    )
    .select([
      'i.id',
      'i.commitment_id',
      'i.code',
      'i.name',
      'i.unit',
      'i.type',
      'i.direction',
      'i.baseline',
      'i.baseline_date',
      'i.target',
      'i.denominator',
      'i.denominator_source',
      'i.denominator_year',
      'i.counting_rule',
      'i.data_source',
      'i.frequency',
      'i.responsible_department',
      'i.sort_order',
      'i.source',
      'm.date as latest_date',
      'm.value as latest_value',
      'm.period as latest_period',
    ])
    .where('i.deleted_at', 'is', null)
    .execute();

export const siteIndicatorActions = (db: DbOrTx) =>
  db.selectFrom('indicator_actions').select(['indicator_id', 'action_id']).orderBy('indicator_id').orderBy('action_id').execute();

/** Measurements: date, value and period (the note stays internal). */
export const siteMeasurements = (db: DbOrTx) =>
  db
    .selectFrom('measurements')
    .select(['id', 'indicator_id', 'date', 'value', 'period'])
    .where('deleted_at', 'is', null)
    .orderBy('indicator_id')
    .orderBy('date')
    .orderBy('id')
    .execute();

/**
 * Evidence files of live progress updates and measurements (P by DOMAIN.md). Documents of partnerships and
 * funding applications are internal and never selected here.
 */
export const siteEvidence = (db: DbOrTx) =>
  db
    .selectFrom('attachments as f')
    .leftJoin('progress_updates as p', (j) => j.onRef('p.id', '=', 'f.entity_id').on('f.entity', '=', 'progress_update'))
    .leftJoin('measurements as m', (j) => j.onRef('m.id', '=', 'f.entity_id').on('f.entity', '=', 'measurement'))
    .select(['f.id', 'f.sha256', 'f.file_name', 'f.mime_type', 'f.size', 'f.entity', 'f.entity_id'])
    .where('f.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('f.entity', '=', 'progress_update'), eb('p.deleted_at', 'is', null), eb('p.id', 'is not', null)]),
        eb.and([eb('f.entity', '=', 'measurement'), eb('m.deleted_at', 'is', null), eb('m.id', 'is not', null)]),
      ]),
    )
    .orderBy('f.entity_id')
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();

/**
 * Stakeholders that may appear on the site: marked public, and — for a person — with consent recorded
 * (date and scope). Only name, type, PLA role and IAP2 level; legal form and sector of organisations.
 * Contacts, assessments, GDPR and other notes never leave.
 */
export const sitePartners = (db: DbOrTx) =>
  db
    .selectFrom('stakeholders')
    .select(['id', 'type', 'name', 'legal_form', 'sector', 'pla_role', 'iap2_level'])
    .where('deleted_at', 'is', null)
    .where('public', '=', 1)
    .where((eb) =>
      eb.or([eb('type', '=', 'organisation'), eb.and([eb('type', '=', 'person'), eb('consent_date', 'is not', null), eb('consent_scope', '!=', '')])]),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();

/** Partnerships (their existence, type and dates are P) of live stakeholders. */
export const sitePartnerships = (db: DbOrTx) =>
  db
    .selectFrom('partnerships')
    .select(['id', 'stakeholder_id', 'type', 'title', 'start_date', 'end_date'])
    .where('deleted_at', 'is', null)
    .orderBy('start_date')
    .orderBy('id')
    .execute();

/** RACI per action (P): which public stakeholder does what on which action. */
export const siteRaci = (db: DbOrTx) =>
  db
    .selectFrom('stakeholder_raci')
    .select(['stakeholder_id', 'action_id', 'role'])
    .where('deleted_at', 'is', null)
    .orderBy('action_id')
    .orderBy('role')
    .orderBy('stakeholder_id')
    .execute();

/** Funding obtained: applications approved or further, with their call (all P; evaluation feedback is I). */
export const siteFunding = (db: DbOrTx) =>
  db
    .selectFrom('funding_applications as a')
    .innerJoin('funding_calls as c', 'c.id', 'a.call_id')
    .select([
      'a.id',
      'a.code',
      'a.title',
      'a.applicant',
      'a.requested_amount',
      'a.own_contribution',
      'a.total_amount',
      'a.status',
      'a.decision_on',
      'a.contract_signed_on',
      'c.programme',
      'c.title as call_title',
      'c.code as call_code',
      'c.managing_body',
      'c.non_reimbursable',
    ])
    .where('a.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .where('a.status', 'in', ['approved', 'contracted', 'in_implementation', 'closed'])
    .orderBy('a.contract_signed_on')
    .orderBy('a.code')
    .orderBy('a.id')
    .execute();

/** Training as counts only: per programme and target group, sessions, hours and distinct people. Never a name. */
export async function siteTrainingCounts(db: DbOrTx) {
  const bySession = await db
    .selectFrom('training_sessions as s')
    .innerJoin('training_programmes as p', 'p.id', 's.programme_id')
    .select((eb) => [
      'p.id as programme_id',
      'p.name as programme_name',
      's.target_group',
      eb.fn.countAll<number>().as('sessions'),
      eb.fn.sum<number>('s.hours').as('hours'),
    ])
    .where('s.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .groupBy(['p.id', 'p.name', 's.target_group'])
    .orderBy('p.name')
    .orderBy('p.id')
    .orderBy('s.target_group')
    .execute();
  const people = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('training_programmes as p', 'p.id', 's.programme_id')
    .select((eb) => [
      'p.id as programme_id',
      's.target_group',
      eb.fn.count<number>('a.person_id').distinct().as('participants'),
      eb.fn
        .count<number>(eb.case().when('a.completed', '=', 1).then(eb.ref('a.person_id')).end())
        .distinct()
        .as('completed'),
    ])
    .where('a.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .groupBy(['p.id', 's.target_group'])
    .execute();
  const totals = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .select((eb) => [
      eb.fn.count<number>('a.person_id').distinct().as('participants'),
      eb.fn
        .count<number>(eb.case().when('a.completed', '=', 1).then(eb.ref('a.person_id')).end())
        .distinct()
        .as('completed'),
    ])
    .where('a.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { bySession, people, totals };
}

/** The risk register as counts only (category, status, residual-or-inherent exposure): the redacted summary. */
export const siteRiskCounts = (db: DbOrTx) =>
  db
    .selectFrom('risks')
    .select((eb) => ['category', 'status', 'inherent_exposure', 'residual_exposure', eb.fn.countAll<number>().as('n')])
    .where('deleted_at', 'is', null)
    .groupBy(['category', 'status', 'inherent_exposure', 'residual_exposure'])
    .orderBy('category')
    .orderBy('status')
    .execute();

export const siteRiskMeasureCounts = (db: DbOrTx) =>
  db
    .selectFrom('risk_measures as m')
    .innerJoin('risks as r', 'r.id', 'm.risk_id')
    .select((eb) => ['m.status', eb.fn.countAll<number>().as('n')])
    .where('m.deleted_at', 'is', null)
    .where('r.deleted_at', 'is', null)
    .groupBy('m.status')
    .orderBy('m.status')
    .execute();

export const siteRiskTolerance = (db: DbOrTx) => db.selectFrom('risk_settings').select('tolerance_limit').where('deleted_at', 'is', null).executeTakeFirst();

/**
 * Open datasets the site may publish: marked ready or published in the inventory, and not flagged as holding
 * personal data. Inventory-only fields (legal basis, scores, responsible person, maintainer's name) stay out.
 */
export const siteDatasets = (db: DbOrTx) =>
  db
    .selectFrom('datasets')
    .select([
      'id',
      'slug',
      'name',
      'description',
      'holder_institution',
      'holder_department',
      'update_frequency',
      'hvd_category',
      'keywords',
      'theme',
      'licence_id',
      'maintainer_email',
      'spatial',
      'temporal_start',
      'temporal_end',
      'published_on',
    ])
    .where('deleted_at', 'is', null)
    .where('publication_status', 'in', ['ready', 'published'])
    .where('contains_personal_data', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();

/** Participatory budgeting and grant campaigns (public description, budget and rule). */
export const siteCampaigns = (db: DbOrTx) =>
  db
    .selectFrom('budgeting_campaigns')
    .select([
      'id',
      'name',
      'kind',
      'edition',
      'description',
      'total_budget',
      'cap_per_project',
      'votes_per_voter',
      'minimum_age',
      'population',
      'winner_rule',
      'topup_limit',
    ])
    .where('deleted_at', 'is', null)
    .orderBy('edition', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();

export const siteZones = (db: DbOrTx) =>
  db
    .selectFrom('budgeting_zones')
    .select(['campaign_id', 'code', 'name', 'budget'])
    .where('deleted_at', 'is', null)
    .orderBy('campaign_id')
    .orderBy('code')
    .execute();

/** The latest computed result of each live campaign (its stored explanation of every project). */
export const siteResults = (db: DbOrTx) =>
  db
    .selectFrom('budgeting_results as r')
    .select(['r.campaign_id', 'r.computed_at', 'r.result'])
    .where('r.deleted_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('budgeting_results as s')
            .select('s.id')
            .whereRef('s.campaign_id', '=', 'r.campaign_id')
            .where('s.deleted_at', 'is', null)
            .where((eb) =>
              eb.or([
                eb('s.computed_at', '>', eb.ref('r.computed_at')),
                eb.and([eb('s.computed_at', '=', eb.ref('r.computed_at')), eb('s.id', '>', eb.ref('r.id'))]),
              ]),
            ),
        ),
      ),
    )
    .execute();

/**
 * Proposals: code, title, zone, eligibility and the public reason of a refusal (P); the author's name and
 * organisation only with recorded consent (C) — never their contact, the body's evaluation or scores' authors.
 */
export const siteProposals = (db: DbOrTx) =>
  db
    .selectFrom('budgeting_proposals as p')
    .leftJoin('budgeting_zones as z', 'z.id', 'p.zone_id')
    .select((eb) => [
      'p.id',
      'p.campaign_id',
      'p.code',
      'p.title',
      'p.category',
      'z.code as zone_code',
      'p.cost_estimate',
      'p.eligibility_status',
      'p.public_rejection_reason',
      eb.case().when('p.author_consent', '=', 1).then(eb.ref('p.author_name')).else('').end().as('author_name'),
      eb.case().when('p.author_consent', '=', 1).then(eb.ref('p.author_organisation')).else('').end().as('author_organisation'),
    ])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.campaign_id')
    .orderBy('p.code')
    .orderBy('p.id')
    .execute();

/** Implementation of funded projects: status, progress and amounts (P). */
export const siteProjects = (db: DbOrTx) =>
  db
    .selectFrom('budgeting_projects')
    .select(['campaign_id', 'proposal_id', 'status', 'progress', 'planned', 'committed', 'paid', 'start_date', 'end_date', 'completed_on'])
    .where('deleted_at', 'is', null)
    .orderBy('campaign_id')
    .orderBy('proposal_id')
    .execute();
