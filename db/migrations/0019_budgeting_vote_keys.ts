import { sql, type Kysely } from 'kysely';

/**
 * Votes with integer keys (issue 16): a vote row held the campaign's and the proposal's 36-character ids and the
 * voter's key as text, ~100 bytes a row and the same again in its index, for 1.5 million rows a campaign. Now:
 *  - budgeting_vote_campaigns: a campaign's number for its votes (campaign_id → campaign_no), made on its first vote;
 *  - budgeting_vote_proposals: a proposal's number within its campaign (proposal_no → proposal_id);
 *  - budgeting_vote_voters: a voter's number within the campaign and the key the file or the paper batch gave
 *    (platform voters are numbered 1, 2, …; paper ballots −1, −2, …, keyed `paper:<batch>:<ballot>` as before), with
 *    the time of the voter's first counted vote;
 *  - budgeting_votes: (campaign_no, voter_no, proposal_no, voted_at), voted_at null where it is the voter's, '' where
 *    the row had no time though the voter has one, else the row's own.
 * No index on the votes: every query reads a campaign's votes whole (the tally, the ballots, the replace on a new
 * import), and an index on (campaign, proposal) made each insert a random write (10× slower, measured).
 * The zone column goes: it was the proposal's zone (or, for a proposal without one, the row's, which nothing read).
 * Existing votes are numbered in key order and kept. Portable: integer and text columns, window functions (SQLite ≥
 * 3.25, PostgreSQL). Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgeting_vote_campaigns')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('budgeting_campaigns.id'))
    .addColumn('campaign_no', 'integer', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createTable('budgeting_vote_proposals')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('proposal_no', 'integer', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull().unique().references('budgeting_proposals.id'))
    .addPrimaryKeyConstraint('budgeting_vote_proposals_pk', ['campaign_no', 'proposal_no'])
    .execute();
  await db.schema
    .createTable('budgeting_vote_voters')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('voter_no', 'integer', (c) => c.notNull())
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('voted_at', 'text')
    .execute();
  await db.schema.alterTable('budgeting_votes').renameTo('budgeting_votes_0008').execute();
  await db.schema
    .createTable('budgeting_votes')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('voter_no', 'integer', (c) => c.notNull())
    .addColumn('proposal_no', 'integer', (c) => c.notNull())
    .addColumn('voted_at', 'text')
    .execute();

  await sql`insert into budgeting_vote_campaigns (campaign_id, campaign_no)
    select campaign_id, row_number() over (order by campaign_id) from (select distinct campaign_id from budgeting_votes_0008) c`.execute(db);
  await sql`insert into budgeting_vote_proposals (campaign_no, proposal_no, proposal_id)
    select k.campaign_no, row_number() over (partition by o.campaign_id order by o.proposal_id), o.proposal_id
    from (select distinct campaign_id, proposal_id from budgeting_votes_0008) o join budgeting_vote_campaigns k on k.campaign_id = o.campaign_id`.execute(db);
  await sql`insert into budgeting_vote_voters (campaign_no, voter_no, voter_key)
    select k.campaign_no,
      case when o.voter_key like 'paper:%' then -row_number() over (partition by o.campaign_id, o.voter_key like 'paper:%' order by o.voter_key)
        else row_number() over (partition by o.campaign_id, o.voter_key like 'paper:%' order by o.voter_key) end,
      o.voter_key
    from (select distinct campaign_id, voter_key from budgeting_votes_0008) o join budgeting_vote_campaigns k on k.campaign_id = o.campaign_id`.execute(db);
  await sql`insert into budgeting_votes (campaign_no, voter_no, proposal_no, voted_at)
    select k.campaign_no, w.voter_no, p.proposal_no, o.voted_at
    from budgeting_votes_0008 o
    join budgeting_vote_campaigns k on k.campaign_id = o.campaign_id
    join budgeting_vote_voters w on w.campaign_no = k.campaign_no and w.voter_key = o.voter_key
    join budgeting_vote_proposals p on p.proposal_id = o.proposal_id`.execute(db);
  await db.schema.dropTable('budgeting_votes_0008').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgeting_votes_0008')
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('zone', 'text')
    .addColumn('voted_at', 'text')
    .execute();
  await sql`insert into budgeting_votes_0008 (campaign_id, voter_key, proposal_id, zone, voted_at)
    select k.campaign_id, w.voter_key, p.proposal_id, z.code, nullif(coalesce(v.voted_at, w.voted_at), '')
    from budgeting_votes v
    join budgeting_vote_campaigns k on k.campaign_no = v.campaign_no
    join budgeting_vote_voters w on w.campaign_no = v.campaign_no and w.voter_no = v.voter_no
    join budgeting_vote_proposals p on p.campaign_no = v.campaign_no and p.proposal_no = v.proposal_no
    join budgeting_proposals r on r.id = p.proposal_id
    left join budgeting_zones z on z.id = r.zone_id`.execute(db);
  for (const t of ['budgeting_votes', 'budgeting_vote_voters', 'budgeting_vote_proposals', 'budgeting_vote_campaigns']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('budgeting_votes_0008').renameTo('budgeting_votes').execute();
  await db.schema.createIndex('budgeting_votes_campaign_proposal').on('budgeting_votes').columns(['campaign_id', 'proposal_id']).execute();
}
