import { callsWithDeadlineBy } from '../../../db/queries/agenda';
import type { AgendaSource } from '../manifest';

/** "Ce am de făcut": deadlines of calls still planned or open. */
export const fundingAgenda: AgendaSource = {
  kinds: ['funding_deadline'],
  items: async (ctx, { weekEnd }) =>
    (await callsWithDeadlineBy(ctx.db, weekEnd)).map((c) => ({
      kind: 'funding_deadline',
      id: c.id,
      code: c.code,
      title: c.title,
      dueOn: c.deadline!.slice(0, 10),
      route: `/funding/calls/${c.id}`,
    })),
};
