import { sql, type Kysely } from 'kysely';

/**
 * The tally kept beside the votes (issue 16): budgeting_vote_counts holds, per campaign, source and proposal number,
 * how many votes are stored. The results read these few rows instead of every vote: counting 1.5 million vote rows
 * took as long as a third of their import (measured), and the import has the counts in hand when it stores them.
 *  - source 'platform': the votes of the platform's file (voters numbered from 1), written by the import that stores them;
 *  - source 'paper': the reconciled paper ballots (voters numbered below 0), counted again from their votes when a batch is counted.
 * Existing votes are counted here. Portable: integer and text columns, a plain GROUP BY. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgeting_vote_counts')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('proposal_no', 'integer', (c) => c.notNull())
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('budgeting_vote_counts_pk', ['campaign_no', 'source', 'proposal_no'])
    .execute();
  await sql`insert into budgeting_vote_counts (campaign_no, source, proposal_no, votes)
    select campaign_no, case when voter_no > 0 then 'platform' else 'paper' end, proposal_no, count(*)
    from budgeting_votes
    group by campaign_no, case when voter_no > 0 then 'platform' else 'paper' end, proposal_no`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('budgeting_vote_counts').execute();
}
