import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentPath } from '../../db/attachment-store';
import { openDatabase, openPostgres, type StoreLocation } from '../../db/connection';
import { attachmentFigures, hasData, tableFigures } from '../../db/copy';
import { databaseStore } from '../../db/attachment-store';
import { copyStore } from '../../db/transfer';
import type { Job, MethodName, SaveCampaignInput } from '../../electron/contract';
import { createCore, dbPath, headlessPlatform, type Core } from '../../electron/core';
import { newId } from '../../electron/core/util';
import { freshCore, ok, peek, tempDir } from './helpers';
import { freshPostgresStore, locationArg, postgresTier } from './postgres-stores';

/**
 * Team mode's move (issue 13): a coordinator copies a single-PC data folder into PostgreSQL and back. The round
 * trip SQLite → PostgreSQL → SQLite gives the same exports of every module, the same audit log and the same
 * evidence files; the PostgreSQL store in the middle has the same rows and checksum per table. Runs on a real
 * server when PLA_DESK_TEST_POSTGRES is set, else on PGlite.
 */

const NOW = new Date('2026-10-01T09:00:00Z');
const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const rubric: SaveCampaignInput['rubric'] = {
  criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }],
  overallMinimum: null,
};

/** A data folder with rows in every module, evidence files (one of several chunks, one shared by two records). */
async function plantedFolder() {
  const { core, dataDir } = await freshCore({ now: () => NOW });
  const big = crypto.randomBytes(600_000); // three chunks of attachment_blobs
  const small = Buffer.from('Listă de prezență – sesiunea 1, Timișoara');
  const indicator = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source && i.type === 'cumulative')!;
  const actions = await ok(core, 'plan.listActions', {});
  await ok(core, 'plan.addMeasurement', {
    indicatorId: indicator.id,
    date: '2026-03-03',
    value: 3,
    note: 'Măsurare',
    evidence: [
      { fileName: 'poze.bin', mimeType: 'application/octet-stream', contentBase64: b64(big) },
      { fileName: 'prezenta.txt', mimeType: 'text/plain', contentBase64: b64(small) },
    ],
  });
  await ok(core, 'plan.addProgressUpdate', {
    actionId: actions[0].id,
    date: '2026-03-02',
    progress: 40,
    note: 'Raport trimis',
    evidence: [{ fileName: 'aceeași.txt', mimeType: 'text/plain', contentBase64: b64(small) }],
  });
  await ok(core, 'risks.save', {
    area: 'Direcția Comunicare',
    objective: 'Metodologia (A4.2)',
    description: 'Întârzieri în publicarea datelor',
    category: 'operational',
    causes: 'resurse',
    consequences: 'încredere',
    owner: 'Ana Pop',
    inherentProbability: 3,
    inherentImpact: 4,
  });

  const w = new BetterSqlite3(dbPath(dataDir));
  const at = '2026-01-10T10:00:00.000Z';
  const insert = (table: string, row: Record<string, unknown>) => {
    const full = { id: newId(), created_at: at, updated_at: at, ...row };
    w.prepare(
      `insert into ${table} (${Object.keys(full).join(', ')}) values (${Object.keys(full)
        .map(() => '?')
        .join(', ')})`,
    ).run(...Object.values(full));
    return full.id;
  };
  const prog = insert('training_programmes', { name: 'Guvernare deschisă', action_id: actions[0].id });
  const session = insert('training_sessions', {
    programme_id: prog,
    title: 'Sesiunea 1',
    target_group: 'civil_servants',
    trainer: 'Formator',
    start_date: '2026-03-01',
    hours: 6,
    plan_line: '',
    evidence: '',
  });
  const person = insert('training_people', {
    name: 'Ionescu Ștefan',
    name_key: 'ionescu stefan',
    email: 'stefan@example.ro',
    email_key: 'stefan@example.ro',
    department: 'Direcția X',
    category: 'civil_servant',
  });
  insert('training_attendance', { session_id: session, person_id: person, hours_attended: 6, completed: 1 });
  const org = insert('stakeholders', {
    type: 'organisation',
    name: 'Asociația Țesătura',
    sector: 'tech_community',
    pla_role: 'partner',
    contacts: '',
    public: 1,
    power: 4,
    interest: 5,
  });
  insert('stakeholder_interactions', { stakeholder_id: org, date: '2026-02-02', kind: 'meeting', summary: 'Întâlnire' });
  insert('stakeholder_raci', { stakeholder_id: org, action_id: actions[1].id, role: 'accountable' });
  const fcall = insert('funding_calls', {
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
  insert('funding_applications', {
    call_id: fcall,
    code: 'SMIS 1',
    title: 'Aplicație',
    applicant: 'Primăria Municipiului Timișoara',
    partners: '',
    requested_amount: 100_000_00,
    own_contribution: 2_000_00,
    total_amount: 102_000_00,
    status: 'submitted',
    next_step: '',
    council_decision_no: '',
    evaluation_feedback: '',
  });
  w.close();

  const dataset = await ok(core, 'datasets.save', {
    name: 'Parcuri',
    slug: 'parcuri',
    holderInstitution: 'Primăria Municipiului Timișoara',
    holderDepartment: 'Direcția de Mediu',
    description: 'Parcuri',
    legalBasis: 'Legea 24/2007',
    containsPersonalData: false,
    format: 'CSV',
    updateFrequency: 'monthly',
    publicationStatus: 'identified',
    scoreValue: 5,
    scoreDemand: 4,
    scoreReadiness: 3,
    scoreRisk: 2,
    hvdCategory: 'geospatial',
    responsiblePerson: 'Ana',
    keywords: ['parcuri'],
    theme: 'ENVI',
    maintainer: 'Direcția de Mediu',
    maintainerEmail: 'mediu@primariatm.ro',
    spatial: 'Timișoara',
    temporalStart: null,
    temporalEnd: null,
    publicBaseUrl: 'https://data.timisoara.ro/date/parcuri',
  });
  const imp = await ok(core, 'datasets.importFile', {
    datasetId: dataset.id,
    fileName: 'parcuri.csv',
    contentBase64: b64('cod,denumire\n1,Parcul Rozelor\n2,Parcul Central\n'),
  });
  expect((await core.waitForJob((await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' })).jobId)).status).toBe('done');

  const campaign = await ok(core, 'budgeting.saveCampaign', {
    name: 'Bugetare participativă 2026',
    totalBudget: 50_000_000,
    zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
    rubric,
    votesPerVoter: 3,
    population: 1000,
  });
  await ok(core, 'budgeting.saveProposal', {
    campaignId: campaign.id,
    code: 'A',
    title: 'Parc A',
    zoneCode: 'Z1',
    costEstimate: 30_000_000,
    authorName: 'Autor',
  });
  await ok(core, 'budgeting.saveProposal', {
    campaignId: campaign.id,
    code: 'B',
    title: 'Pistă B',
    zoneCode: 'Z1',
    costEstimate: 25_000_000,
    authorName: 'Autor',
  });
  await ok(core, 'budgeting.importVotes', {
    campaignId: campaign.id,
    fileName: 'v.csv',
    contentBase64: b64('voter_id,proposal_id,zone,voted_at\nv1,A,Z1,\nv2,A,Z1,\nv3,B,Z1,\n'),
  });
  await ok(core, 'budgeting.computeResults', { campaignId: campaign.id });
  await core.close();
  return { dataDir, ids: { dataset: dataset.id, campaign: campaign.id }, files: [sha(big), sha(small)].sort() };
}

const sqliteFigures = async (dir: string) => {
  const c = openDatabase(dbPath(dir), { readonly: true, fileMustExist: true });
  try {
    return await tableFigures(c.db);
  } finally {
    await c.close();
  }
};

async function postgresFigures(loc: StoreLocation) {
  const c = await openPostgres(loc as Exclude<StoreLocation, { engine: 'sqlite' }>);
  try {
    return { tables: await tableFigures(c.db), attachments: await attachmentFigures(c.db, databaseStore), hasData: await hasData(c.db) };
  } finally {
    await c.close();
  }
}

/** Every cell of a workbook as text, sheet by sheet. */
async function cells(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row, r) => row.eachCell((cell, c) => out.push(`${ws.name}!${r}:${c}=${JSON.stringify(cell.value)}`))));
  return out;
}

/** What every module exports from a store (the same jobs the app and the CLI run). */
async function exportsOf(dataDir: string, ids: { dataset: string; campaign: string }) {
  const { core } = await freshCore({ dataDir, now: () => NOW });
  const run = async (method: MethodName, input: unknown) => {
    const { jobId } = (await ok(core as Core, method as 'plan.exportExcel', input as Record<string, never>)) as { jobId: string };
    const job: Job = await core.waitForJob(jobId);
    expect(job.status, `${method}: ${JSON.stringify(job.error)}`).toBe('done');
    return job.result as { fileId?: string; folder?: string };
  };
  const out: Record<string, unknown> = {};
  for (const m of [
    'plan.exportExcel',
    'risks.exportExcel',
    'training.exportExcel',
    'stakeholders.exportExcel',
    'funding.exportExcel',
    'reports.exportExcel',
    'datasets.exportInventory',
  ] as const) {
    const r = await run(m, {});
    out[m] = await cells(path.join(dataDir, 'exports', `${r.fileId}.xlsx`));
  }
  out['budgeting.exportResults'] = await cells(
    path.join(dataDir, 'exports', `${(await run('budgeting.exportResults', { campaignId: ids.campaign })).fileId}.xlsx`),
  );
  out['budgeting.getResults'] = await ok(core, 'budgeting.getResults', { campaignId: ids.campaign });
  const pkg = await run('datasets.exportPackage', { id: ids.dataset, withBom: true });
  out['datasets.exportPackage'] = Object.fromEntries(
    fs
      .readdirSync(pkg.folder!)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(pkg.folder!, f), 'utf8')]),
  );
  out['admin.listAudit'] = await ok(core, 'admin.listAudit', {});
  await core.close();
  return out;
}

const evidenceOf = (dir: string, shas: string[]) => shas.map((s) => sha(fs.readFileSync(attachmentPath(dir, s))));

describe(`db copy across engines (${postgresTier})`, () => {
  it('SQLite → PostgreSQL → SQLite: the same tables and checksums on every side, the same exports of every module, audit log and evidence files', async () => {
    const { dataDir: a, ids, files } = await plantedFolder();
    const pgStore = await freshPostgresStore();
    const there = await copyStore({ from: { engine: 'sqlite', dir: a }, to: pgStore });
    expect(there.target).toEqual(there.source);
    expect(there.attachments.target).toEqual(there.attachments.source);
    expect(there.attachments.source.files).toBe(2); // the same content twice is one file
    const inPg = await postgresFigures(pgStore);
    expect(inPg.tables).toEqual(await sqliteFigures(a));
    expect(inPg.attachments).toEqual(there.attachments.source);

    const c = path.join(tempDir(), 'inapoi');
    const back = await copyStore({ from: pgStore, to: { engine: 'sqlite', dir: c } });
    expect(back.source).toEqual(there.source);
    expect(back.target).toEqual(there.source);
    expect(await sqliteFigures(c)).toEqual(await sqliteFigures(a));
    expect(await peek(c, 'select * from audit_log order by id')).toEqual(await peek(a, 'select * from audit_log order by id'));
    expect(evidenceOf(c, files)).toEqual(files);
    expect(await peek(c, 'select count(*) as n from attachment_blobs')).toEqual([{ n: 0 }]); // a data folder keeps its files on disk

    const before = await exportsOf(a, ids);
    const after = await exportsOf(c, ids);
    for (const k of Object.keys(before)) expect(after[k], k).toEqual(before[k]);
    expect((before['risks.exportExcel'] as string[]).some((s) => s.includes('Întârzieri în publicarea datelor'))).toBe(true);
  }, 180_000);

  it('a dataset copied into PostgreSQL is found by core there: its package exports identically and it cleans again, with no file in the work folder', async () => {
    const { core, dataDir: a } = await freshCore({ now: () => NOW });
    const dataset = await ok(core, 'datasets.save', {
      name: 'Parcuri',
      slug: 'parcuri',
      holderInstitution: 'Primăria Municipiului Timișoara',
      holderDepartment: 'Direcția de Mediu',
      description: 'Parcuri',
      legalBasis: 'Legea 24/2007',
      containsPersonalData: false,
      format: 'CSV',
      updateFrequency: 'monthly',
      publicationStatus: 'identified',
      scoreValue: 5,
      scoreDemand: 4,
      scoreReadiness: 3,
      scoreRisk: 2,
      hvdCategory: 'geospatial',
      responsiblePerson: 'Ana',
      keywords: ['parcuri'],
      theme: 'ENVI',
      maintainer: 'Direcția de Mediu',
      maintainerEmail: 'mediu@primariatm.ro',
      spatial: 'Timișoara',
      temporalStart: null,
      temporalEnd: null,
      publicBaseUrl: 'https://data.timisoara.ro/date/parcuri',
    });
    const imp = await ok(core, 'datasets.importFile', {
      datasetId: dataset.id,
      fileName: 'parcuri.csv',
      contentBase64: b64('cod,denumire\n1,Parcul Rozelor\n2,Parcul Central\n'),
    });
    expect((await core.waitForJob((await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' })).jobId)).status).toBe('done');
    const packageOf = async (c: Core) => {
      const job = await c.waitForJob((await ok(c, 'datasets.exportPackage', { id: dataset.id, withBom: true })).jobId);
      expect(job.status, JSON.stringify(job.error)).toBe('done');
      const folder = (job.result as { folder: string }).folder;
      return Object.fromEntries(
        fs
          .readdirSync(folder)
          .sort()
          .map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]),
      );
    };
    const before = await packageOf(core);
    await core.close();

    const pgStore = await freshPostgresStore();
    await copyStore({ from: { engine: 'sqlite', dir: a }, to: pgStore });
    const work = tempDir(); // the team server's work folder: empty, the dataset's files are in the database
    const server = await createCore({ dataDir: work, platform: headlessPlatform('browser'), now: () => NOW, database: locationArg(pgStore) });
    try {
      expect(await packageOf(server)).toEqual(before);
      const again = await server.waitForJob((await ok(server, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' })).jobId);
      expect(again.status, JSON.stringify(again.error)).toBe('done');
      expect(await packageOf(server)).toEqual(before);
      const imports = path.join(work, 'datasets', dataset.id, 'imports');
      const inFolder = fs.existsSync(imports)
        ? (fs.readdirSync(imports, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile())
        : [];
      expect(inFolder).toEqual([]);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('refuses a PostgreSQL store that holds data unless forced; a copy that fails half-way leaves it as it was', async () => {
    const { dataDir: a } = await plantedFolder();
    const pgStore = await freshPostgresStore();
    // Half-way: plans and everything before it were written, then the copy failed: nothing stays.
    await expect(copyStore({ from: { engine: 'sqlite', dir: a }, to: pgStore, failAfterTable: 'plans' })).rejects.toThrow(/stopped after plans/);
    expect((await postgresFigures(pgStore)).hasData).toBe(false);

    await copyStore({ from: { engine: 'sqlite', dir: a }, to: pgStore });
    const full = await postgresFigures(pgStore);
    const { dataDir: other, core } = await freshCore();
    await core.close();
    await expect(copyStore({ from: { engine: 'sqlite', dir: other }, to: pgStore })).rejects.toThrow(
      /already holds a PLA Desk database with data; add --force/,
    );
    await expect(copyStore({ from: { engine: 'sqlite', dir: other }, to: pgStore, force: true, failAfterTable: 'actions' })).rejects.toThrow(
      /stopped after actions/,
    );
    expect(await postgresFigures(pgStore)).toEqual(full);
    const forced = await copyStore({ from: { engine: 'sqlite', dir: other }, to: pgStore, force: true });
    expect((await postgresFigures(pgStore)).tables).toEqual(forced.source);
    expect((await postgresFigures(pgStore)).attachments.files).toBe(0);
  }, 180_000);

  it('backup is one file that restores into either store: folder → file → PostgreSQL → file → folder', async () => {
    const { dataDir: a, files } = await plantedFolder();
    const root = tempDir();
    const file1 = path.join(root, 'copie-1.db');
    const b1 = cli(['backup', '--data-dir', a, '--out', file1]);
    expect(b1.code, b1.err).toBe(0);
    expect(b1.out).toMatch(/integrity ok; 2 evidence files, \d+ bytes, inside/);
    expect(fs.readdirSync(root)).toEqual(['copie-1.db']); // one file, nothing beside it

    const pgStore = await freshPostgresStore();
    const r1 = cli(['restore', '--database', locationArg(pgStore), '--from', file1]);
    expect(r1.code, r1.err).toBe(0);
    expect(r1.out).toMatch(/every table matches/);
    expect((await postgresFigures(pgStore)).tables).toEqual(await sqliteFigures(a));

    const file2 = path.join(root, 'copie-2.db');
    const b2 = cli(['backup', '--database', locationArg(pgStore), '--out', file2]);
    expect(b2.code, b2.err).toBe(0);
    // Restoring into PostgreSQL again keeps what was there first, beside the backup.
    const again = cli(['restore', '--database', locationArg(pgStore), '--from', file2]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/Current database kept as .*before-restore-/);

    const c = path.join(root, 'date');
    const r2 = cli(['restore', '--data-dir', c, '--from', file2]);
    expect(r2.code, r2.err).toBe(0);
    expect(await sqliteFigures(c)).toEqual(await sqliteFigures(a));
    expect(evidenceOf(c, files)).toEqual(files);
    expect(await peek(c, 'select * from audit_log order by id')).toEqual(await peek(a, 'select * from audit_log order by id'));
  }, 240_000);

  it('from the command line: into PostgreSQL and back, with figures for both sides; a bad backup is refused before PostgreSQL is touched', async () => {
    const { dataDir: a } = await plantedFolder();
    const pgStore = await freshPostgresStore();
    const to = cli(['db', 'copy', '--from', `sqlite:${a}`, '--to', locationArg(pgStore)]);
    expect(to.code, to.err).toBe(0);
    expect(to.out).toMatch(/audit_log\s+\d+\s+([0-9a-f]{16})\s+\d+\s+\1\s+ok/);
    expect(to.out).toMatch(/\(evidence files\)\s+2\s+([0-9a-f]{16})\s+2\s+\1\s+ok/);
    const again = cli(['db', 'copy', '--from', `sqlite:${a}`, '--to', locationArg(pgStore)]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/add --force/);
    const bad = path.join(tempDir(), 'nu.db');
    fs.writeFileSync(bad, 'nu este o bază de date');
    const before = await postgresFigures(pgStore);
    const r = cli(['restore', '--database', locationArg(pgStore), '--from', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused: the backup is not usable/);
    expect(await postgresFigures(pgStore)).toEqual(before);
  }, 180_000);
});
