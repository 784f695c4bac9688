/**
 * A coordinator scripts a whole edition from the command line: the winner rule and its Equal Shares options, the
 * evaluators and their assignments, the results and the Pabulib files — every id listed by a command, every .pb
 * accepted by the Pabulib checker's rules (tests/unit/pabulib-checker.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { main } from '../../electron/cli';
import { checkPb, parsePb } from '../unit/pabulib-checker';
import { freshCore, ok, peek, signIn, tempDir } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

/** Two zones of 500,000 lei, four proposals each, votes from 60 voters. */
async function edition() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const zones = [
    { code: 'Z1', name: 'Zona 1', budget: 50_000_000 },
    { code: 'Z2', name: 'Zona 2', budget: 50_000_000 },
  ];
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    { name: 'Timișoara Decide 2026', edition: '2026', totalBudget: 100_000_000, zones, rubric, votesPerVoter: 3, winnerRule: 'greedy' },
    coord,
  );
  const costs = [300_000, 250_000, 150_000, 60_000];
  for (const z of zones)
    for (let i = 0; i < 4; i++)
      await ok(
        env.core,
        'budgeting.saveProposal',
        { campaignId: campaign.id, code: `${z.code}-${i + 1}`, title: `Proiect ${z.code}-${i + 1}`, zoneCode: z.code, costEstimate: costs[i] * 100 },
        coord,
      );
  const rows = ['voter_id,project_id,zone,voted_at'];
  for (let v = 1; v <= 60; v++) {
    const z = v % 2 ? 'Z1' : 'Z2';
    const picks = v <= 24 ? [1, 2] : v <= 44 ? [2, 3] : [3, 4];
    for (const p of picks) rows.push(`u${v},${z}-${p},${z === 'Z1' ? 'Zona 1' : 'Zona 2'},2026-09-02 10:00`);
  }
  await ok(
    env.core,
    'budgeting.importVotes',
    { campaignId: campaign.id, fileName: 'votes.csv', contentBase64: Buffer.from(rows.join('\n')).toString('base64') },
    coord,
  );
  await env.core.close();
  return { ...env, campaign };
}

describe('budgeting CLI: the winner rule, assignments, results and Pabulib files', () => {
  it('changes the rule to Equal Shares with approval utilities and no completion; the results and every .pb say so, and every .pb passes the checker', async () => {
    const env = await edition();
    const dir = ['--data-dir', env.dataDir];
    const set = await cli([
      'budgeting',
      'campaign',
      'set-rule',
      ...dir,
      '--campaign',
      env.campaign.id,
      '--rule',
      'equal_shares',
      '--utility',
      'approval',
      '--completion',
      'none',
    ]);
    expect(set.code).toBe(0);
    expect(set.out.split('\n')[0]).toBe(`${env.campaign.id}\tequal_shares\tapproval\tnone`);
    expect(await peek(env.dataDir, 'select winner_rule, equal_shares_utility, equal_shares_completion from budgeting_campaigns')).toEqual([
      { winner_rule: 'equal_shares', equal_shares_utility: 'approval', equal_shares_completion: 'none' },
    ]);
    const xlsx = path.join(tempDir(), 'r.xlsx');
    const json = path.join(tempDir(), 'r.json');
    const res = await cli(['budgeting', 'results', ...dir, '--campaign', env.campaign.id, '--out', xlsx, '--json', json]);
    expect(res.code).toBe(0);
    const results = JSON.parse(fs.readFileSync(json, 'utf8')).results;
    expect(results.ruleTextRo).toContain(
      'Metoda părților egale (Method of Equal Shares, equalshares.net; utilitate = aprobare (fiecare proiect aprobat valorează 1))',
    );
    expect(results.ruleTextRo).toContain('fără completare');
    expect(results.ruleTextEn).toContain('approval utilities');

    const out = path.join(tempDir(), 'pb');
    expect((await cli(['budgeting', 'pabulib', ...dir, '--campaign', env.campaign.id, '--out', out])).code).toBe(0);
    for (const f of fs.readdirSync(out)) {
      const text = fs.readFileSync(path.join(out, f), 'utf8');
      expect(checkPb(text).errors, f).toEqual([]);
      const pb = parsePb(text);
      expect(pb.meta.get('rule')).toBe('unknown');
      expect(pb.meta.get('comment')).toMatch(/^#1: Method of Equal Shares with approval utilities \(pabutools Cardinality_Sat\), no add1 completion\.$/);
    }

    // back to stop at first: the explanation says what is skipped, the files declare greedy-no-skip
    expect((await cli(['budgeting', 'campaign', 'set-rule', ...dir, '--campaign', env.campaign.id, '--rule', 'stop_at_first'])).code).toBe(0);
    await cli(['budgeting', 'results', ...dir, '--campaign', env.campaign.id, '--out', xlsx, '--json', json]);
    const skips = 'Un proiect care costă mai mult decât întregul buget al zonei nu poate fi finanțat: este sărit și alocarea continuă cu următorul.';
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).results.ruleTextRo).toContain(skips);
    // the results workbook says it too
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const summary: string[] = [];
    wb.getWorksheet('Sumar')!.eachRow((r) => summary.push(`${String(r.getCell(1).value)}: ${String(r.getCell(2).value)}`));
    expect(summary.find((l) => l.startsWith('Regula de alegere'))).toContain(skips);
    await cli(['budgeting', 'pabulib', ...dir, '--campaign', env.campaign.id, '--out', out]);
    const z1 = fs.readFileSync(path.join(out, 'Timisoara_Decide_2026_Z1.pb'), 'utf8');
    expect(parsePb(z1).meta.get('rule')).toBe('greedy-no-skip');
    expect(checkPb(z1).errors).toEqual([]);
  });

  it('a bad or missing rule value says what it needs and changes nothing', async () => {
    const env = await edition();
    const dir = ['--data-dir', env.dataDir];
    const cases: Array<[string[], string]> = [
      [['--rule', 'equal_shares'], '--campaign needs the campaign id; list them with `pla-desk budgeting campaigns`'],
      [['--campaign', env.campaign.id, '--rule'], '--rule needs the winner rule: greedy, stop_at_first, timisoara_topup, equal_shares, grant_score'],
      [['--campaign', env.campaign.id, '--rule', 'proportional'], '--rule needs the winner rule: greedy,'],
      [
        ['--campaign', env.campaign.id, '--rule', 'equal_shares', '--completion', 'add2'],
        '--completion needs the Equal Shares completion: add1_greedy, add1, greedy, none',
      ],
      [['--campaign', env.campaign.id, '--rule', 'greedy', '--utility', 'cost'], '--completion and --utility are options of --rule equal_shares'],
      [['--campaign', env.campaign.id, '--rule', 'timisoara_topup', '--topup-limit-lei', '100.001'], '--topup-limit-lei needs the top-up limit in lei'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['budgeting', 'campaign', 'set-rule', ...dir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
    expect(await peek(env.dataDir, 'select winner_rule from budgeting_campaigns')).toEqual([{ winner_rule: 'greedy' }]);
  });

  it('lists the evaluators by id, assigns them, and lists the assignments with their ids', async () => {
    const env = await edition();
    const core = (await freshCore({ dataDir: env.dataDir })).core;
    const a = await signIn(core, 'evaluator');
    const b = await signIn(core, 'evaluator');
    await core.close();
    const dir = ['--data-dir', env.dataDir];
    const evaluators = await cli(['budgeting', 'evaluators', ...dir]);
    expect(
      evaluators.out
        .split('\n')
        .map((l) => l.split('\t')[0])
        .sort(),
    ).toEqual([a.userId, b.userId].sort());
    const assign = await cli(['budgeting', 'assign', ...dir, '--campaign', env.campaign.id, '--evaluator', a.userId, '--evaluator', b.userId]);
    expect(assign.code).toBe(0);
    const listed = await cli(['budgeting', 'assignments', ...dir, '--campaign', env.campaign.id]);
    const lines = listed.out.split('\n');
    expect(lines).toHaveLength(16); // 8 proposals × 2 evaluators
    expect(lines[0].split('\t')).toHaveLength(5);
    const one = await cli(['budgeting', 'assign', ...dir, '--campaign', env.campaign.id, '--evaluator', a.userId]);
    expect(one.code).toBe(2);
    expect(one.err).toContain('--evaluator needs an evaluator user id; list them with `pla-desk budgeting evaluators` (give at least two)');
  });
});
