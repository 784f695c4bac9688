import { indicatorsWithLastMeasurement } from '../../../db/queries/agenda';
import { foldText } from '../../contract';
import { addPeriod } from '../datasets/service';
import type { AgendaEntry, AgendaSource } from '../manifest';

/** An indicator's measuring period in months, from its free-text frequency (Romanian or English); null: not periodic. */
export function frequencyMonths(frequency: string): number | null {
  const f = foldText(frequency);
  if (/lun|month/.test(f)) return 1;
  if (/trimest|quarter/.test(f)) return 3;
  if (/semest|semi|half/.test(f)) return 6;
  if (/\ban|year/.test(f)) return 12;
  return null;
}

const MONTHS_TO_FREQ = { 1: 'monthly', 3: 'quarterly', 6: 'semiannual', 12: 'annual' } as const;

/** "Ce am de făcut": indicators measured by hand, due one period after their last measurement (or their baseline). */
export const planAgenda: AgendaSource = {
  kinds: ['measurement'],
  items: async (ctx) =>
    (await indicatorsWithLastMeasurement(ctx.db)).flatMap((i): AgendaEntry[] => {
      const months = frequencyMonths(i.frequency);
      const from = i.last_date ?? i.baseline_date;
      if (!months || !from) return [];
      const dueOn = addPeriod(from.slice(0, 10), MONTHS_TO_FREQ[months as 1 | 3 | 6 | 12]);
      return [{ kind: 'measurement', id: i.id, code: i.code, title: i.name, dueOn, route: `/indicators/${i.id}` }];
    }),
};
