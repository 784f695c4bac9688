import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evidenceBytes } from './postgres-stores';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';

const NOW = new Date('2023-06-15T09:00:00Z');
const fixedNow = () => NOW;

async function seeded() {
  const env = await freshCore({ now: fixedNow });
  const coord = await signIn(env.core, 'coordinator');
  const commitments = await ok(env.core, 'plan.listCommitments', {}, coord);
  const a1 = commitments.find((c) => c.code === 'A1')!;
  return { ...env, coord, a1 };
}

describe('signing in and roles', () => {
  it('refuses every non-public method before sign-in', async () => {
    const { core } = await freshCore();
    const r = await call(core, 'plan.listCommitments', {}, { sessionId: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('creates the first coordinator once, then only sign-in works', async () => {
    const { core, dataDir } = await freshCore();
    const conn = { sessionId: null };
    expect((await ok(core, 'admin.status', {}, conn)).hasUsers).toBe(false);
    await ok(core, 'admin.setupFirstCoordinator', { username: 'ana.pop', displayName: 'Ana Pop', password: 'parola-sigura-123' }, conn);
    const again = await call(core, 'admin.setupFirstCoordinator', { username: 'x.y', displayName: 'X', password: 'parola-sigura-123' }, conn);
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await call(core, 'admin.login', { username: 'ana.pop', password: 'gresit-gresit' }, conn);
    expect(bad).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const user = await ok(core, 'admin.login', { username: 'ana.pop', password: 'parola-sigura-123' }, conn);
    expect(user.role).toBe('coordinator');
    expect((await ok(core, 'admin.status', {}, conn)).user?.username).toBe('ana.pop');
    // Passwords are stored as scrypt hashes, never in clear.
    const [row] = await peek<{ password_hash: string }>(dataDir, `select password_hash from users where username = 'ana.pop'`);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('parola-sigura-123');
  });

  it('checks roles in core: a viewer reads but cannot write, a member cannot manage users', async () => {
    const { core, dataDir, a1 } = await seeded();
    const viewer = await signIn(core, 'viewer');
    expect((await ok(core, 'plan.listCommitments', {}, viewer)).length).toBe(4);
    const before = await snapshot(dataDir);
    const r = await call(core, 'plan.saveCommitment', { code: 'A5', title: 'Nou' }, viewer);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const member = await signIn(core, 'member');
    expect(await call(core, 'admin.listUsers', {}, member)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await call(core, 'plan.setAssessment', { id: a1.id, expectedUpdatedAt: a1.updatedAt, completion: 'limited', openedGovernment: {} }, member),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const after = await snapshot(dataDir);
    expect(after.users).toBe(before.users + 1); // only the member we created
    expect(after.commitments).toBe(before.commitments);
  });
});

describe('commitments, actions and indicators', () => {
  it('adds, edits and soft-deletes a commitment, with undo', async () => {
    const { core, coord } = await seeded();
    const c = await ok(core, 'plan.saveCommitment', { code: 'A5', title: 'Transparență bugetară', startDate: '2023-01-01', endDate: '2024-12-31' }, coord);
    const edited = await ok(
      core,
      'plan.saveCommitment',
      { id: c.id, expectedUpdatedAt: c.updatedAt, code: 'A5', title: 'Transparență bugetară locală' },
      coord,
    );
    expect(edited.title).toBe('Transparență bugetară locală');
    const act = await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A5.1', title: 'Publicarea bugetului' }, coord);
    await ok(core, 'plan.deleteCommitment', { id: c.id, expectedUpdatedAt: edited.updatedAt }, coord);
    expect((await ok(core, 'plan.listCommitments', {}, coord)).map((x) => x.code)).not.toContain('A5');
    expect((await ok(core, 'plan.listActions', {}, coord)).map((x) => x.id)).not.toContain(act.id);
    await ok(core, 'plan.restoreCommitment', { id: c.id }, coord);
    expect((await ok(core, 'plan.listCommitments', {}, coord)).map((x) => x.code)).toContain('A5');
    expect((await ok(core, 'plan.listActions', {}, coord)).map((x) => x.id)).toContain(act.id);
  });

  it('nests actions by code (A1.2 → A1.2.1) and rolls progress up', async () => {
    const { core, coord, a1 } = await seeded();
    const actions = await ok(core, 'plan.listActions', { commitmentId: a1.id }, coord);
    const a12 = actions.find((a) => a.code === 'A1.2')!;
    const sub1 = await ok(
      core,
      'plan.saveAction',
      { commitmentId: a1.id, parentId: a12.id, code: 'A1.2.1', title: 'Curriculum', progress: 100, status: 'done' },
      coord,
    );
    await ok(core, 'plan.saveAction', { commitmentId: a1.id, parentId: a12.id, code: 'A1.2.2', title: 'Sesiuni', progress: 50, status: 'in_progress' }, coord);
    expect(sub1.progress).toBe(100);
    const after = await ok(core, 'plan.listActions', { commitmentId: a1.id }, coord);
    expect(after.map((a) => a.code).slice(0, 4)).toEqual(['A1.1', 'A1.2', 'A1.2.1', 'A1.2.2']);
    expect(after.find((a) => a.code === 'A1.2')!.progress).toBe(75);
    // 7 top-level actions, one at 75 %, the rest at 0 → plain average.
    expect((await ok(core, 'plan.getCommitment', { id: a1.id }, coord)).progress).toBeCloseTo(75 / 7, 1);
  });

  it('weights actions in the commitment roll-up', async () => {
    const { core, coord } = await seeded();
    const c = await ok(core, 'plan.saveCommitment', { code: 'A6', title: 'Ponderi', startDate: '2023-01-01', endDate: '2023-12-31' }, coord);
    await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A6.1', title: 'Grea', progress: 100, status: 'done', weight: 3 }, coord);
    await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A6.2', title: 'Ușoară', progress: 0, weight: 1 }, coord);
    expect((await ok(core, 'plan.getCommitment', { id: c.id }, coord)).progress).toBe(75);
  });

  it('refuses bad codes and placements with the field named, writing nothing', async () => {
    const { core, coord, a1, dataDir } = await seeded();
    const before = await snapshot(dataDir);
    const cases: Array<[unknown, string]> = [
      [{ commitmentId: a1.id, code: 'A2.9', title: 'x' }, 'code'],
      [{ commitmentId: a1.id, code: 'A1.1', title: 'duplicate' }, 'code'],
      [{ commitmentId: a1.id, code: 'A1.9.1', title: 'no parent' }, 'parentId'],
      [{ commitmentId: a1.id, code: 'B1', title: 'x' }, 'code'],
      [{ commitmentId: a1.id, code: 'A1.9', title: '' }, 'title'],
      [{ commitmentId: a1.id, code: 'A1.9', title: 'x', progress: 140 }, 'progress'],
      [{ commitmentId: a1.id, code: 'A1.9', title: 'x', plannedStart: '2023-05-01', plannedEnd: '2023-01-01' }, 'plannedEnd'],
      [{ commitmentId: a1.id, code: 'A1.9', title: 'x', plannedStart: '2023-02-30' }, 'plannedStart'],
      [{ commitmentId: 'nu-e-id', code: 'A1.9', title: 'x' }, 'commitmentId'],
      [{ commitmentId: a1.id, code: 'A1.9', title: 'x', surprise: true }, '(input)'],
    ];
    for (const [input, field] of cases) {
      const r = await call(core, 'plan.saveAction', input, coord);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(
          r.error.details?.issues?.map((i) => i.field),
          JSON.stringify(input),
        ).toContain(field);
        expect(r.error.message).not.toBe('');
      }
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a stale save returns CONFLICT and overwrites nothing', async () => {
    const { core, coord, a1, dataDir } = await seeded();
    const other = await signIn(core, 'member');
    await ok(core, 'plan.saveCommitment', { ...pick(a1), id: a1.id, expectedUpdatedAt: a1.updatedAt, title: 'Titlul colegului' }, other);
    const auditBefore = await count(dataDir, 'audit_log');
    const r = await call(core, 'plan.saveCommitment', { ...pick(a1), id: a1.id, expectedUpdatedAt: a1.updatedAt, title: 'Titlul meu' }, coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await ok(core, 'plan.getCommitment', { id: a1.id }, coord)).title).toBe('Titlul colegului');
    expect(await count(dataDir, 'audit_log')).toBe(auditBefore);
    // Deleting with a stale stamp is refused too.
    expect(await call(core, 'plan.deleteCommitment', { id: a1.id, expectedUpdatedAt: a1.updatedAt }, coord)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('saves an indicator of each type and validates type rules', async () => {
    const { core, coord, a1, dataDir } = await seeded();
    const before = await snapshot(dataDir);
    const noDen = await call(core, 'plan.saveIndicator', { commitmentId: a1.id, code: 'I1.90', name: 'Rată', type: 'ratio', target: 5 }, coord);
    expect(noDen).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'denominator' }] } } });
    const ms = await call(core, 'plan.saveIndicator', { commitmentId: a1.id, code: 'I1.91', name: 'Jalon', type: 'milestone', target: 3 }, coord);
    expect(ms).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'target' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
    const ratio = await ok(
      core,
      'plan.saveIndicator',
      { commitmentId: a1.id, code: 'I1.90', name: 'Rată', type: 'ratio', target: 5, denominator: 1000 },
      coord,
    );
    expect(ratio.rag).toBe('no_data');
  });
});

describe('measurements, progress updates and evidence', () => {
  it('records a measurement with an evidence file kept under its SHA-256', async () => {
    const { core, coord, dataDir } = await seeded();
    // I2.6: ≥7 citizen projects implemented, measured by hand.
    const ind = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.code === 'I2.6')!;
    expect(ind).toMatchObject({ target: 7, source: null });
    const content = Buffer.from('Listă de prezență – sesiunea 1');
    const m = await ok(
      core,
      'plan.addMeasurement',
      {
        indicatorId: ind.id,
        date: '2023-06-01',
        value: 14,
        note: 'Prima sesiune',
        evidence: [{ fileName: 'prezenta.txt', mimeType: 'text/plain', contentBase64: content.toString('base64') }],
      },
      coord,
    );
    expect(m.evidence).toHaveLength(1);
    expect((await evidenceBytes(dataDir, m.evidence[0].sha256)).toString()).toBe('Listă de prezență – sesiunea 1');
    const after = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.id === ind.id)!;
    expect(after.latest).toMatchObject({ value: 14, date: '2023-06-01', comparable: 14 });
    expect(after.percentOfTarget).toBe(200);
    expect((await ok(core, 'plan.listMeasurements', { indicatorId: ind.id }, coord))[0].evidence[0].fileName).toBe('prezenta.txt');
  });

  it('computes a ratio indicator as a percentage of its denominator', async () => {
    const { core, coord } = await seeded();
    const ind = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.type === 'ratio' && i.target === 3)!;
    await ok(core, 'plan.addMeasurement', { indicatorId: ind.id, date: '2023-06-01', value: Math.round(ind.denominator! * 0.015) }, coord);
    const after = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.id === ind.id)!;
    expect(after.latest!.comparable).toBeCloseTo(1.5, 2);
    expect(after.percentOfTarget).toBeCloseTo(50, 0);
  });

  it('refuses bad measurements with the field named and leaves no file behind', async () => {
    const { core, coord, dataDir } = await seeded();
    const inds = await ok(core, 'plan.listIndicators', {}, coord);
    const count50 = inds.find((i) => i.code === 'I2.6')!;
    const milestone = inds.find((i) => i.type === 'milestone')!;
    const before = await snapshot(dataDir);
    const bad: Array<[unknown, string]> = [
      [{ indicatorId: count50.id, date: '2030-01-01', value: 1 }, 'date'],
      [{ indicatorId: count50.id, date: '2023-01-01', value: -1 }, 'value'],
      [{ indicatorId: count50.id, date: '01.02.2023', value: 1 }, 'date'],
      [{ indicatorId: count50.id, date: '2023-01-01', value: 'doisprezece' }, 'value'],
      [{ indicatorId: milestone.id, date: '2023-01-01', value: 2 }, 'value'],
      [{ indicatorId: inds.find((i) => i.code === 'I1.2')!.id, date: '2023-01-01', value: 5 }, 'indicatorId'], // computed from training records
      [{ indicatorId: count50.id, date: '2023-01-01', value: 1, evidence: [{ fileName: 'a.pdf', contentBase64: '' }] }, 'evidence.0.contentBase64'],
      [{ indicatorId: count50.id, date: '2023-01-01', value: 1, evidence: [{ fileName: '../../etc/passwd', contentBase64: 'AAAA' }] }, 'evidence.0.fileName'],
    ];
    for (const [input, field] of bad) {
      const r = await call(core, 'plan.addMeasurement', input, coord);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(
          r.error.details?.issues?.map((i) => i.field),
          JSON.stringify(input),
        ).toContain(field);
    }
    expect(await snapshot(dataDir)).toEqual(before);
    expect(fs.existsSync(`${dataDir}/attachments`)).toBe(false);
  });

  it('a progress update moves the action’s progress and status and shows in its history', async () => {
    const { core, coord, a1 } = await seeded();
    const a11 = (await ok(core, 'plan.listActions', { commitmentId: a1.id }, coord)).find((a) => a.code === 'A1.1')!;
    await ok(core, 'plan.addProgressUpdate', { actionId: a11.id, date: '2023-06-10', progress: 40, note: 'Consultare publică lansată' }, coord);
    const after = (await ok(core, 'plan.listActions', { commitmentId: a1.id }, coord)).find((a) => a.code === 'A1.1')!;
    expect(after).toMatchObject({ progress: 40, status: 'in_progress', actualStart: '2023-06-10', lastUpdateDate: '2023-06-10' });
    const history = await ok(core, 'plan.listProgressUpdates', { actionId: a11.id }, coord);
    expect(history[0]).toMatchObject({ progress: 40, note: 'Consultare publică lansată', authorName: 'Test coordinator' });
  });
});

describe('dashboard', () => {
  it('lists late, at-risk and no-data items by the RAG rules', async () => {
    const { core, coord } = await seeded();
    // On 2023-06-15 A2 (ends 2022-12-31) is late; A1 runs to 2023-12-31 with no progress → at risk.
    const d = await ok(core, 'plan.dashboard', {}, coord);
    expect(d.commitments.find((c) => c.code === 'A2')!.rag).toBe('late');
    expect(d.commitments.find((c) => c.code === 'A1')!.rag).toBe('at_risk');
    expect(d.figures.late.map((i) => i.code)).toContain('A2.1');
    expect(d.figures.atRisk.map((i) => i.code)).toContain('A1.1');
    expect(d.indicators).toHaveLength(26);
    expect(d.timeline).toHaveLength(24);
  });

  it('shows an on-track action as no data once its last update is older than four months', async () => {
    const { core, coord } = await seeded();
    const c = await ok(core, 'plan.saveCommitment', { code: 'A7', title: 'Test', startDate: '2023-01-01', endDate: '2024-12-31' }, coord);
    const a = await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A7.1', title: 'Test' }, coord);
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-01-20', progress: 40 }, coord);
    const d = await ok(core, 'plan.dashboard', {}, coord);
    expect(d.figures.noData.map((i) => i.code)).toContain('A7.1');
    const fresh = await ok(core, 'plan.dashboard', { today: '2023-03-01' }, coord);
    expect(fresh.timeline.find((t) => t.code === 'A7.1')!.rag).toBe('on_track');
  });

  it('sets the IRM completion level and “did it open government” per value', async () => {
    const { core, coord, a1 } = await seeded();
    const c = await ok(
      core,
      'plan.setAssessment',
      { id: a1.id, expectedUpdatedAt: a1.updatedAt, completion: 'substantial', openedGovernment: { civic_participation: 'major' }, factors: 'Sprijin politic' },
      coord,
    );
    expect(c).toMatchObject({ completion: 'substantial', openedGovernment: { civic_participation: 'major' }, factors: 'Sprijin politic' });
    const bad = await call(core, 'plan.setAssessment', { id: a1.id, expectedUpdatedAt: c.updatedAt, completion: 'almost', openedGovernment: {} }, coord);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'completion' }] } } });
  });
});

describe('audit log', () => {
  it('records every change with who, what and before → after', async () => {
    const { core, coord, a1 } = await seeded();
    await ok(core, 'plan.saveCommitment', { ...pick(a1), id: a1.id, expectedUpdatedAt: a1.updatedAt, title: 'Titlu nou' }, coord);
    const log = await ok(core, 'admin.listAudit', { entity: 'commitment', entityId: a1.id }, coord);
    const update = log.find((e) => e.action === 'update')!;
    expect(update.actorName).toBe('Test coordinator');
    expect(update.changes?.title).toEqual({ before: 'Creșterea gradului de implicare civică', after: 'Titlu nou' });
    const users = await ok(core, 'admin.listAudit', { entity: 'user' }, coord);
    expect(users.some((e) => e.action === 'login')).toBe(true);
    // Password hashes never appear in the audit log.
    expect(JSON.stringify(users)).not.toMatch(/scrypt\$/);
  });
});

function pick(c: { code: string; title: string }) {
  return { code: c.code, title: c.title };
}

describe('indicators computed from other modules’ records', () => {
  it('the seed marks the target results that other modules answer, and editing keeps the source', async () => {
    const { core, coord } = await seeded();
    const inds = await ok(core, 'plan.listIndicators', {}, coord);
    expect(Object.fromEntries(inds.filter((i) => i.source).map((i) => [i.code, i.source]))).toEqual({
      'I1.2': 'training.officials_citizen_engagement',
      'I1.7': 'budgeting.community_projects_funded',
      'I2.7': 'budgeting.participation',
      'I3.3': 'datasets.published',
      'I3.5': 'stakeholders.partnerships_tech_academia_business',
      'I4.3': 'training.employees_open_government',
      'I4.4': 'stakeholders.able_to_take_over',
      'I4.5': 'funding.non_reimbursable_sources',
    });
    const i43 = inds.find((i) => i.code === 'I4.3')!;
    const saved = await ok(
      core,
      'plan.saveIndicator',
      { id: i43.id, expectedUpdatedAt: i43.updatedAt, commitmentId: i43.commitmentId, code: 'I4.3', name: i43.name, type: 'cumulative', target: 35 },
      coord,
    );
    expect(saved).toMatchObject({ target: 35, source: 'training.employees_open_government' });
  });

  it('refuses a source no module computes, naming the field', async () => {
    const { core, coord, a1, dataDir } = await seeded();
    const before = await snapshot(dataDir);
    const r = await call(
      core,
      'plan.saveIndicator',
      { commitmentId: a1.id, code: 'I1.99', name: 'x', type: 'cumulative', target: 1, source: 'nowhere.count' },
      coord,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'source' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
  });
});
