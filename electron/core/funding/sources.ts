import type { DbOrTx } from '../../../db/connection';
import { attractedApplications } from '../../../db/queries/funding';
import type { IndicatorRecord } from '../../contract';
import type { IndicatorSource } from '../plan/sources';
import { PROGRAMME_RO } from './labels';

/**
 * Indicator A4.5 (I4.5): "≥2 surse de finanțare nerambursabilă identificate și atrase".
 * A source is a programme; every "other programme" call counts by its managing body.
 */
export const NON_REIMBURSABLE_SOURCES = 'funding.non_reimbursable_sources';

export const fundingIndicatorSources: Record<string, IndicatorSource> = {
  [NON_REIMBURSABLE_SOURCES]: {
    rule:
      'Numărul de surse distincte de finanțare nerambursabilă atrase: programele (Programul Regional Vest 2021-2027, PNRR, POCA/PEO, Granturile SEE și Norvegiene, OGP, buget local) ' +
      'ale apelurilor marcate „nerambursabil” care au cel puțin o cerere de finanțare în starea aprobată, contractată, în implementare sau închisă. ' +
      'La „Alt program”, fiecare organism finanțator distinct (organismul de management al apelului) este o sursă. ' +
      'Cererile și apelurile șterse, cererile în stadiu de idee, depuse, în evaluare sau respinse nu se numără. Data valorii este data celei mai recente cereri care se numără.',
    async compute(db: DbOrTx) {
      const rows = await attractedApplications(db);
      const sources = new Set<string>();
      const records: IndicatorRecord[] = [];
      let date: string | null = null;
      for (const r of rows) {
        sources.add(r.programme === 'other' ? `other:${r.managing_body.trim().toLocaleLowerCase('ro')}` : r.programme);
        const d = r.decision_on ?? r.contract_signed_on ?? r.implementation_start ?? r.closed_on;
        if (d && (!date || d > date)) date = d;
        const source = r.programme === 'other' && r.managing_body ? `${PROGRAMME_RO.other} (${r.managing_body})` : PROGRAMME_RO[r.programme];
        records.push({ kind: 'funding_application', id: r.id, label: `${r.code ? `${r.code} — ` : ''}${r.title} · ${source} · ${r.call_code}`, date: d });
      }
      return { value: sources.size, date: rows.length ? date : null, records };
    },
  },
};
