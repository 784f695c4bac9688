import { sql } from 'kysely';
import type { DbOrTx } from '../connection';

/** The SQL of the reports module (reads only): what the other modules' query functions do not already give. */

/**
 * Evidence files of a commitment (or of every commitment): files attached to progress updates of its live
 * actions and to measurements of its live indicators, oldest first.
 */
export async function commitmentEvidence(db: DbOrTx, commitmentId?: string) {
  let updates = db
    .selectFrom('attachments as f')
    .innerJoin('progress_updates as p', 'p.id', 'f.entity_id')
    .innerJoin('actions as a', 'a.id', 'p.action_id')
    .select([
      'a.commitment_id',
      sql<'progress_update'>`'progress_update'`.as('source'),
      'a.code',
      'p.date',
      'p.note',
      'f.file_name',
      'f.size',
      'f.sha256',
      'f.created_at',
    ])
    .where('f.entity', '=', 'progress_update')
    .where('f.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .where('a.deleted_at', 'is', null);
  let measurements = db
    .selectFrom('attachments as f')
    .innerJoin('measurements as m', 'm.id', 'f.entity_id')
    .innerJoin('indicators as i', 'i.id', 'm.indicator_id')
    .select([
      'i.commitment_id',
      sql<'measurement'>`'measurement'`.as('source'),
      'i.code',
      'm.date',
      'm.note',
      'f.file_name',
      'f.size',
      'f.sha256',
      'f.created_at',
    ])
    .where('f.entity', '=', 'measurement')
    .where('f.deleted_at', 'is', null)
    .where('m.deleted_at', 'is', null)
    .where('i.deleted_at', 'is', null);
  if (commitmentId) {
    updates = updates.where('a.commitment_id', '=', commitmentId);
    measurements = measurements.where('i.commitment_id', '=', commitmentId);
  }
  const rows = [...(await updates.execute()), ...(await measurements.execute())];
  return rows.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.created_at < y.created_at ? -1 : 1));
}

/**
 * Distinct people who completed at least one live session of any live programme (people are never deleted): read from
 * training_completions (one row per programme and person, kept in step by every write), not from every attendance row
 * (200,000 in the at-scale bench: 400 ms of the report pack, now a pass over one row per person and programme).
 */
export async function distinctTrainedPeople(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('training_completions as c')
    .innerJoin('training_programmes as g', 'g.id', 'c.programme_id')
    .select(sql<number>`count(distinct c.person_id)`.as('n'))
    .where('g.deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Measurements of live indicators: the length of the plan's history sheet, for the pack's progress. */
export async function countLiveMeasurements(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('measurements as m')
    .innerJoin('indicators as i', 'i.id', 'm.indicator_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.deleted_at', 'is', null)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
