import { describe, expect, it } from 'vitest';
import { call, freshCore, ok, signIn } from './helpers';

/**
 * The one Setări screen saves three records side by side — the plan's thresholds, the risk register's settings and
 * the public site's. Each keeps its own version: saving one section must not make another section's open form stale
 * (a false "someone else saved this" on a screen only one coordinator touched).
 */
describe('the settings sections each have their own version', () => {
  it('saving the public site and the risk register leaves the plan thresholds saveable, and a real stale save is still refused', async () => {
    const { core } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const plan = await ok(core, 'admin.getSettings', {}, coord);
    const risks = await ok(core, 'risks.getSettings', {}, coord);
    const site = (await ok(core, 'publishing.getSiteStatus', {}, coord)).settings;
    const siteInput = (s: typeof site) => ({
      contactEmail: s.contactEmail,
      siteUrl: s.siteUrl,
      publisher: s.publisher,
      riskSummary: s.riskSummary,
      evidenceFiles: s.evidenceFiles,
      expectedUpdatedAt: s.updatedAt,
    });

    await ok(core, 'publishing.saveSiteSettings', { ...siteInput(site), contactEmail: 'transparenta@primariatm.example' }, coord);
    await ok(
      core,
      'risks.saveSettings',
      { expectedUpdatedAt: risks.updatedAt, toleranceLimit: 14, reviewDays: risks.reviewDays, dueSoonDays: risks.dueSoonDays },
      coord,
    );
    expect((await ok(core, 'admin.getSettings', {}, coord)).updatedAt).toBe(plan.updatedAt);

    const saved = await ok(core, 'admin.saveSettings', { atRiskThreshold: 20, noDataMonths: plan.noDataMonths, expectedUpdatedAt: plan.updatedAt }, coord);
    expect(saved.atRiskThreshold).toBe(20);
    // the plan's save leaves the site's version alone as well
    const siteNow = (await ok(core, 'publishing.getSiteStatus', {}, coord)).settings;
    await ok(core, 'publishing.saveSiteSettings', { ...siteInput(siteNow), publisher: 'Primăria Municipiului Timișoara' }, coord);
    // a save on the version read before the plan's own save is still a conflict, and writes nothing
    const stale = await call(core, 'admin.saveSettings', { atRiskThreshold: 5, noDataMonths: 4, expectedUpdatedAt: plan.updatedAt }, coord);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok(core, 'admin.getSettings', {}, coord)).atRiskThreshold).toBe(20);
  });
});
