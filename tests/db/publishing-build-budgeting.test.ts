import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { freshCore, ok, poke, signIn } from './helpers';

/** Participatory budgeting on the site: the rule, why each project won or not, implementation, authors only with consent. */

const settings = {
  siteUrl: '',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};
const csv = (rows: string[]) => Buffer.from(['voter_id,proposal_id,zone,voted_at', ...rows].join('\n')).toString('base64');

const allFiles = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(d, e.name)) : [path.join(d, e.name)]));

describe('budgeting results on the site', () => {
  test('a campaign page states the winner rule, why each project won or not, the refusals, implementation progress; authors appear only with consent; titles are text', async () => {
    const { core, dataDir } = await freshCore({ now: () => new Date('2026-10-01T09:00:00Z') });
    await ok(core, 'publishing.saveSiteSettings', settings);
    const coord = await signIn(core, 'coordinator');
    const campaign = await ok(
      core,
      'budgeting.saveCampaign',
      {
        name: 'Timișoara Decide 2026',
        totalBudget: 100_000_000,
        zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
        rubric,
        votesPerVoter: 2,
        population: 1000,
        winnerRule: 'greedy',
      },
      coord,
    );
    const mk = (code: string, title: string, lei: number, author: Record<string, unknown> = {}) =>
      ok(core, 'budgeting.saveProposal', { campaignId: campaign.id, code, title, zoneCode: 'Z1', costEstimate: lei * 100, ...author }, coord);
    await mk('A', 'Parc de buzunar în Cetate', 300_000, { authorName: 'Maria Cu-Acord', authorConsent: true, authorContact: 'maria.acord@gmail.com' });
    await mk('B', '<script>alert(1)</script>', 250_000, {
      authorName: 'Ion Fara-Acord',
      authorContact: 'ion.fara@yahoo.ro',
      authorOrganisation: 'Firma-Fara-Acord SRL',
    });
    await mk('C', 'Bănci și umbrare', 150_000);
    const d = await mk('D', 'Parcare privată', 100_000);
    const checks = [
      'general_interest',
      'city_competence_public_space',
      'not_covered_elsewhere',
      'no_conflict_with_plans',
      'not_commercial_political',
      'no_significant_running_costs',
      'clearly_located',
      'within_project_cap',
    ].map((criterion, n) => ({ criterion: criterion as never, pass: n !== 0, reason: n === 0 ? 'Motiv-Intern-Evaluator' : '' }));
    await ok(
      core,
      'budgeting.setEligibility',
      { id: d.id, expectedUpdatedAt: d.updatedAt, checks, publicRejectionReason: 'Proiectul servește un interes privat.' },
      coord,
    );
    await ok(
      core,
      'budgeting.importVotes',
      { campaignId: campaign.id, fileName: 'v.csv', contentBase64: csv(['v1,A,Z1,', 'v1,B,Z1,', 'v2,A,Z1,', 'v2,B,Z1,', 'v3,A,Z1,', 'v3,C,Z1,']) },
      coord,
    );
    const dir = path.join(dataDir, 'site');
    const build = async () => {
      const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2026-11-27' });
      expect((await core.waitForJob(jobId)).error).toBeNull();
      const list = fs.readFileSync(path.join(dir, 'bugetare.html'), 'utf8');
      return { list, page: fs.readFileSync(path.join(dir, /href="(bugetare\/[^"]+\.html)"/.exec(list)![1]), 'utf8') };
    };

    // Provisional results (evaluation not finished) are not published: no winners, no ranking, no reasons.
    const provisional = await ok(core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
    expect(provisional.status).toBe('provisional');
    expect(provisional.projects.find((p) => p.code === 'A')!.won).toBe(true);
    const early = await build();
    expect(early.page).toContain('Rezultatele nu sunt încă finale.');
    for (const absent of ['Câștigător', 'Necâștigător', 'Regula de desemnare', 'Votanți', provisional.projects[0].textRo.replace(/&/g, '&amp;')])
      expect(early.page).not.toContain(absent);
    expect(early.list).not.toMatch(/<td class="num">1<\/td><\/tr>/);

    // The evaluation finished (eligibility decided, final scores as the evaluation records them), declared final.
    const criteria = checks.map((c) => c.criterion);
    await ok(
      core,
      'budgeting.setEligibilityCriteria',
      { campaignId: campaign.id, items: ['A', 'B', 'C'].flatMap((code) => criteria.map((criterion) => ({ proposalCode: code, criterion, pass: true }))) },
      coord,
    );
    await poke(dataDir, "update budgeting_proposals set final_score = 80, final_method = 'average' where code in ('A', 'B', 'C')");
    const res = await ok(core, 'budgeting.computeResults', { campaignId: campaign.id, final: true }, coord);
    expect(res.status).toBe('final');
    const winnerA = res.projects.find((p) => p.code === 'A')!;
    expect(winnerA.won).toBe(true);
    // Implementation of the winner, as the implementation tracking records it.
    await poke(
      dataDir,
      `insert into budgeting_projects (id, campaign_id, proposal_id, status, progress, planned, committed, paid, contract_no, grantee, created_at, updated_at) values ('p1', ?, ?, 'in_progress', 45, 30000000, 20000000, 10000000, 'CTR-INTERN-77', 'Constructor-Intern SRL', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')`,
      campaign.id,
      winnerA.proposalId,
    );

    const { page } = await build();
    expect(page).not.toContain('Rezultatele nu sunt încă finale.');
    expect(page).toContain('Câștigător');
    // The zone by its display name (Decidim's scope name), never by its code
    expect(page).toContain('<td>Centru</td>');
    expect(page).not.toMatch(/<td>Z1\b/);
    expect(page).toContain('Regula de desemnare a câștigătorilor');
    expect(page).toContain(res.ruleTextRo.split('\n')[0].replace(/&/g, '&amp;'));
    // Every counted project, with its reason.
    for (const p of res.projects)
      expect(page).toContain(p.textRo.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('Proiectul servește un interes privat.');
    expect(page).toContain('45&nbsp;%');
    expect(page).toContain('100.000,00\u00a0lei');
    expect(page).toContain('Maria Cu-Acord');
    for (const secret of [
      'Ion Fara-Acord',
      'Firma-Fara-Acord',
      'ion.fara@yahoo.ro',
      'maria.acord@gmail.com',
      'Motiv-Intern-Evaluator',
      'CTR-INTERN-77',
      'Constructor-Intern',
    ])
      for (const f of allFiles(dir)) expect(fs.readFileSync(f, 'utf8').includes(secret), `${secret} in ${f}`).toBe(false);
  });
});
