import { systemWrite, type WriteTx } from '../../../../db/access';
import type { Db } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing';
import { AppError } from '../../../contract';
import type { ServiceContext } from '../../context';
import { isSealed, SecretUnavailableError, type SecretBox } from '../../secrets';

/** A target's password, opened; null when it has none. A password that cannot be opened is a clear error. */
export async function readTargetPassword(ctx: ServiceContext, targetId: string): Promise<string | null> {
  const stored = await q.getSecret(ctx.db, targetId);
  if (stored === null) return null;
  if (!isSealed(stored)) return stored; // left by an older version until the next start seals it
  if (!ctx.secrets) throw new AppError('INTERNAL', 'no place to open secrets from');
  try {
    return ctx.secrets.open(stored);
  } catch (e) {
    if (e instanceof SecretUnavailableError)
      throw new AppError('VALIDATION', e.message, { issues: [{ field: 'password', reason: 'secret_unavailable', message: e.message }] });
    throw e;
  }
}

/** Stores a target's password sealed (never the plain text). */
export async function writeTargetPassword(ctx: ServiceContext, trx: WriteTx, targetId: string, password: string) {
  if (!ctx.secrets) throw new AppError('INTERNAL', 'no place to seal secrets in');
  let sealed: string;
  try {
    sealed = ctx.secrets.seal(password);
  } catch (e) {
    if (e instanceof SecretUnavailableError)
      throw new AppError('VALIDATION', e.message, { issues: [{ field: 'password', reason: 'secret_unavailable', message: e.message }] });
    throw e;
  }
  await q.putSecret(trx, targetId, sealed, ctx.now().toISOString(), ctx.actor.id);
}

/**
 * At start: passwords stored in plain text by versions before sealing are sealed in place, with freed space
 * zeroed and the write-ahead log emptied, so the plain text is gone from the file a backup copies.
 */
export async function sealStoredSecrets(db: Db, box: SecretBox): Promise<number> {
  const plain = (await q.listSecretValues(db)).filter((r) => !isSealed(r.secret));
  if (!plain.length) return 0;
  await q.zeroFreedSpace(db);
  await db.transaction().execute(async (trx) => {
    for (const r of plain) await q.setSecretValue(systemWrite(trx, 'secrets'), r.id, box.seal(r.secret));
  });
  await q.purgeOldSecretVersions(db);
  return plain.length;
}
