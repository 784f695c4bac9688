import type { DbOrTx } from '../../../db/connection';
import { publishedDatasets } from '../../../db/queries/datasets';
import type { IndicatorRecord } from '../../contract';
import type { IndicatorSource } from '../plan/sources';

/** Indicator I3.3 (action A3.3): "10 seturi de date deschise cu valoare ridicată … publicate". */
export const DATASETS_PUBLISHED = 'datasets.published';

export const datasetsIndicatorSources: Record<string, IndicatorSource> = {
  [DATASETS_PUBLISHED]: {
    rule:
      'Numărul de seturi de date din inventarul de date deschise aflate în starea „publicat”. Un set de date ajunge în această stare doar după ce ' +
      'ultimul fișier importat a trecut validarea fără erori și toate semnalările de date personale au fost verificate. ' +
      'Seturile șterse sau retrase din publicare nu se numără. Data valorii este data celei mai recente publicări.',
    async compute(db: DbOrTx) {
      const rows = await publishedDatasets(db);
      const records: IndicatorRecord[] = rows.map((r) => ({ kind: 'dataset', id: r.id, label: `${r.name} · ${r.holder_institution}`, date: r.published_on }));
      const date = rows.reduce<string | null>((d, r) => (r.published_on && (!d || r.published_on > d) ? r.published_on : d), null);
      return { value: rows.length, date, records };
    },
  },
};
