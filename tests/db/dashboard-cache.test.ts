import { describe, expect, it } from 'vitest';
import { freshCore, ok } from './helpers';

/**
 * The dashboard is computed once per state of the store (issue 13: fifty users opening it cost one computation):
 * the same figures come back until anyone writes, and the first read after a write computes them again.
 */
describe('the dashboard between writes', () => {
  it('is computed once while nothing changes, again after any save, and per day asked for', async () => {
    const { core } = await freshCore();
    const first = await ok(core, 'plan.dashboard', {});
    const second = await ok(core, 'plan.dashboard', {});
    expect(second.commitments).toBe(first.commitments);
    expect(second.timeline).toBe(first.timeline);
    expect(second.generatedAt >= first.generatedAt).toBe(true);
    expect((await ok(core, 'plan.dashboard', { today: '2030-01-01' })).commitments).not.toBe(first.commitments);

    await ok(core, 'risks.save', { description: 'Un risc nou', category: 'operational', inherentProbability: 2, inherentImpact: 2 });
    const after = await ok(core, 'plan.dashboard', {});
    expect(after.commitments).not.toBe(first.commitments);
    expect(after.commitments).toEqual(first.commitments);
  });
});
