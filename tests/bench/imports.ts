/**
 * Imports at streaming speed (issue 16, goal 3): each workbook import on 50,000 rows against ExcelJS's streaming
 * reader over the same file in the same run — rows/s and peak RSS delta, each run in its own process
 * (imports-child.ts). Every workbook is measured twice: with its parts in the order ExcelJS's streaming reader
 * needs ("normal": relations, workbook, styles, shared strings, then the sheet) and rewritten with the sheet first
 * and the shared strings and workbook part last ("reordered": what Excel and ExcelJS's own writer produce, which
 * that reader can only take by parking the sheet in a temporary file). Runs are interleaved, three rounds; the
 * median and the spread (min–max) are printed with the load average of each round. Targets: rows/s ≥ 0.5× the
 * baseline and peak ΔRSS ≤ 2× the baseline. Beside each import, SQLite's own time for the rows that import wrote (its
 * audit entries included), written without the app (imports-child.ts sql-floor): the import's speed can be no better.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createCore, headlessPlatform } from '../../electron/core';
import { reorderZip, xlsxPartRank } from '../../electron/core/zip';
import { fillScoringWorkbook, scoringWorkbooks } from './budgeting';
import { build as buildTraining } from './training';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface ChildRun {
  ms: number;
  rows: number;
  peakDeltaMb: number;
}

function child(args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'imports-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildRun);
      else reject(new Error(`imports child (${args[0]}) exited with ${code}\n${out}\n${err}`));
    });
  });
}

interface SheetData {
  name: string;
  header: string[];
  /** The rows of the sheet; none: a sheet with only its header (a workbook's other, required sheets). */
  row?: (i: number) => unknown[];
}

/** A workbook whose first sheet holds `rows` rows, written in both part orders (see the top of this file). */
async function writeBook(file: string, sheets: SheetData[], rows: number) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header);
    if (s.row) for (let i = 0; i < rows; i++) ws.addRow(s.row(i));
  }
  const raw = `${file}.raw.xlsx`;
  await wb.xlsx.writeFile(raw); // shared strings, as Excel writes them
  return inBothOrders(raw, file);
}

/** The workbook `raw` rewritten in both part orders (see the top of this file); `raw` is removed. */
function inBothOrders(raw: string, file: string) {
  const normal = `${file}.normal.xlsx`;
  const reordered = `${file}.reordered.xlsx`;
  reorderZip(raw, normal, xlsxPartRank);
  const last = ['xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'];
  reorderZip(raw, reordered, (name) => (name.startsWith('xl/worksheets/') ? -1 : last.indexOf(name)));
  fs.rmSync(raw);
  return { normal, reordered };
}

const writeSheet = (file: string, name: string, header: string[], row: (i: number) => unknown[], rows: number) =>
  writeBook(file, [{ name, header, row }], rows);

const FIRST = ['Andrei', 'Ioana', 'Mihai', 'Ștefania', 'Răzvan', 'Țicu', 'Alexandra', 'Bogdan', 'Cristina', 'Dănuț'];
const LAST = ['Popescu', 'Ionescu', 'Țăranu', 'Mureșan', 'Stănescu', 'Dumitrescu', 'Constantinescu', 'Georgescu'];
const DEPTS = ['Direcția Comunicare', 'Serviciul Resurse Umane', 'Direcția Fiscală', 'Direcția Tehnică', 'Serviciul Juridic'];
const person = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${1_000_000 + i}`;

/**
 * An evaluator's scoring workbook of `rows` proposals, filled in as an evaluator returns it, and the data folder it
 * goes back into: a campaign of `rows` proposals and two evaluators (the fewest a campaign takes) who each evaluate
 * every proposal; the workbook is the exportWorkbooks job's own (budgeting.ts).
 */
async function scoringBook(dir: string, rows: number) {
  const dataDir = fs.mkdtempSync(path.join(dir, 'scores-'));
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  try {
    const { files } = await scoringWorkbooks(core, dataDir, rows, 2, 2);
    const raw = path.join(dir, 'evaluare.raw.xlsx');
    const filled = await fillScoringWorkbook(files[0], raw);
    if (filled !== rows) throw new Error(`the scoring workbook lists ${filled} proposals, not ${rows}`);
    return { dataDir, files: inBothOrders(raw, path.join(dir, 'evaluare')) };
  } finally {
    await core.close();
  }
}

export async function benchImports(rows = 50_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-imports-'));
  try {
    const attendance = await writeSheet(
      path.join(dir, 'prezenta'),
      'Prezență',
      ['Nume și prenume', 'Departament', 'Funcția', 'E-mail', 'Ore', 'Finalizat'],
      (i) => [person(i), DEPTS[i % DEPTS.length], 'Referent', `participant${1_000_000 + i}@primariatm.ro`, 8, i % 3 ? 'da' : 'nu'],
      rows,
    );
    const stakeholders = await writeSheet(
      path.join(dir, 'parti'),
      'Părți interesate',
      ['Tip', 'Nume', 'Sector', 'Putere (1–5)', 'Interes (1–5)', 'Note'],
      (i) => [
        'Organizație',
        `Asociația pentru Timișoara nr. ${i}`,
        ['ONG', 'Mediu academic', 'Mediu de afaceri'][i % 3],
        1 + (i % 5),
        1 + ((i * 7) % 5),
        `Întâlnire în cartierul ${i % 40}`,
      ],
      rows,
    );
    const proposals = await writeSheet(
      path.join(dir, 'propuneri'),
      'Propuneri',
      ['Cod', 'Titlu', 'Descriere', 'Zonă', 'Cost estimat (lei)'],
      (i) => [
        `P${i}`,
        `Amenajare spațiu verde ${i}`,
        `Plantare de arbori și bănci pe strada nr. ${i}, cu iluminat`,
        `Z${(i % 8) + 1}`,
        10_000 + (i % 400) * 1_000,
      ],
      rows,
    );

    const funding = await writeBook(
      path.join(dir, 'finantare'),
      [
        {
          name: 'Apeluri',
          header: ['Program', 'Cod apel', 'Titlu apel', 'Tip', 'Stare', 'Buget apel (lei)', 'Nerambursabil'],
          row: (i) => ['PNRR', `C${i}`, `Apel pentru digitalizare nr. ${i}`, '', '', 1_000_000 + (i % 90) * 10_000, 'da'],
        },
        { name: 'Cereri de finanțare', header: ['Titlu proiect', 'Cod apel', 'Solicitant', 'Suma solicitată (lei)'] },
      ],
      rows,
    );
    const registry = await writeBook(
      path.join(dir, 'registru-instruire'),
      [
        {
          name: 'Persoane',
          header: ['ID', 'Nume', 'E-mail', 'Departament', 'Funcție', 'Categorie'],
          row: (i) => ['', person(i), `participant${1_000_000 + i}@primariatm.ro`, DEPTS[i % DEPTS.length], 'Referent', 'Funcționar public'],
        },
        { name: 'Programe', header: ['ID', 'Denumire', 'Acțiune'] },
        { name: 'Sesiuni', header: ['ID', 'ID program', 'Titlu', 'Grup țintă', 'Format', 'Data început'] },
        { name: 'Participări', header: ['ID', 'ID sesiune', 'ID persoană', 'Finalizat'] },
      ],
      rows,
    );
    const risks = await writeSheet(
      path.join(dir, 'riscuri'),
      'Registrul riscurilor',
      ['Compartiment / activitate', 'Obiectiv', 'Descrierea riscului', 'Probabilitate', 'Impact', 'Responsabil risc'],
      (k) => [
        `Direcția ${1 + (k % 12)}`,
        `A${1 + (k % 4)}.${1 + (k % 4)} Obiectivul ${k % 40}`,
        `Riscul ${k}: întârzieri în activitatea ${k % 500}`,
        1 + (k % 5),
        1 + ((k * 7) % 5),
        `Responsabil ${k % 60}`,
      ],
      rows,
    );

    // Data folders the imports write into, each copied fresh for every run (set up outside the timed part).
    const trainingDir = await buildTraining(2_000);
    const seeded = fs.mkdtempSync(path.join(dir, 'seeded-'));
    const core = await createCore({ dataDir: seeded, platform: headlessPlatform('cli') });
    const zones = Array.from({ length: 8 }, (_, z) => ({ code: `Z${z + 1}`, name: `Zona ${z + 1}`, budget: 50_000_000 }));
    const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5 }] };
    const saved = await core.call('budgeting.saveCampaign' as never, { name: 'Bench', totalBudget: 400_000_000, zones, rubric, votesPerVoter: 5 } as never, {
      sessionId: null,
      system: true,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const campaignId = (saved.value as { id: string }).id;
    await core.close();
    const only = process.env.BENCH_IMPORTS?.split(',').filter(Boolean);
    const scores = !only || only.some((w) => 'budgeting.importScores'.includes(w)) ? await scoringBook(dir, rows) : null;
    // The folder each run starts from, to measure SQLite's own cost of what the run wrote (imports-child.ts sql-floor).
    const templateOf = new Map<string, string>();
    const fresh = (template: string) => {
      const d = fs.mkdtempSync(path.join(dir, 'run-'));
      fs.cpSync(template, d, { recursive: true });
      templateOf.set(d, template);
      return d;
    };

    const allCases = [
      { label: 'training.importAttendance', files: attendance, args: () => ['attendance', fresh(trainingDir.dataDir), trainingDir.sessionId] },
      { label: 'stakeholders.importExcel', files: stakeholders, args: () => ['stakeholders', fresh(seeded)] },
      { label: 'budgeting.importProposals', files: proposals, args: () => ['proposals', fresh(seeded), campaignId] },
      { label: 'funding.importExcel', files: funding, args: () => ['funding', fresh(seeded)] },
      { label: 'training.importExcel', files: registry, args: () => ['training-registry', fresh(seeded)] },
      { label: 'risks.importExcel', files: risks, args: () => ['risks', fresh(seeded)] },
      ...(scores ? [{ label: 'budgeting.importScores', files: scores.files, args: () => ['scores', fresh(scores.dataDir)] }] : []),
    ];
    // BENCH_IMPORTS=funding,risks runs only the imports whose method names contain one of those words.
    const cases = allCases.filter((c) => !only || only.some((w) => c.label.includes(w)));
    const orders = ['normal', 'reordered'] as const;
    const results = new Map<string, { base: ChildRun[]; imp: ChildRun[]; floor: ChildRun[] }>();
    const loads: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(
        os
          .loadavg()
          .map((l) => fmt(l, 2))
          .join(' '),
      );
      for (const c of cases)
        for (const order of orders) {
          const key = `${c.label}|${order}`;
          if (!results.has(key)) results.set(key, { base: [], imp: [], floor: [] });
          const r = results.get(key)!;
          const file = c.files[order];
          // Alternate which goes first so neither always runs on a warmer machine.
          const runBase = async () => {
            const run = await child(['exceljs-stream', file]);
            r.base.push(run);
            if (process.env.BENCH_VERBOSE) console.log(`  · round ${round + 1} ${key} baseline ${JSON.stringify(run)}`);
          };
          const [m, ...rest] = c.args();
          const runImp = async () => {
            const run = await child([m, file, ...rest]);
            if (run.rows !== rows) throw new Error(`${c.label} (${order}) imported ${run.rows} rows, not ${rows}`);
            r.imp.push(run);
            if (process.env.BENCH_VERBOSE) console.log(`  · round ${round + 1} ${key} import ${JSON.stringify(run)}`);
            // The same rows per second as the import, over SQLite's time alone for what the import wrote.
            const floor = await child(['sql-floor', templateOf.get(rest[0])!, rest[0]]);
            r.floor.push({ ms: floor.ms, rows, peakDeltaMb: 0 });
            fs.rmSync(rest[0], { recursive: true, force: true });
          };
          if (round % 2) {
            await runImp();
            await runBase();
          } else {
            await runBase();
            await runImp();
          }
        }
    }
    loads.push(
      os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(' '),
    );
    if (process.env.BENCH_KEEP) console.log(`  kept (BENCH_KEEP): ${dir}, ${trainingDir.dataDir} (session ${trainingDir.sessionId}), campaign ${campaignId}`);
    else {
      fs.rmSync(trainingDir.dataDir, { recursive: true, force: true });
      if (scores) fs.rmSync(scores.dataDir, { recursive: true, force: true });
    }

    console.log(
      `\nImports at streaming speed: ${rows.toLocaleString('en-US')} rows, each import vs ExcelJS's streaming reader on the same file (median [min–max] of ${ROUNDS} interleaved runs, each in its own process)`,
    );
    console.log(`  load average (1/5/15 min) at each round: ${loads.join(' → ')}`);
    const rate = (r: ChildRun) => r.rows / (r.ms / 1000);
    const span = (xs: number[], d: number) => `${fmt(median(xs), d)} [${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)}]`;
    for (const c of cases)
      for (const order of orders) {
        const { base, imp, floor } = results.get(`${c.label}|${order}`)!;
        const mb = fs.statSync(c.files[order]).size / 1024 / 1024;
        const speed = median(imp.map(rate)) / median(base.map(rate));
        const mem = median(imp.map((r) => r.peakDeltaMb)) / Math.max(1, median(base.map((r) => r.peakDeltaMb)));
        console.log(`  ${c.label} — ${order} part order (${fmt(mb, 1)} MB)`);
        console.log(
          `    ExcelJS streaming read (baseline)  ${span(base.map(rate), 0).padStart(28)} rows/s   peak ΔRSS ${span(
            base.map((r) => r.peakDeltaMb),
            1,
          ).padStart(24)} MB`,
        );
        console.log(
          `    import (committed)                 ${span(imp.map(rate), 0).padStart(28)} rows/s   peak ΔRSS ${span(
            imp.map((r) => r.peakDeltaMb),
            1,
          ).padStart(24)} MB`,
        );
        console.log(`    SQLite alone, the same writes (floor)  ${span(floor.map(rate), 0).padStart(24)} rows/s`);
        console.log(
          `    speed ×${fmt(speed, 2)} of the baseline (target ≥ 0.5) ${speed >= 0.5 ? 'PASS' : 'FAIL'}   memory ×${fmt(mem, 2)} (target ≤ 2) ${mem <= 2 ? 'PASS' : 'FAIL'}   ` +
            `SQLite alone at ×${fmt(median(floor.map(rate)) / median(base.map(rate)), 2)}`,
        );
      }
  } finally {
    // BENCH_KEEP=1 keeps the workbooks and the data folders, to profile one import with imports-child.ts.
    if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchImports(Number(process.argv[2]) || undefined);
