import type { Kysely } from 'kysely';

/**
 * The Method of Equal Shares' variant as campaign options (issue 14): what a funded project is worth to its
 * supporters (`cost` utilities as equalshares.net, or `approval` utilities) and how the money left is completed
 * (`add1_greedy`, `add1`, `greedy`, `none`). Existing campaigns keep what the app always did: cost, add1 then greedy.
 * Portable: Kysely schema builder, text columns with defaults (SQLite and PostgreSQL). Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('budgeting_campaigns')
    .addColumn('equal_shares_utility', 'text', (c) => c.notNull().defaultTo('cost'))
    .execute();
  await db.schema
    .alterTable('budgeting_campaigns')
    .addColumn('equal_shares_completion', 'text', (c) => c.notNull().defaultTo('add1_greedy'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('budgeting_campaigns').dropColumn('equal_shares_completion').execute();
  await db.schema.alterTable('budgeting_campaigns').dropColumn('equal_shares_utility').execute();
}
