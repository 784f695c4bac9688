import { describe, expect, it } from 'vitest';
import type { SaveRiskInput } from '../../electron/contract';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';

const NOW = new Date('2023-06-15T09:00:00Z');

async function seeded() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const actions = await ok(env.core, 'plan.listActions', {}, coord);
  const commitments = await ok(env.core, 'plan.listCommitments', {}, coord);
  const a42 = actions.find((a) => a.code === 'A4.2')!;
  const a4 = commitments.find((c) => c.code === 'A4')!;
  return { ...env, coord, a42, a4 };
}

const risk = (over: Partial<SaveRiskInput> = {}): SaveRiskInput => ({
  area: 'Direcția Comunicare',
  objective: 'Metodologia de management al riscurilor (A4.2)',
  description: 'Lipsa datelor de monitorizare la termen',
  category: 'operational',
  causes: 'Responsabili neclari',
  consequences: 'Raport de progres întârziat',
  owner: 'Ana Pop',
  inherentProbability: 3,
  inherentImpact: 3,
  ...over,
});

/** An action that is on track on 2023-03-01 (updated 2023-01-20, 40 % of a 2023–2024 span). */
async function onTrackAction(core: Awaited<ReturnType<typeof seeded>>['core'], coord: Awaited<ReturnType<typeof seeded>>['coord']) {
  const c = await ok(core, 'plan.saveCommitment', { code: 'A7', title: 'Test', startDate: '2023-01-01', endDate: '2024-12-31' }, coord);
  const a = await ok(
    core,
    'plan.saveAction',
    { commitmentId: c.id, code: 'A7.1', title: 'Acțiune urmărită', plannedStart: '2023-01-01', plannedEnd: '2024-12-31' },
    coord,
  );
  await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-01-20', progress: 40 }, coord);
  return a;
}

const ragOn = async (
  core: Awaited<ReturnType<typeof seeded>>['core'],
  coord: Awaited<ReturnType<typeof seeded>>['coord'],
  id: string,
  today = '2023-03-01',
) => {
  const d = await ok(core, 'plan.dashboard', { today }, coord);
  return {
    rag: d.timeline.find((t) => t.id === id)!.rag,
    atRisk: d.figures.atRisk.map((i) => i.id),
    reason: d.figures.atRisk.find((i) => i.id === id)?.reason,
  };
};

describe('a new risk without a code', () => {
  it('gets R- and the number after the highest R-number in use, deleted risks included; other codes do not count', async () => {
    const { core, coord } = await seeded();
    await ok(core, 'risks.save', risk({ code: 'R-041' }), coord);
    const gone = await ok(core, 'risks.save', risk({ code: 'R-0099' }), coord);
    await ok(core, 'risks.delete', { id: gone.id, expectedUpdatedAt: gone.updatedAt }, coord);
    for (const code of ['R-7A', 'R-', 'RX-500', 'SCIM-2024/3', 'R-12345678901234567', 'r-800']) await ok(core, 'risks.save', risk({ code }), coord);
    // 99 of the deleted R-0099 (its number is not given again, so an undo never collides), three digits at least.
    expect((await ok(core, 'risks.save', risk(), coord)).code).toBe('R-100');
    expect((await ok(core, 'risks.save', risk(), coord)).code).toBe('R-101');
  });

  it('starts at R-001 in an empty register', async () => {
    const { core, coord } = await seeded();
    expect((await ok(core, 'risks.save', risk(), coord)).code).toBe('R-001');
  });
});

describe('the register: exposure, level and tolerance', () => {
  it('computes inherent and residual exposure (P × I), the level band and the tolerance flag, and numbers risks R-001, R-002 …', async () => {
    const { core, coord } = await seeded();
    const low = await ok(core, 'risks.save', risk({ inherentProbability: 2, inherentImpact: 2 }), coord);
    expect(low).toMatchObject({ code: 'R-001', inherentExposure: 4, exposure: 4, level: 'low', aboveTolerance: false, residualExposure: null });
    const high = await ok(
      core,
      'risks.save',
      risk({ category: 'integrity', inherentProbability: 4, inherentImpact: 5, residualProbability: 3, residualImpact: 4 }),
      coord,
    );
    // Residual exposure (12) is what counts once assessed: at the default limit (12) it is not above tolerance.
    expect(high).toMatchObject({
      code: 'R-002',
      inherentExposure: 20,
      inherentLevel: 'very_high',
      residualExposure: 12,
      residualLevel: 'high',
      exposure: 12,
      aboveTolerance: false,
    });
    const over = await ok(core, 'risks.save', risk({ inherentProbability: 3, inherentImpact: 5 }), coord);
    expect(over).toMatchObject({ exposure: 15, level: 'high', aboveTolerance: true });
    const list = (await ok(core, 'risks.list', {}, coord)).rows;
    expect(list.map((r) => r.code)).toEqual(['R-001', 'R-002', 'R-003']);
    // A list row carries what the list and heat maps show, computed the same way as the full record …
    expect(list[1]).toMatchObject({
      id: high.id,
      exposure: 12,
      level: 'high',
      inherentLevel: 'very_high',
      residualLevel: 'high',
      aboveTolerance: false,
      reviewState: high.reviewState,
    });
    // … but not the long texts, which come with the record when it is opened.
    expect(list[1]).not.toHaveProperty('causes');
    expect(await ok(core, 'risks.get', { id: high.id }, coord)).toMatchObject({ causes: 'Responsabili neclari', consequences: 'Raport de progres întârziat' });
  });

  it('refuses bad scores, half a residual score, a taken code and links to missing actions, writing nothing', async () => {
    const { core, coord, dataDir, a42 } = await seeded();
    await ok(core, 'risks.save', risk({ code: 'R-INT-1' }), coord);
    const before = await snapshot(dataDir);
    const cases: Array<[unknown, string, string?]> = [
      [risk({ inherentProbability: 6 }), 'inherentProbability'],
      [risk({ inherentImpact: 0 }), 'inherentImpact'],
      [risk({ residualProbability: 2 }), 'residualImpact'],
      [risk({ description: '  ' }), 'description'],
      [risk({ category: 'weather' as never }), 'category'],
      [{ ...risk(), surprise: 1 }, '(input)'],
      [risk({ code: 'R-INT-1' }), 'code', 'duplicate'],
      [risk({ actionIds: [a42.id, '01890a5d-ac96-774b-bcce-b302099a8057'] }), 'actionIds.1', 'not_found'],
    ];
    for (const [input, field, reason] of cases) {
      const r = await call(core, 'risks.save', input, coord);
      expect(r.ok, field).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details?.issues?.[0]?.field).toBe(field);
      if (reason) expect(r.error.details?.issues?.[0]?.reason).toBe(reason);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('lets a viewer read the register but not write to it; settings are for coordinators', async () => {
    const { core, coord, dataDir } = await seeded();
    await ok(core, 'risks.save', risk(), coord);
    const viewer = await signIn(core, 'viewer');
    const member = await signIn(core, 'member');
    expect(await call(core, 'risks.list', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok(core, 'risks.overview', {}, viewer)).open).toBe(1);
    const before = await snapshot(dataDir);
    expect(await call(core, 'risks.save', risk(), viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const s = await ok(core, 'risks.getSettings', {}, member);
    expect(await call(core, 'risks.saveSettings', { expectedUpdatedAt: s.updatedAt, toleranceLimit: 20, reviewDays: s.reviewDays }, member)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('edits with the version read (a stale save is a CONFLICT), soft-deletes with undo, and audits each step', async () => {
    const { core, coord, dataDir } = await seeded();
    const r = await ok(core, 'risks.save', risk(), coord);
    const edited = await ok(core, 'risks.save', { ...risk({ strategy: 'transfer' }), id: r.id, expectedUpdatedAt: r.updatedAt }, coord);
    expect(edited).toMatchObject({ code: 'R-001', strategy: 'transfer' });
    const stale = await call(core, 'risks.save', { ...risk({ owner: 'Altcineva' }), id: r.id, expectedUpdatedAt: r.updatedAt }, coord);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await peek<{ owner: string }>(dataDir, 'select owner from risks'))[0].owner).toBe('Ana Pop');
    await ok(core, 'risks.delete', { id: r.id, expectedUpdatedAt: edited.updatedAt }, coord);
    expect(await ok(core, 'risks.list', {}, coord)).toEqual({ total: 0, rows: [] });
    await ok(core, 'risks.restore', { id: r.id }, coord);
    expect((await ok(core, 'risks.list', {}, coord)).rows.map((x) => x.code)).toEqual(['R-001']);
    const log = await ok(core, 'admin.listAudit', { entity: 'risk', entityId: r.id }, coord);
    expect(log.map((e) => e.action).sort()).toEqual(['create', 'delete', 'restore', 'update']);
  });
});

describe('an above-tolerance risk turns its action at risk on the plan dashboard', () => {
  it('flags the linked action until the risk is brought under tolerance, closed or deleted', async () => {
    const { core, coord } = await seeded();
    const a = await onTrackAction(core, coord);
    expect((await ragOn(core, coord, a.id)).rag).toBe('on_track');

    const r = await ok(core, 'risks.save', risk({ inherentProbability: 4, inherentImpact: 4, actionIds: [a.id] }), coord);
    expect(r).toMatchObject({ aboveTolerance: true, actionCodes: ['A7.1'] });
    let d = await ragOn(core, coord, a.id);
    expect(d.rag).toBe('at_risk');
    expect(d.atRisk).toContain(a.id);
    expect(d.reason).toBe('risk_above_tolerance');

    // Controls bring the residual exposure to 6: back on track.
    const treated = await ok(
      core,
      'risks.save',
      {
        ...risk({ inherentProbability: 4, inherentImpact: 4, residualProbability: 2, residualImpact: 3, actionIds: [a.id] }),
        id: r.id,
        expectedUpdatedAt: r.updatedAt,
      },
      coord,
    );
    expect((await ragOn(core, coord, a.id)).rag).toBe('on_track');

    // The residual score worsens again; then the risk is closed.
    const worse = await ok(
      core,
      'risks.save',
      {
        ...risk({ inherentProbability: 4, inherentImpact: 4, residualProbability: 4, residualImpact: 4, actionIds: [a.id] }),
        id: r.id,
        expectedUpdatedAt: treated.updatedAt,
      },
      coord,
    );
    expect((await ragOn(core, coord, a.id)).rag).toBe('at_risk');
    const closed = await ok(
      core,
      'risks.save',
      {
        ...risk({ inherentProbability: 4, inherentImpact: 4, residualProbability: 4, residualImpact: 4, status: 'closed', actionIds: [a.id] }),
        id: r.id,
        expectedUpdatedAt: worse.updatedAt,
      },
      coord,
    );
    expect((await ragOn(core, coord, a.id)).rag).toBe('on_track');
    const reopened = await ok(
      core,
      'risks.save',
      {
        ...risk({ inherentProbability: 4, inherentImpact: 4, residualProbability: 4, residualImpact: 4, actionIds: [a.id] }),
        id: r.id,
        expectedUpdatedAt: closed.updatedAt,
      },
      coord,
    );
    d = await ragOn(core, coord, a.id);
    expect(d.rag).toBe('at_risk');
    await ok(core, 'risks.delete', { id: r.id, expectedUpdatedAt: reopened.updatedAt }, coord);
    expect((await ragOn(core, coord, a.id)).rag).toBe('on_track');
  });

  it('follows the tolerance limit a coordinator sets, and turns an action with no data at risk too', async () => {
    const { core, coord } = await seeded();
    // An action with no dates and no progress update: "no data" before the risk.
    const c = await ok(core, 'plan.saveCommitment', { code: 'A8', title: 'Fără calendar' }, coord);
    const a42 = await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A8.1', title: 'Fără actualizări' }, coord);
    expect((await ragOn(core, coord, a42.id, '2023-06-15')).rag).toBe('no_data');
    await ok(core, 'risks.save', risk({ inherentProbability: 4, inherentImpact: 4, actionIds: [a42.id] }), coord);
    expect((await ragOn(core, coord, a42.id, '2023-06-15')).rag).toBe('at_risk');
    const s = await ok(core, 'risks.getSettings', {}, coord);
    expect(s).toMatchObject({ toleranceLimit: 12, reviewDays: { very_high: 90, high: 90, medium: 180, low: 360 }, updatedAt: null });
    const saved = await ok(core, 'risks.saveSettings', { expectedUpdatedAt: null, toleranceLimit: 16, reviewDays: s.reviewDays }, coord);
    expect(saved.toleranceLimit).toBe(16);
    expect((await ragOn(core, coord, a42.id, '2023-06-15')).rag).toBe('no_data');
    expect((await ok(core, 'risks.list', {}, coord)).rows[0].aboveTolerance).toBe(false);
    // A second coordinator's save with the settings they read before is refused.
    expect(await call(core, 'risks.saveSettings', { expectedUpdatedAt: null, toleranceLimit: 5, reviewDays: s.reviewDays }, coord)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await ok(core, 'risks.getSettings', {}, coord)).toleranceLimit).toBe(16);
  });
});

describe('control measures', () => {
  it('lists open measures by owner and deadline, marking overdue ones; a measure needs a live risk', async () => {
    const { core, coord, dataDir } = await seeded();
    const r = await ok(core, 'risks.save', risk(), coord);
    await ok(core, 'risks.saveMeasure', { riskId: r.id, description: 'Calendar de raportare', owner: 'Ion Ionescu', deadline: '2023-09-30' }, coord);
    await ok(core, 'risks.saveMeasure', { riskId: r.id, description: 'Instruire responsabili', owner: 'Ana Pop', deadline: '2023-05-31' }, coord);
    const done = await ok(core, 'risks.saveMeasure', { riskId: r.id, description: 'Procedură aprobată', owner: 'Ana Pop', status: 'done' }, coord);
    expect(done.status).toBe('done');
    const open = await ok(core, 'risks.openMeasures', {}, coord);
    expect(open.map((m) => [m.owner, m.description, m.overdue, m.riskCode])).toEqual([
      ['Ana Pop', 'Instruire responsabili', true, 'R-001'],
      ['Ion Ionescu', 'Calendar de raportare', false, 'R-001'],
    ]);
    expect((await ok(core, 'risks.get', { id: r.id }, coord)).openMeasures).toBe(2);
    const before = await snapshot(dataDir);
    const bad = await call(core, 'risks.saveMeasure', { riskId: '01890a5d-ac96-774b-bcce-b302099a8057', description: 'x', owner: 'y' }, coord);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'riskId', reason: 'not_found' }] } } });
    const noOwner = await call(core, 'risks.saveMeasure', { riskId: r.id, description: 'x', owner: '' }, coord);
    expect(noOwner).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'owner' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
    // Delete and undo.
    const m = open[0];
    await ok(core, 'risks.deleteMeasure', { id: m.id, expectedUpdatedAt: m.updatedAt }, coord);
    expect(await ok(core, 'risks.openMeasures', {}, coord)).toHaveLength(1);
    await ok(core, 'risks.restoreMeasure', { id: m.id }, coord);
    expect(await ok(core, 'risks.openMeasures', {}, coord)).toHaveLength(2);
  });
});

describe('reviews and the residual history', () => {
  it('logs a review, sets the last review date and the next one by level, and keeps every residual score', async () => {
    let now = new Date('2023-01-10T09:00:00Z');
    const { core } = await freshCore({ now: () => now });
    const coord = await signIn(core, 'coordinator');
    const r = await ok(core, 'risks.save', risk({ inherentProbability: 4, inherentImpact: 4, residualProbability: 4, residualImpact: 3 }), coord);
    // Recorded 2023-01-10, residual 12 (high): first review due 90 days later, 2023-04-10.
    expect(r).toMatchObject({ nextReviewDate: '2023-04-10', reviewState: 'ok' });
    now = new Date('2023-03-20T09:00:00Z');
    expect((await ok(core, 'risks.list', {}, coord)).rows[0].reviewState).toBe('due');
    now = new Date('2023-04-20T09:00:00Z');
    expect((await ok(core, 'risks.list', {}, coord)).rows[0].reviewState).toBe('overdue');

    const after = await ok(
      core,
      'risks.addReview',
      {
        riskId: r.id,
        expectedUpdatedAt: r.updatedAt,
        date: '2023-04-18',
        reviewer: 'Echipa de gestionare a riscurilor',
        decision: 'update',
        residualProbability: 2,
        residualImpact: 3,
      },
      coord,
    );
    // Residual 6 is medium: next review 180 days after the review.
    expect(after).toMatchObject({ lastReviewDate: '2023-04-18', residualExposure: 6, level: 'medium', nextReviewDate: '2023-10-15', reviewState: 'ok' });
    expect(after.reviews[0]).toMatchObject({ date: '2023-04-18', decision: 'update', residualExposure: 6, nextReviewDate: '2023-10-15' });
    expect(after.residualHistory.map((h) => [h.date, h.exposure, h.source])).toEqual([
      ['2023-01-10', 12, 'create'],
      ['2023-04-18', 6, 'review'],
    ]);

    // A review that keeps the score still records it; "close" closes the risk (no more reviews due).
    const closed = await ok(
      core,
      'risks.addReview',
      { riskId: r.id, expectedUpdatedAt: after.updatedAt, date: '2023-04-20', reviewer: 'Ana Pop', decision: 'close' },
      coord,
    );
    expect(closed).toMatchObject({ status: 'closed', reviewState: 'closed', nextReviewDate: null, residualExposure: 6 });
    expect(closed.residualHistory).toHaveLength(3);
    expect(closed.reviews.map((v) => v.decision)).toEqual(['close', 'update']);
  });

  it('refuses a review in the future, before the risk existed, or on a stale risk, writing nothing', async () => {
    const { core, coord, dataDir } = await seeded();
    const r = await ok(core, 'risks.save', risk(), coord);
    const base = { riskId: r.id, expectedUpdatedAt: r.updatedAt, reviewer: 'Ana Pop', decision: 'keep' as const };
    const before = await snapshot(dataDir);
    expect(await call(core, 'risks.addReview', { ...base, date: '2023-06-16' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'date', reason: 'future' }] } },
    });
    expect(await call(core, 'risks.addReview', { ...base, date: '2023-06-01' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'date', reason: 'before_recorded' }] } },
    });
    expect(await call(core, 'risks.addReview', { ...base, date: '2023-06-15', residualProbability: 2 }, coord)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'residualImpact' }] } },
    });
    expect(await call(core, 'risks.addReview', { ...base, date: '2023-06-15', expectedUpdatedAt: '2020-01-01T00:00:00.000Z' }, coord)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await snapshot(dataDir)).toEqual(before);
  });
});

describe('the risk-alert form', () => {
  it('takes an alert, records the team decision, and on "add to register" creates the risk from it, linking both', async () => {
    const { core, coord, a42, dataDir } = await seeded();
    const alert = await ok(
      core,
      'risks.saveAlert',
      {
        activity: 'Raportarea trimestrială a progresului PLA',
        risk: 'Datele de progres nu sunt transmise la termen',
        identifiedBy: 'Maria Ionescu',
        identifiedDate: '2023-06-10',
        causes: 'Lipsa unui calendar de raportare',
        effects: 'Raport OGP întârziat',
        probability: 4,
        impact: 4,
        documentation: 'Minuta ședinței din 9 iunie',
        proposedMeasures: '1. Calendar de raportare\n2. Responsabil desemnat pe acțiune',
      },
      coord,
    );
    expect(alert).toMatchObject({ exposure: 16, decision: null, riskId: null });
    const investigating = await ok(
      core,
      'risks.decideAlert',
      { id: alert.id, expectedUpdatedAt: alert.updatedAt, decision: 'investigate', date: '2023-06-12', note: 'Cerem date' },
      coord,
    );
    expect(investigating).toMatchObject({ decision: 'investigate', decisionDate: '2023-06-12' });
    expect(await count(dataDir, 'risks')).toBe(0);

    const registered = await ok(
      core,
      'risks.decideAlert',
      {
        id: alert.id,
        expectedUpdatedAt: investigating.updatedAt,
        decision: 'register',
        date: '2023-06-14',
        category: 'operational',
        owner: 'Ana Pop',
        area: 'Direcția Comunicare',
        actionIds: [a42.id],
      },
      coord,
    );
    expect(registered).toMatchObject({ decision: 'register', riskCode: 'R-001' });
    const created = await ok(core, 'risks.get', { id: registered.riskId! }, coord);
    expect(created).toMatchObject({
      alertId: alert.id,
      description: 'Datele de progres nu sunt transmise la termen',
      objective: 'Raportarea trimestrială a progresului PLA',
      causes: 'Lipsa unui calendar de raportare',
      consequences: 'Raport OGP întârziat',
      inherentExposure: 16,
      aboveTolerance: true,
      actionCodes: ['A4.2'],
      owner: 'Ana Pop',
    });
    expect(created.measures.map((m) => [m.description, m.owner, m.status])).toEqual([
      ['Calendar de raportare', 'Ana Pop', 'planned'],
      ['Responsabil desemnat pe acțiune', 'Ana Pop', 'planned'],
    ]);

    // Once in the register the alert is settled: no second decision, no edit.
    const before = await snapshot(dataDir);
    expect(
      await call(core, 'risks.decideAlert', { id: alert.id, expectedUpdatedAt: registered.updatedAt, decision: 'file', date: '2023-06-15' }, coord),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'decision', reason: 'registered' }] } },
    });
    expect(
      await call(
        core,
        'risks.saveAlert',
        {
          id: alert.id,
          expectedUpdatedAt: registered.updatedAt,
          activity: 'x',
          risk: 'y',
          identifiedBy: 'z',
          identifiedDate: '2023-06-10',
          probability: 1,
          impact: 1,
        },
        coord,
      ),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'decision' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses an alert dated in the future or with a score outside 1–5, and a decision dated before the alert', async () => {
    const { core, coord, dataDir } = await seeded();
    const base = { activity: 'a', risk: 'r', identifiedBy: 'p', identifiedDate: '2023-06-10', probability: 2, impact: 2 };
    const before = await snapshot(dataDir);
    expect(await call(core, 'risks.saveAlert', { ...base, identifiedDate: '2023-07-01' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'identifiedDate', reason: 'future' }] } },
    });
    expect(await call(core, 'risks.saveAlert', { ...base, impact: 9 }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'impact' }] } },
    });
    expect(await snapshot(dataDir)).toEqual(before);
    const a = await ok(core, 'risks.saveAlert', base, coord);
    const mid = await snapshot(dataDir);
    expect(await call(core, 'risks.decideAlert', { id: a.id, expectedUpdatedAt: a.updatedAt, decision: 'register', date: '2023-06-01' }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'date', reason: 'before_alert' }] } },
    });
    expect(await snapshot(dataDir)).toEqual(mid);
  });
});
