/**
 * Campaign files are written in lei, as people write money, and say so ("currency": "RON", or names ending in Lei);
 * the database keeps bani. Amounts that look 1/100 off are refused with a warning before anything is written. A PB
 * decided by the vote alone needs no rubric.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { call, count, freshCore, ok, peek, signIn, tempDir } from './helpers';

const base = { name: 'Timișoara Decide 2027', kind: 'pb', votesPerVoter: 5, winnerRule: 'greedy' };

async function setup() {
  const env = await freshCore({ now: () => new Date('2026-10-01T09:00:00Z') });
  return { ...env, coord: await signIn(env.core, 'coordinator') };
}

async function cli(args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    return { code: await main(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

describe('campaign files: money in lei', () => {
  it('"currency": "RON" beside the usual names: 4000000 is 4 million lei, decimals to the ban; the database keeps bani', async () => {
    const env = await setup();
    const c = await ok(
      env.core,
      'budgeting.createCampaignFromJson',
      {
        json: JSON.stringify({
          ...base,
          currency: 'RON',
          totalBudget: 4_000_000,
          zones: [{ code: 'Z1', name: 'Zona 1', budget: 499_999.99 }],
          topupLimit: 100_000,
        }),
      },
      env.coord,
    );
    expect(c.totalBudget).toBe(400_000_000);
    expect(c.zones[0].budget).toBe(49_999_999);
    expect(c.topupLimit).toBe(10_000_000);
    expect(await peek(env.dataDir, 'select total_budget from budgeting_campaigns')).toEqual([{ total_budget: 400_000_000 }]);
  });

  it('names ending in Lei say the unit without a currency', async () => {
    const env = await setup();
    const c = await ok(
      env.core,
      'budgeting.createCampaignFromJson',
      { json: JSON.stringify({ ...base, totalBudgetLei: 1_000_000, capPerProjectLei: 500_000, zones: [{ code: 'Z1', name: 'Zona 1', budgetLei: 500_000 }] }) },
      env.coord,
    );
    expect([c.totalBudget, c.capPerProject, c.zones[0].budget]).toEqual([100_000_000, 50_000_000, 50_000_000]);
  });

  it('an amount without its unit, with more than two decimals, or given twice is refused, naming the field; nothing is written', async () => {
    const env = await setup();
    const r = await call(
      env.core,
      'budgeting.createCampaignFromJson',
      { json: JSON.stringify({ ...base, totalBudget: 4_000_000, zones: [{ code: 'Z1', name: 'Zona 1', budgetLei: 1.005, budget: 1 }] }) },
      env.coord,
    );
    expect(r.ok).toBe(false);
    const issues = !r.ok ? r.error.details!.issues! : [];
    expect(issues.find((i) => i.field === 'totalBudget')?.message).toBe(
      'say the amount\'s unit: name it totalBudgetLei (in lei), or add "currency": "RON" to the file (amounts in lei)',
    );
    expect(issues.find((i) => i.field === 'zones.0.budget')?.message).toBe('give either budget (with "currency": "RON") or budgetLei, not both');
    expect(issues.find((i) => i.field === 'zones.0.budgetLei')?.message).toBe('1.005 lei has more than two decimals (the smallest amount is 1 ban, 0.01 lei)');
    const usd = await call(env.core, 'budgeting.createCampaignFromJson', { json: JSON.stringify({ ...base, currency: 'EUR', totalBudget: 1 }) }, env.coord);
    expect(!usd.ok && usd.error.details!.issues![0]).toMatchObject({ field: 'currency', message: 'currency must be "RON": the amounts beside it are in lei' });
    expect(await count(env.dataDir, 'budgeting_campaigns')).toBe(0);
  });

  it('zone budgets 1/100 of the total get a warning before anything is written; the CLI says so and exits 1, --accept-warnings creates it', async () => {
    const env = await setup();
    // total in lei, zones written in bani-like figures a hundred times smaller
    const json = JSON.stringify({
      ...base,
      currency: 'RON',
      totalBudget: 4_000_000,
      zones: Array.from({ length: 8 }, (_, i) => ({ code: `Z${i + 1}`, name: `Zona ${i + 1}`, budget: 5_000 })),
    });
    const r = await call(env.core, 'budgeting.createCampaignFromJson', { json }, env.coord);
    expect(!r.ok && r.error.details!.issues![0].reason).toBe('amounts_look_off');
    expect(!r.ok && r.error.message).toContain('bugetele zonelor însumează 40.000 lei, a suta parte din bugetul total de 4.000.000 lei');
    expect(await count(env.dataDir, 'budgeting_campaigns')).toBe(0);
    await env.core.close();

    const file = path.join(tempDir(), 'campaign.json');
    fs.writeFileSync(file, json);
    const refused = await cli(['budgeting', 'campaign', 'create', '--data-dir', env.dataDir, '--file', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^pla-desk budgeting campaign create: Sumele par greșite de 100 de ori; nu s-a scris nimic: .*\(--accept-warnings\)$/);
    expect(await count(env.dataDir, 'budgeting_campaigns')).toBe(0);
    const accepted = await cli(['budgeting', 'campaign', 'create', '--data-dir', env.dataDir, '--file', file, '--accept-warnings']);
    expect(accepted.code).toBe(0);
    expect(await count(env.dataDir, 'budgeting_campaigns')).toBe(1);
  });
});

describe('a PB decided by the vote alone', () => {
  it('needs no rubric: created without one, its results can be declared final once eligibility is decided; a grant call still needs a rubric', async () => {
    const env = await setup();
    const c = await ok(env.core, 'budgeting.createCampaignFromJson', { json: JSON.stringify({ ...base, currency: 'RON', totalBudget: 100_000 }) }, env.coord);
    expect(c.rubric.criteria).toEqual([]);
    await ok(env.core, 'budgeting.saveProposal', { campaignId: c.id, code: 'P-1', title: 'Bănci', costEstimate: 5_000_000 }, env.coord);
    const criteria = (await import('../../electron/contract')).ELIGIBILITY_CRITERIA;
    await ok(
      env.core,
      'budgeting.setEligibilityCriteria',
      { campaignId: c.id, items: criteria.map((criterion) => ({ proposalCode: 'P-1', criterion, pass: true, reason: '' })) },
      env.coord,
    );
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: c.id, final: true }, env.coord);
    expect(res.status).toBe('final');
    const e1 = await signIn(env.core, 'evaluator');
    const e2 = await signIn(env.core, 'evaluator');
    const assign = await call(env.core, 'budgeting.assignEvaluators', { campaignId: c.id, evaluatorIds: [e1.userId, e2.userId] }, env.coord);
    expect(!assign.ok && assign.error.details!.issues![0].reason).toBe('vote_only');
    const grant = await call(
      env.core,
      'budgeting.createCampaignFromJson',
      { json: JSON.stringify({ ...base, kind: 'grant', winnerRule: 'grant_score', currency: 'RON', totalBudget: 100_000 }) },
      env.coord,
    );
    expect(!grant.ok && grant.error.details!.issues!.map((i) => i.field)).toContain('rubric.criteria');
  });
});
