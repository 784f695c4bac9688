import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { main } from '../../electron/cli';
import { evidenceBytes, evidenceCount } from './postgres-stores';
import { budgetingIndicatorSources } from '../../electron/core/budgeting/sources';
import { call, count, freshCore, ok, peek, signIn, snapshot, tempDir, withStoreDb } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A PB campaign with one zone of 500,000 lei: A (300,000) and B (150,000) win by votes, C (200,000) no longer fits. */
async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Timișoara Decide 2026',
      edition: '2026',
      totalBudget: 50_000_000,
      zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
      rubric,
      votesPerVoter: 3,
      population: 1000,
    },
    coord,
  );
  const proposals = [];
  for (const [code, lei] of [
    ['A', 300_000],
    ['B', 150_000],
    ['C', 200_000],
  ] as const)
    proposals.push(
      await ok(
        env.core,
        'budgeting.saveProposal',
        {
          campaignId: campaign.id,
          code,
          title: `Parc ${code}; alei "noi"`,
          body: 'Bănci și copaci',
          zoneCode: 'Z1',
          costEstimate: lei * 100,
          address: 'Str. Gării 1',
        },
        coord,
      ),
    );
  const rows = ['v1,A', 'v1,B', 'v1,C', 'v2,A', 'v2,B', 'v3,A', 'v3,C', 'v4,B'].map((r) => `${r},Z1,`);
  await ok(
    env.core,
    'budgeting.importVotes',
    { campaignId: campaign.id, fileName: 'v.csv', contentBase64: b64(['voter_id,proposal_id,zone,voted_at', ...rows].join('\n')) },
    coord,
  );
  const results = await ok(env.core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
  return { ...env, coord, campaign, proposals, results };
}
type Env = Awaited<ReturnType<typeof setup>>;

const start = (env: Env, i: number, over: Record<string, unknown> = {}) =>
  ok(env.core, 'budgeting.createProject', { proposalId: env.proposals[i].id, ...over }, env.coord);

function expectRefused(
  r: { ok: boolean; error?: { code: string; message: string; details?: { issues?: Array<{ field: string; message: string }> } } },
  field: string,
  message: RegExp,
) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error!.code).toBe('VALIDATION');
  const issue = r.error!.details?.issues?.find((i) => i.field === field);
  expect(issue, JSON.stringify(r.error)).toBeDefined();
  expect(issue!.message).toMatch(message);
}

describe('implementation of winning projects', () => {
  it('starts tracking a winner with the amount the results funded; a loser, a second record or a campaign without results is refused, nothing written', async () => {
    const env = await setup();
    expect(
      env.results.projects
        .filter((p) => p.won)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['A', 'B']);
    const a = await start(env, 0, { startDate: '2026-10-01', endDate: '2027-06-30' });
    expect(a).toMatchObject({
      proposalCode: 'A',
      status: 'not_started',
      progress: 0,
      planned: 30_000_000,
      committed: 0,
      paid: 0,
      fundedFrom: 'budget',
      zoneCode: 'Z1',
      milestones: [],
    });
    expect(await peek(env.dataDir, `select action from audit_log where entity = 'budgeting project' and entity_id = ?`, a.id)).toEqual([{ action: 'create' }]);

    const before = await snapshot(env.dataDir);
    expectRefused(
      await call(env.core, 'budgeting.createProject', { proposalId: env.proposals[2].id }, env.coord),
      'proposalId',
      /C did not win .*does not fit|C did not win/,
    );
    expectRefused(await call(env.core, 'budgeting.createProject', { proposalId: env.proposals[0].id }, env.coord), 'proposalId', /already being implemented/);
    expectRefused(
      await call(env.core, 'budgeting.createProject', { proposalId: env.proposals[1].id, startDate: '2026-10-02', endDate: '2026-10-01' }, env.coord),
      'endDate',
      /before the start/,
    );
    const other = await ok(env.core, 'budgeting.saveCampaign', { name: 'Fără rezultate', totalBudget: 1_000_000, rubric }, env.coord);
    const lone = await ok(env.core, 'budgeting.saveProposal', { campaignId: other.id, title: 'Singur', costEstimate: 100_000 }, env.coord);
    const mid = await snapshot(env.dataDir);
    expectRefused(await call(env.core, 'budgeting.createProject', { proposalId: lone.id }, env.coord), 'proposalId', /compute the results first/);
    expect(await snapshot(env.dataDir)).toEqual(mid);
    expect(before.budgeting_projects).toBe(mid.budgeting_projects);
  });

  it('records status, progress and planned / committed / paid; completing sets 100 % and the date; bad values are refused with the field named and nothing changes', async () => {
    const env = await setup();
    const a = await start(env, 0);
    const moving = await ok(
      env.core,
      'budgeting.updateProject',
      {
        id: a.id,
        expectedUpdatedAt: a.updatedAt,
        status: 'in_progress',
        progress: 40,
        planned: 30_000_000,
        committed: 28_000_000,
        paid: 10_000_000,
        startDate: '2026-10-01',
        note: 'Contract de execuție semnat',
      },
      env.coord,
    );
    expect(moving).toMatchObject({ status: 'in_progress', progress: 40, committed: 28_000_000, paid: 10_000_000, completedOn: null });

    const row = async () =>
      (await peek<{ updated_at: string; paid: number }>(env.dataDir, 'select updated_at, paid from budgeting_projects where id = ?', a.id))[0];
    const before = await row();
    const base = {
      id: a.id,
      expectedUpdatedAt: moving.updatedAt,
      status: 'in_progress',
      progress: 50,
      planned: 30_000_000,
      committed: 28_000_000,
      paid: 10_000_000,
    };
    const bad: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ progress: 120 }, 'progress', /0–100/],
      [{ paid: 29_000_000 }, 'paid', /more is paid than committed/],
      [{ planned: -1 }, 'planned', /negative/],
      [{ paid: 1.5 }, 'paid', /whole number of bani/],
      [{ status: 'not_started', progress: 10 }, 'progress', /0 % progress/],
      [{ status: 'completed', completedOn: '2026-12-01' }, 'completedOn', /future/],
      [{ completedOn: '2026-09-01' }, 'completedOn', /only a completed project/],
      [{ startDate: '2026-10-02', endDate: '2026-10-01' }, 'endDate', /before the start/],
      [{ status: 'finished' }, 'status', /.+/],
    ];
    for (const [over, field, msg] of bad) expectRefused(await call(env.core, 'budgeting.updateProject', { ...base, ...over }, env.coord), field, msg);
    expect(await row()).toEqual(before);
    const stale = await call(env.core, 'budgeting.updateProject', { ...base, expectedUpdatedAt: a.updatedAt }, env.coord);
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    expect(await row()).toEqual(before);

    const done = await ok(env.core, 'budgeting.updateProject', { ...base, status: 'completed', progress: 80, paid: 28_000_000 }, env.coord);
    expect(done).toMatchObject({ status: 'completed', progress: 100, completedOn: '2026-10-01', paid: 28_000_000 });
  });

  it('keeps milestones with evidence files under their SHA-256; a reached milestone needs evidence; a bad file leaves nothing behind', async () => {
    const env = await setup();
    const a = await start(env, 0);
    const m = await ok(
      env.core,
      'budgeting.addMilestone',
      {
        projectId: a.id,
        title: 'Recepția lucrărilor',
        dueOn: '2026-09-15',
        doneOn: '2026-09-30',
        evidenceNote: 'Proces-verbal de recepție',
        evidence: [{ fileName: 'pv.txt', mimeType: 'text/plain', contentBase64: b64('PV recepție nr. 12') }],
      },
      env.coord,
    );
    expect(m.evidence).toHaveLength(1);
    expect((await evidenceBytes(env.dataDir, m.evidence[0].sha256)).toString('utf8')).toBe('PV recepție nr. 12');
    expect(
      JSON.parse(
        (await peek<{ attachment_ids: string }>(env.dataDir, 'select attachment_ids from budgeting_project_milestones where id = ?', m.id))[0].attachment_ids,
      ),
    ).toEqual([m.evidence[0].id]);
    const late = await ok(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Plantări', dueOn: '2026-09-20' }, env.coord);
    expect(late).toMatchObject({ overdue: true, evidence: [] });

    const before = await snapshot(env.dataDir);
    const files = await evidenceCount(env.dataDir);
    expectRefused(
      await call(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Fără dovadă', doneOn: '2026-09-30' }, env.coord),
      'evidence',
      /needs its evidence/,
    );
    expectRefused(
      await call(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Viitor', doneOn: '2026-10-05', evidenceNote: 'x' }, env.coord),
      'doneOn',
      /future/,
    );
    expectRefused(
      await call(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Gol', evidence: [{ fileName: 'gol.pdf', contentBase64: '' }] }, env.coord),
      'evidence.0.contentBase64',
      /empty/,
    );
    expectRefused(
      await call(
        env.core,
        'budgeting.addMilestone',
        { projectId: a.id, title: 'Cale', evidence: [{ fileName: '../x.pdf', contentBase64: 'AAAA' }] },
        env.coord,
      ),
      'evidence.0.fileName',
      /path/,
    );
    expectRefused(await call(env.core, 'budgeting.addMilestone', { projectId: a.id, title: ' ' }, env.coord), 'title', /.+/);
    expectRefused(
      await call(env.core, 'budgeting.updateMilestone', { id: late.id, expectedUpdatedAt: late.updatedAt, title: 'Plantări', doneOn: '2026-09-30' }, env.coord),
      'evidence',
      /needs its evidence/,
    );
    expect(await snapshot(env.dataDir)).toEqual(before);
    expect(await evidenceCount(env.dataDir)).toBe(files);

    const reached = await ok(
      env.core,
      'budgeting.updateMilestone',
      {
        id: late.id,
        expectedUpdatedAt: late.updatedAt,
        title: 'Plantări',
        dueOn: '2026-09-20',
        doneOn: '2026-09-28',
        evidence: [{ fileName: 'foto.jpg', contentBase64: b64('jpeg') }],
      },
      env.coord,
    );
    expect(reached).toMatchObject({ overdue: false, doneOn: '2026-09-28' });
    expect(reached.evidence.map((f) => f.fileName)).toEqual(['foto.jpg']);
    expect((await ok(env.core, 'budgeting.getProject', { id: a.id }, env.coord)).milestonesDone).toBe(2);
  });

  it('soft-deletes a project or a milestone and brings it back (undo); the delete is audited', async () => {
    const env = await setup();
    const a = await start(env, 0);
    const m = await ok(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Proiectare' }, env.coord);
    await ok(env.core, 'budgeting.deleteMilestone', { id: m.id, expectedUpdatedAt: m.updatedAt }, env.coord);
    expect((await ok(env.core, 'budgeting.getProject', { id: a.id }, env.coord)).milestones).toEqual([]);
    await ok(env.core, 'budgeting.restoreMilestone', { id: m.id }, env.coord);
    const back = await ok(env.core, 'budgeting.getProject', { id: a.id }, env.coord);
    expect(back.milestones.map((x) => x.title)).toEqual(['Proiectare']);

    await ok(env.core, 'budgeting.deleteProject', { id: a.id, expectedUpdatedAt: back.updatedAt }, env.coord);
    expect(await ok(env.core, 'budgeting.listProjects', { campaignId: env.campaign.id }, env.coord)).toEqual([]);
    expect(
      (await ok(env.core, 'budgeting.listProjects', { campaignId: env.campaign.id, includeDeleted: true }, env.coord)).map((p) => p.deletedAt != null),
    ).toEqual([true]);
    const add = await call(env.core, 'budgeting.addMilestone', { projectId: a.id, title: 'Pe un proiect șters' }, env.coord);
    expect(add.ok ? null : add.error.details?.issues?.[0].field).toBe('projectId');
    await ok(env.core, 'budgeting.restoreProject', { id: a.id }, env.coord);
    expect((await ok(env.core, 'budgeting.listProjects', { campaignId: env.campaign.id }, env.coord)).map((p) => p.proposalCode)).toEqual(['A']);
    expect(
      (
        await peek<{ action: string }>(
          env.dataDir,
          `select action from audit_log where entity = 'budgeting project' and entity_id = ? order by id` /* UUIDv7: written order */,
          a.id,
        )
      ).map((r) => r.action),
    ).toEqual(['create', 'delete', 'restore']);
  });

  it('a viewer reads the projects but cannot change them', async () => {
    const env = await setup();
    const a = await start(env, 0);
    const viewer = await signIn(env.core, 'viewer');
    expect((await ok(env.core, 'budgeting.listProjects', { campaignId: env.campaign.id }, viewer)).length).toBe(1);
    const r = await call(
      env.core,
      'budgeting.updateProject',
      { id: a.id, expectedUpdatedAt: a.updatedAt, status: 'in_progress', progress: 10, planned: 1, committed: 1, paid: 0 },
      viewer,
    );
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('Decidim accountability export and indicator I2.6', () => {
  it('writes the projects and their milestones (as child results) in Decidim accountability columns, from the app and the CLI', async () => {
    const env = await setup();
    const a = await start(env, 0, { startDate: '2026-10-01', endDate: '2027-06-30' });
    await ok(
      env.core,
      'budgeting.updateProject',
      {
        id: a.id,
        expectedUpdatedAt: a.updatedAt,
        status: 'in_progress',
        progress: 45,
        planned: 30_000_000,
        committed: 0,
        paid: 0,
        startDate: '2026-10-01',
        endDate: '2027-06-30',
      },
      env.coord,
    );
    const m = await ok(
      env.core,
      'budgeting.addMilestone',
      { projectId: a.id, title: 'Recepție', doneOn: '2026-09-30', evidenceNote: 'PV', evidence: [{ fileName: 'pv.pdf', contentBase64: b64('%PDF') }] },
      env.coord,
    );
    await start(env, 1);
    const { fileName, content } = await ok(env.core, 'budgeting.exportAccountability', { campaignId: env.campaign.id }, env.coord);
    expect(fileName).toBe('accountability-Timisoara-Decide-2026.csv');
    const parsed = Papa.parse<string[]>(content.trimEnd(), { delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    const lines = parsed.data;
    const header = lines[0];
    for (const c of [
      'id',
      'parent/id',
      'title/ro',
      'title/en',
      'description/ro',
      'start_date',
      'end_date',
      'status/key',
      'progress',
      'proposals_ids',
      'reference',
      'scope/name/ro',
    ])
      expect(header).toContain(c);
    expect(lines).toHaveLength(4); // A, its milestone, B
    const field = (line: string[], name: string) => line[header.indexOf(name)];
    expect(field(lines[1], 'id')).toBe(a.id);
    expect(field(lines[1], 'title/ro')).toBe('Parc A; alei "noi"');
    expect(field(lines[1], 'status/key')).toBe('in_progress');
    expect(field(lines[1], 'progress')).toBe('45');
    expect(field(lines[1], 'start_date')).toBe('2026-10-01');
    expect(field(lines[1], 'end_date')).toBe('2027-06-30');
    expect(field(lines[1], 'reference')).toBe('A');
    expect(field(lines[1], 'scope/name/ro')).toBe('Centru');
    expect(field(lines[2], 'parent/id')).toBe(a.id);
    expect(field(lines[2], 'id')).toBe(m.id);
    expect(field(lines[2], 'status/key')).toBe('completed');
    expect(field(lines[2], 'description/ro')).toMatch(/PV\nDovadă: pv\.pdf/);

    const out = path.join(tempDir(), 'acc.csv');
    const log = console.log;
    console.log = () => {};
    try {
      expect(await main(['budgeting', 'accountability', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--out', out])).toBe(0);
      expect(
        await main(['budgeting', 'accountability', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--out', path.join(tempDir(), 'acc.xlsx')]),
      ).toBe(2);
    } finally {
      console.log = log;
    }
    expect(fs.readFileSync(out, 'utf8')).toBe((await ok(env.core, 'budgeting.exportAccountability', { campaignId: env.campaign.id }, env.coord)).content);
  });

  it('I2.6 counts the winning PB projects whose implementation is completed (not grants, not deleted ones)', async () => {
    const env = await setup();
    const a = await start(env, 0);
    const b = await start(env, 1);
    const compute = () => withStoreDb(env.dataDir, (db) => budgetingIndicatorSources['budgeting.projects_implemented'].compute(db, '2026-10-01'));
    expect(await compute()).toMatchObject({ value: 0, date: null, records: [] });
    const done = await ok(
      env.core,
      'budgeting.updateProject',
      { id: a.id, expectedUpdatedAt: a.updatedAt, status: 'completed', progress: 100, planned: 1, committed: 1, paid: 1, completedOn: '2026-09-20' },
      env.coord,
    );
    await ok(
      env.core,
      'budgeting.updateProject',
      { id: b.id, expectedUpdatedAt: b.updatedAt, status: 'in_progress', progress: 90, planned: 1, committed: 1, paid: 1 },
      env.coord,
    );
    const one = await compute();
    expect(one).toMatchObject({ value: 1, date: '2026-09-20' });
    expect(one.records[0].label).toMatch(/^A — Parc A.*Timișoara Decide 2026 \(2026\)$/);
    await ok(env.core, 'budgeting.deleteProject', { id: a.id, expectedUpdatedAt: done.updatedAt }, env.coord);
    expect((await compute()).value).toBe(0);
    expect(await count(env.dataDir, 'budgeting_projects')).toBe(2);
  });
});
