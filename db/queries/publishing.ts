import type { WriteTx } from '../access';
import type { DbOrTx } from '../connection';
import { engineOf } from '../engine';
import type { PublishingManifestsTable, PublishingQueueTable } from '../schema/publishing';

/** Every SQL statement of the publishing sync (targets, secret, manifest copy, queue, log). */

// ───────────────────────── targets

export const listTargets = (db: DbOrTx) => db.selectFrom('publishing_targets').selectAll().where('deleted_at', 'is', null).orderBy('name').execute();

export const targetNameTaken = async (db: DbOrTx, name: string, exceptId?: string) => {
  let q = db.selectFrom('publishing_targets').select('id').where('name', '=', name).where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
};

/** The live target a CLI `--target` names (same kind, place and user). */
export function findTargetByPlace(db: DbOrTx, p: { kind: 'folder' | 'sftp'; path: string; host: string | null; port: number | null; username: string | null }) {
  let q = db.selectFrom('publishing_targets').selectAll().where('deleted_at', 'is', null).where('kind', '=', p.kind).where('path', '=', p.path);
  if (p.kind === 'sftp') q = q.where('host', '=', p.host!).where('port', '=', p.port!).where('username', '=', p.username!);
  return q.orderBy('created_at').executeTakeFirst();
}

// ───────────────────────── the password of a password target (never audited, never listed)

export const getSecret = async (db: DbOrTx, targetId: string) =>
  (await db.selectFrom('publishing_secrets').select('secret').where('id', '=', targetId).where('deleted_at', 'is', null).executeTakeFirst())?.secret ?? null;

export async function putSecret(db: WriteTx, targetId: string, secret: string, at: string, by: string | null) {
  await db.deleteFrom('publishing_secrets').where('id', '=', targetId).execute();
  await db.insertInto('publishing_secrets').values({ id: targetId, secret, created_at: at, updated_at: at, updated_by: by, deleted_at: null }).execute();
}

/** Every stored secret value (to seal the plain ones left by versions before sealing). */
export const listSecretValues = (db: DbOrTx) => db.selectFrom('publishing_secrets').select(['id', 'secret']).execute();

export const setSecretValue = (db: WriteTx, targetId: string, secret: string) =>
  db.updateTable('publishing_secrets').set({ secret }).where('id', '=', targetId).execute();

/** Overwrite freed space with zeros from now on (a replaced plain secret does not linger in free pages). */
export const zeroFreedSpace = (db: DbOrTx) => engineOf(db).zeroFreedSpace(db);

/** Old versions of the secrets' rows leave the store's files (SQLite: the write-ahead log is checkpointed and emptied). */
export const purgeOldSecretVersions = (db: DbOrTx) => engineOf(db).purgeOldRowVersions(db, 'publishing_secrets');

export const deleteSecret = (db: WriteTx, targetId: string) => db.deleteFrom('publishing_secrets').where('id', '=', targetId).execute();

// ───────────────────────── the local copy of each target's manifest

export const getManifestCopy = (db: DbOrTx, targetId: string) =>
  db.selectFrom('publishing_manifests').selectAll().where('id', '=', targetId).where('deleted_at', 'is', null).executeTakeFirst();

export async function putManifestCopy(db: WriteTx, row: PublishingManifestsTable) {
  await db.deleteFrom('publishing_manifests').where('id', '=', row.id).execute();
  await db.insertInto('publishing_manifests').values(row).execute();
}

// ───────────────────────── queue

export const listPending = (db: DbOrTx, targetId?: string) => {
  let q = db
    .selectFrom('publishing_queue as q')
    .innerJoin('publishing_targets as t', 't.id', 'q.target_id')
    .selectAll('q')
    .select('t.name as target_name')
    .where('q.status', '=', 'pending')
    .where('q.deleted_at', 'is', null);
  if (targetId) q = q.where('q.target_id', '=', targetId);
  return q.orderBy('q.created_at').execute();
};

export const getQueued = (db: DbOrTx, id: string) => db.selectFrom('publishing_queue').selectAll().where('id', '=', id).executeTakeFirst();

export async function setQueueStatus(
  db: WriteTx,
  id: string,
  patch: Partial<Pick<PublishingQueueTable, 'status' | 'reason' | 'reason_kind' | 'attempts' | 'last_attempt_at' | 'summary' | 'updated_at' | 'updated_by'>>,
) {
  await db.updateTable('publishing_queue').set(patch).where('id', '=', id).execute();
}

// ───────────────────────── log

export function listLog(db: DbOrTx, opts: { targetId?: string; limit: number }) {
  let q = db
    .selectFrom('publishing_log as l')
    .innerJoin('publishing_targets as t', 't.id', 'l.target_id')
    .selectAll('l')
    .select('t.name as target_name')
    .where('l.deleted_at', 'is', null);
  if (opts.targetId) q = q.where('l.target_id', '=', opts.targetId);
  // Newest first; two runs started the same millisecond (a fixed clock) by their UUIDv7 id, on either engine
  // (SQLite happened to return the later row first, PostgreSQL does not promise any order among ties).
  return q.orderBy('l.started_at', 'desc').orderBy('l.id', 'desc').limit(opts.limit).execute();
}
