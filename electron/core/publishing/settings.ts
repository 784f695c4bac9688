import type { DbOrTx } from '../../../db/connection';
import { getSettingRows, upsertSetting } from '../../../db/queries/admin';
import { AppError, type SiteSettings } from '../../contract';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { nextTimestamp, parseJson } from '../util';

/** Site settings live in the shared settings table, one key each under `publishing.`. */
const KEYS = {
  siteUrl: 'publishing.siteUrl',
  contactEmail: 'publishing.contactEmail',
  publisher: 'publishing.publisher',
  riskSummary: 'publishing.riskSummary',
  evidenceFiles: 'publishing.evidenceFiles',
} as const;

export const SITE_DEFAULTS: Omit<SiteSettings, 'updatedAt'> = {
  siteUrl: '',
  contactEmail: '',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
};

export async function readSiteSettings(db: DbOrTx): Promise<SiteSettings> {
  const rows = (await getSettingRows(db)).filter((r) => r.key.startsWith('publishing.'));
  const get = <K extends keyof typeof KEYS>(k: K) => parseJson(rows.find((r) => r.key === KEYS[k])?.value, SITE_DEFAULTS[k]) as SiteSettings[K];
  return {
    siteUrl: get('siteUrl'),
    contactEmail: get('contactEmail'),
    publisher: get('publisher'),
    riskSummary: get('riskSummary'),
    evidenceFiles: get('evidenceFiles'),
    updatedAt:
      rows
        .map((r) => r.updated_at)
        .sort()
        .at(-1) ?? null,
  };
}

export async function saveSiteSettings(
  ctx: ServiceContext,
  input: Omit<SiteSettings, 'updatedAt'> & { expectedUpdatedAt: string | null },
): Promise<SiteSettings> {
  return ctx.tx(async (trx) => {
    const current = await readSiteSettings(trx);
    if (current.updatedAt !== input.expectedUpdatedAt) throw new AppError('CONFLICT', 'site settings were changed by someone else', { entity: 'settings' });
    const at = nextTimestamp(ctx.now(), current.updatedAt);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of Object.keys(KEYS) as Array<keyof typeof KEYS>) {
      if (current[k] === input[k]) continue;
      before[k] = current[k];
      after[k] = input[k];
      await upsertSetting(trx, KEYS[k], JSON.stringify(input[k]), at, ctx.actor.id);
    }
    if (Object.keys(after).length) await audit(trx, ctx.actor, at, 'settings', 'publishing', 'update', before, after);
    return readSiteSettings(trx);
  });
}
