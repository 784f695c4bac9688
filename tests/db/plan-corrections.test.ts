import { describe, expect, it } from 'vitest';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';

/**
 * Issue 15 §8: a progress update can be corrected and deleted (audited, with undo, against the version the user
 * read), and deleting an action says first what goes with it, then takes exactly that and brings it back on undo.
 */

const NOW = new Date('2023-06-15T09:00:00Z');
const file = (name: string, text: string) => ({ fileName: name, mimeType: 'text/plain', contentBase64: Buffer.from(text).toString('base64') });

async function withAction() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const c = await ok(env.core, 'plan.saveCommitment', { code: 'A7', title: 'Transparență', startDate: '2023-01-01', endDate: '2024-12-31' }, coord);
  const a = await ok(env.core, 'plan.saveAction', { commitmentId: c.id, code: 'A7.1', title: 'Registrul contractelor' }, coord);
  const action = async () => (await ok(env.core, 'plan.listActions', { commitmentId: c.id }, coord)).find((x) => x.id === a.id)!;
  const history = () => ok(env.core, 'plan.listProgressUpdates', { actionId: a.id }, coord);
  return { ...env, coord, c, a, action, history };
}

const auditOf = (dataDir: string, id: string) =>
  peek<{ action: string; changes: string | null }>(dataDir, `select action, changes from audit_log where entity_id = ? order by id`, id);

describe('correcting and deleting progress updates', () => {
  it('a corrected update changes its history entry and, being the latest, the action; the change is audited', async () => {
    const { core, coord, dataDir, action, history, a } = await withAction();
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-10', progress: 20, note: 'Început' }, coord);
    const wrong = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-10', progress: 80, note: 'Greșit' }, coord);
    expect(await action()).toMatchObject({ progress: 80, status: 'in_progress' });
    const fixed = await ok(
      core,
      'plan.saveProgressUpdate',
      {
        id: wrong.id,
        expectedUpdatedAt: wrong.updatedAt,
        date: '2023-06-12',
        progress: 45,
        note: 'Corectat: 45 %',
        evidence: [file('proces-verbal.txt', 'PV')],
      },
      coord,
    );
    expect(fixed).toMatchObject({ date: '2023-06-12', progress: 45, status: 'in_progress', note: 'Corectat: 45 %' });
    expect(fixed.evidence.map((f) => f.fileName)).toEqual(['proces-verbal.txt']);
    expect((await history()).map((u) => [u.date, u.progress])).toEqual([
      ['2023-06-12', 45],
      ['2023-05-10', 20],
    ]);
    expect(await action()).toMatchObject({ progress: 45, status: 'in_progress', lastUpdateDate: '2023-06-12' });
    const log = await auditOf(dataDir, wrong.id);
    expect(log.map((l) => l.action)).toEqual(['create', 'update']);
    expect(JSON.parse(log[1].changes!)).toMatchObject({
      progress: { before: 80, after: 45 },
      note: { before: 'Greșit', after: 'Corectat: 45 %' },
      date: { before: '2023-06-10', after: '2023-06-12' },
    });
  });

  it('moving an update back in time hands the action to the update that is now the latest', async () => {
    const { core, coord, action, a } = await withAction();
    const first = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-01', progress: 30 }, coord);
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-01', progress: 10 }, coord);
    await ok(core, 'plan.saveProgressUpdate', { id: first.id, expectedUpdatedAt: first.updatedAt, date: '2023-04-01', progress: 30 }, coord);
    expect(await action()).toMatchObject({ progress: 10, status: 'in_progress' });
  });

  it('a correction saved against an older version is refused as CONFLICT and nothing is written', async () => {
    const { core, coord, dataDir, a, history } = await withAction();
    const u = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-01', progress: 30 }, coord);
    await ok(core, 'plan.saveProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt, date: '2023-06-01', progress: 35, note: 'coleg' }, coord);
    const before = await snapshot(dataDir);
    const stale = await call(core, 'plan.saveProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt, date: '2023-06-01', progress: 90 }, coord);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const staleDelete = await call(core, 'plan.deleteProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt }, coord);
    expect(staleDelete).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await snapshot(dataDir)).toEqual(before);
    expect((await history())[0]).toMatchObject({ progress: 35, note: 'coleg' });
  });

  it('refuses a bad correction with the field named, and a viewer cannot correct or delete', async () => {
    const { core, coord, dataDir, a, history } = await withAction();
    const u = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-01', progress: 30 }, coord);
    const viewer = await signIn(core, 'viewer');
    const before = await snapshot(dataDir);
    const bad: Array<[unknown, string]> = [
      [{ id: u.id, expectedUpdatedAt: u.updatedAt, date: '2030-01-01', progress: 30 }, 'date'],
      [{ id: u.id, expectedUpdatedAt: u.updatedAt, date: '2023-06-01', progress: 130 }, 'progress'],
      [{ id: u.id, expectedUpdatedAt: u.updatedAt, date: '01.06.2023', progress: 30 }, 'date'],
      [{ id: u.id, date: '2023-06-01', progress: 30 }, 'expectedUpdatedAt'],
    ];
    for (const [input, field] of bad) {
      const r = await call(core, 'plan.saveProgressUpdate', input, coord);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok)
        expect(
          r.error.details?.issues?.map((i) => i.field),
          JSON.stringify(input),
        ).toContain(field);
    }
    expect(await call(core, 'plan.saveProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt, date: '2023-06-01', progress: 5 }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(core, 'plan.deleteProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await snapshot(dataDir)).toEqual(before);
    expect((await history())[0].progress).toBe(30);
  });

  it('deleting the latest update takes its evidence with it, the action follows the previous update, and undo brings both back', async () => {
    const { core, coord, dataDir, a, action, history } = await withAction();
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-01', progress: 20 }, coord);
    const done = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-01', progress: 100, evidence: [file('raport.txt', 'gata')] }, coord);
    expect(await action()).toMatchObject({ progress: 100, status: 'done', actualEnd: '2023-06-01' });
    await ok(core, 'plan.deleteProgressUpdate', { id: done.id, expectedUpdatedAt: done.updatedAt }, coord);
    expect((await history()).map((u) => u.progress)).toEqual([20]);
    expect(await action()).toMatchObject({ progress: 20, status: 'in_progress', actualEnd: null });
    expect(await count(dataDir, 'attachments', `entity_id = '${done.id}' and deleted_at is null`)).toBe(0);
    const log = await auditOf(dataDir, done.id);
    expect(log.map((l) => l.action)).toEqual(['create', 'delete']);
    await ok(core, 'plan.restoreProgressUpdate', { id: done.id }, coord);
    const back = await history();
    expect(back.map((u) => u.progress)).toEqual([100, 20]);
    expect(back[0].evidence.map((f) => f.fileName)).toEqual(['raport.txt']);
    expect(await action()).toMatchObject({ progress: 100, status: 'done', actualEnd: '2023-06-01' });
    expect((await auditOf(dataDir, done.id)).map((l) => l.action)).toEqual(['create', 'delete', 'restore']);
  });

  it('with its only update deleted the action is back at 0 % and not started', async () => {
    const { core, coord, a, action } = await withAction();
    const u = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-01', progress: 40 }, coord);
    await ok(core, 'plan.deleteProgressUpdate', { id: u.id, expectedUpdatedAt: u.updatedAt }, coord);
    expect(await action()).toMatchObject({ progress: 0, status: 'not_started' });
  });
});

describe('deleting an action says what goes with it', () => {
  it('counts its sub-actions, history, milestones, evidence, RACI roles and linked indicators; delete takes them, undo brings them back', async () => {
    const { core, coord, dataDir, c, a } = await withAction();
    const sub = await ok(core, 'plan.saveAction', { commitmentId: c.id, parentId: a.id, code: 'A7.1.1', title: 'Sub' }, coord);
    const kept = await ok(core, 'plan.saveAction', { commitmentId: c.id, code: 'A7.2', title: 'Alta' }, coord);
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-01', progress: 20, evidence: [file('a.txt', 'a'), file('b.txt', 'b')] }, coord);
    await ok(core, 'plan.addProgressUpdate', { actionId: sub.id, date: '2023-05-02', progress: 10, evidence: [file('c.txt', 'c')] }, coord);
    const gone = await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-03', progress: 25 }, coord);
    await ok(core, 'plan.deleteProgressUpdate', { id: gone.id, expectedUpdatedAt: gone.updatedAt }, coord);
    await ok(core, 'plan.saveMilestone', { actionId: a.id, title: 'Jalon 1' }, coord);
    await ok(core, 'plan.saveMilestone', { actionId: sub.id, title: 'Jalon 2' }, coord);
    await ok(core, 'plan.saveMilestone', { actionId: kept.id, title: 'Jalonul altei acțiuni' }, coord);
    await ok(
      core,
      'plan.saveIndicator',
      { commitmentId: c.id, code: 'I7.1', name: 'Contracte publicate', type: 'cumulative', target: 10, actionIds: [a.id] },
      coord,
    );
    const org = (await ok(core, 'stakeholders.list', { type: 'organisation', limit: 2 }, coord)).rows;
    await ok(core, 'stakeholders.addRaci', { stakeholderId: org[0].id, actionId: a.id, role: 'accountable' }, coord);
    await ok(core, 'stakeholders.addRaci', { stakeholderId: org[1].id, actionId: a.id, role: 'informed' }, coord);

    const impact = await ok(core, 'plan.getActionDeleteImpact', { id: a.id }, coord);
    expect(impact).toEqual({ subActions: [{ id: sub.id, code: 'A7.1.1' }], progressUpdates: 2, milestones: 2, evidence: 3, raciLinks: 2, indicators: 1 });

    const fresh = (await ok(core, 'plan.listActions', { commitmentId: c.id }, coord)).find((x) => x.id === a.id)!;
    await ok(core, 'plan.deleteAction', { id: a.id, expectedUpdatedAt: fresh.updatedAt }, coord);
    expect(await count(dataDir, 'progress_updates', `action_id in ('${a.id}', '${sub.id}') and deleted_at is null`)).toBe(0);
    expect(await count(dataDir, 'milestones', `action_id in ('${a.id}', '${sub.id}') and deleted_at is null`)).toBe(0);
    expect(await count(dataDir, 'milestones', `action_id = '${kept.id}' and deleted_at is null`)).toBe(1);
    expect(await count(dataDir, 'attachments', `entity = 'progress_update' and deleted_at is null`)).toBe(0);
    expect(await ok(core, 'stakeholders.listRaci', { actionId: a.id }, coord)).toEqual([]);

    await ok(core, 'plan.restoreAction', { id: a.id }, coord);
    expect((await ok(core, 'plan.getActionDeleteImpact', { id: a.id }, coord)).progressUpdates).toBe(2);
    expect(await ok(core, 'plan.getActionDeleteImpact', { id: a.id }, coord)).toEqual(impact);
    // The update deleted on its own before stays deleted: undo brings back what the action's delete took, no more.
    expect(await count(dataDir, 'progress_updates', `id = '${gone.id}' and deleted_at is null`)).toBe(0);
    expect((await ok(core, 'stakeholders.listRaci', { actionId: a.id }, coord)).length).toBe(2);
  });

  it('undoing a commitment’s delete brings back its actions’ history and milestones', async () => {
    const { core, coord, dataDir, c, a } = await withAction();
    await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-05-01', progress: 20 }, coord);
    await ok(core, 'plan.saveMilestone', { actionId: a.id, title: 'Jalon' }, coord);
    const cur = (await ok(core, 'plan.listCommitments', {}, coord)).find((x) => x.id === c.id)!;
    await ok(core, 'plan.deleteCommitment', { id: c.id, expectedUpdatedAt: cur.updatedAt }, coord);
    expect(await count(dataDir, 'progress_updates', `action_id = '${a.id}' and deleted_at is null`)).toBe(0);
    await ok(core, 'plan.restoreCommitment', { id: c.id }, coord);
    expect((await ok(core, 'plan.listProgressUpdates', { actionId: a.id }, coord)).length).toBe(1);
    expect((await ok(core, 'plan.listMilestones', { actionId: a.id }, coord)).length).toBe(1);
  });

  it('the impact of a deleted or unknown action is NOT_FOUND, and a viewer may not ask', async () => {
    const { core, coord, a } = await withAction();
    const viewer = await signIn(core, 'viewer');
    expect(await call(core, 'plan.getActionDeleteImpact', { id: a.id }, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(core, 'plan.getActionDeleteImpact', { id: '0190d6a0-0000-7000-8000-000000000000' }, coord)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
