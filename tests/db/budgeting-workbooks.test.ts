import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { writeOds, type OdsCell } from '../fixtures/imports/ods';
import { freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const NOW = new Date('2026-06-01T09:00:00Z');

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const campaign = await ok(
    env.core,
    'budgeting.saveCampaign',
    {
      name: 'Granturi Cultură 2026',
      kind: 'grant',
      totalBudget: 20_000_000,
      rubric: {
        criteria: [
          { key: 'relevance', name: 'Relevanță', weight: 2, min: 0, max: 5, anchors: {}, minimum: null },
          { key: 'budget', name: 'Buget realist', weight: 1, min: 1, max: 10, anchors: {}, minimum: null },
        ],
        overallMinimum: null,
      },
      winnerRule: 'grant_score',
      minScore: 60,
      grantLines: [{ code: 'L1', name: 'Proiecte mici', ceiling: 2_000_000 }],
    },
    coord,
  );
  for (const t of ['Festival de cartier', 'Atelier de teatru'])
    await ok(
      env.core,
      'budgeting.saveProposal',
      { campaignId: campaign.id, title: t, grantLine: 'L1', requestedAmount: 1_800_000, cofinancing: 200_000 },
      coord,
    );
  const ev = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) }, coord);
  await env.core.close();
  const out = tempDir();
  const logs: string[] = [];
  const log = console.log;
  console.log = (s: string) => logs.push(s);
  try {
    expect(await main(['budgeting', 'workbooks', '--data-dir', env.dataDir, '--campaign', campaign.id, '--out', out])).toBe(0);
  } finally {
    console.log = log;
  }
  return { ...env, campaign, ev, files: logs };
}

async function cli(args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  const [e, l] = [console.error, console.log];
  console.error = (s: string) => err.push(s);
  console.log = (s: string) => out.push(s);
  try {
    return { code: await main(args), err, out };
  } finally {
    console.error = e;
    console.log = l;
  }
}

/** Fills every row: conflict "nu" and the given scores (D, E); returns the saved copy's path. */
async function fill(file: string, edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Evaluare')!;
  for (const r of [5, 6]) {
    ws.getCell(`C${r}`).value = 'nu';
    ws.getCell(`D${r}`).value = 4;
    ws.getCell(`E${r}`).value = 7;
    ws.getCell(`F${r}`).value = 'Bine argumentat';
  }
  edit?.(ws, wb);
  const copy = file.replace(/\.xlsx$/, `-filled-${Math.random().toString(36).slice(2, 8)}.xlsx`);
  await wb.xlsx.writeFile(copy);
  return copy;
}

describe('budgeting offline scoring workbooks', () => {
  it('one locked workbook per evaluator: drop-downs on the score cells, unlocked answer columns, signature in a very hidden sheet', async () => {
    const env = await setup();
    expect(env.files).toHaveLength(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(env.files[0]);
    const ws = wb.getWorksheet('Evaluare')!;
    expect(ws.getCell('A5').value).toBe('P-001');
    expect(ws.getCell('D5').dataValidation).toMatchObject({ type: 'list', formulae: ['"0,1,2,3,4,5"'] });
    expect(ws.getCell('E5').dataValidation).toMatchObject({ type: 'list', formulae: ['"1,2,3,4,5,6,7,8,9,10"'] });
    expect(ws.getCell('C5').dataValidation).toMatchObject({ type: 'list', formulae: ['"da,nu"'] });
    expect(ws.getCell('D5').protection?.locked).toBe(false);
    expect(ws.getCell('A5').protection?.locked).not.toBe(false);
    const zip = await JSZip.loadAsync(fs.readFileSync(env.files[0]));
    const sheet1 = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet1).toMatch(/<sheetProtection[^>]*sheet="1"/);
    const meta = wb.getWorksheet('PLA_meta')!;
    expect(meta.state).toBe('veryHidden');
    expect(String(meta.getCell('B3').value)).toMatch(/^[0-9a-f]{64}$/);
    // Every sheet is protected with a password, and so is the structure (the hidden sheet cannot be shown).
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)))
      expect(await zip.file(name)!.async('string'), name).toMatch(/<sheetProtection[^>]*algorithmName="SHA-512"[^>]*hashValue="[^"]+"/);
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(
      /<workbookPr[^>]*\/><workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="[^"]+" workbookSaltValue="[^"]+" workbookSpinCount="\d+" lockStructure="1"\/>/,
    );
    // The signing secret stays in the database: no part of the file holds it.
    const [{ secret }] = await peek<{ secret: string }>(env.dataDir, 'select secret from budgeting_workbook_keys');
    expect(secret.length).toBeGreaterThanOrEqual(40);
    for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir)) expect(await zip.file(name)!.async('string'), name).not.toContain(secret);
  });

  it('a filled workbook comes back: scores submitted via the workbook, final scores settled; importing it again changes nothing', async () => {
    const env = await setup();
    const filled = await Promise.all(env.files.map((f) => fill(f)));
    const dry = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', filled[0], '--dry-run']);
    expect(dry.code).toBe(0);
    expect(await peek(env.dataDir, "select id from budgeting_assignments where status = 'submitted'")).toHaveLength(0);
    for (const f of filled) expect((await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', f])).code).toBe(0);
    const rows = await peek<{ status: string; via: string; overall: number; comment: string }>(
      env.dataDir,
      'select status, via, overall, comment from budgeting_assignments',
    );
    expect(rows).toHaveLength(4);
    // 100·(2·4/5 + 1·(7−1)/9)/3 = 75.56
    expect(rows.every((r) => r.status === 'submitted' && r.via === 'workbook' && r.overall === 75.56 && r.comment === 'Bine argumentat')).toBe(true);
    expect(await peek(env.dataDir, 'select final_score, final_method from budgeting_proposals')).toEqual([
      { final_score: 75.56, final_method: 'average' },
      { final_score: 75.56, final_method: 'average' },
    ]);
    const again = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', filled[0]]);
    expect(again.code).toBe(0);
    expect(again.out[0]).toMatch(/0 evaluation\(s\) submitted, 0 conflict\(s\) of interest declared, 2 unchanged/);
  });

  it('a tampered workbook is refused with the cell named, and nothing is written', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const cases: Array<[string, (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, RegExp]> = [
      ['out of range', (ws) => (ws.getCell('D5').value = 9), /^Evaluare!D5: 9 is outside the scale 0–5/],
      ['missing score', (ws) => (ws.getCell('E6').value = null), /^Evaluare!E6: required: a score/],
      ['changed list', (ws) => (ws.getCell('A5').value = 'P-009'), /^Evaluare!A5: expected proposal P-001 here/],
      ['added row', (ws) => ((ws.getCell('A7').value = 'P-003'), (ws.getCell('C7').value = 'nu')), /^Evaluare!A7: a row was added/],
      ['no declaration', (ws) => (ws.getCell('C5').value = null), /^Evaluare!C5: required: declare/],
      [
        'a formula in a score cell',
        (ws) => (ws.getCell('D6').value = { formula: '2+2', result: 4 } as ExcelJS.CellFormulaValue),
        /^Evaluare!D6: celula conține o formulă \(=2\+2\); introduceți valoarea, nu formula/,
      ],
    ];
    for (const [what, edit, message] of cases) {
      const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', await fill(env.files[0], edit)]);
      expect(r.code, what).toBe(1);
      expect(r.err[0], what).toMatch(message);
    }
    const other = await cli([
      'budgeting',
      'scores',
      'import',
      '--data-dir',
      env.dataDir,
      '--file',
      await fill(env.files[0], (_ws, wb) => {
        const meta = wb.getWorksheet('PLA_meta')!;
        meta.getCell('B2').value = env.ev[1].userId; // pretend it is the other evaluator's
      }),
    ]);
    expect(other.code).toBe(1);
    expect(other.err[0]).toMatch(/PLA_meta!B3: the workbook's signature does not match/);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('a forged workbook is refused: hidden data edited and a plain SHA-256 recomputed, as the old fingerprint allowed', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const forged = await fill(env.files[0], (_ws, wb) => {
      const meta = wb.getWorksheet('PLA_meta')!;
      meta.state = 'visible';
      meta.getCell('B2').value = env.ev[1].userId; // score as the other evaluator
      const ids: string[] = [];
      meta.eachRow((r) => {
        if (r.getCell(1).value === 'proposal') ids.push(String(r.getCell(2).value));
      });
      // The old fingerprint: SHA-256 of campaign, evaluator, sorted proposal ids and rubric — anyone can recompute it.
      const rubric = JSON.stringify(env.campaign.rubric);
      meta.getCell('B3').value = crypto
        .createHash('sha256')
        .update(`${env.campaign.id}\n${env.ev[1].userId}\n${[...ids].sort().join(',')}\n${rubric}`)
        .digest('hex');
    });
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', forged]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/PLA_meta!B3: the workbook's signature does not match its assignment/);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('a workbook re-saved by LibreOffice (the very hidden sheet now only "hidden") imports: the signature decides, not the sheet state', async () => {
    const env = await setup();
    const filled = await fill(env.files[0]);
    const zip = await JSZip.loadAsync(fs.readFileSync(filled));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/name="PLA_meta" state="veryHidden"/);
    zip.file('xl/workbook.xml', book.replace('state="veryHidden"', 'state="hidden"')); // what LibreOffice 7.4 writes
    const resaved = path.join(path.dirname(filled), 'libreoffice.xlsx');
    fs.writeFileSync(resaved, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', resaved]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(await peek(env.dataDir, "select count(*) as n from budgeting_assignments where status = 'submitted'")).toEqual([{ n: 2 }]);
  });

  it('accepts the workbook re-saved by another spreadsheet (inline strings instead of shared strings, absolute relationship targets as openpyxl writes them)', async () => {
    const env = await setup();
    const filled = await fill(env.files[0]);
    const zip = await JSZip.loadAsync(fs.readFileSync(filled));
    const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
    const strings = [...sst.matchAll(/<si>(?:<t[^>]*>([\s\S]*?)<\/t>|[\s\S]*?)<\/si>/g)].map((m) => m[1] ?? '');
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(
        name,
        xml.replace(
          /<c r="([A-Z]+\d+)"([^>]*?) t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
          (_m, ref, a, b, i) => `<c r="${ref}"${a} t="inlineStr"${b}><is><t>${strings[Number(i)]}</t></is></c>`,
        ),
      );
    }
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    zip.file('xl/_rels/workbook.xml.rels', rels.replace(/Target="(?!\/)([^"]+)"/g, 'Target="/xl/$1"'));
    const resaved = path.join(path.dirname(filled), 'resaved.xlsx');
    fs.writeFileSync(resaved, await zip.generateAsync({ type: 'nodebuffer' }));
    expect(await (await JSZip.loadAsync(fs.readFileSync(resaved))).file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/inlineStr/);
    expect(await (await JSZip.loadAsync(fs.readFileSync(resaved))).file('xl/_rels/workbook.xml.rels')!.async('string')).toMatch(
      /Target="\/xl\/worksheets\/sheet1\.xml"/,
    );
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', resaved]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(await peek(env.dataDir, "select count(*) as n from budgeting_assignments where status = 'submitted'")).toEqual([{ n: 2 }]);
  });

  it('a workbook LibreOffice saved in its own format (.ods) imports, and so does the same file renamed .xlsx', async () => {
    const env = await setup();
    const filled = await fill(env.files[0]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(filled);
    const grid = (name: string) => {
      const rows: OdsCell[][] = [];
      wb.getWorksheet(name)!.eachRow(
        { includeEmpty: true },
        (r, n) =>
          (rows[n - 1] = Array.from(r.values as unknown[])
            .slice(1)
            .map((v) =>
              v == null
                ? null
                : typeof v === 'object' && 'richText' in (v as object)
                  ? String((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''))
                  : (v as OdsCell),
            )),
      );
      return Array.from(rows, (r) => r ?? []);
    };
    const ods = path.join(path.dirname(filled), 'evaluare.ods');
    await writeOds(ods, [
      { name: 'Evaluare', rows: grid('Evaluare') },
      { name: 'Propuneri', rows: grid('Propuneri') },
      { name: 'PLA_meta', rows: grid('PLA_meta') },
    ]);
    const dry = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', ods, '--dry-run']);
    expect(dry.err).toEqual([]);
    expect(dry.out[0]).toMatch(/2 evaluation\(s\) submitted/);
    const renamed = path.join(path.dirname(filled), 'evaluare-redenumit.xlsx');
    fs.copyFileSync(ods, renamed);
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', renamed]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(await peek(env.dataDir, "select count(*) as n from budgeting_assignments where status = 'submitted'")).toEqual([{ n: 2 }]);
  });

  it('a file that is not a workbook says what to do: save it as Excel 2007-365 (.xlsx)', async () => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const xls = path.join(tempDir(), 'vechi.xlsx');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', xls]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/Excel 97-2003 \(\.xls\).*salvați-l ca „Excel 2007-365 \(\.xlsx\)”/);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('a conflict declared in the workbook recuses the evaluator for that proposal, with no scores needed', async () => {
    const env = await setup();
    const filled = await fill(env.files[0], (ws) => {
      ws.getCell('C5').value = 'da';
      ws.getCell('D5').value = null;
      ws.getCell('E5').value = null;
    });
    const r = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', filled]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/1 evaluation\(s\) submitted, 1 conflict\(s\) of interest declared/);
    // Every declaration is logged, the "nu" as well as the "da" (nobody free to take over: both evaluators are on it).
    expect(await peek(env.dataDir, 'select conflict, note, reassigned_to from budgeting_conflicts order by conflict desc')).toEqual([
      { conflict: 1, note: 'declarat în fișa de evaluare', reassigned_to: null },
      { conflict: 0, note: 'declarat în fișa de evaluare', reassigned_to: null },
    ]);
    // The assignment changed: the old workbook no longer matches.
    const stale = await cli(['budgeting', 'scores', 'import', '--data-dir', env.dataDir, '--file', filled]);
    expect(stale.code).toBe(1);
    expect(stale.err[0]).toMatch(/assignment changed since the workbook was made/);
  });
});
