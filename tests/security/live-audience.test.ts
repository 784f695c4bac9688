import { describe, expect, it } from 'vitest';
import { listen, serve, sleep } from './helpers';

/**
 * Issue 13, live refresh: when a colleague saves, the screens that show that module refresh — and only those whose
 * role may read it. An evaluator does not learn that the risk register changed.
 */
describe('who hears that data changed', () => {
  it('a saved risk is announced to a member and a viewer, not to an evaluator; a stakeholder change reaches the evaluator too', async () => {
    const s = await serve();
    const coordinator = await s.user('coordinator');
    const member = await s.user('member');
    const viewer = await s.user('viewer');
    const evaluator = await s.user('evaluator');
    const streams = { member: listen(s, member.cookie), viewer: listen(s, viewer.cookie), evaluator: listen(s, evaluator.cookie) };
    try {
      for (const st of Object.values(streams)) expect(await st.status).toBe(200);
      const saved = await coordinator.call('risks.save', {
        code: 'R-1',
        description: 'Întârzieri la achiziții',
        category: 'operational',
        inherentProbability: 3,
        inherentImpact: 4,
      });
      expect(saved.body.ok).toBe(true);
      await expectSoon(() => streams.member.events.some((e) => e.module === 'risks') && streams.viewer.events.some((e) => e.module === 'risks'));
      // The same evaluator does hear of a change in a module they read (stakeholders: organisation names).
      const org = await coordinator.call('stakeholders.save', { type: 'organisation', name: 'Asociația Vest', sector: 'ngo' });
      expect(org.body.ok).toBe(true);
      await expectSoon(() => streams.evaluator.events.some((e) => e.module === 'stakeholders'));
      expect(streams.evaluator.events.filter((e) => e.module === 'risks')).toEqual([]);
      expect(streams.member.events).toContainEqual({ type: 'changed', module: 'risks' });
    } finally {
      for (const st of Object.values(streams)) st.stop();
    }
  });
});

async function expectSoon(cond: () => boolean, ms = 5_000) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('not heard in time');
    await sleep(25);
  }
}
