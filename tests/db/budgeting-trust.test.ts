/**
 * What a coordinator relies on in a budgeting campaign: a vote file is never silently emptied (zones named as
 * Decidim names them count; a file that would refuse more than 1 % of its rows for one reason writes nothing and
 * says why, in Romanian, with the fix), eligibility starts undecided, and results stay provisional until the
 * evaluation is finished.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SaveCampaignInput } from '../../electron/contract';
import { main } from '../../electron/cli';
import { call, count, freshCore, ok, peek, signIn, storedVotes, tempDir } from './helpers';

const NOW = new Date('2026-10-01T09:00:00Z');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};
const CRITERIA = [
  'general_interest',
  'city_competence_public_space',
  'not_covered_elsewhere',
  'no_conflict_with_plans',
  'not_commercial_political',
  'no_significant_running_costs',
  'clearly_located',
  'within_project_cap',
];

/** Eight zones coded Z1–Z8 and named as Decidim names its scopes ("Zona 1" … and one with diacritics); two proposals each. */
async function decidimCampaign(zones = Array.from({ length: 8 }, (_, i) => ({ code: `Z${i + 1}`, name: i === 7 ? 'Zona Ștefan cel Mare' : `Zona ${i + 1}` }))) {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Timișoara Decide 2026',
      totalBudget: 800_000_000,
      zones: zones.map((z) => ({ ...z, budget: 100_000_000 })),
      rubric,
      votesPerVoter: 2,
      population: 10_000,
      winnerRule: 'greedy',
    },
    coord,
  );
  const codes: string[] = [];
  for (const z of zones)
    for (const n of [1, 2]) {
      const code = `${z.code.slice(1)}0${n}`;
      codes.push(code);
      await ok(
        env.core,
        'budgeting.saveProposal',
        { campaignId: campaign.id, code, title: `Proiect ${code}`, zoneCode: z.code, costEstimate: 10_000_000 },
        coord,
      );
    }
  return { ...env, coord, campaign, codes, zones };
}

/** Decidim's votes export as it comes: voter_id, project_id, zone (the scope's name), voted_at — plus a column we do not use. */
function decidimVotes(zoneName: (zoneIndex: number, voter: number) => string, voters = 400) {
  const rows = ['voter_id,project_id,zone,voted_at,ip_hash'];
  for (let v = 1; v <= voters; v++) {
    const z = v % 8;
    rows.push(`u${v},${z + 1}01,${zoneName(z, v)},2026-09-0${1 + (v % 9)} 10:${String(v % 60).padStart(2, '0')},h${v}`);
    rows.push(`u${v},${z + 1}02,${zoneName(z, v)},2026-09-0${1 + (v % 9)} 10:${String(v % 60).padStart(2, '0')},h${v}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Runs the CLI, capturing what it prints. */
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

describe('budgeting votes import: no silent loss', () => {
  it('counts every vote of a Decidim export whose zone column holds the zone names ("Zona 6", any case, without diacritics)', async () => {
    const env = await decidimCampaign();
    const spell = (z: number, v: number) => {
      const name = env.zones[z].name;
      return [
        name,
        name.toUpperCase(),
        name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase(),
        env.zones[z].code,
      ][v % 4];
    };
    const file = path.join(tempDir(), 'voturi-decidim.csv');
    fs.writeFileSync(file, decidimVotes(spell));
    await env.core.close();
    const dry = await cli(['budgeting', 'votes', 'import', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--file', file, '--dry-run']);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    // The column the import does not use is named before anything is written.
    expect(dry.out).toContain('Coloane nefolosite (nu se importă): ip_hash');
    expect(dry.out).toContain('800 rânduri: 800 voturi numărate, de la 400 votanți');
    expect(await storedVotes(env.dataDir)).toHaveLength(0);
    const run = await cli(['budgeting', 'votes', 'import', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--file', file]);
    expect(run.code).toBe(0);
    expect(await storedVotes(env.dataDir)).toHaveLength(800);
    const zones: Array<{ zone: string; n: number }> = [];
    for (const v of await storedVotes(env.dataDir)) {
      const z = zones.find((x) => x.zone === v.zone);
      if (z) z.n++;
      else zones.push({ zone: v.zone!, n: 1 });
    }
    zones.sort((a, b) => a.zone.localeCompare(b.zone));
    expect(zones.map((z) => `${z.zone}:${z.n}`)).toEqual(['Z1:100', 'Z2:100', 'Z3:100', 'Z4:100', 'Z5:100', 'Z6:100', 'Z7:100', 'Z8:100']);
  });

  it('stops an import that would refuse more than 1 % of its rows for one reason: nothing written, exit 1, the reason, examples and fix in Romanian', async () => {
    // Zones coded and named otherwise than the file: "Zona 6" is neither a code nor a name of this campaign.
    const env = await decidimCampaign(Array.from({ length: 8 }, (_, i) => ({ code: `Z${i + 1}`, name: `Cartierul ${i + 1}` })));
    const file = path.join(tempDir(), 'voturi.csv');
    fs.writeFileSync(
      file,
      decidimVotes((z) => `Zona ${z + 1}`),
    );
    const viaApi = await call(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'voturi.csv', contentBase64: fs.readFileSync(file).toString('base64') },
      env.coord,
    );
    expect(viaApi.ok).toBe(false);
    if (!viaApi.ok) expect(viaApi.error.details?.issues?.[0].reason).toBe('too_many_refused');
    expect(await storedVotes(env.dataDir)).toHaveLength(0);
    expect(await count(env.dataDir, 'budgeting_vote_imports')).toBe(0);
    await env.core.close();
    for (const extra of [['--dry-run'], []]) {
      const r = await cli(['budgeting', 'votes', 'import', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--file', file, ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.err).toContain('nimic nu s-a scris: 800 din 800 rânduri (100 %) ar fi refuzate ca „zonă necunoscută”');
      expect(r.err).toContain('Zona «Zona 2», zona «Zona 3» nu sunt codurile sau numele unei zone');
      expect(r.err).toContain('zonele campaniei: Z1 «Cartierul 1», Z2 «Cartierul 2»');
      expect(r.err).toContain('Ce puteți face: numiți zona prin codul sau numele ei din campanie');
      // The reason is in words, never a code.
      expect(r.out).toContain('Voturi refuzate: zonă necunoscută 800');
      expect(r.out).not.toMatch(/unknown_zone|zone_mismatch/);
      expect(await storedVotes(env.dataDir)).toHaveLength(0);
      expect(await count(env.dataDir, 'budgeting_vote_imports')).toBe(0);
    }
  });

  it('a few refused votes (at most 1 % for each reason) do not stop the import; accepting the refusals imports a worse file', async () => {
    const env = await decidimCampaign();
    const rows = decidimVotes((z) => env.zones[z].name)
      .trim()
      .split('\n');
    rows.push('u1,201,Zona 2,2026-09-01 10:00,x'); // one duplicate in 801 rows
    const rep = await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: Buffer.from(rows.join('\n')).toString('base64') },
      env.coord,
    );
    expect(rep).toMatchObject({ counted: 800, refused: { duplicate: 1 }, stopped: null, unusedColumns: ['ip_hash'] });
    expect(rep.refusedRo).toEqual([{ rule: 'duplicate', label: 'vot dublu', count: 1 }]);
    expect(rep.examples[0]).toMatchObject({
      line: 802,
      rule: 'duplicate',
      voterKey: 'u1',
      proposal: '201',
      detail: 'votantul «u1» a votat deja propunerea «201»',
    });
    const bad = `${decidimVotes((z) => env.zones[z].name)}u9,999,Zona 1,,\nu9,998,Zona 1,,\nu9,997,Zona 1,,\n`.replace(/Zona 3/g, 'Zona 9');
    const forced = await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: Buffer.from(bad).toString('base64'), acceptRefused: true },
      env.coord,
    );
    expect(forced.stopped?.rule).toBe('unknown_zone');
    expect(forced.refused).toEqual({ unknown_zone: 100, unknown_proposal: 3 });
    expect(await storedVotes(env.dataDir)).toHaveLength(700);
  });
});

/** Two proposals, two evaluators (two per proposal): nobody free to be a third after a divergence. */
async function evaluated() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    { name: 'Granturi 2026', totalBudget: 100_000_000, rubric, votesPerVoter: 2, population: 1000, winnerRule: 'greedy' },
    coord,
  );
  const a = await ok(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, code: 'P-001', title: 'Parc', costEstimate: 1_000_000 }, coord);
  const b = await ok(env.core, 'budgeting.saveProposal', { campaignId: campaign.id, code: 'P-002', title: 'Pistă', costEstimate: 1_000_000 }, coord);
  const ev = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) }, coord);
  const score = async (i: number, proposalId: string, impact: number) => {
    const mine = (await ok(env.core, 'budgeting.myAssignments', { campaignId: campaign.id }, ev[i])).find((x) => x.proposalId === proposalId)!;
    await ok(env.core, 'budgeting.declareInterest', { assignmentId: mine.id, conflict: false }, ev[i]);
    await ok(env.core, 'budgeting.saveScores', { assignmentId: mine.id, scores: { impact }, submit: true }, ev[i]);
  };
  return { ...env, coord, campaign, a, b, score };
}

describe('budgeting eligibility and results: nothing declared on unfinished evaluation', () => {
  it('a new proposal has every eligibility criterion undecided; deciding some keeps it pending; one failure makes it ineligible', async () => {
    const env = await evaluated();
    expect(env.a.eligibilityStatus).toBe('pending');
    expect(env.a.eligibility.filter((c) => c.pass !== null)).toEqual([]);
    const partly = await ok(
      env.core,
      'budgeting.setEligibility',
      {
        id: env.a.id,
        expectedUpdatedAt: env.a.updatedAt,
        checks: CRITERIA.map((criterion, i) => ({ criterion: criterion as never, pass: i < 4 ? true : null })),
      },
      env.coord,
    );
    expect(partly.eligibilityStatus).toBe('pending');
    expect(partly.eligibility.map((c) => c.pass)).toEqual([true, true, true, true, null, null, null, null]);
    const [failed] = await ok(
      env.core,
      'budgeting.setEligibilityCriteria',
      { campaignId: env.campaign.id, items: [{ proposalCode: 'p-001', criterion: 'general_interest', pass: false, reason: 'interes privat' }] },
      env.coord,
    );
    expect(failed).toMatchObject({ eligibilityStatus: 'ineligible', publicRejectionReason: 'interes privat' });
    const noReason = await call(
      env.core,
      'budgeting.setEligibilityCriteria',
      { campaignId: env.campaign.id, items: [{ proposalCode: 'P-002', criterion: 'general_interest', pass: false }] },
      env.coord,
    );
    expect(noReason.ok).toBe(false);
  });

  it('the CLI decides criteria one at a time or from a CSV (all or nothing, every bad row named)', async () => {
    const env = await evaluated();
    await env.core.close();
    const base = ['budgeting', 'eligibility', 'set', '--data-dir', env.dataDir, '--campaign', env.campaign.id];
    const one = await cli([...base, '--proposal', 'P-001', '--criterion', 'general_interest', '--pass']);
    expect(one).toMatchObject({ code: 0, out: 'P-001\tpending\t1/8 criteria decided' });
    const noReason = await cli([...base, '--proposal', 'P-001', '--criterion', 'clearly_located', '--fail']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--fail needs --reason');
    const dir = tempDir();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'cod;criteriu;rezultat;motiv\nP-002;Este de interes general;da;\nP-002;nu există;da;\nP-002;clearly_located;poate;\nP-002;clearly_located;nu;\n',
    );
    const refused = await cli([...base, '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err.split('\n')).toEqual([
      expect.stringContaining('rândul 3: criteriul «nu există» nu este unul dintre'),
      expect.stringContaining('rândul 4: rezultatul «poate» nu este pass/fail/undecided'),
      expect.stringContaining('rândul 5: un criteriu neîndeplinit are nevoie de motiv'),
      'pla-desk budgeting eligibility set: 3 problem(s) in bad.csv; nothing was written',
    ]);
    expect((await peek<{ eligibility: string }>(env.dataDir, "select eligibility from budgeting_proposals where code = 'P-002'"))[0].eligibility).toBe('[]');
    const unknown = path.join(dir, 'unknown.csv');
    fs.writeFileSync(unknown, 'proposal,criterion,result\nP-002,general_interest,pass\nP-404,general_interest,pass\n');
    const u = await cli([...base, '--file', unknown]);
    expect(u.code).toBe(1);
    expect(u.err).toContain('P-404 is not a proposal of this campaign');
    expect((await peek<{ eligibility: string }>(env.dataDir, "select eligibility from budgeting_proposals where code = 'P-002'"))[0].eligibility).toBe('[]');
    const all = path.join(dir, 'all.csv');
    fs.writeFileSync(all, ['proposal,criterion,result', ...['P-001', 'P-002'].flatMap((p) => CRITERIA.map((c) => `${p},${c},pass`))].join('\n'));
    const good = await cli([...base, '--file', all]);
    expect(good).toMatchObject({ code: 0, out: 'P-001\teligible\t8/8 criteria decided\nP-002\teligible\t8/8 criteria decided' });
  });

  it('results are provisional while eligibility, an evaluation or a divergence is open; --final is refused until then, and accepted after', async () => {
    const env = await evaluated();
    await env.score(0, env.a.id, 5);
    await env.score(1, env.a.id, 1); // divergent; no third evaluator is free
    await env.score(0, env.b.id, 4); // one evaluation still missing on P-002
    const res = await ok(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id }, env.coord);
    expect(res.status).toBe('provisional');
    expect(res.unfinished.map((u) => `${u.proposalCode}:${u.reason}`)).toEqual([
      'P-001:eligibility_undecided',
      'P-001:divergence_unresolved',
      'P-002:eligibility_undecided',
      'P-002:evaluation_missing',
    ]);
    const final = await call(env.core, 'budgeting.computeResults', { campaignId: env.campaign.id, final: true }, env.coord);
    expect(final.ok).toBe(false);
    if (!final.ok)
      expect(final.error.details?.issues?.[0].message).toMatch(
        /^Rezultatele nu pot fi declarate finale cât timp evaluarea nu este încheiată: P-001: eligibilitatea nu este decisă/,
      );
    const stored = await count(env.dataDir, 'budgeting_results');
    await env.core.close();

    const out = tempDir();
    const args = [
      'budgeting',
      'results',
      '--data-dir',
      env.dataDir,
      '--campaign',
      env.campaign.id,
      '--out',
      path.join(out, 'r.xlsx'),
      '--json',
      path.join(out, 'r.json'),
    ];
    const refused = await cli([...args, '--final']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('divergența dintre evaluatori nu este rezolvată');
    expect(await count(env.dataDir, 'budgeting_results')).toBe(stored);
    expect(fs.existsSync(path.join(out, 'r.xlsx'))).toBe(false);
    const provisional = await cli(args);
    expect(provisional.code).toBe(0);
    expect(provisional.out).toMatch(/^Rezultate PROVIZORII — evaluarea nu este încheiată \(4\)/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'))).toMatchObject({ status: 'provisional', results: { status: 'provisional' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'r.xlsx'));
    expect(wb.getWorksheet('Sumar')!.getRow(2).values).toEqual([
      undefined,
      'Stare',
      expect.stringMatching(/^PROVIZORIU — nu sunt rezultatele finale; evaluarea nu este încheiată: P-001/),
    ]);

    // Finish: eligibility decided, the missing evaluation in, the divergence moderated.
    const env2 = await freshCore({ now: () => NOW, dataDir: env.dataDir });
    const coord = await signIn(env2.core, 'coordinator');
    await ok(
      env2.core,
      'budgeting.setEligibilityCriteria',
      { campaignId: env.campaign.id, items: ['P-001', 'P-002'].flatMap((p) => CRITERIA.map((c) => ({ proposalCode: p, criterion: c as never, pass: true }))) },
      coord,
    );
    await ok(env2.core, 'budgeting.moderate', { proposalId: env.a.id, finalScore: 60, rationale: 'discutat în comisie', participants: 'comisia' }, coord);
    const ev2 = (await ok(env2.core, 'budgeting.listAssignments', { campaignId: env.campaign.id }, coord)).find(
      (x) => x.proposalId === env.b.id && x.status !== 'submitted',
    )!;
    expect(ev2).toBeDefined();
    const [{ username }] = await peek<{ username: string }>(env.dataDir, 'select username from users where id = ?', ev2.evaluatorId);
    const evaluator = { sessionId: null };
    expect((await env2.core.call('admin.login', { username, password: 'parola-sigura-123' }, evaluator)).ok).toBe(true);
    const mine = (await ok(env2.core, 'budgeting.myAssignments', { campaignId: env.campaign.id }, evaluator)).find((x) => x.proposalId === env.b.id)!;
    await ok(env2.core, 'budgeting.declareInterest', { assignmentId: mine.id, conflict: false }, evaluator);
    await ok(env2.core, 'budgeting.saveScores', { assignmentId: mine.id, scores: { impact: 4 }, submit: true }, evaluator);
    await env2.core.close();
    const declared = await cli([...args, '--final']);
    expect(declared.err).toBe('');
    expect(declared.out).toMatch(/^Rezultate FINALE/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'))).toMatchObject({ status: 'final', unfinished: [] });
  });
});

describe('budgeting CLI: every step scriptable, every id findable', () => {
  it('lists campaigns and proposals, writes one Pabulib file per zone, and names what a missing option value needs', async () => {
    const env = await decidimCampaign();
    // Decidim's projects export: description/ro in HTML, created_at the submission date.
    const csv =
      'id,title/ro,description/ro,scope/name/ro,created_at,budget_amount,url\n901,Parc nou,"<p>Un parc.</p><p>Cu bănci.</p>",zona 3,2026-03-02 10:00:00 UTC,100000,https://x\n';
    const imp = await ok(
      env.core,
      'budgeting.importProposals',
      { campaignId: env.campaign.id, fileName: 'projects.csv', contentBase64: Buffer.from(csv).toString('base64') },
      env.coord,
    );
    expect(imp.ignoredColumns).toEqual(['url']);
    const [p] = (await ok(env.core, 'budgeting.listProposals', { campaignId: env.campaign.id }, env.coord)).filter((x) => x.code === '901');
    expect(p).toMatchObject({ body: 'Un parc.\n\nCu bănci.', submittedOn: '2026-03-02', zoneCode: 'Z3' });
    await ok(
      env.core,
      'budgeting.importVotes',
      { campaignId: env.campaign.id, fileName: 'v.csv', contentBase64: Buffer.from(decidimVotes((z) => env.zones[z].code)).toString('base64') },
      env.coord,
    );
    await env.core.close();

    const campaigns = await cli(['budgeting', 'campaigns', '--data-dir', env.dataDir]);
    expect(campaigns.out).toBe(`${env.campaign.id}\tTimișoara Decide 2026\t—\tpb\t${env.zones.map((z) => `${z.code} «${z.name}»`).join(', ')}`);
    const proposals = await cli(['budgeting', 'proposals', 'list', '--data-dir', env.dataDir, '--campaign', env.campaign.id]);
    expect(proposals.out.split('\n')).toHaveLength(17);
    expect(proposals.out).toContain('101\tZ1\tpending\t0/0\t—\tProiect 101');

    const out = path.join(tempDir(), 'pb');
    const pb = await cli(['budgeting', 'pabulib', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--out', out]);
    expect(pb.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(env.zones.map((z) => `Timisoara_Decide_2026_${z.code}.pb`));
    expect(fs.readFileSync(path.join(out, 'Timisoara_Decide_2026_Z1.pb'), 'utf8')).toMatch(/^META[\s\S]*PROJECTS[\s\S]*VOTES/);

    for (const args of [
      ['budgeting', 'pabulib', '--data-dir', env.dataDir, '--out', out, '--campaign'],
      ['budgeting', 'pabulib', '--data-dir', env.dataDir, '--campaign', '--out', out],
      ['budgeting', 'pabulib', '--data-dir', env.dataDir, '--out', out],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('--campaign needs the campaign id; list them with `pla-desk budgeting campaigns`');
    }
    const crit = await cli(['budgeting', 'eligibility', 'set', '--data-dir', env.dataDir, '--campaign', env.campaign.id, '--proposal', '101', '--criterion']);
    expect(crit.err).toContain('--criterion needs one of the eligibility criteria: general_interest,');
  });

  it('ends quietly when the reader of its output goes away (pla-desk … | head -1)', async () => {
    const env = await decidimCampaign([{ code: 'Z1', name: 'Zona 1' }]);
    const rows = ['Cod,Titlu,Zonă', ...Array.from({ length: 4000 }, (_, i) => `Q-${i},Un titlu destul de lung pentru a umple rapid o conductă ${i},Z1`)];
    await ok(
      env.core,
      'budgeting.importProposals',
      { campaignId: env.campaign.id, fileName: 'p.csv', contentBase64: Buffer.from(rows.join('\n')).toString('base64') },
      env.coord,
    );
    await env.core.close();
    const bin = path.join(__dirname, '../../bin/pla-desk.js');
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${bin}" budgeting proposals list --data-dir "${env.dataDir}" --campaign ${env.campaign.id} | head -1`],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stdout).toBe('101\tZ1\tpending\t0/0\t—\tProiect 101\n');
    // Nothing but bin/pla-desk.js's own note when it rebuilds the command line after a change: no EPIPE, no stack.
    expect(r.stderr.replace(/^PLA Desk: building the command line.*\n/m, '')).toBe('');
    expect(r.status).toBe(0);
  }, 150_000);
});
