import ExcelJS from 'exceljs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { METHOD_NAMES, contract, type Job, type MethodName, type Role, type SaveCampaignInput } from '../../electron/contract';
import type { Connection, Core } from '../../electron/core';
import { newId } from '../../electron/core/util';
import { VISIBILITY, moduleOf } from '../../electron/core/visibility';
import { freshCore, ok, peek, poke, signIn } from './helpers';

/**
 * Each role sees only what it may (DOMAIN.md "Who sees what inside the app (roles)"): personal and internal data
 * planted in every module, then EVERY read method of the contract called as each role — including the jobs that
 * exports start and the workbooks they write — and no planted value may reach a role that may not see it. The
 * same idea as the public-site test (publishing-build.test.ts), for the inside of the app.
 */

const NOW = new Date('2026-10-01T09:00:00Z');
type Who = 'coordinator' | 'member' | 'evaluatorAssigned' | 'evaluatorOther' | 'viewer';
const WHO: Who[] = ['coordinator', 'member', 'evaluatorAssigned', 'evaluatorOther', 'viewer'];
const EDIT: Who[] = ['coordinator', 'member'];
const INSIDE: Who[] = ['coordinator', 'member', 'viewer'];

/** Planted values and who may read them (anyone else must never receive them, from any read). */
const SECRETS: Record<string, Who[]> = {
  // training: people (I), trainer (C, no consent recorded), plan line (I), certificates and assessments (I)
  'Ionescu Cursant-Secret': EDIT,
  'cursant.secret@gmail.com': EDIT,
  'CNP 1850312350011': EDIT,
  'Formator-Fara-Acord': EDIT,
  'Linie-Plan-Intern': EDIT,
  'Evaluare-Curs-Interna': EDIT,
  'CERT-NR-998877': EDIT,
  // stakeholders: a person without consent, contacts, assessments' notes, GDPR notes, interactions, take-over notes
  'Privat Persoana-FaraAcord': EDIT,
  'privat.contact@outlook.com': EDIT,
  '0722 123 456': EDIT,
  'GDPR-Nota-Interna': EDIT,
  'Nota-Partener-Interna': EDIT,
  'Interactiune-Interna': EDIT,
  'Nota-Preluare-Interna': EDIT,
  'Nota-Parteneriat-Interna': EDIT,
  // plan: responsible persons (C / I), blockers (I), a progress update's author (I), a measurement's note (I), a CNP in a note (masked)
  'Gheorghe Responsabil-Intern': EDIT,
  'Blocaj-Intern-Confidential': EDIT,
  'Autor Progres-Intern': EDIT,
  'Nota-Masurare-Interna': EDIT,
  '2901224350022': EDIT,
  // risks: the register is the editors' (a viewer gets heat-map counts only)
  'Risc-Descriere-Interna': EDIT,
  'Proprietar-Risc-Intern': EDIT,
  'Cauza-Risc-Interna': EDIT,
  'Nota-Risc-Interna': EDIT,
  'Masura-Risc-Interna': EDIT,
  'Alerta-Risc-Interna': EDIT,
  // funding: evaluation feedback and next steps (I); the application itself is P but not for evaluators
  'Feedback-Evaluare-Intern': EDIT,
  'Pas-Urmator-Intern': EDIT,
  'Aplicatie-Finantare-Publica': INSIDE,
  // datasets: the responsible person (I), a personal value inside an imported file; the inventory entry is P
  'Responsabil-Set-Intern': EDIT,
  'rand.personal@example.com': EDIT,
  'Inventar-Set-Public': INSIDE,
  // budgeting: the author without consent (C), their contact (I), an appellant (I), a draft score's comment (the
  // evaluator's own until submitted), a submitted one (editors, not the other evaluators before all submit)
  'Autor-Propunere-FaraAcord': EDIT,
  'autor.propunere@yahoo.ro': EDIT,
  'Contestatar-Persoana': EDIT,
  'Comentariu-Ciorna-EvalA': ['coordinator', 'evaluatorAssigned'],
  'Comentariu-Trimis-EvalC': EDIT,
  'Nota-Proiect-Interna': EDIT,
  'Propunere-Evaluata-Titlu': [...INSIDE, 'evaluatorAssigned'],
};

/** What each role must see somewhere (the reads are not simply all refused). */
const MUST_SEE: Record<Who, string[]> = {
  coordinator: Object.keys(SECRETS),
  member: Object.keys(SECRETS).filter((s) => SECRETS[s].includes('member')),
  evaluatorAssigned: ['Propunere-Evaluata-Titlu', 'Comentariu-Ciorna-EvalA', 'Asociația Code-Publica', 'Angajament-Public-Titlu'],
  evaluatorOther: ['Asociația Code-Publica', 'Angajament-Public-Titlu'],
  viewer: [
    'Propunere-Evaluata-Titlu',
    'Aplicatie-Finantare-Publica',
    'Inventar-Set-Public',
    'Asociația Code-Publica',
    'Angajament-Public-Titlu',
    'Raport trimis; contact CNP [date personale ascunse]',
  ],
};

/** Every method of the contract is a read or a write, by its name; a new verb fails the test until it is classified here. */
const READ_VERBS =
  /^(list|get|export|overview|dashboard|progress|assessments|openMeasures|upcomingDeadlines|overdueReviews|sessionOptions|personHistory|evaluationProgress|my|grantSummary|reportsDue|inferSchema|preview|clusterValues|indicatorRecords|status|openProposal|deliver|agenda|changes)/;
const WRITE_VERBS =
  /^(save|delete|restore|add|set|import|create|move|decide|record|update|assign|declare|moderate|enter|compute|process|review|replace|retry|cancel|publish|build|login|logout|change(?!s)|rollback|begin|append)/;
const verbOf = (m: string) => m.slice(m.lastIndexOf('.') + 1);

/** A second, writable connection: plants rows the way any screen or import could have left them. */
function writer(dataDir: string) {
  const at = '2026-01-10T10:00:00.000Z';
  const insert = async (table: string, row: Record<string, unknown>) => {
    const full = { id: newId(), created_at: at, updated_at: at, ...row };
    const cols = Object.keys(full);
    await poke(dataDir, `insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`, ...Object.values(full));
    return full.id as string;
  };
  return { run: (text: string, ...params: unknown[]) => poke(dataDir, text, ...params), insert };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

async function plant() {
  const env = await freshCore({ now: () => NOW });
  const { core, dataDir } = env;
  const coord = await signIn(core, 'coordinator');
  const member = await signIn(core, 'member');
  const evA = await signIn(core, 'evaluator');
  const evB = await signIn(core, 'evaluator');
  const evC = await signIn(core, 'evaluator');
  const viewer = await signIn(core, 'viewer');
  // The author of a progress update is a person (I).
  const authorUser = await ok(core, 'admin.saveUser', {
    username: 'autor',
    displayName: 'Autor Progres-Intern',
    role: 'member',
    password: 'parola-sigura-123',
    active: true,
  });
  const author: Connection = { sessionId: null };
  await core.call('admin.login', { username: 'autor', password: 'parola-sigura-123' }, author);
  void authorUser;

  const w = writer(dataDir);
  const action = (await peek<{ id: string }>(dataDir, `select a.id from actions a where a.deleted_at is null order by a.sort_order limit 1`))[0]!;
  // Plan
  await w.run(`update commitments set responsible_person = 'Gheorghe Responsabil-Intern', title = 'Angajament-Public-Titlu' where code = 'A1'`);
  await w.run(`update actions set responsible_person = 'Gheorghe Responsabil-Intern', blockers = 'Blocaj-Intern-Confidential'`);
  // Training
  const prog = await w.insert('training_programmes', { name: 'Guvernare deschisă', action_id: action.id });
  const session = await w.insert('training_sessions', {
    programme_id: prog,
    title: 'Sesiunea 1',
    target_group: 'civil_servants',
    trainer: 'Formator-Fara-Acord',
    start_date: '2026-03-01',
    hours: 6,
    plan_line: 'Linie-Plan-Intern',
    evidence: 'lista-prezenta.pdf',
  });
  const person = await w.insert('training_people', {
    name: 'Ionescu Cursant-Secret',
    name_key: 'ionescu cursant-secret',
    email: 'cursant.secret@gmail.com',
    email_key: 'cursant.secret@gmail.com',
    department: 'Direcția X',
    category: 'civil_servant',
    notes: 'CNP 1850312350011',
  });
  await w.insert('training_attendance', {
    session_id: session,
    person_id: person,
    hours_attended: 6,
    completed: 1,
    assessment: 'Evaluare-Curs-Interna',
    certificate_number: 'CERT-NR-998877',
  });
  // Stakeholders
  const privatePerson = await w.insert('stakeholders', {
    type: 'person',
    name: 'Privat Persoana-FaraAcord',
    sector: 'citizen',
    contacts: 'privat.contact@outlook.com, 0722 123 456',
    public: 0,
    notes: 'Nota-Partener-Interna',
  });
  const org = await w.insert('stakeholders', {
    type: 'organisation',
    name: 'Asociația Code-Publica',
    sector: 'tech_community',
    pla_role: 'partner',
    contacts: 'privat.contact@outlook.com',
    public: 1,
    gdpr_notes: 'GDPR-Nota-Interna',
    notes: 'Nota-Partener-Interna',
    power: 4,
    interest: 5,
  });
  await w.insert('stakeholder_interactions', { stakeholder_id: org, date: '2026-02-02', kind: 'meeting', summary: 'Interactiune-Interna' });
  await w.insert('stakeholder_interactions', { stakeholder_id: privatePerson, date: '2026-02-03', kind: 'meeting', summary: 'Interactiune-Interna' });
  await w.insert('stakeholder_takeovers', { stakeholder_id: privatePerson, action_id: action.id, date: '2026-02-01', note: 'Nota-Preluare-Interna' });
  await w.insert('stakeholder_raci', { stakeholder_id: privatePerson, action_id: action.id, role: 'accountable' });
  const ps = await w.insert('partnerships', {
    stakeholder_id: org,
    type: 'tech_community',
    title: 'Acord date deschise',
    start_date: '2026-01-15',
    notes: 'Nota-Parteneriat-Interna',
  });
  const doc = Buffer.from('document-parteneriat-intern');
  const sha = crypto.createHash('sha256').update(doc).digest('hex');
  fs.mkdirSync(path.join(dataDir, 'attachments', sha.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'attachments', sha.slice(0, 2), sha), doc);
  const partnershipDoc = await w.insert('attachments', { sha256: sha, file_name: 'acord.pdf', size: doc.length, entity: 'partnership', entity_id: ps });
  // Risks
  const risk = await w.insert('risks', {
    code: 'R1',
    description: 'Risc-Descriere-Interna',
    category: 'integrity',
    causes: 'Cauza-Risc-Interna',
    owner: 'Proprietar-Risc-Intern',
    inherent_probability: 4,
    inherent_impact: 5,
    inherent_exposure: 20,
    notes: 'Nota-Risc-Interna',
  });
  await w.insert('risk_measures', { risk_id: risk, description: 'Masura-Risc-Interna', owner: 'Proprietar-Risc-Intern', status: 'planned' });
  await w.insert('risk_alerts', {
    activity: 'A',
    risk: 'Alerta-Risc-Interna',
    identified_by: 'Proprietar-Risc-Intern',
    identified_date: '2026-01-01',
    probability: 2,
    impact: 2,
    exposure: 4,
  });
  // Funding
  const fcall = await w.insert('funding_calls', {
    programme: 'pnrr',
    managing_body: 'MDLPA',
    code: 'C10',
    title: 'Apel digitalizare',
    type: 'competitive',
    status: 'open',
    deadline: '2026-10-20',
    eligible_applicants: '',
    eligible_activities: '',
    priority: '',
    non_reimbursable: 1,
  });
  const application = await w.insert('funding_applications', {
    call_id: fcall,
    code: 'SMIS 1',
    title: 'Aplicatie-Finantare-Publica',
    applicant: 'Primăria Municipiului Timișoara',
    partners: '',
    requested_amount: 100_000_00,
    own_contribution: 2_000_00,
    total_amount: 102_000_00,
    status: 'submitted',
    next_step: 'Pas-Urmator-Intern',
    next_step_on: '2026-10-10',
    council_decision_no: '',
    evaluation_feedback: 'Feedback-Evaluare-Intern',
  });

  // Plan, through the app: a progress update (author and a CNP in the note) and a measurement with an internal note.
  await ok(
    core,
    'plan.addProgressUpdate',
    { actionId: action.id, date: '2026-03-02', progress: 40, note: 'Raport trimis; contact CNP 2901224350022', evidence: [] },
    author,
  );
  const indicator = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source && i.type === 'cumulative')!;
  await ok(core, 'plan.addMeasurement', { indicatorId: indicator.id, date: '2026-03-03', value: 3, note: 'Nota-Masurare-Interna', evidence: [] }, coord);

  // Datasets: an inventory entry and an import whose rows hold an e-mail address.
  const dataset = await ok(
    core,
    'datasets.save',
    {
      name: 'Inventar-Set-Public',
      slug: 'inventar-set',
      holderInstitution: 'Primăria Municipiului Timișoara',
      holderDepartment: 'Direcția de Mediu',
      description: 'Parcuri',
      legalBasis: 'Legea 24/2007',
      containsPersonalData: true,
      format: 'CSV',
      updateFrequency: 'monthly',
      publicationStatus: 'identified',
      scoreValue: 5,
      scoreDemand: 4,
      scoreReadiness: 3,
      scoreRisk: 2,
      hvdCategory: 'geospatial',
      responsiblePerson: 'Responsabil-Set-Intern',
      keywords: ['parcuri'],
      theme: 'ENVI',
      maintainer: 'Direcția de Mediu',
      maintainerEmail: 'mediu@primariatm.ro',
      spatial: 'Timișoara',
      temporalStart: null,
      temporalEnd: null,
      publicBaseUrl: 'https://data.timisoara.ro/date/inventar-set',
    },
    coord,
  );
  const imp = await ok(
    core,
    'datasets.importFile',
    {
      datasetId: dataset.id,
      fileName: 'parcuri.csv',
      contentBase64: b64('cod,denumire,email_contact\n1,Parcul Rozelor,rand.personal@example.com\n2,Parcul Central,\n'),
    },
    coord,
  );
  const processed = await core.waitForJob((await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' }, coord)).jobId);
  expect(processed.status).toBe('done');

  // Budgeting: campaign E in evaluation (blind: the author is hidden even from its evaluators), A and C assigned, B not.
  const campaignE = await ok(
    core,
    'budgeting.saveCampaign',
    { name: 'Campania Evaluare', totalBudget: 50_000_000, zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }], rubric, blindMode: true },
    coord,
  );
  const proposal = await ok(
    core,
    'budgeting.saveProposal',
    {
      campaignId: campaignE.id,
      title: 'Propunere-Evaluata-Titlu',
      body: 'Bănci și copaci',
      zoneCode: 'Z1',
      costEstimate: 10_000_000,
      authorName: 'Autor-Propunere-FaraAcord',
      authorContact: 'autor.propunere@yahoo.ro',
    },
    coord,
  );
  await ok(core, 'budgeting.assignEvaluators', { campaignId: campaignE.id, evaluatorIds: [evA.userId, evC.userId] }, coord);
  const [assignA] = await ok(core, 'budgeting.myAssignments', {}, evA);
  const [assignC] = await ok(core, 'budgeting.myAssignments', {}, evC);
  for (const [a, e] of [
    [assignA, evA],
    [assignC, evC],
  ] as const)
    await ok(core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, e);
  await ok(core, 'budgeting.saveScores', { assignmentId: assignA.id, scores: { impact: 3 }, comment: 'Comentariu-Ciorna-EvalA', submit: false }, evA);
  await ok(core, 'budgeting.saveScores', { assignmentId: assignC.id, scores: { impact: 4 }, comment: 'Comentariu-Trimis-EvalC', submit: true }, evC);
  // Campaign V: voted, results, an appeal by a person, a winner being implemented with an internal note.
  const campaignV = await ok(
    core,
    'budgeting.saveCampaign',
    { name: 'Campania Vot', totalBudget: 50_000_000, zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }], rubric, votesPerVoter: 3, population: 1000 },
    coord,
  );
  const winner = await ok(
    core,
    'budgeting.saveProposal',
    { campaignId: campaignV.id, code: 'A', title: 'Parc A', zoneCode: 'Z1', costEstimate: 30_000_000, authorName: 'Autor-Propunere-FaraAcord' },
    coord,
  );
  await ok(
    core,
    'budgeting.importVotes',
    { campaignId: campaignV.id, fileName: 'v.csv', contentBase64: b64('voter_id,proposal_id,zone,voted_at\nv1,A,Z1,\nv2,A,Z1,\n') },
    coord,
  );
  await ok(core, 'budgeting.computeResults', { campaignId: campaignV.id }, coord);
  await ok(
    core,
    'budgeting.saveAppeal',
    {
      campaignId: campaignV.id,
      proposalId: winner.id,
      appellant: 'Contestatar-Persoana',
      lodgedOn: '2026-10-02',
      deadline: '2026-10-09',
      grounds: 'Terenul este public.',
    },
    coord,
  );
  const project = await ok(core, 'budgeting.createProject', { proposalId: winner.id }, coord);
  await ok(
    core,
    'budgeting.updateProject',
    {
      id: project.id,
      expectedUpdatedAt: project.updatedAt,
      status: 'in_progress',
      progress: 10,
      planned: project.planned,
      committed: 0,
      paid: 0,
      note: 'Nota-Proiect-Interna',
    },
    coord,
  );

  const conns: Record<Who, Connection> = { coordinator: coord, member, evaluatorAssigned: evA, evaluatorOther: evB, viewer };
  const roleOf: Record<Who, Role> = {
    coordinator: 'coordinator',
    member: 'member',
    evaluatorAssigned: 'evaluator',
    evaluatorOther: 'evaluator',
    viewer: 'viewer',
  };
  const commitment = (await ok(core, 'plan.listCommitments', {})).find((c) => c.code === 'A1')!;
  const ids = {
    action: action.id,
    commitment: commitment.id,
    indicator: indicator.id,
    session,
    person,
    org,
    privatePerson,
    risk,
    fcall,
    application,
    dataset: dataset.id,
    importId: imp.id,
    campaignE: campaignE.id,
    campaignV: campaignV.id,
    proposal: proposal.id,
    project: project.id,
    assignA: assignA.id,
    partnershipDoc,
  };
  return { core, dataDir, conns, roleOf, ids };
}
type Planted = Awaited<ReturnType<typeof plant>>;

/** The input each read takes (ids of the planted rows); `{}` for the rest. A read whose `{}` is refused needs a line here. */
function inputs(ids: Planted['ids'], exportFileId: string): Partial<Record<MethodName, unknown>> {
  return {
    'plan.getCommitment': { id: ids.commitment },
    // Everything since the start of time: the planted records' changes are all in the list.
    'reports.changes': { since: '2000-01-01T00:00:00.000Z' },
    'plan.listMilestones': { actionId: ids.action },
    'plan.indicatorRecords': { id: ids.indicator },
    'plan.listMeasurements': { indicatorId: ids.indicator },
    'plan.listProgressUpdates': { actionId: ids.action },
    'plan.getActionDeleteImpact': { id: ids.action },
    'risks.get': { id: ids.risk },
    'training.getSession': { id: ids.session },
    'training.personHistory': { id: ids.person },
    'training.listAttendance': { sessionId: ids.session },
    'stakeholders.get': { id: ids.privatePerson },
    'stakeholders.listInteractions': { stakeholderId: ids.privatePerson },
    'funding.getCall': { id: ids.fcall },
    'funding.getApplication': { id: ids.application },
    'datasets.get': { id: ids.dataset },
    'datasets.getImport': { importId: ids.importId },
    'datasets.inferSchema': { importId: ids.importId, sampleRows: 10 },
    'datasets.previewSteps': { importId: ids.importId },
    'datasets.clusterValues': { importId: ids.importId, field: 'email_contact' },
    'datasets.exportPackage': { id: ids.dataset },
    'budgeting.getCampaign': { id: ids.campaignE },
    'budgeting.listProposals': { campaignId: ids.campaignE },
    'budgeting.getProposal': { id: ids.proposal },
    'budgeting.listAssignments': { campaignId: ids.campaignE },
    'budgeting.evaluationProgress': { campaignId: ids.campaignE },
    'budgeting.listConflictDeclarations': { campaignId: ids.campaignE },
    'budgeting.openProposal': { assignmentId: ids.assignA },
    'budgeting.myRubric': { assignmentId: ids.assignA },
    'budgeting.listEvaluations': { proposalId: ids.proposal },
    'budgeting.exportWorkbooks': { campaignId: ids.campaignE },
    'budgeting.listPaperBatches': { campaignId: ids.campaignV },
    'budgeting.getResults': { campaignId: ids.campaignV },
    'budgeting.exportResults': { campaignId: ids.campaignV },
    'budgeting.exportPabulib': { campaignId: ids.campaignV },
    'budgeting.listAppeals': { campaignId: ids.campaignV },
    'budgeting.listProjects': { campaignId: ids.campaignV },
    'budgeting.getProject': { id: ids.project },
    'budgeting.grantSummary': { campaignId: ids.campaignV },
    'budgeting.exportAccountability': { campaignId: ids.campaignV },
    'publishing.previewPublication': { targetId: ids.campaignV },
    'publishing.listReleases': { targetId: ids.campaignV },
    'jobs.get': { id: ids.campaignV },
    'files.deliver': { kind: 'export', id: exportFileId },
  };
}

/** Reads a coordinator may be refused, and why (so every other read must succeed for the coordinator). */
const EXPECTED_FOR_COORDINATOR: Partial<Record<MethodName, string>> = {
  'budgeting.myAssignments': 'FORBIDDEN', // evaluators' own screen
  'budgeting.openProposal': 'FORBIDDEN',
  'budgeting.myRubric': 'FORBIDDEN',
  'budgeting.grantSummary': 'VALIDATION', // a PB campaign is not a grant call
  'publishing.previewPublication': 'VALIDATION', // no site built yet
  'publishing.listReleases': 'NOT_FOUND', // no publishing target
  'jobs.get': 'NOT_FOUND', // read below with each role's own job
};

/** Every text inside an .xlsx (cells of every sheet). */
async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(cell.text))));
  return out.join('\n');
}

const filesRead: Record<string, number> = {};

/** What a successful read hands the caller: the value, and for a job its result and every file it wrote. */
async function seen(core: Core, dataDir: string, conn: Connection, value: unknown): Promise<string> {
  const parts = [JSON.stringify(value)];
  const jobId = (value as { jobId?: string } | null)?.jobId;
  if (jobId) {
    await core.waitForJob(jobId);
    const r = await core.call('jobs.get', { id: jobId }, conn);
    if (r.ok) {
      const job = r.value as Job;
      parts.push(JSON.stringify(job));
      const result = job.result as { fileId?: string; files?: Array<{ fileId: string }>; folder?: string } | null;
      const fileIds = [result?.fileId, ...(result?.files ?? []).map((f) => f.fileId)].filter((x): x is string => !!x);
      for (const id of fileIds) {
        const f = await core.resolveFile('export', id, conn);
        if (f) {
          parts.push(await xlsxText(f.path!));
          filesRead[conn.sessionId ?? ''] = (filesRead[conn.sessionId ?? ''] ?? 0) + 1;
        }
      }
      if (result?.folder) for (const name of fs.readdirSync(result.folder)) parts.push(fs.readFileSync(path.join(result.folder, name), 'utf8'));
    }
  }
  void dataDir;
  return parts.join('\n');
}

describe('each role sees only what it may', () => {
  test('every method of the contract is classified as a read or a write, and modules a role sees nothing of are closed to it in the contract', () => {
    const unclassified = METHOD_NAMES.filter((m) => READ_VERBS.test(verbOf(m)) === WRITE_VERBS.test(verbOf(m)));
    expect(unclassified, 'classify these methods as READ_VERBS or WRITE_VERBS').toEqual([]);
    for (const m of METHOD_NAMES) {
      const access = contract[m].access;
      if (access === 'public') continue;
      for (const role of access) if (VISIBILITY[moduleOf(m)][role] === 'none') expect.fail(`${m} is open to ${role}, who sees nothing of ${moduleOf(m)}`);
    }
  });

  test('planted personal and internal data reaches, through every read (lists, details, reports, exports, job results, files), only the roles that may see it', async () => {
    const env = await plant();
    const { core, dataDir, conns, ids } = env;
    const reads = METHOD_NAMES.filter((m) => READ_VERBS.test(verbOf(m)));
    expect(reads.length).toBeGreaterThan(80);

    // A finished export of the coordinator's, to try downloading as every role.
    const coordExport = await core.waitForJob((await ok(core, 'stakeholders.exportExcel', {}, conns.coordinator)).jobId);
    const exportFileId = (coordExport.result as { fileId: string }).fileId;
    const input = inputs(ids, exportFileId);

    const leaks: string[] = [];
    const wrongInputs: string[] = [];
    const gathered: Record<Who, string[]> = { coordinator: [], member: [], evaluatorAssigned: [], evaluatorOther: [], viewer: [] };
    for (const who of WHO) {
      const conn = conns[who];
      for (const m of reads) {
        const r = await core.call(m, input[m] ?? {}, conn);
        if (!r.ok) {
          if (r.error.code === 'VALIDATION' && !EXPECTED_FOR_COORDINATOR[m]) wrongInputs.push(`${m} as ${who}: ${r.error.message}`);
          if (who === 'coordinator' && EXPECTED_FOR_COORDINATOR[m] !== r.error.code)
            wrongInputs.push(`${m} as coordinator: ${r.error.code} ${r.error.message}`);
          continue;
        }
        const text = await seen(core, dataDir, conn, r.value);
        gathered[who].push(text);
        for (const [secret, may] of Object.entries(SECRETS))
          if (!may.includes(who) && text.includes(secret)) leaks.push(`${who} read "${secret}" through ${m}`);
      }
      // Files: the coordinator's export and a partnership's document (internal) are not other roles' to download.
      for (const [kind, id] of [
        ['export', exportFileId],
        ['attachment', ids.partnershipDoc],
      ] as const) {
        const f = await core.resolveFile(kind, id, conn);
        if (f) {
          const text = kind === 'export' ? await xlsxText(f.path!) : Buffer.concat(await f.open().toArray()).toString('utf8');
          gathered[who].push(text);
          for (const [secret, may] of Object.entries(SECRETS))
            if (!may.includes(who) && text.includes(secret)) leaks.push(`${who} read "${secret}" through file ${kind}`);
          if (kind === 'attachment' && !EDIT.includes(who)) leaks.push(`${who} downloaded a partnership's internal document`);
        }
      }
    }
    expect(wrongInputs, 'reads that did not run with the planted ids').toEqual([]);
    // The coordinator's exports were read back: the plan, five registries, the inventory, two reports, results, workbooks.
    expect(filesRead[conns.coordinator.sessionId ?? '']).toBeGreaterThanOrEqual(10);
    expect(leaks).toEqual([]);
    for (const who of WHO) {
      const all = gathered[who].join('\n');
      const missing = MUST_SEE[who].filter((s) => !all.includes(s));
      expect(missing, `${who} should see these somewhere`).toEqual([]);
    }
  }, 120_000);

  test('a viewer and an evaluator are refused what they see nothing of, before any export job starts', async () => {
    const { core } = await freshCore({ now: () => NOW });
    const viewer = await signIn(core, 'viewer');
    const evaluator = await signIn(core, 'evaluator');
    for (const [conn, m] of [
      [viewer, 'risks.list'],
      [viewer, 'training.listPeople'],
      [viewer, 'plan.exportExcel'],
      [viewer, 'reports.progress'],
      [evaluator, 'funding.listApplications'],
      [evaluator, 'training.listSessions'],
      [evaluator, 'risks.overview'],
      [evaluator, 'datasets.list'],
    ] as const) {
      const r = await core.call(m, {}, conn);
      expect(r.ok, m).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
  });
});
