import { describe, expect, it } from 'vitest';
import { LEVEL_BANDS, RISK_LEVELS, riskLevel, type AuditEntity, type LabelsOf } from '../../electron/contract';
import { RO } from '../../electron/core/publishing/labels';
import { ro as risksRo } from '../../renderer/src/features/risks/i18n';

describe('labels typed against the contract', () => {
  it('a label map missing a value of its enum, or naming one that does not exist, does not compile', () => {
    // @ts-expect-error "very_high" has no label
    const missing: LabelsOf<typeof RISK_LEVELS> = { low: 'Scăzut', medium: 'Mediu', high: 'Ridicat' };
    // @ts-expect-error "extreme" is not a risk level
    const unknown: LabelsOf<typeof RISK_LEVELS> = { low: 'a', medium: 'b', high: 'c', very_high: 'd', extreme: 'e' };
    // @ts-expect-error an audit entity is one of AUDIT_ENTITIES, as stored ("budgeting campaign", "funding_call")
    const entity: AuditEntity = 'budgeting_campaign';
    expect([missing, unknown, entity]).toHaveLength(3);
    expect(Object.keys(risksRo.level).sort()).toEqual([...RISK_LEVELS].sort());
  });

  it('one band function: every exposure 1–25 falls in exactly the band LEVEL_BANDS gives it', () => {
    for (let e = 1; e <= 25; e++) {
      const bands = LEVEL_BANDS.filter((b) => e >= b.min && e <= b.max);
      expect(bands, `exposure ${e}`).toHaveLength(1);
      expect(riskLevel(e), `exposure ${e}`).toBe(bands[0]!.level);
    }
    expect([riskLevel(4), riskLevel(5), riskLevel(9), riskLevel(10), riskLevel(15), riskLevel(16)]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'very_high',
    ]);
  });

  it("the public site's level names carry the bands from the same table", () => {
    expect(RO.riskLevel).toEqual({ very_high: 'Foarte ridicat (16–25)', high: 'Ridicat (10–15)', medium: 'Mediu (5–9)', low: 'Scăzut (1–4)' });
  });
});
