import { sql, type Kysely } from 'kysely';

/**
 * Votes stored a ballot a row, and their tally beside them (issue 16: 1.5 million votes imported at ≥ 500,000 rows/s
 * with the tally). Measured on 1.5 M votes of 300,000 voters: writing a row per vote took a quarter of the import's
 * CPU, and counting them again for the results as much as a third of the import's time.
 *  - budgeting_vote_voters gains the voter's ballot: `proposals`, the proposal numbers of the voter's counted votes in
 *    the order counted, joined by commas ("12,7,3"); `vote_times`, null when every vote has the voter's time, else a
 *    JSON array as long as the ballot of each vote's own time (null: the voter's; '': none though the voter has one).
 *    budgeting_votes goes: nothing read a vote alone (the tally, the ballots of Equal Shares and Pabulib, the replace
 *    on a new import all read a campaign's votes whole).
 *  - budgeting_vote_counts: per campaign, source ('platform': voters numbered from 1; 'paper': below 0) and proposal
 *    number, how many votes are stored. The import writes the counts it made while checking; paper ballots are counted
 *    again when a batch is counted. The results read these few rows.
 * Existing votes are packed a voter at a time in the order they were stored, and counted. Portable: integer and text
 * columns, plain statements; the packing is done here in JavaScript, the same on both engines. Frozen.
 */
const CHUNK = 500;

interface Ballot {
  proposals: number[];
  times: Array<string | null>;
}

async function rebuildVoters(db: Kysely<any>, withBallot: boolean) {
  await db.schema.alterTable('budgeting_vote_voters').renameTo('budgeting_vote_voters_0019').execute();
  let t = db.schema
    .createTable('budgeting_vote_voters')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('voter_no', 'integer', (c) => c.notNull())
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('voted_at', 'text');
  if (withBallot) t = t.addColumn('proposals', 'text', (c) => c.notNull()).addColumn('vote_times', 'text');
  await t.execute();
}

async function insertChunks(db: Kysely<any>, table: string, rows: Array<Record<string, unknown>>) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

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

  const ballots = new Map<string, Ballot>();
  const votes = await db.selectFrom('budgeting_votes').select(['campaign_no', 'voter_no', 'proposal_no', 'voted_at']).execute();
  for (const v of votes) {
    const key = `${v.campaign_no}:${v.voter_no}`;
    let b = ballots.get(key);
    if (!b) ballots.set(key, (b = { proposals: [], times: [] }));
    b.proposals.push(Number(v.proposal_no));
    b.times.push(v.voted_at ?? null);
  }
  await rebuildVoters(db, true);
  const voters = await db.selectFrom('budgeting_vote_voters_0019').selectAll().execute();
  await insertChunks(
    db,
    'budgeting_vote_voters',
    voters.map((w) => {
      const b = ballots.get(`${w.campaign_no}:${w.voter_no}`) ?? { proposals: [], times: [] };
      return {
        campaign_no: w.campaign_no,
        voter_no: w.voter_no,
        voter_key: w.voter_key,
        voted_at: w.voted_at,
        proposals: b.proposals.join(','),
        vote_times: b.times.some((x) => x !== null) ? JSON.stringify(b.times) : null,
      };
    }),
  );
  await db.schema.dropTable('budgeting_vote_voters_0019').execute();
  await db.schema.dropTable('budgeting_votes').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgeting_votes')
    .addColumn('campaign_no', 'integer', (c) => c.notNull())
    .addColumn('voter_no', 'integer', (c) => c.notNull())
    .addColumn('proposal_no', 'integer', (c) => c.notNull())
    .addColumn('voted_at', 'text')
    .execute();
  const voters = await db.selectFrom('budgeting_vote_voters').selectAll().execute();
  const votes: Array<Record<string, unknown>> = [];
  for (const w of voters) {
    const times: Array<string | null> = w.vote_times ? JSON.parse(w.vote_times) : [];
    String(w.proposals)
      .split(',')
      .filter((p) => p !== '')
      .forEach((p, i) => votes.push({ campaign_no: w.campaign_no, voter_no: w.voter_no, proposal_no: Number(p), voted_at: times[i] ?? null }));
  }
  await insertChunks(db, 'budgeting_votes', votes);
  await rebuildVoters(db, false);
  await insertChunks(
    db,
    'budgeting_vote_voters',
    voters.map((w) => ({ campaign_no: w.campaign_no, voter_no: w.voter_no, voter_key: w.voter_key, voted_at: w.voted_at })),
  );
  await db.schema.dropTable('budgeting_vote_voters_0019').execute();
  await db.schema.dropTable('budgeting_vote_counts').execute();
}
