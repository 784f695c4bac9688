import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';

/**
 * The seed plan (resources/seed/plan.json: 4 commitments, 24 actions, 26 indicators) copied `scale`
 * times into a fresh database, with dated progress and measurements, so the benchmarks run on a plan
 * shaped like the real one. Written with prepared better-sqlite3 statements in one transaction.
 */

interface SeedPlan {
  plan: { title: string; periodStart: string; periodEnd: string };
  commitments: Array<{
    code: string;
    title: string;
    startDate: string | null;
    endDate: string | null;
    ogpValues?: string[];
    actions: Array<{ code: string; title: string }>;
    targetResults: Array<{
      code: string;
      name: string;
      type: string;
      unit: string;
      target: number;
      direction: string;
      countingRule?: string;
      denominator?: number;
      actionCodes?: string[];
    }>;
  }>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_TODAY = '2023-06-15';

export interface FixtureCounts {
  commitments: number;
  actions: number;
  indicators: number;
  measurements: number;
  progressUpdates: number;
}

/** Deterministic PRNG (mulberry32): the same plan every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/**
 * Builds the plan ×`scale` in `file` (created and migrated). Measurements total `measurementsPerScale × scale`,
 * spread over the indicators; each action gets two progress updates.
 */
export async function buildScaledPlan(file: string, scale: number, measurementsPerScale = 1_000): Promise<FixtureCounts> {
  const seed = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/seed/plan.json'), 'utf8')) as SeedPlan;
  const conn = openDatabase(file);
  await migrateToLatest(conn);
  const s = conn.sqlite;
  const at = '2022-03-01T08:00:00.000Z';
  const rand = prng(20240101);
  const counts: FixtureCounts = { commitments: 0, actions: 0, indicators: 0, measurements: 0, progressUpdates: 0 };

  const insPlan = s.prepare(`insert into plans (id, title, period_start, period_end, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  const insCommitment = s.prepare(
    `insert into commitments (id, plan_id, code, title, ogp_values, start_date, end_date, lead_institution, completion, opened_government, sort_order, created_at, updated_at)
     values (?, 'p1', ?, ?, ?, ?, ?, 'Primăria Municipiului Timișoara', ?, ?, ?, ?, ?)`,
  );
  const insAction = s.prepare(
    `insert into actions (id, commitment_id, code, title, planned_start, planned_end, actual_start, actual_end, responsible_org, status, progress, weight, sort_order, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'Direcția Comunicare', ?, ?, ?, ?, ?, ?)`,
  );
  const insIndicator = s.prepare(
    `insert into indicators (id, commitment_id, code, name, unit, type, direction, target, denominator, counting_rule, sort_order, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLink = s.prepare(`insert into indicator_actions (indicator_id, action_id) values (?, ?)`);
  const insMeasurement = s.prepare(`insert into measurements (id, indicator_id, date, value, note, created_at, updated_at) values (?, ?, ?, ?, '', ?, ?)`);
  const insUpdate = s.prepare(
    `insert into progress_updates (id, action_id, date, progress, status, note, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const indicators: Array<{ id: string; type: string; target: number; denominator: number | null; start: string }> = [];

  s.transaction(() => {
    insPlan.run('p1', seed.plan.title, seed.plan.periodStart, seed.plan.periodEnd, at, at);
    let order = 0;
    for (let k = 0; k < scale; k++) {
      for (const c of seed.commitments) {
        const n = k * seed.commitments.length + Number(c.code.slice(1));
        const cid = `c${n}`;
        const start = c.startDate ?? seed.plan.periodStart;
        const end = c.endDate ?? seed.plan.periodEnd;
        const completion = rand() < 0.3 ? 'substantial' : null;
        insCommitment.run(
          cid,
          `A${n}`,
          c.title,
          JSON.stringify(c.ogpValues ?? []),
          start,
          end,
          completion,
          completion ? '{"civic_participation":"major"}' : '{}',
          order++,
          at,
          at,
        );
        counts.commitments++;

        const span = daysBetween(start, end);
        const actionIds = new Map<string, string>();
        for (const [ai, a] of c.actions.entries()) {
          const aid = `${cid}-a${ai}`;
          const code = a.code.replace(/^A\d+/, `A${n}`);
          const ps = addDays(start, Math.floor(rand() * span * 0.5));
          const pe = addDays(ps, 60 + Math.floor(rand() * (daysBetween(ps, end) - 60)));
          const r = rand();
          const status = r < 0.25 ? 'done' : r < 0.85 ? 'in_progress' : 'not_started';
          const progress = status === 'done' ? 100 : status === 'in_progress' ? Math.floor(rand() * 95) : 0;
          insAction.run(
            aid,
            cid,
            code,
            a.title,
            ps,
            pe,
            status === 'not_started' ? null : ps,
            status === 'done' ? pe : null,
            status,
            progress,
            rand() < 0.5 ? 1 + Math.floor(rand() * 3) : null,
            ai,
            at,
            at,
          );
          actionIds.set(a.code, aid);
          counts.actions++;
          for (const [ui, d] of [addDays(ps, 30), addDays(ps, 30 + Math.floor(rand() * 400))].entries()) {
            insUpdate.run(
              `${aid}-u${ui}`,
              aid,
              d,
              Math.round((progress * (ui + 1)) / 2),
              status === 'not_started' ? 'not_started' : 'in_progress',
              `Actualizare ${ui + 1} pentru ${code}`,
              `${d}T10:00:00.000Z`,
              `${d}T10:00:00.000Z`,
            );
            counts.progressUpdates++;
          }
        }

        for (const [ii, t] of c.targetResults.entries()) {
          const iid = `${cid}-i${ii}`;
          const denominator = t.type === 'ratio' ? (t.denominator ?? 250_000) : null;
          insIndicator.run(
            iid,
            cid,
            t.code.replace(/^I\d+/, `I${n}`),
            t.name,
            t.unit,
            t.type,
            t.direction,
            t.target,
            denominator,
            t.countingRule ?? '',
            ii,
            at,
            at,
          );
          for (const ac of t.actionCodes ?? []) {
            const aid = actionIds.get(ac);
            if (aid) insLink.run(iid, aid);
          }
          indicators.push({ id: iid, type: t.type, target: t.target, denominator, start });
          counts.indicators++;
        }
      }
    }

    // Measurements spread evenly over the indicators, dated from the start onward, values climbing to the target.
    const total = measurementsPerScale * scale;
    const perIndicator = new Map<string, number>();
    for (let m = 0; m < total; m++) {
      const ind = indicators[m % indicators.length];
      const nth = perIndicator.get(ind.id) ?? 0;
      perIndicator.set(ind.id, nth + 1);
      const date = addDays(ind.start, 7 * nth + (m % 7));
      const frac = Math.min(1, (nth + 1) / 40);
      const value =
        ind.type === 'milestone'
          ? frac >= 1
            ? 1
            : 0
          : ind.type === 'ratio'
            ? Math.round(((ind.target * frac) / 100) * (ind.denominator ?? 1))
            : Math.round(ind.target * frac * 10) / 10;
      insMeasurement.run(`m${m}`, ind.id, date, value, `${date}T09:00:00.000Z`, `${date}T09:00:00.000Z`);
      counts.measurements++;
    }
  })();

  s.pragma('optimize');
  await conn.close();
  return counts;
}
