import type { DbOrTx } from '../../../db/connection';
import { getSettingRows, upsertSetting } from '../../../db/queries/admin';
import { AppError, type Settings } from '../../contract';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { DEFAULT_RAG_SETTINGS } from '../plan/rag';
import { nextTimestamp, parseJson } from '../util';

export async function readSettings(db: DbOrTx): Promise<Settings> {
  // The plan's own keys: the public site's settings share the table, and a save there must not make this version stale.
  const rows = (await getSettingRows(db)).filter((r) => r.key.startsWith('plan.'));
  const get = (k: string) => rows.find((r) => r.key === k);
  const at =
    rows
      .map((r) => r.updated_at)
      .sort()
      .at(-1) ?? null;
  return {
    atRiskThreshold: parseJson(get('plan.atRiskThreshold')?.value, DEFAULT_RAG_SETTINGS.atRiskThreshold),
    noDataMonths: parseJson(get('plan.noDataMonths')?.value, DEFAULT_RAG_SETTINGS.noDataMonths),
    updatedAt: at,
  };
}

export async function saveSettings(ctx: ServiceContext, input: { atRiskThreshold: number; noDataMonths: number; expectedUpdatedAt: string | null }) {
  return ctx.tx(async (trx) => {
    const current = await readSettings(trx);
    if (current.updatedAt !== input.expectedUpdatedAt) throw new AppError('CONFLICT', 'settings were changed by someone else', { entity: 'settings' });
    const at = nextTimestamp(ctx.now(), current.updatedAt);
    await upsertSetting(trx, 'plan.atRiskThreshold', JSON.stringify(input.atRiskThreshold), at, ctx.actor.id);
    await upsertSetting(trx, 'plan.noDataMonths', JSON.stringify(input.noDataMonths), at, ctx.actor.id);
    await audit(
      trx,
      ctx.actor,
      at,
      'settings',
      'plan',
      'update',
      { atRiskThreshold: current.atRiskThreshold, noDataMonths: current.noDataMonths },
      { atRiskThreshold: input.atRiskThreshold, noDataMonths: input.noDataMonths },
    );
    return readSettings(trx);
  });
}
