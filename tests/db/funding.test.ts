import { describe, expect, it } from 'vitest';
import type { SaveApplicationInput, SaveCallInput } from '../../electron/contract';
import { evidenceBytes } from './postgres-stores';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';

const NOW = new Date('2026-03-10T09:00:00Z');
const fixedNow = () => NOW;

async function setup() {
  const env = await freshCore({ now: fixedNow });
  const coord = await signIn(env.core, 'coordinator');
  const actions = await ok(env.core, 'plan.listActions', {}, coord);
  const a45 = actions.find((a) => a.code === 'A4.5')!;
  const a12 = actions.find((a) => a.code === 'A1.2')!;
  return { ...env, coord, a45, a12 };
}

const callInput = (over: Partial<SaveCallInput> = {}): SaveCallInput => ({
  programme: 'regio_vest',
  priority: 'Prioritatea 1 — O regiune competitivă',
  managingBody: 'ADR Vest',
  code: 'PRV/2026/1.1',
  title: 'Transformare digitală în administrația locală',
  type: 'competitive',
  status: 'open',
  openingDate: '2026-02-01',
  deadline: '2026-03-31',
  budget: 5_000_000_000,
  grantRate: 98,
  minGrant: 10_000_000,
  maxGrant: 500_000_000,
  maxDurationMonths: 36,
  guideUrl: 'https://regio-adrvest.ro/ghid-1-1',
  nonReimbursable: true,
  ...over,
});

const appInput = (callId: string, over: Partial<SaveApplicationInput> = {}): SaveApplicationInput => ({
  title: 'Platformă de date deschise Timișoara',
  callId,
  applicant: 'Municipiul Timișoara',
  requestedAmount: 98_000_000,
  ownContribution: 2_000_000,
  ...over,
});

/** I4.5's value as the plan's indicator list shows it. */
async function i45(env: Awaited<ReturnType<typeof setup>>) {
  const ind = (await ok(env.core, 'plan.listIndicators', {}, env.coord)).find((i) => i.code === 'I4.5')!;
  return { value: ind.latest?.value ?? null, ind };
}

/** Walks an application along the pipeline, one allowed step at a time. */
async function moveTo(env: Awaited<ReturnType<typeof setup>>, id: string, path: Array<SaveApplicationInput['status'] & string>) {
  let a = await ok(env.core, 'funding.getApplication', { id }, env.coord);
  for (const status of path) a = await ok(env.core, 'funding.moveApplication', { id, expectedUpdatedAt: a.updatedAt, status, date: '2026-03-01' }, env.coord);
  return a;
}

describe('funding calls', () => {
  it('records a call with every field and its mapped PLA actions, and lists it', async () => {
    const { core, coord, a45 } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput({ actionIds: [a45.id], eligibleApplicants: 'UAT-uri', eligibleActivities: 'Digitalizare' }), coord);
    expect(c).toMatchObject({
      programme: 'regio_vest',
      code: 'PRV/2026/1.1',
      budget: 5_000_000_000,
      grantRate: 98,
      maxGrant: 500_000_000,
      nonReimbursable: true,
      actionIds: [a45.id],
      applicationCount: 0,
    });
    const list = await ok(core, 'funding.listCalls', {}, coord);
    expect(list.map((x) => x.id)).toEqual([c.id]);
    const edited = await ok(core, 'funding.saveCall', { ...callInput({ status: 'closed' }), id: c.id, expectedUpdatedAt: c.updatedAt }, coord);
    expect(edited.status).toBe('closed');
    expect(edited.actionIds).toEqual([]);
  });

  it.each([
    [{ guideUrl: 'http://regio-adrvest.ro/ghid' }, 'guideUrl', /https/],
    [{ guideUrl: 'ghidul de pe site' }, 'guideUrl', /https/],
    [{ budget: 1234.5 }, 'budget', /whole number of bani/],
    [{ budget: -100 }, 'budget', /cannot be negative/],
    [{ minGrant: 600_000_000 }, 'maxGrant', /below the minimum/],
    [{ deadline: '2026-01-01' }, 'deadline', /before the opening date/],
    [{ grantRate: 120 }, 'grantRate', /between 0 and 100/],
    [{ programme: 'loterie' }, 'programme', /./],
  ])('refuses %o naming the field, and writes nothing', async (over, field, message) => {
    const { core, coord, dataDir } = await setup();
    const before = await snapshot(dataDir);
    const r = await call(core, 'funding.saveCall', callInput(over as Partial<SaveCallInput>), coord);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const issue = r.error.details?.issues?.find((i) => i.field === field);
    expect(issue?.message).toMatch(message);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('keeps call codes unique among live calls and links only live actions', async () => {
    const { core, coord, dataDir } = await setup();
    await ok(core, 'funding.saveCall', callInput(), coord);
    const before = await snapshot(dataDir);
    const dup = await call(core, 'funding.saveCall', callInput({ title: 'Alt apel' }), coord);
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'code', reason: 'duplicate' }] } } });
    const ghost = await call(core, 'funding.saveCall', callInput({ code: 'X1', actionIds: ['01890a5d-ac96-774b-bcce-b302099a8057'] }), coord);
    expect(ghost).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'actionIds.0', reason: 'not_found' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses to delete a call that still has applications; deletes and restores an empty one', async () => {
    const { core, coord } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const a = await ok(core, 'funding.saveApplication', appInput(c.id), coord);
    const fresh = await ok(core, 'funding.getCall', { id: c.id }, coord);
    expect(fresh.applicationCount).toBe(1);
    const r = await call(core, 'funding.deleteCall', { id: c.id, expectedUpdatedAt: fresh.updatedAt }, coord);
    expect(r).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'id', reason: 'has_applications' }] } } });
    await ok(core, 'funding.deleteApplication', { id: a.id, expectedUpdatedAt: a.updatedAt }, coord);
    await ok(core, 'funding.deleteCall', { id: c.id, expectedUpdatedAt: fresh.updatedAt }, coord);
    expect(await ok(core, 'funding.listCalls', {}, coord)).toEqual([]);
    // An application cannot come back while its call is deleted.
    expect(await call(core, 'funding.restoreApplication', { id: a.id }, coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'callId', reason: 'deleted' }] } },
    });
    await ok(core, 'funding.restoreCall', { id: c.id }, coord);
    await ok(core, 'funding.restoreApplication', { id: a.id }, coord);
    expect((await ok(core, 'funding.listApplications', {}, coord)).map((x) => x.id)).toEqual([a.id]);
  });

  it('lets a viewer read but not write', async () => {
    const { core, coord, dataDir } = await setup();
    await ok(core, 'funding.saveCall', callInput(), coord);
    const viewer = await signIn(core, 'viewer');
    expect(await ok(core, 'funding.listCalls', {}, viewer)).toHaveLength(1);
    const before = await snapshot(dataDir);
    expect(await call(core, 'funding.saveCall', callInput({ code: 'X2' }), viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(dataDir)).toEqual(before);
  });
});

describe('funding applications', () => {
  it('computes the total from the requested amount and the own contribution, and audits the write', async () => {
    const { core, coord, dataDir, a45 } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const a = await ok(core, 'funding.saveApplication', appInput(c.id, { code: 'SMIS 312345', actionIds: [a45.id], totalAmount: 100_000_000 }), coord);
    expect(a).toMatchObject({
      status: 'idea',
      totalAmount: 100_000_000,
      callCode: 'PRV/2026/1.1',
      programme: 'regio_vest',
      allowedNext: ['submitted'],
      actionIds: [a45.id],
    });
    expect(await peek(dataDir, `select total_amount from funding_applications where id = ?`, a.id)).toEqual([{ total_amount: 100_000_000 }]);
    expect(await count(dataDir, 'audit_log', `entity = 'funding_application' and entity_id = '${a.id}' and action = 'create'`)).toBe(1);
  });

  it.each([
    [{ totalAmount: 99_000_000 }, 'totalAmount', /requested amount plus the own contribution/],
    [{ requestedAmount: 600_000_000, ownContribution: 20_000_000 }, 'requestedAmount', /maximum grant/],
    [{ requestedAmount: 1_000_000, ownContribution: 0 }, 'requestedAmount', /minimum grant/],
    [{ ownContribution: 0 }, 'ownContribution', /at most 98%/],
    [{ requestedAmount: 98_000_000.5 }, 'requestedAmount', /whole number of bani/],
    [{ ownContribution: -1 }, 'ownContribution', /cannot be negative/],
    [{ submittedOn: '2026-03-01', decisionOn: '2026-02-01' }, 'decisionOn', /before submittedOn/],
    [{ code: 'X', applicant: '' }, 'applicant', /./],
  ])('refuses %o naming the field, and writes nothing', async (over, field, message) => {
    const { core, coord, dataDir } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const before = await snapshot(dataDir);
    const r = await call(core, 'funding.saveApplication', appInput(c.id, over as Partial<SaveApplicationInput>), coord);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.error.details?.issues?.find((i) => i.field === field);
    expect(issue?.message, JSON.stringify(r.error)).toMatch(message);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('moves along the pipeline one allowed step at a time, recording each key date', async () => {
    const env = await setup();
    const { core, coord } = env;
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const a = await ok(core, 'funding.saveApplication', appInput(c.id), coord);
    const moved = await moveTo(env, a.id, ['submitted', 'under_evaluation', 'approved', 'contracted', 'in_implementation', 'closed']);
    expect(moved).toMatchObject({
      status: 'closed',
      submittedOn: '2026-03-01',
      decisionOn: '2026-03-01',
      contractSignedOn: '2026-03-01',
      implementationStart: '2026-03-01',
      closedOn: '2026-03-01',
      allowedNext: [],
    });
  });

  it('refuses a jump such as idea → contracted with a message naming status, and writes nothing', async () => {
    const { core, coord, dataDir } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const a = await ok(core, 'funding.saveApplication', appInput(c.id), coord);
    const before = await snapshot(dataDir);
    const r = await call(core, 'funding.moveApplication', { id: a.id, expectedUpdatedAt: a.updatedAt, status: 'contracted' }, coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'status', reason: 'transition' }] } } });
    if (!r.ok) expect(r.error.message).toBe('status: an application cannot go from idea to contracted; from idea it can go to submitted');
    // The same rule holds for an edit through save.
    const viaSave = await call(core, 'funding.saveApplication', { ...appInput(c.id), id: a.id, expectedUpdatedAt: a.updatedAt, status: 'approved' }, coord);
    expect(viaSave).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'status', reason: 'transition' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
    expect(await peek(dataDir, `select status from funding_applications where id = ?`, a.id)).toEqual([{ status: 'idea' }]);
  });

  it('treats rejected as final, refuses future-dated moves and stale saves', async () => {
    const env = await setup();
    const { core, coord, dataDir } = env;
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const a = await ok(core, 'funding.saveApplication', appInput(c.id), coord);
    const future = await call(core, 'funding.moveApplication', { id: a.id, expectedUpdatedAt: a.updatedAt, status: 'submitted', date: '2026-04-01' }, coord);
    expect(future).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'date', reason: 'future' }] } } });
    const rejected = await moveTo(env, a.id, ['submitted', 'under_evaluation', 'rejected']);
    const r = await call(core, 'funding.moveApplication', { id: a.id, expectedUpdatedAt: rejected.updatedAt, status: 'closed' }, coord);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/rejected is a final status/);
    const before = await snapshot(dataDir);
    const stale = await call(core, 'funding.saveApplication', { ...appInput(c.id, { title: 'Altceva' }), id: a.id, expectedUpdatedAt: a.updatedAt }, coord);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('keeps documents (evaluation grid, contract) as internal attachments of the application', async () => {
    const { core, coord, dataDir } = await setup();
    const c = await ok(core, 'funding.saveCall', callInput(), coord);
    const content = Buffer.from('grila de evaluare');
    const a = await ok(
      core,
      'funding.saveApplication',
      appInput(c.id, { documents: [{ fileName: 'grila.pdf', mimeType: 'application/pdf', contentBase64: content.toString('base64') }] }),
      coord,
    );
    expect(a.documents).toHaveLength(1);
    expect((await evidenceBytes(dataDir, a.documents[0].sha256)).toString()).toBe('grila de evaluare');
    const bad = await call(core, 'funding.saveApplication', appInput(c.id, { title: 'Doi', documents: [{ fileName: 'x.pdf', contentBase64: '' }] }), coord);
    expect(bad).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'documents.0.contentBase64', reason: 'empty_file' }] } } });
    expect(await count(dataDir, 'funding_applications')).toBe(1);
  });
});

describe('indicator I4.5: non-reimbursable funding sources attracted', () => {
  it('counts distinct programmes of non-reimbursable calls with an approved, contracted, implemented or closed application', async () => {
    const env = await setup();
    const { core, coord } = env;
    expect((await i45(env)).value).toBeNull(); // computed from the records: none yet, so no data ("Fără date"), not 0
    const regio = await ok(core, 'funding.saveCall', callInput(), coord);
    const pnrr = await ok(
      core,
      'funding.saveCall',
      callInput({ programme: 'pnrr', code: 'PNRR/C10/I.1', managingBody: 'MDLPA', grantRate: null, minGrant: null, maxGrant: null }),
      coord,
    );
    const loan = await ok(
      core,
      'funding.saveCall',
      callInput({ programme: 'eea_norway', code: 'SEE/2026', nonReimbursable: false, grantRate: null, minGrant: null, maxGrant: null }),
      coord,
    );

    const a1 = await ok(core, 'funding.saveApplication', appInput(regio.id, { code: 'SMIS 1' }), coord);
    await moveTo(env, a1.id, ['submitted', 'under_evaluation']);
    expect((await i45(env)).value).toBeNull(); // under evaluation: not yet attracted, no record counts: no data
    await moveTo(env, a1.id, ['approved']);
    expect((await i45(env)).value).toBe(1);

    const a2 = await ok(core, 'funding.saveApplication', appInput(regio.id, { title: 'Al doilea proiect Regio' }), coord);
    await moveTo(env, a2.id, ['submitted', 'under_evaluation', 'approved', 'contracted']);
    expect((await i45(env)).value).toBe(1); // same programme: still one source

    const reimbursable = await ok(core, 'funding.saveApplication', appInput(loan.id, { title: 'Împrumut' }), coord);
    await moveTo(env, reimbursable.id, ['submitted', 'under_evaluation', 'approved']);
    expect((await i45(env)).value).toBe(1); // not a non-reimbursable call

    const rejected = await ok(core, 'funding.saveApplication', appInput(pnrr.id, { title: 'Respinsă' }), coord);
    await moveTo(env, rejected.id, ['submitted', 'under_evaluation', 'rejected']);
    expect((await i45(env)).value).toBe(1);

    const a3 = await ok(core, 'funding.saveApplication', appInput(pnrr.id, { title: 'Digitalizare PNRR' }), coord);
    const approved = await moveTo(env, a3.id, ['submitted', 'under_evaluation', 'approved']);
    const { value, ind } = await i45(env);
    expect(value).toBe(2);
    expect(ind.percentOfTarget).toBe(100);

    const rec = await ok(core, 'plan.indicatorRecords', { id: ind.id }, coord);
    expect(rec.source).toBe('funding.non_reimbursable_sources');
    expect(rec.rule).toMatch(/nerambursabil/);
    expect(rec.records.map((r) => r.id).sort()).toEqual([a1.id, a2.id, a3.id].sort());
    expect(rec.records.find((r) => r.id === a3.id)?.label).toMatch(/PNRR/);

    // Deleting the only PNRR application takes that source away again.
    await ok(core, 'funding.deleteApplication', { id: a3.id, expectedUpdatedAt: approved.updatedAt }, coord);
    expect((await i45(env)).value).toBe(1);
  });

  it('counts each managing body of "other programme" calls as its own source', async () => {
    const env = await setup();
    const { core, coord } = env;
    for (const [code, body] of [
      ['FCT/2026', 'Fundația Comunitară Timișoara'],
      ['USAID/2026', 'Fundația Pentru Democrație'],
    ]) {
      const c = await ok(
        core,
        'funding.saveCall',
        callInput({ programme: 'other', code, managingBody: body, grantRate: null, minGrant: null, maxGrant: null }),
        coord,
      );
      const a = await ok(core, 'funding.saveApplication', appInput(c.id, { title: code }), coord);
      await moveTo(env, a.id, ['submitted', 'under_evaluation', 'approved']);
    }
    expect((await i45(env)).value).toBe(2);
  });
});

describe('upcoming deadlines', () => {
  it('lists open calls due in the next N days and applications with a next key date; and what is overdue', async () => {
    const { core, coord } = await setup();
    const soon = await ok(core, 'funding.saveCall', callInput({ code: 'SOON', deadline: '2026-03-20' }), coord);
    await ok(core, 'funding.saveCall', callInput({ code: 'LATER', deadline: '2026-05-20' }), coord);
    await ok(core, 'funding.saveCall', callInput({ code: 'PLANNED', status: 'planned', deadline: '2026-03-15' }), coord);
    const late = await ok(core, 'funding.saveCall', callInput({ code: 'LATE', openingDate: '2026-01-01', deadline: '2026-03-01' }), coord);
    const app = await ok(core, 'funding.saveApplication', appInput(soon.id, { nextStep: 'Clarificări la evaluare', nextStepOn: '2026-03-25' }), coord);
    const lateApp = await ok(
      core,
      'funding.saveApplication',
      appInput(soon.id, { title: 'Întârziată', nextStep: 'Semnare contract', nextStepOn: '2026-03-05' }),
      coord,
    );

    const d = await ok(core, 'funding.upcomingDeadlines', {}, coord);
    expect(d.today).toBe('2026-03-10');
    expect(d.upcoming.map((x) => [x.kind, x.id, x.daysLeft])).toEqual([
      ['call', soon.id, 10],
      ['application', app.id, 15],
    ]);
    expect(d.upcoming[1].what).toBe('Clarificări la evaluare');
    expect(d.overdue.map((x) => [x.id, x.daysLeft])).toEqual([
      [late.id, -9],
      [lateApp.id, -5],
    ]);
    const wide = await ok(core, 'funding.upcomingDeadlines', { days: 90 }, coord);
    expect(wide.upcoming.map((x) => x.code)).toContain('LATER');
    expect(await call(core, 'funding.upcomingDeadlines', { days: 0 }, coord)).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'days' }] } } });
  });
});
