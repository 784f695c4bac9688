import * as q from '../../../db/queries/agenda';
import { AGENDA_KINDS, type Agenda, type AgendaItem, type AgendaModule, type ChangeEntry, type Changes } from '../../contract';
import type { ServiceContext } from '../context';
import type { AgendaSource } from '../manifest';
import { parseJson } from '../util';
import { visibilityFor } from '../visibility';

/**
 * "Ce am de făcut": what is late and what falls due this week across the modules, for a coordinator's or a
 * member's start page. Each module declares its items in its manifest (`agenda`, electron/core/<module>/agenda.ts):
 * risk reviews, indicator measurements, dataset reviews, funding deadlines, budgeting phases and evaluations.
 * A module the caller's role does not see in full (core/visibility.ts) contributes nothing.
 */

const WEEK_DAYS = 7;

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The manifests' agenda sources, in the order of their kinds in AGENDA_KINDS (which orders items due the same day with the same code). */
let sources: Promise<Array<{ module: AgendaModule; source: AgendaSource }>> | undefined;
export const agendaSources = () =>
  (sources ??= import('../modules').then(({ CORE_MODULES }) =>
    CORE_MODULES.flatMap((m) => (m.agenda ? [{ module: m.name as AgendaModule, source: m.agenda as AgendaSource }] : [])).sort(
      (a, b) => AGENDA_KINDS.indexOf(a.source.kinds[0]!) - AGENDA_KINDS.indexOf(b.source.kinds[0]!),
    ),
  ));

export async function agenda(ctx: ServiceContext, today: string): Promise<Agenda> {
  const weekEnd = plusDays(today, WEEK_DAYS);
  const role = ctx.actor.role;
  const items: AgendaItem[] = [];
  for (const { module, source } of await agendaSources()) {
    if (visibilityFor(role, module) !== 'all') continue;
    for (const it of await source.items(ctx, { today, weekEnd })) {
      if (it.dueOn < today) items.push({ ...it, module, state: 'late' });
      else if (it.dueOn <= weekEnd) items.push({ ...it, module, state: 'week' });
    }
  }

  items.sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === 'late' ? -1 : 1) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) || a.code.localeCompare(b.code, 'ro'),
  );
  const byModule: Agenda['byModule'] = {};
  for (const it of items) byModule[it.module] = (byModule[it.module] ?? 0) + 1;
  return { today, weekEnd, items, byModule };
}

/** Entities only a coordinator follows (accounts and settings): left out for members. */
const COORDINATOR_ONLY = ['user', 'settings', 'risk_settings', 'publishing_target'] as const;

/**
 * "Ce s-a schimbat": what others changed since the caller's last visit, from the audit log — the kind of record,
 * the action and the names of the fields changed, never their values (a member does not see evaluators'
 * unsubmitted scores, and the start page needs no values).
 */
export async function changes(ctx: ServiceContext, since: string, limit: number): Promise<Changes> {
  const { rows, total } = await q.changesSince(ctx.db, {
    since,
    actorId: ctx.actor.id,
    excludeEntities: ctx.actor.role === 'coordinator' || ctx.actor.role === 'system' ? [] : COORDINATOR_ONLY,
    limit,
  });
  return {
    since,
    total,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      entity: r.entity as ChangeEntry['entity'],
      entityId: r.entity_id,
      action: r.action as ChangeEntry['action'],
      fields:
        r.action === 'update' ? Object.keys(parseJson<Record<string, unknown>>(r.changes, {})).filter((k) => k !== 'updated_at' && k !== 'updatedAt') : [],
    })),
  };
}
