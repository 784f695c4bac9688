import { datasetsForReview } from '../../../db/queries/agenda';
import type { AgendaSource } from '../manifest';
import { nextReviewOf } from './service';

/** "Ce am de făcut": datasets by their next review (the inventory's schedule). */
export const datasetsAgenda: AgendaSource = {
  kinds: ['dataset_review'],
  items: async (ctx) =>
    (await datasetsForReview(ctx.db)).map((d) => ({
      kind: 'dataset_review',
      id: d.id,
      code: d.slug,
      title: d.name,
      dueOn: nextReviewOf(d),
      route: `/datasets/${d.id}`,
    })),
};
