import { z } from 'zod';
import type { WriteTx } from '../../../db/access';
import { countStakeholders } from '../../../db/queries/stakeholders';
import { insertRow } from '../../../db/queries/rows';
import seedJson from '../../../resources/seed/stakeholders.json';
import { PLA_ROLES, SECTORS, STAKEHOLDER_TYPES } from '../../contract';
import { audit } from '../audit';
import { SEED_ACTOR } from '../plan/seed';
import { newId } from '../util';
import { stakeholderKeys } from './keys';

/** resources/seed/stakeholders.json: the possible actors the PLA text names. */
const seedSchema = z.object({
  source: z.string(),
  stakeholders: z.array(
    z.object({
      name: z.string().min(1),
      type: z.enum(STAKEHOLDER_TYPES),
      legalForm: z.string(),
      sector: z.enum(SECTORS),
      plaRole: z.enum(PLA_ROLES).nullable(),
      notes: z.string(),
    }),
  ),
});
export type StakeholdersSeed = z.infer<typeof seedSchema>;
export const stakeholdersSeed = (): StakeholdersSeed => seedSchema.parse(seedJson);

/**
 * Pre-fills the register on first run. Runs only while the table has never held a row (deleted rows
 * included), so running init twice — or after the user deleted a seeded actor — changes nothing.
 */
export async function loadStakeholdersSeed(trx: WriteTx, at: string, seed: StakeholdersSeed = stakeholdersSeed()): Promise<boolean> {
  if ((await countStakeholders(trx)) > 0) return false;
  for (const s of seed.stakeholders) {
    const id = newId();
    await insertRow(trx, 'stakeholders', {
      id,
      type: s.type,
      name: s.name,
      legal_form: s.legalForm,
      sector: s.sector,
      contacts: '',
      pla_role: s.plaRole,
      power: null,
      interest: null,
      attitude: 'unknown',
      assessment_date: null,
      iap2_level: null,
      gdpr_notes: '',
      consent_date: null,
      consent_scope: '',
      public: 0,
      notes: s.notes,
      ...stakeholderKeys(s.name, s.legalForm),
      created_at: at,
      updated_at: at,
      updated_by: null,
      deleted_at: null,
    });
    await audit(trx, SEED_ACTOR, at, 'stakeholder', id, 'import', null, { name: s.name });
  }
  return true;
}
