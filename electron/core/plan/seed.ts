import { z } from 'zod';
import type { WriteTx } from '../../../db/access';
import * as q from '../../../db/queries/plan';
import { insertRow } from '../../../db/queries/rows';
import seedJson from '../../../resources/seed/plan.json';
import { INDICATOR_TYPES, OGP_VALUES } from '../../contract';
import { audit } from '../audit';
import type { Actor } from '../context';
import { newId } from '../util';

/** The shape of resources/seed/plan.json, transcribed from the PLA text (../shared/seed). */
const seedSchema = z.object({
  plan: z.object({
    title: z.string(),
    vision: z.string(),
    goal: z.string(),
    strategicDirections: z.array(z.string()),
    priorities: z.array(z.string()),
    periodStart: z.string(),
    periodEnd: z.string(),
    process: z.string().default(''),
  }),
  commitments: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      description: z.string(),
      objective: z.string(),
      problem: z.string(),
      actors: z.string(),
      relevanceLocal: z.string(),
      relevanceNational: z.string(),
      relevanceInternational: z.string(),
      ogpValues: z.array(z.enum(OGP_VALUES)),
      calendarText: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      sortOrder: z.number(),
      actions: z.array(z.object({ code: z.string(), title: z.string() })),
      targetResults: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          type: z.enum(INDICATOR_TYPES),
          unit: z.string(),
          target: z.number(),
          direction: z.enum(['increase', 'decrease']),
          countingRule: z.string(),
          actionCodes: z.array(z.string()).min(1),
          periodLabel: z.string().optional(),
          denominator: z.number().optional(),
          denominatorSource: z.string().optional(),
          denominatorYear: z.number().optional(),
          /** Computed from another module's records (see plan/sources.ts); absent = measured by hand. */
          source: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type PlanSeed = z.infer<typeof seedSchema>;

export const planSeed = (): PlanSeed => seedSchema.parse(seedJson);

export const SEED_ACTOR: Actor = { id: null, name: 'seed', role: 'system' };

/** Loads the PLA on first run. Does nothing when a plan exists, so running init twice changes nothing. */
export async function loadPlanSeed(trx: WriteTx, at: string, seed: PlanSeed = planSeed()): Promise<boolean> {
  if (await q.getPlan(trx)) return false;
  const std = { created_at: at, updated_at: at, updated_by: null, deleted_at: null };
  const planId = newId();
  await insertRow(trx, 'plans', {
    id: planId,
    title: seed.plan.title,
    vision: seed.plan.vision,
    goal: seed.plan.goal,
    strategic_directions: JSON.stringify(seed.plan.strategicDirections),
    priorities: JSON.stringify(seed.plan.priorities),
    process: seed.plan.process,
    period_start: seed.plan.periodStart,
    period_end: seed.plan.periodEnd,
    ...std,
  });
  await audit(trx, SEED_ACTOR, at, 'plan', planId, 'import', null, { title: seed.plan.title });
  for (const c of seed.commitments) {
    const cid = newId();
    await insertRow(trx, 'commitments', {
      id: cid,
      plan_id: planId,
      code: c.code,
      title: c.title,
      description: c.description,
      objective: c.objective,
      problem: c.problem,
      solution: '',
      actors: c.actors,
      relevance_local: c.relevanceLocal,
      relevance_national: c.relevanceNational,
      relevance_international: c.relevanceInternational,
      ogp_values: JSON.stringify(c.ogpValues),
      calendar_text: c.calendarText,
      start_date: c.startDate,
      end_date: c.endDate,
      lead_institution: 'Primăria Municipiului Timișoara',
      responsible_person: '',
      design_verifiable: null,
      design_potential: null,
      completion: null,
      opened_government: '{}',
      factors: '',
      lessons: '',
      weight: null,
      sort_order: c.sortOrder,
      ...std,
    });
    await audit(trx, SEED_ACTOR, at, 'commitment', cid, 'import', null, { code: c.code, title: c.title });
    const actionIds = new Map<string, string>();
    for (const [n, a] of c.actions.entries()) {
      const aid = newId();
      actionIds.set(a.code, aid);
      await insertRow(trx, 'actions', {
        id: aid,
        commitment_id: cid,
        parent_id: null,
        code: a.code,
        title: a.title,
        deliverable: '',
        planned_start: c.startDate,
        planned_end: c.endDate,
        actual_start: null,
        actual_end: null,
        responsible_org: 'Primăria Municipiului Timișoara',
        responsible_person: '',
        status: 'not_started',
        progress: 0,
        weight: null,
        blockers: '',
        sort_order: n,
        ...std,
      });
      await audit(trx, SEED_ACTOR, at, 'action', aid, 'import', null, { code: a.code, title: a.title });
    }
    for (const [n, i] of c.targetResults.entries()) {
      const iid = newId();
      await insertRow(trx, 'indicators', {
        id: iid,
        commitment_id: cid,
        code: i.code,
        name: i.name,
        unit: i.unit,
        type: i.type,
        direction: i.direction,
        baseline: i.type === 'milestone' ? 0 : null,
        baseline_date: null,
        target: i.target,
        denominator: i.denominator ?? null,
        denominator_source: i.denominatorSource ?? '',
        denominator_year: i.denominatorYear ?? null,
        counting_rule: i.countingRule,
        data_source: '',
        frequency: i.type === 'per_period' ? (i.periodLabel === 'an' ? 'anual' : (i.periodLabel ?? '')) : '',
        responsible_department: '',
        sort_order: n,
        source: i.source ?? null,
        ...std,
      });
      await q.replaceIndicatorActions(
        trx,
        iid,
        i.actionCodes.map((code) => {
          const id = actionIds.get(code);
          if (!id) throw new Error(`seed: indicator ${i.code} links unknown action ${code}`);
          return id;
        }),
      );
      await audit(trx, SEED_ACTOR, at, 'indicator', iid, 'import', null, { code: i.code, name: i.name, target: i.target });
    }
  }
  return true;
}
