import type { DbOrTx } from '../../../db/connection';
import type { IndicatorRecord } from '../../contract';
import { cacheAtStamp } from '../cache';

/**
 * Indicators computed from other modules' records (DOMAIN.md: "the indicator's value is computed from
 * those records and shows which records count"). A module contributes its computations in its manifest
 * (`indicatorSources`, electron/core/<module>/manifest.ts); an indicator whose `source` names none of them is measured by hand.
 */
export interface IndicatorSourceResult {
  /**
   * The value the records give (a count of distinct people, partnerships, funding sources …); null when no record
   * counts at all: nothing was measured yet, so the indicator shows "Fără date", never 0 (see noRecordIsNoData).
   */
  value: number | null;
  /** The date of the latest record that counts, or null when none counts. */
  date: string | null;
  /** The records that count, for the indicator's "which records count" list (internal: may name people). */
  records: IndicatorRecord[];
}

export interface IndicatorSource {
  /** What counts, in Romanian, shown beside the indicator. */
  rule: string;
  compute(db: DbOrTx, today: string): Promise<IndicatorSourceResult>;
  /** The value alone, when the records are many (the dashboard and lists need only this); default: compute(). */
  value?(db: DbOrTx, today: string): Promise<Omit<IndicatorSourceResult, 'records'>>;
}

let sources: Promise<Record<string, IndicatorSource>> | null = null;
/**
 * Every source the manifests declare, by name. The manifests (electron/core/modules.ts) are imported when first asked
 * for, not when this file loads: they import the modules' services, and some of those import this file.
 */
export const indicatorSources = (): Promise<Record<string, IndicatorSource>> =>
  (sources ??= import('../modules').then(({ CORE_MODULES }) => Object.assign({}, ...CORE_MODULES.map((m) => m.indicatorSources ?? {}))));

/**
 * A module answers 0 when none of its records counts; for the plan that is not a measurement of 0 but the
 * absence of one (no record, no date): the value becomes null and the indicator shows "Fără date". A count of
 * 0 that some record dates (none today) stays 0.
 */
export function noRecordIsNoData<R extends { value: number | null; date: string | null; records: IndicatorRecord[] }>(r: R): R {
  return r.value === 0 && r.date == null && r.records.length === 0 ? { ...r, value: null } : r;
}

/** Computes a source's value and the records that count, with the rule above. */
export async function computeSource(db: DbOrTx, today: string, source: IndicatorSource): Promise<IndicatorSourceResult> {
  return noRecordIsNoData(await source.compute(db, today));
}

/** Computes every known source named by the given indicators, once per source. */
export async function computeSources(db: DbOrTx, today: string, sources: Array<string | null>): Promise<Map<string, IndicatorSourceResult>> {
  const out = new Map<string, IndicatorSourceResult>();
  const known = await indicatorSources();
  let cached: Awaited<ReturnType<typeof cacheAtStamp>> | undefined; // one stamp for all the sources, read when first needed
  for (const s of new Set(sources)) {
    const source = s ? known[s] : undefined;
    if (!s || !source) continue;
    // Kept until the database changes (electron/core/cache.ts): lists and the dashboard ask for the same values often.
    const value = source.value;
    out.set(
      s,
      await (cached ??= await cacheAtStamp(db))(`indicator-source:${s}:${today}`, async () =>
        noRecordIsNoData(value ? { ...(await value(db, today)), records: [] } : await source.compute(db, today)),
      ),
    );
  }
  return out;
}

/**
 * Actions that another module flags as at risk (the risk register: a linked risk above tolerance).
 * Each signal returns the ids of the actions it flags.
 */
export type ActionRiskSignal = (db: DbOrTx) => Promise<Set<string>>;
/** The actions every manifest's `actionRiskSignals` flag. */
export async function flaggedActions(db: DbOrTx): Promise<Set<string>> {
  const all = new Set<string>();
  const { CORE_MODULES } = await import('../modules'); // (imported when first asked for: see indicatorSources)
  for (const signal of CORE_MODULES.flatMap((m): readonly ActionRiskSignal[] => m.actionRiskSignals ?? [])) for (const id of await signal(db)) all.add(id);
  return all;
}
