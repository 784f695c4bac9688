import type { DbOrTx } from '../../../db/connection';
import * as q from '../../../db/queries/training';
import type { IndicatorSource } from '../plan/sources';

/**
 * The PLA's training targets, computed from completed attendances of DISTINCT people (DOMAIN.md "Training":
 * targets count people, not attendances). The records name people: internal, shown only inside the app.
 */
function trained(actionCode: string, categories: readonly string[]): IndicatorSource['compute'] {
  return async (db: DbOrTx) => {
    const rows = await q.trainedPeople(db, actionCode, categories);
    let date: string | null = null;
    for (const r of rows) if (!date || r.date > date) date = r.date;
    return { value: rows.length, date, records: rows.map((r) => ({ kind: 'person', id: r.id, label: r.name, date: r.date })) };
  };
}

export const TRAINING_SOURCES: Record<string, IndicatorSource> = {
  'training.officials_citizen_engagement': {
    rule: 'Numărul de persoane distincte (funcționari publici sau aleși locali, după categoria de încadrare a persoanei) care au cel puțin o participare marcată „finalizat” la o sesiune a unui program de formare legat de acțiunea A1.2 sau de o subacțiune a ei (A1.2.x). O persoană care a absolvit mai multe sesiuni se numără o singură dată; participările nefinalizate, sesiunile, programele și persoanele șterse nu se numără.',
    compute: trained('A1.2', ['civil_servant', 'elected_official']),
    value: (db) => q.trainedCount(db, 'A1.2', ['civil_servant', 'elected_official']),
  },
  'training.employees_open_government': {
    rule: 'Numărul de angajați distincți ai Primăriei Municipiului Timișoara (funcționari publici sau personal contractual, după categoria de încadrare a persoanei) care au cel puțin o participare marcată „finalizat” la o sesiune a unui program de formare legat de acțiunea A4.3 sau de o subacțiune a ei (A4.3.x). O persoană care a absolvit mai multe sesiuni se numără o singură dată; participările nefinalizate, sesiunile, programele și persoanele șterse nu se numără.',
    compute: trained('A4.3', ['civil_servant', 'contract_staff']),
    value: (db) => q.trainedCount(db, 'A4.3', ['civil_servant', 'contract_staff']),
  },
};
