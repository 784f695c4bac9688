import { sql, type Kysely } from 'kysely';

/**
 * Participatory budgeting and grant competitions (A2, A1.7): campaigns and zones, proposals, evaluator
 * assignments with their scores, conflict-of-interest declarations, moderations, votes (compact, no row
 * columns: 1.5 million rows), paper ballot double entry, computed results, appeals. Frozen.
 */
const rowColumns = (t: any) =>
  t
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text');

export async function up(db: Kysely<any>): Promise<void> {
  await rowColumns(
    db.schema
      .createTable('budgeting_campaigns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pb')
          .check(sql`kind in ('pb','grant')`),
      )
      .addColumn('edition', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // JSON: [{kind, startsOn, endsOn}]
      .addColumn('phases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('total_budget', 'bigint', (c) => c.notNull().check(sql`total_budget >= 0`))
      .addColumn('cap_per_project', 'bigint', (c) => c.check(sql`cap_per_project >= 0`))
      .addColumn('votes_per_voter', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(5)
          .check(sql`votes_per_voter between 1 and 100`),
      )
      .addColumn('minimum_age', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(16)
          .check(sql`minimum_age between 0 and 120`),
      )
      .addColumn('population', 'integer', (c) => c.check(sql`population > 0`))
      // JSON: {criteria: [{key, name, weight, min, max, anchors, minimum}], overallMinimum}
      .addColumn('rubric', 'text', (c) => c.notNull())
      // JSON: {mode: percent|points, threshold, scope: overall|criterion}
      .addColumn('divergence', 'text', (c) => c.notNull())
      .addColumn('evaluators_per_proposal', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(2)
          .check(sql`evaluators_per_proposal between 2 and 10`),
      )
      .addColumn('blind_mode', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`blind_mode in (0,1)`),
      )
      // JSON: ordered list of tie-break keys
      .addColumn('tie_break', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('winner_rule', 'text', (c) =>
        c
          .notNull()
          .defaultTo('greedy')
          .check(sql`winner_rule in ('greedy','stop_at_first','timisoara_topup','equal_shares','grant_score')`),
      )
      .addColumn('topup_limit', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(10000000)
          .check(sql`topup_limit >= 0`),
      )
      // JSON: [{code, name, ceiling}]
      .addColumn('grant_lines', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('cofinancing_min_percent', 'real', (c) =>
        c
          .notNull()
          .defaultTo(10)
          .check(sql`cofinancing_min_percent between 0 and 100`),
      )
      .addColumn('min_score', 'real', (c) => c.check(sql`min_score between 0 and 100`))
      // Grant calls: the part of the total budget kept for upheld appeals.
      .addColumn('appeals_fund', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`appeals_fund >= 0`),
      ),
  ).execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_zones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('budget', 'bigint', (c) => c.notNull().check(sql`budget >= 0`)),
  ).execute();
  await sql`create unique index budgeting_zones_code on budgeting_zones(campaign_id, code) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('budgeting_proposals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) =>
        c
          .notNull()
          .defaultTo('manual')
          .check(sql`source in ('manual','import','decidim')`),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('zone_id', 'text', (c) => c.references('budgeting_zones.id'))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('latitude', 'real', (c) => c.check(sql`latitude between -90 and 90`))
      .addColumn('longitude', 'real', (c) => c.check(sql`longitude between -180 and 180`))
      .addColumn('external_state', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('external_votes', 'integer')
      .addColumn('submitted_on', 'text')
      .addColumn('cost_estimate', 'bigint', (c) => c.check(sql`cost_estimate >= 0`))
      .addColumn('grant_line', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('requested_amount', 'bigint', (c) => c.check(sql`requested_amount >= 0`))
      .addColumn('cofinancing', 'bigint', (c) => c.check(sql`cofinancing >= 0`))
      // C (consent-bound) fields
      .addColumn('author_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('author_contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('author_organisation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('author_consent', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`author_consent in (0,1)`),
      )
      // JSON: [{criterion, pass, reason}]
      .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('eligibility_status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`eligibility_status in ('pending','eligible','ineligible')`),
      )
      .addColumn('public_rejection_reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('feasibility', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`feasibility in ('pending','feasible','feasible_with_changes','not_feasible')`),
      )
      .addColumn('feasibility_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('final_score', 'real', (c) => c.check(sql`final_score between 0 and 100`))
      .addColumn('final_method', 'text', (c) => c.check(sql`final_method in ('average','closest_two','moderation')`))
      .addColumn('divergent', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`divergent in (0,1)`),
      ),
  ).execute();
  // The campaign's proposal list, and a code names one live proposal per campaign (imports match on it).
  await sql`create unique index budgeting_proposals_code on budgeting_proposals(campaign_id, code) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('budgeting_assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('proposal_id', 'text', (c) => c.notNull().references('budgeting_proposals.id'))
      .addColumn('evaluator_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('assigned')
          .check(sql`status in ('assigned','open','submitted','recused')`),
      )
      .addColumn('round', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`round in (1,2)`),
      )
      .addColumn('conflict_declared_at', 'text')
      .addColumn('conflict', 'integer', (c) => c.check(sql`conflict in (0,1)`))
      // JSON: {criterionKey: score}
      .addColumn('scores', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('overall', 'real', (c) => c.check(sql`overall between 0 and 100`))
      .addColumn('submitted_at', 'text')
      .addColumn('via', 'text', (c) => c.check(sql`via in ('app','workbook')`)),
  ).execute();
  // One live assignment per evaluator and proposal; an evaluator's list; a proposal's evaluations.
  await sql`create unique index budgeting_assignments_pair on budgeting_assignments(proposal_id, evaluator_id) where deleted_at is null`.execute(db);
  await sql`create index budgeting_assignments_evaluator on budgeting_assignments(evaluator_id, campaign_id) where deleted_at is null`.execute(db);
  await sql`create index budgeting_assignments_campaign on budgeting_assignments(campaign_id) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('budgeting_conflicts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('assignment_id', 'text', (c) => c.notNull().references('budgeting_assignments.id'))
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('proposal_id', 'text', (c) => c.notNull().references('budgeting_proposals.id'))
      .addColumn('evaluator_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('conflict', 'integer', (c) => c.notNull().check(sql`conflict in (0,1)`))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('declared_at', 'text', (c) => c.notNull())
      .addColumn('reassigned_to', 'text', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('budgeting_conflicts_campaign').on('budgeting_conflicts').column('campaign_id').execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_moderations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('proposal_id', 'text', (c) => c.notNull().references('budgeting_proposals.id'))
      .addColumn('final_score', 'real', (c) => c.notNull().check(sql`final_score between 0 and 100`))
      .addColumn('rationale', 'text', (c) => c.notNull())
      .addColumn('participants', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('budgeting_moderations_proposal').on('budgeting_moderations').column('proposal_id').execute();

  // Votes: compact on purpose (no row columns, no per-row audit): the import itself is one audited record.
  await db.schema
    .createTable('budgeting_votes')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('zone', 'text')
    .addColumn('voted_at', 'text')
    .execute();
  // The only index: the tally and the per-campaign replace both go by campaign and proposal.
  await db.schema.createIndex('budgeting_votes_campaign_proposal').on('budgeting_votes').columns(['campaign_id', 'proposal_id']).execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_vote_imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('platform','paper')`))
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('counted', 'integer', (c) => c.notNull())
      .addColumn('voters', 'integer', (c) => c.notNull())
      // JSON: {rule: count}
      .addColumn('refused', 'text', (c) => c.notNull().defaultTo('{}')),
  ).execute();
  await db.schema.createIndex('budgeting_vote_imports_campaign').on('budgeting_vote_imports').column('campaign_id').execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_paper_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('batch_code', 'text', (c) => c.notNull())
      .addColumn('entry', 'integer', (c) => c.notNull().check(sql`entry in (1,2)`))
      // JSON: [{voterKey, proposalCodes}]
      .addColumn('ballots', 'text', (c) => c.notNull()),
  ).execute();
  await sql`create unique index budgeting_paper_entries_batch on budgeting_paper_entries(campaign_id, batch_code, entry) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('budgeting_results')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('appeal_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      // JSON: the whole CampaignResults
      .addColumn('result', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('budgeting_results_campaign').on('budgeting_results').columns(['campaign_id', 'computed_at']).execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_appeals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('proposal_id', 'text', (c) => c.references('budgeting_proposals.id'))
      .addColumn('appellant', 'text', (c) => c.notNull())
      .addColumn('lodged_on', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text', (c) => c.notNull())
      .addColumn('grounds', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) =>
        c
          .notNull()
          .defaultTo('pending')
          .check(sql`outcome in ('pending','upheld','rejected','withdrawn')`),
      )
      .addColumn('decided_on', 'text')
      .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
      .addCheckConstraint('budgeting_appeals_deadline', sql`deadline >= lodged_on`),
  ).execute();
  await db.schema.createIndex('budgeting_appeals_campaign').on('budgeting_appeals').column('campaign_id').execute();

  // Implementation of a winning project (or a funded grant): progress and money, milestones, grant tranches.
  await rowColumns(
    db.schema
      .createTable('budgeting_projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('budgeting_campaigns.id'))
      .addColumn('proposal_id', 'text', (c) => c.notNull().references('budgeting_proposals.id'))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('not_started')
          .check(sql`status in ('not_started','in_progress','completed','cancelled')`),
      )
      .addColumn('progress', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`progress between 0 and 100`),
      )
      .addColumn('planned', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`planned >= 0`),
      )
      .addColumn('committed', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`committed >= 0`),
      )
      .addColumn('paid', 'bigint', (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`paid >= 0`),
      )
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('completed_on', 'text')
      .addColumn('contract_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contract_signed_on', 'text')
      .addColumn('grantee', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('cofinancing', 'bigint', (c) => c.check(sql`cofinancing >= 0`))
      .addColumn('contract_amount', 'bigint', (c) => c.check(sql`contract_amount >= 0`))
      .addColumn('funded_from', 'text', (c) =>
        c
          .notNull()
          .defaultTo('budget')
          .check(sql`funded_from in ('budget','appeals_fund')`),
      )
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  ).execute();
  await sql`create unique index budgeting_projects_proposal on budgeting_projects(proposal_id) where deleted_at is null`.execute(db);
  // Projects by status across campaigns (implementation lists, indicator I2.6).
  await sql`create index budgeting_projects_status on budgeting_projects(status, campaign_id) where deleted_at is null`.execute(db);

  await rowColumns(
    db.schema
      .createTable('budgeting_project_milestones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('budgeting_projects.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text')
      .addColumn('done_on', 'text')
      .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
      // JSON: attachment ids
      .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]')),
  ).execute();
  await db.schema.createIndex('budgeting_project_milestones_project').on('budgeting_project_milestones').column('project_id').execute();

  await rowColumns(
    db.schema
      .createTable('budgeting_tranches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('budgeting_projects.id'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('kind', 'text', (c) =>
        c
          .notNull()
          .defaultTo('advance')
          .check(sql`kind in ('advance','final')`),
      )
      .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
      .addColumn('due_on', 'text')
      .addColumn('paid_on', 'text')
      .addColumn('report_due_on', 'text')
      .addColumn('report_received_on', 'text'),
  ).execute();
  await db.schema.createIndex('budgeting_tranches_project').on('budgeting_tranches').column('project_id').execute();
  await sql`create unique index budgeting_tranches_seq on budgeting_tranches(project_id, seq) where deleted_at is null`.execute(db);
  // Reports due across grant contracts.
  await sql`create index budgeting_tranches_report_due on budgeting_tranches(report_due_on) where deleted_at is null and report_received_on is null`.execute(
    db,
  );

  // The PLA indicators these records answer (existing databases; a new one gets them from the seed).
  const sources: Array<[string, string]> = [
    ['I2.7', 'budgeting.participation'],
    ['I1.7', 'budgeting.community_projects_funded'],
    ['I2.6', 'budgeting.projects_implemented'],
  ];
  for (const [c, source] of sources)
    await sql`update indicators set source = ${source} where code = ${c} and deleted_at is null and source is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const s of ['budgeting.participation', 'budgeting.community_projects_funded', 'budgeting.projects_implemented'])
    await sql`update indicators set source = null where source = ${s}`.execute(db);
  for (const t of [
    'budgeting_tranches',
    'budgeting_project_milestones',
    'budgeting_projects',
    'budgeting_appeals',
    'budgeting_results',
    'budgeting_paper_entries',
    'budgeting_vote_imports',
    'budgeting_votes',
    'budgeting_moderations',
    'budgeting_conflicts',
    'budgeting_assignments',
    'budgeting_proposals',
    'budgeting_zones',
    'budgeting_campaigns',
  ])
    await db.schema.dropTable(t).execute();
}
