import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';

/** The signing key of a campaign's scoring workbooks (migration 0018). Core's budgeting/workbooks.ts calls these. */

export async function getWorkbookKey(db: DbOrTx, campaignId: string): Promise<string | null> {
  const r = await db.selectFrom('budgeting_workbook_keys').select('secret').where('campaign_id', '=', campaignId).executeTakeFirst();
  return r?.secret ?? null;
}

/** Stores the key unless the campaign has one already (two exports at once keep the first); returns the one kept. */
export async function putWorkbookKey(db: WriteTx, campaignId: string, secret: string, at: string): Promise<string> {
  await db
    .insertInto('budgeting_workbook_keys')
    .values({ campaign_id: campaignId, secret, created_at: at })
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .execute();
  return (await getWorkbookKey(db, campaignId)) ?? secret;
}
