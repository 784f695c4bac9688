import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { figureNumFmt, roundFigure } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { NUM_FMT, RAG_STYLES } from '../../electron/core/excel';
import { ASSESSMENT_SHEETS } from '../../electron/core/reports/assessments-excel';
import { SUMMARY_SHEET, TRAINING_SHEET } from '../../electron/core/reports/pack';
import { call, freshCore, ok, signIn, snapshot, tempDir, type SYSTEM } from './helpers';

/**
 * The coordinator's report pack, the OGP Local assessments and the progress report, on the seed plan with
 * records in every registry, read back cell by cell.
 */

const NOW = new Date('2023-06-15T09:00:00Z');
type Conn = typeof SYSTEM;

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const { core } = env;
  const coord = await signIn(core, 'coordinator');
  const actions = await ok(core, 'plan.listActions', {}, coord);
  const byCode = (c: string) => actions.find((a) => a.code === c)!;
  const commitments = await ok(core, 'plan.listCommitments', {}, coord);
  const a1 = commitments.find((c) => c.code === 'A1')!;

  // A1: two actions updated (one done, one halfway, with an evidence file), the assessment recorded.
  await ok(
    core,
    'plan.addProgressUpdate',
    { actionId: byCode('A1.1').id, date: '2023-05-20', progress: 100, status: 'done', note: 'Strategia a fost aprobată' },
    coord,
  );
  const evidence = Buffer.from('Proces-verbal al dezbaterii publice').toString('base64');
  await ok(
    core,
    'plan.addProgressUpdate',
    {
      actionId: byCode('A1.3').id,
      date: '2023-06-01',
      progress: 50,
      status: 'in_progress',
      note: 'Grupuri de lucru constituite',
      evidence: [{ fileName: 'proces-verbal-grupuri.pdf', contentBase64: evidence }],
    },
    coord,
  );
  await ok(
    core,
    'plan.setAssessment',
    {
      id: a1.id,
      expectedUpdatedAt: (await ok(core, 'plan.getCommitment', { id: a1.id }, coord)).updatedAt,
      completion: 'substantial',
      openedGovernment: { civic_participation: 'major' },
      factors: 'Sprijinul ONG-urilor partenere; întârzieri la achiziții.',
      lessons: 'Consultările timpurii scurtează aprobarea.',
    },
    coord,
  );

  // Training: Ana completes two sessions of the same programme and one of another; Ion completes one.
  const p1 = await ok(core, 'training.saveProgramme', { name: 'Comunicarea cu cetățeanul', actionId: byCode('A1.2').id }, coord);
  const p2 = await ok(core, 'training.saveProgramme', { name: 'Guvernare deschisă', actionId: byCode('A4.3').id }, coord);
  const session = (programmeId: string, title: string, startDate: string, cost: number) =>
    ok(core, 'training.saveSession', { programmeId, title, targetGroup: 'civil_servants', startDate, hours: 8, cost }, coord);
  const s1 = await session(p1.id, 'Grupa 1', '2023-03-10', 150_000);
  const s2 = await session(p1.id, 'Grupa 2', '2023-04-10', 125_050);
  const s3 = await session(p2.id, 'Modul 1', '2023-05-10', 0);
  const ana = await ok(core, 'training.savePerson', { name: 'Ana Popescu', category: 'civil_servant' }, coord);
  const ion = await ok(core, 'training.savePerson', { name: 'Ion Pop', category: 'civil_servant' }, coord);
  for (const [s, p] of [
    [s1, ana],
    [s2, ana],
    [s3, ana],
    [s2, ion],
  ] as const)
    await ok(core, 'training.saveAttendance', { sessionId: s.id, personId: p.id, hoursAttended: 8, completed: true }, coord);

  // Funding: one call, one application of 980.000,00 lei.
  const c = await ok(
    core,
    'funding.saveCall',
    {
      programme: 'regio_vest',
      code: 'PRV/2023/1.1',
      title: 'Transformare digitală',
      type: 'competitive',
      status: 'open',
      deadline: '2023-09-30',
      nonReimbursable: true,
    },
    coord,
  );
  await ok(
    core,
    'funding.saveApplication',
    { title: 'Platformă de date deschise', callId: c.id, applicant: 'Municipiul Timișoara', requestedAmount: 98_000_000, ownContribution: 2_000_000 },
    coord,
  );
  return { ...env, coord, a1 };
}

async function runExport(core: Core, method: 'reports.exportExcel' | 'reports.assessments.exportExcel', conn: Conn, dataDir: string) {
  const { jobId } = await ok(core, method, {}, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status, job.error?.message).toBe('done');
  const { fileId, fileName } = job.result as { fileId: string; fileName: string };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dataDir, 'exports', `${fileId}.xlsx`));
  return { wb, fileName, progress: job.progress };
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
const sheet = (wb: ExcelJS.Workbook, name: string) => {
  const ws = wb.worksheets.find((w) => w.name === name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
};
/** The row whose cell under `header` shows `text`. */
const rowWhere = (ws: ExcelJS.Worksheet, header: string, text: string) => {
  const col = headers(ws).indexOf(header) + 1;
  if (col === 0) throw new Error(`no column ${header} in ${ws.name}`);
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, col).text === text) return ws.getRow(r);
  throw new Error(`no row with ${header} = ${text} in ${ws.name}`);
};
const cellBy = (ws: ExcelJS.Worksheet, row: ExcelJS.Row, header: string) => {
  const i = headers(ws).indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${ws.name}`);
  return row.getCell(i + 1);
};
/** `#'Sheet'!A7` → the cell it points at. */
const follow = (wb: ExcelJS.Workbook, link: string) => {
  const m = /^#'((?:[^']|'')+)'!([A-Z]+)(\d+)$/.exec(link);
  if (!m) throw new Error(`not an internal link: ${link}`);
  return sheet(wb, m[1].replace(/''/g, "'")).getCell(`${m[2]}${m[3]}`);
};

describe('the report pack', () => {
  it('is one workbook: a summary first, then one group of sheets per module, every sheet with a frozen header and a filter', async () => {
    const { core, coord, dataDir } = await setup();
    const { wb, fileName, progress } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    expect(fileName).toBe('Raport-PLA-Timisoara-2023-06-15.xlsx');
    expect(progress).toBe(1);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Sumar',
      'Cifre-cheie',
      'Angajamente',
      'Acțiuni',
      'Indicatori',
      'Actualizări',
      'Măsurători',
      'Registrul riscurilor',
      'Măsuri de control',
      'Formări pe programe',
      'Părți interesate',
      'Parteneriate',
      'Apeluri',
      'Cereri de finanțare',
      'Bugetare – campanii',
      'Bugetare – rezultate',
      'Seturi de date',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter, ws.name).toMatch(/^A1:[A-Z]+\d+$/);
    }
    const all = wb.worksheets.flatMap((ws) => headers(ws) as string[]).join('|');
    expect(all).not.toMatch(/[şţŞŢ]/);
  });

  it('summary: every commitment and indicator with status, value, target and % of target, RAG fill and a link to its row', async () => {
    const { core, coord, dataDir } = await setup();
    const { wb } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    const s = sheet(wb, SUMMARY_SHEET);
    expect(headers(s)).toEqual([
      'Tip',
      'Cod',
      'Denumire',
      'Angajament',
      'Stare',
      'Valoare curentă',
      'Țintă',
      'Unitate',
      '% din țintă',
      'Progres așteptat',
      'Ultima actualizare',
    ]);
    const plan = await ok(core, 'plan.listCommitments', {}, coord);
    const indicators = await ok(core, 'plan.listIndicators', {}, coord);
    expect(s.rowCount - 1).toBe(plan.length + indicators.length);

    const a1 = rowWhere(s, 'Cod', 'A1');
    const a1State = plan.find((c) => c.code === 'A1')!;
    expect(cellBy(s, a1, 'Tip').value).toBe('Angajament');
    // The figure as every output shows it: rounded once, by the one display rule (21,4 %).
    expect(cellBy(s, a1, 'Valoare curentă').value).toBe(roundFigure(a1State.progress));
    expect(cellBy(s, a1, 'Țintă').value).toBe(100);
    expect(cellBy(s, a1, '% din țintă').value).toBeCloseTo(roundFigure(a1State.progress) / 100, 10);
    expect(cellBy(s, a1, '% din țintă').numFmt).toBe(figureNumFmt(a1State.progress, 'percent'));
    expect(cellBy(s, a1, 'Ultima actualizare').value).toEqual(new Date('2023-06-01T00:00:00Z'));
    expect(cellBy(s, a1, 'Ultima actualizare').numFmt).toBe('dd.mm.yyyy');
    const stare = cellBy(s, a1, 'Stare');
    const ragLabel = {
      complete: 'Finalizat',
      late: 'Întârziat',
      at_risk: 'La risc',
      on_track: 'Conform planului',
      not_started: 'Neînceput',
      no_data: 'Fără date',
    } as const;
    expect(stare.value).toBe(ragLabel[a1State.rag]);
    expect(fillOf(stare)).toBe(RAG_STYLES[a1State.rag].fill);

    // The code links to the commitment's own row on Angajamente.
    const link = cellBy(s, a1, 'Cod').value as ExcelJS.CellHyperlinkValue;
    expect(link.text).toBe('A1');
    expect(link.hyperlink).toMatch(/^#'Angajamente'!A\d+$/);
    expect(follow(wb, link.hyperlink).value).toBe('A1');

    // An indicator row links to Indicatori and carries its figures.
    const ind = indicators.find((i) => i.code === 'I1.1')!;
    const i11 = rowWhere(s, 'Cod', 'I1.1');
    expect(cellBy(s, i11, 'Tip').value).toBe('Indicator');
    expect(cellBy(s, i11, 'Angajament').value).toBe('A1');
    expect(cellBy(s, i11, 'Țintă').value).toBe(ind.target);
    expect(cellBy(s, i11, 'Țintă').numFmt).toBe(Number.isInteger(ind.target) ? '#,##0' : '#,##0.0##');
    expect(fillOf(cellBy(s, i11, 'Stare'))).toBe(RAG_STYLES[ind.rag].fill);
    expect(follow(wb, (cellBy(s, i11, 'Cod').value as ExcelJS.CellHyperlinkValue).hyperlink).value).toBe('I1.1');
  });

  it('plan sheets: actions link to their commitment, progress updates are listed', async () => {
    const { core, coord, dataDir } = await setup();
    const { wb } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    const acts = sheet(wb, 'Acțiuni');
    const a11 = rowWhere(acts, 'Cod', 'A1.1');
    expect(cellBy(acts, a11, 'Stare').value).toBe('Realizat');
    expect(follow(wb, (cellBy(acts, a11, 'Angajament').value as ExcelJS.CellHyperlinkValue).hyperlink).value).toBe('A1');
    const ups = sheet(wb, 'Actualizări');
    expect(ups.rowCount).toBe(3);
    expect(cellBy(ups, rowWhere(ups, 'Notă', 'Grupuri de lucru constituite'), 'Progres').value).toBeCloseTo(0.5, 10);
  });

  it('trainings per programme count distinct people, the total counts each person once; lei amounts in lei', async () => {
    const { core, coord, dataDir } = await setup();
    const { wb } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    const t = sheet(wb, TRAINING_SHEET);
    expect(headers(t).slice(0, 7)).toEqual([
      'Program de formare',
      'Acțiune',
      'Sesiuni',
      'Participări',
      'Persoane distincte care au finalizat',
      'Ore de formare (sesiuni)',
      'Cost',
    ]);
    const p1 = rowWhere(t, 'Program de formare', 'Comunicarea cu cetățeanul');
    expect(cellBy(t, p1, 'Sesiuni').value).toBe(2);
    expect(cellBy(t, p1, 'Participări').value).toBe(3); // Ana twice, Ion once
    expect(cellBy(t, p1, 'Persoane distincte care au finalizat').value).toBe(2);
    expect(cellBy(t, p1, 'Cost').value).toBeCloseTo(2_750.5, 10); // 150.000 + 125.050 bani
    expect(cellBy(t, p1, 'Cost').numFmt).toBe(NUM_FMT.lei);
    expect(cellBy(t, p1, 'Persoane distincte care au finalizat').numFmt).toBe(NUM_FMT.int);
    const action = cellBy(t, p1, 'Acțiune').value as ExcelJS.CellHyperlinkValue;
    expect(follow(wb, action.hyperlink).value).toBe('A1.2');
    const total = rowWhere(t, 'Program de formare', 'Total (o persoană numărată o singură dată)');
    expect(cellBy(t, total, 'Participări').value).toBe(4);
    expect(cellBy(t, total, 'Persoane distincte care au finalizat').value).toBe(2); // not 2 + 1
  });

  it('the risk register in the SCIM layout with Romanian headers, stakeholders, partnerships, calls and applications', async () => {
    const { core, coord, dataDir } = await setup();
    await ok(
      core,
      'risks.save',
      {
        area: 'Direcția Comunicare',
        objective: 'A1.3 grupuri de lucru',
        description: 'Participare redusă la grupurile de lucru',
        category: 'operational',
        causes: 'Informare insuficientă',
        consequences: 'Decizii fără consultare',
        owner: 'Șef serviciu',
        inherentProbability: 4,
        inherentImpact: 4,
        strategy: 'treat',
      },
      coord,
    );
    const { wb } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    const reg = sheet(wb, 'Registrul riscurilor');
    expect(headers(reg).slice(1, 13)).toEqual([
      'Cod risc',
      'Compartiment / Domeniu',
      'Obiectiv / Acțiune asociată',
      'Descrierea riscului',
      'Categorie',
      'Cauze',
      'Consecințe',
      'Responsabil risc',
      'Probabilitate inerentă',
      'Impact inerent',
      'Expunere inerentă',
      'Strategie de răspuns',
    ]);
    const r = rowWhere(reg, 'Descrierea riscului', 'Participare redusă la grupurile de lucru');
    expect(cellBy(reg, r, 'Expunere inerentă').value).toBe(16);
    expect(cellBy(reg, r, 'Strategie de răspuns').value).toBe('Tratare');

    const apps = sheet(wb, 'Cereri de finanțare');
    const app = rowWhere(apps, 'Titlu proiect', 'Platformă de date deschise');
    expect(cellBy(apps, app, 'Suma solicitată (lei)').value).toBe(980_000);
    expect(cellBy(apps, app, 'Suma solicitată (lei)').numFmt).toBe(NUM_FMT.lei);
    const calls = sheet(wb, 'Apeluri');
    expect(cellBy(calls, rowWhere(calls, 'Cod apel', 'PRV/2023/1.1'), 'Titlu apel').value).toBe('Transformare digitală');
    expect(sheet(wb, 'Părți interesate').rowCount).toBeGreaterThan(1); // the seed's possible actors
  });

  it('participatory budgeting: campaigns with participation and the rule, each project with why it won or not; the dataset inventory with publication status', async () => {
    const { core, coord, dataDir } = await setup();
    const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
    const campaign = await ok(
      core,
      'budgeting.saveCampaign',
      {
        name: 'Timișoara Decide 2023',
        totalBudget: 50_000_000,
        zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
        rubric,
        votesPerVoter: 2,
        population: 1000,
        winnerRule: 'greedy',
      },
      coord,
    );
    for (const [code, lei] of [
      ['A', 300_000],
      ['B', 250_000],
    ] as const)
      await ok(core, 'budgeting.saveProposal', { campaignId: campaign.id, code, title: `Proiect ${code}`, zoneCode: 'Z1', costEstimate: lei * 100 }, coord);
    const csv = ['voter_id,proposal_id,zone,voted_at', 'v1,A,Z1,', 'v1,B,Z1,', 'v2,A,Z1,', 'v3,A,Z1,', 'v4,B,Z1,'].join('\n');
    await ok(core, 'budgeting.importVotes', { campaignId: campaign.id, fileName: 'voturi.csv', contentBase64: Buffer.from(csv).toString('base64') }, coord);
    const results = await ok(core, 'budgeting.computeResults', { campaignId: campaign.id }, coord);
    await ok(
      core,
      'datasets.save',
      {
        name: 'Parcări publice',
        slug: 'parcari-publice',
        holderInstitution: 'Primăria Municipiului Timișoara',
        publicationStatus: 'in_preparation',
        updateFrequency: 'monthly',
      },
      coord,
    );

    const { wb } = await runExport(core, 'reports.exportExcel', coord, dataDir);
    const cs = sheet(wb, 'Bugetare – campanii');
    const c = rowWhere(cs, 'Campanie', 'Timișoara Decide 2023');
    expect(cellBy(cs, c, 'Buget total').value).toBe(500_000);
    expect(cellBy(cs, c, 'Buget total').numFmt).toBe(NUM_FMT.lei);
    expect(cellBy(cs, c, 'Votanți distincți').value).toBe(4);
    expect(cellBy(cs, c, 'Rata de participare').value).toBeCloseTo(0.004, 10); // 4 / 1000
    expect(cellBy(cs, c, 'Regula de alegere a câștigătorilor').value).toBe(results.ruleTextRo);
    expect(cellBy(cs, c, 'Proiecte câștigătoare').value).toBe(1);
    const link = (cellBy(cs, c, 'Campanie').value as ExcelJS.CellHyperlinkValue).hyperlink;
    expect(link).toBe("#'Bugetare – rezultate'!A2");
    expect((follow(wb, link).value as ExcelJS.CellHyperlinkValue).text).toBe('Timișoara Decide 2023');
    const rs = sheet(wb, 'Bugetare – rezultate');
    const a = rowWhere(rs, 'Cod', 'A');
    expect(cellBy(rs, a, 'Câștigător').value).toBe('Da');
    expect(cellBy(rs, a, 'Cost').value).toBe(300_000);
    const b = rowWhere(rs, 'Cod', 'B');
    expect(cellBy(rs, b, 'Câștigător').value).toBe('Nu');
    expect(cellBy(rs, b, 'De ce a câștigat sau nu').value).toBe(results.projects.find((p) => p.code === 'B')!.textRo);

    const ds = sheet(wb, 'Seturi de date');
    const d = rowWhere(ds, 'Set de date', 'Parcări publice');
    expect(cellBy(ds, d, 'Stadiul publicării').value).toBe('În pregătire');
    expect(cellBy(ds, d, 'Frecvența actualizării').value).toBe('Lunar');
  });

  it('a member may generate it, a viewer may not; nothing is written to the database', async () => {
    const { core, dataDir } = await setup();
    const viewer = await signIn(core, 'viewer');
    const member = await signIn(core, 'member');
    const before = await snapshot(dataDir);
    expect(await call(core, 'reports.exportExcel', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await runExport(core, 'reports.exportExcel', member, dataDir);
    const after = await snapshot(dataDir);
    // Sign-in writes a session row; nothing else changes.
    expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
  });

  it('refuses input it does not take', async () => {
    const { core, coord } = await setup();
    const r = await call(core, 'reports.exportExcel', { out: '/tmp/x.xlsx' }, coord);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    const bad = await call(core, 'reports.progress', { today: '15.06.2023' }, coord);
    expect(!bad.ok && bad.error.details?.issues?.[0]?.field).toBe('today');
  });
});

describe('OGP Local assessments', () => {
  it('fill the Inception and End-of-Commitment forms from the records', async () => {
    const { core, coord } = await setup();
    const list = await ok(core, 'reports.assessments', {}, coord);
    expect(list.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
    const a1 = list[0];
    expect(a1.inception.problem).toMatch(/implicare/);
    expect(a1.inception.actions.map((a) => a.code)).toContain('A1.3');
    expect(a1.end.completion).toBe('substantial');
    expect(a1.end.factors).toBe('Sprijinul ONG-urilor partenere; întârzieri la achiziții.');
    expect(a1.end.lessons).toBe('Consultările timpurii scurtează aprobarea.');
    expect(a1.end.actionsDone).toBe(1);
    expect(a1.end.actionsInProgress).toBe(1);
    // One entry per value of the commitment; the recorded one carries its level, the others none.
    const values = a1.inception.ogpValues.length
      ? a1.inception.ogpValues
      : ['access_to_information', 'civic_participation', 'public_accountability', 'technology_innovation'];
    expect(a1.end.openedGovernment.map((o) => o.value)).toEqual(values);
    expect(a1.end.openedGovernment.find((o) => o.value === 'civic_participation')?.level).toBe('major');
    expect(a1.end.evidence).toEqual([
      expect.objectContaining({
        source: 'progress_update',
        code: 'A1.3',
        date: '2023-06-01',
        note: 'Grupuri de lucru constituite',
        fileName: 'proces-verbal-grupuri.pdf',
        withinLimit: true,
      }),
    ]);

    // A2 has nothing recorded: no level, a suggestion from its actions (none started: "not started").
    const a2 = list[1];
    expect(a2.end.completion).toBeNull();
    expect(a2.end.suggestedCompletion).toBe('not_started');
    expect(a2.end.evidence).toEqual([]);

    const one = await ok(core, 'reports.assessments', { commitmentId: a1.id }, coord);
    expect(one.map((a) => a.code)).toEqual(['A1']);
  });

  it('the suggestion follows the actions: all done → complete, half the work → substantial', async () => {
    const { core, coord } = await setup();
    const actions = (await ok(core, 'plan.listActions', {}, coord)).filter((a) => a.code.startsWith('A2.'));
    for (const a of actions)
      await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-10', progress: 60, status: 'in_progress', note: '' }, coord);
    expect((await ok(core, 'reports.assessments', {}, coord))[1].end.suggestedCompletion).toBe('substantial');
    for (const a of actions) await ok(core, 'plan.addProgressUpdate', { actionId: a.id, date: '2023-06-12', progress: 100, status: 'done', note: '' }, coord);
    expect((await ok(core, 'reports.assessments', {}, coord))[1].end.suggestedCompletion).toBe('complete');
  });

  it('as a workbook: Inception and End-of-Commitment sheets, actions, evidence, linked to each other', async () => {
    const { core, coord, dataDir } = await setup();
    const { wb, fileName } = await runExport(core, 'reports.assessments.exportExcel', coord, dataDir);
    expect(fileName).toBe('Evaluari-OGP-Local-2023-06-15.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      ASSESSMENT_SHEETS.inception,
      ASSESSMENT_SHEETS.end,
      ASSESSMENT_SHEETS.actions,
      ASSESSMENT_SHEETS.evidence,
    ]);
    const end = sheet(wb, ASSESSMENT_SHEETS.end);
    const row = rowWhere(end, 'Cod', 'A1');
    expect(cellBy(end, row, 'Nivel de finalizare (înregistrat)').value).toBe('Substanțial');
    expect(cellBy(end, row, 'Factori care au influențat implementarea').value).toBe('Sprijinul ONG-urilor partenere; întârzieri la achiziții.');
    expect(cellBy(end, row, 'A deschis guvernarea? — Participare civică').value).toBe('Major');
    expect(follow(wb, (cellBy(end, row, 'Cod').value as ExcelJS.CellHyperlinkValue).hyperlink).value).toBe('A1');
    const ev = cellBy(end, row, 'Dovezi (fișiere)').value as ExcelJS.CellHyperlinkValue;
    expect(ev.text).toBe('1');
    const file = follow(wb, ev.hyperlink);
    expect(file.value).toBe('A1');
    expect(sheet(wb, ASSESSMENT_SHEETS.evidence).getRow(Number(file.row)).getCell(6).value).toBe('proces-verbal-grupuri.pdf');
    const a2 = rowWhere(end, 'Cod', 'A2');
    expect(cellBy(end, a2, 'Nivel de finalizare (înregistrat)').value).toBeNull();
    expect(cellBy(end, a2, 'Nivel sugerat de înregistrări').value).toBe('Neînceput');
    expect(cellBy(end, a2, 'Dovezi (fișiere)').value).toBe('0');
  });
});

describe('the progress report', () => {
  it('gives the plan, the commitments and indicators, what needs attention and the registries’ figures', async () => {
    const { core, coord } = await setup();
    const r = await ok(core, 'reports.progress', {}, coord);
    expect(r.today).toBe('2023-06-15');
    expect(r.since).toBe('2023-02-15');
    expect(r.commitments.map((c) => c.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
    const actions = await ok(core, 'plan.listActions', {}, coord);
    expect(Object.values(r.actionRag).reduce((a, b) => a + b, 0)).toBe(actions.length);
    expect(r.attention.every((a) => a.rag === 'late' || a.rag === 'at_risk')).toBe(true);
    expect(r.attention.length).toBe(actions.filter((a) => a.rag === 'late' || a.rag === 'at_risk').length);
    expect(r.recentUpdates.map((u) => u.note)).toEqual(['Grupuri de lucru constituite', 'Strategia a fost aprobată']);
    expect(r.trainedPeople).toBe(2);
    expect(r.training.find((g) => g.programme === 'Comunicarea cu cetățeanul')).toMatchObject({ sessions: 2, completedPeople: 2 });
    expect(r.funding).toEqual({ calls: 1, applications: 1, requestedBani: 98_000_000, approvedBani: 0 });
    // An earlier day: the update of 1 June is not yet there.
    const earlier = await ok(core, 'reports.progress', { today: '2023-05-25' }, coord);
    expect(earlier.recentUpdates.map((u) => u.note)).toEqual(['Strategia a fost aprobată']);
  });
});

describe('pla-desk report', () => {
  const BIN = path.resolve('bin/pla-desk.js');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('writes the pack and the assessments; a bad data folder exits 1, a missing --out exits 2, writing nothing', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const out = path.join(root, 'raport.xlsx');
    const r = cli(['report', '--data-dir', dir, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].name).toBe('Sumar');
    expect(wb.worksheets[0].getCell('B2').text).toBe('A1');
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]); // the job's copy is moved out

    const ev = path.join(root, 'evaluari.xlsx');
    expect(cli(['report', 'assessments', '--data-dir', dir, '--out', ev]).code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(ev);
    expect(wb2.worksheets.map((w) => w.name)).toContain('Evaluare finală');

    const none = path.join(root, 'none.xlsx');
    const bad = cli(['report', '--data-dir', path.join(root, 'missing'), '--out', none]);
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toMatch(/no database in .*missing/);
    expect(fs.existsSync(path.join(root, 'missing'))).toBe(false);
    expect(fs.existsSync(none)).toBe(false);

    const noOut = cli(['report', '--data-dir', dir]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--out is required/);
    expect(cli(['report', '--data-dir', dir, '--out', path.join(root, 'raport.csv')]).code).toBe(2);
    expect(cli(['report', '--data-dir', dir, '--out', path.join(root, 'no-such-folder', 'r.xlsx')]).code).toBe(2);
    expect(cli(['report', '--help']).out).toMatch(/Usage: pla-desk report --out FILE.xlsx/);
  });
});
