import type { DbOrTx } from '../../../../db/connection';
import * as q from '../../../../db/queries/publishing-site';
import { redact } from './redaction';
import { push } from './shared';
import type { PublicPartner } from './types';

/** Partners published by the coordinator: a person by name only (sector and legal form are internal). */
export async function collectPartners(db: DbOrTx): Promise<PublicPartner[]> {
  const [rows, partnerships] = await Promise.all([q.sitePartners(db), q.sitePartnerships(db)]);
  const byStakeholder = new Map<string, PublicPartner['partnerships']>();
  for (const p of partnerships) push(byStakeholder, p.stakeholder_id, { type: p.type, title: redact(p.title), startDate: p.start_date, endDate: p.end_date });
  return rows.map((r) => ({
    id: r.id,
    kind: r.type,
    name: r.type === 'organisation' ? redact(r.name) : r.name,
    legalForm: r.type === 'organisation' ? redact(r.legal_form) : '',
    sector: r.type === 'organisation' ? r.sector : null,
    plaRole: r.pla_role,
    iap2Level: r.iap2_level,
    partnerships: byStakeholder.get(r.id) ?? [],
  }));
}
