import BetterSqlite3 from 'better-sqlite3';
import crypto from 'node:crypto';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';

/** Run as `node --import tsx tests/e2e/publishing-fixture.ts DATA_DIR` by publishing.spec.ts before the server starts. */

const SYSTEM = { sessionId: null, system: true };

/** Records in every module the site shows, entered through core as the screens and imports would. */
async function prepare(dir: string) {
  const core = await createCore({ dataDir: dir, platform: headlessPlatform('cli') });
  const call = async (m: string, input: unknown) => {
    const r = await core.call(m, input, SYSTEM);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as Record<string, unknown> & { id: string; updatedAt: string };
  };
  try {
    // Participatory budgeting with counted votes.
    const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
    const campaign = await call('budgeting.saveCampaign', {
      name: 'Timișoara Decide 2026',
      totalBudget: 100_000_000,
      zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
      rubric,
      votesPerVoter: 2,
      population: 1000,
      winnerRule: 'greedy',
    });
    for (const [code, title, lei] of [
      ['A', 'Parc de buzunar în Cetate', 300_000],
      ['B', '<script>alert(1)</script>', 250_000],
      ['C', 'Bănci și umbrare', 150_000],
    ] as const)
      await call('budgeting.saveProposal', { campaignId: campaign.id, code, title, zoneCode: 'Z1', costEstimate: lei * 100 });
    const votes = ['voter_id,proposal_id,zone,voted_at', 'v1,A,Z1,', 'v1,B,Z1,', 'v2,A,Z1,', 'v2,B,Z1,', 'v3,A,Z1,', 'v3,C,Z1,'].join('\n');
    await call('budgeting.importVotes', { campaignId: campaign.id, fileName: 'v.csv', contentBase64: Buffer.from(votes).toString('base64') });
    // The evaluation finished (every criterion passed, final scores as the evaluation records them), results declared
    // final: the site publishes only final results.
    const criteria = [
      'general_interest',
      'city_competence_public_space',
      'not_covered_elsewhere',
      'no_conflict_with_plans',
      'not_commercial_political',
      'no_significant_running_costs',
      'clearly_located',
      'within_project_cap',
    ];
    await call('budgeting.setEligibilityCriteria', {
      campaignId: campaign.id,
      items: ['A', 'B', 'C'].flatMap((proposalCode) => criteria.map((criterion) => ({ proposalCode, criterion, pass: true }))),
    });
    const scores = new BetterSqlite3(dbPath(dir));
    scores.prepare("update budgeting_proposals set final_score = 80, final_method = 'average' where campaign_id = ?").run(campaign.id);
    scores.close();
    await call('budgeting.computeResults', { campaignId: campaign.id, final: true });
    // An open dataset ready for publication.
    const datasetInput = {
      name: 'Parcuri și grădini',
      slug: 'parcuri',
      holderInstitution: 'Primăria Municipiului Timișoara',
      holderDepartment: 'Direcția de Mediu',
      description: 'Inventarul parcurilor și grădinilor publice.',
      legalBasis: '',
      containsPersonalData: false,
      format: 'CSV',
      updateFrequency: 'annual',
      publicationStatus: 'identified',
      scoreValue: 5,
      scoreDemand: 4,
      scoreReadiness: 3,
      scoreRisk: 2,
      hvdCategory: 'geospatial',
      responsiblePerson: '',
      keywords: ['parcuri'],
      theme: 'ENVI',
      maintainer: '',
      maintainerEmail: 'mediu@primariatm.example',
      spatial: 'Timișoara',
      temporalStart: null,
      temporalEnd: null,
      publicBaseUrl: '',
    };
    const d0 = await call('datasets.save', datasetInput);
    const imp = await call('datasets.importFile', {
      datasetId: d0.id,
      fileName: 'parcuri.csv',
      contentBase64: Buffer.from('cod,denumire\n1,Parcul Rozelor\n2,Parcul Botanic\n').toString('base64'),
    });
    const { jobId } = (await call('datasets.processImport', { importId: imp.id, encoding: 'utf-8' })) as unknown as { jobId: string };
    await core.waitForJob(jobId);
    const cur = await call('datasets.get', { id: d0.id });
    await call('datasets.save', { ...datasetInput, id: d0.id, expectedUpdatedAt: cur.updatedAt, publicationStatus: 'ready' });
  } finally {
    await core.close();
  }
  // Registries: a public organisation with a partnership, funding obtained, a training session with attendance, a risk.
  const db = new BetterSqlite3(dbPath(dir));
  const at = '2026-01-10T10:00:00.000Z';
  const insert = (table: string, row: Record<string, unknown>) => {
    const full = { id: crypto.randomUUID(), created_at: at, updated_at: at, ...row };
    db.prepare(
      `insert into ${table} (${Object.keys(full).join(', ')}) values (${Object.keys(full)
        .map(() => '?')
        .join(', ')})`,
    ).run(...Object.values(full));
    return full.id;
  };
  const action = (db.prepare(`select id from actions order by sort_order limit 1`).get() as { id: string }).id;
  const org = insert('stakeholders', { type: 'organisation', name: 'Asociația Code for Timișoara', sector: 'tech_community', pla_role: 'partner', public: 1 });
  insert('partnerships', { stakeholder_id: org, type: 'tech_community', title: 'Acord de colaborare date deschise', start_date: '2026-01-15' });
  const callId = insert('funding_calls', {
    programme: 'pnrr',
    managing_body: 'MDLPA',
    code: 'C10',
    title: 'Apel digitalizare',
    type: 'competitive',
    status: 'closed',
    eligible_applicants: '',
    eligible_activities: '',
    priority: '',
    non_reimbursable: 1,
  });
  insert('funding_applications', {
    call_id: callId,
    code: 'SMIS 1',
    title: 'Platforma date deschise',
    applicant: 'Primăria Municipiului Timișoara',
    partners: '',
    requested_amount: 10_000_000,
    own_contribution: 200_000,
    total_amount: 10_200_000,
    status: 'contracted',
    next_step: '',
    council_decision_no: '',
    evaluation_feedback: '',
  });
  const prog = insert('training_programmes', { name: 'Guvernare deschisă', action_id: action });
  const sess = insert('training_sessions', { programme_id: prog, title: 'Sesiunea 1', target_group: 'civil_servants', start_date: '2026-03-01', hours: 6 });
  const person = insert('training_people', { name: 'Ana Cursant', name_key: 'ana cursant', category: 'civil_servant' });
  insert('training_attendance', { session_id: sess, person_id: person, hours_attended: 6, completed: 1 });
  insert('risks', { code: 'R1', description: 'Întârzieri', category: 'operational', inherent_probability: 3, inherent_impact: 4, inherent_exposure: 12 });
  db.close();
}

await prepare(process.argv[2]);
