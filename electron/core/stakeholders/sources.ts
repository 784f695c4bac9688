import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/stakeholders';
import type { IndicatorSource } from '../plan/sources';

const PARTNERSHIP_TYPE_RO: Record<string, string> = { tech_community: 'comunitatea tech', academia: 'mediul academic', business: 'mediul economic' };

/** The stakeholder register's computed indicators (I4.4 and I3.5 in the seed). */
export const STAKEHOLDER_SOURCES: Record<string, IndicatorSource> = {
  'stakeholders.able_to_take_over': {
    rule: 'Se numără părțile interesate distincte (organizații sau persoane, neșterse din registru) care au cel puțin o acțiune din PLA (neștearsă) pe care o pot prelua și implementa. Data este cea a celei mai recente marcări.',
    async compute(db: DbOrTx) {
      const rows = await q.takeoverIndicatorRows(db);
      const date = rows.reduce<string | null>((m, r) => (r.last_date && (!m || r.last_date > m) ? (r.last_date as string) : m), null);
      return {
        value: rows.length,
        date,
        records: rows.map((r) => ({ kind: 'stakeholder', id: r.id, label: `${r.name} — ${r.codes}`, date: (r.last_date as string | null) ?? null })),
      };
    },
  },
  'stakeholders.partnerships_tech_academia_business': {
    rule: 'Se numără parteneriatele active (începute până azi și neîncheiate înainte de azi, neșterse) de tip comunitate tech, mediu academic sau mediu economic. Data este începutul celui mai recent parteneriat.',
    async compute(db: DbOrTx, today: string) {
      const rows = await q.activePartnershipRows(db, today);
      return {
        value: rows.length,
        date: rows.length ? rows[rows.length - 1].start_date : null,
        records: rows.map((r) => ({
          kind: 'partnership',
          id: r.id,
          label: `${r.title} — ${r.stakeholder_name} (${PARTNERSHIP_TYPE_RO[r.type] ?? r.type})`,
          date: r.start_date,
        })),
      };
    },
  },
};
