import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import ExcelJS from 'exceljs';
import * as q from '../../../db/queries/budgeting';
import { getWorkbookKey, putWorkbookKey } from '../../../db/queries/budgeting-workbook-keys';
import { AppError, asciiSlug, type BudgetCampaign, type BudgetRubric, type ScoresImportReport } from '../../contract';
import type { ServiceContext } from '../context';
import { cellErrors, formulaText, isFormulaValue, openWorkbookFile, plainValue, SAVE_AS_XLSX, sheetsOf, type CellError, type CellValue } from '../excel-import';
import { HEADER_FILL, protectWorkbookStructure, workbookXmlEdit } from '../excel';
import { reorderZip, xlsxPartRank } from '../zip';
import { newId, nextTimestamp, parseJson } from '../util';
import { changeEntry } from '../audit';
import { conflict, notFound, stampCreate } from '../writes';
import { insertAudits } from '../../../db/queries/admin';
import { insertMany, rowsIn, updateRowsIfCurrent } from '../../../db/queries/rows';
import type { WriteTx } from '../../../db/access';
import type { AuditLogTable } from '../../../db/schema/admin';
import { checkScores, declareInterestIn, overallScore, settlement, settleProposal, type DeclaringAssignment } from './evaluation';
import { getCampaign } from './service';

/**
 * Offline scoring workbooks: one .xlsx per evaluator with their assigned proposals, drop-down-validated score
 * cells, a comment and a conflict-of-interest column, everything else locked, and the assignment data in a very
 * hidden sheet with its signature (the defined name PLA_SIGNATURE). Importing one back checks the signature,
 * the proposal list and every score, naming the cell of each problem; nothing is written unless all is right.
 *
 * The signature is an HMAC-SHA256 of the hidden data under the campaign's own secret, kept in the database and
 * never in the file (migration 0018): a plain hash of visible data only caught mistakes, since anyone could
 * recompute it after editing. The sheets and the workbook's structure are protected with a password derived
 * from the same secret (nobody types it: it keeps the hidden sheet hidden and the locked cells locked in Excel
 * and in LibreOffice, which turns "very hidden" into "hidden" when it saves). The signature alone decides.
 */

export const SCORE_SHEET = 'Evaluare';
const META_SHEET = 'PLA_meta';
const FIRST_ROW = 5; // header on row 4
const COL_CODE = 1;
const COL_TITLE = 2;
const COL_CONFLICT = 3;
const FIRST_SCORE_COL = 4;

/** What a workbook's hidden sheet holds, and what its signature covers. */
interface SignedData {
  campaignId: string;
  evaluatorId: string;
  criteria: string[];
  firstRow: number;
  proposals: Array<{ id: string; code: string }>;
  rubric: BudgetRubric;
}

/** HMAC-SHA256 (hex) of the workbook's hidden data under the campaign's secret. */
export function workbookSignature(secret: string, d: SignedData): string {
  const payload = JSON.stringify([
    'pla-desk-scoring-workbook/1',
    d.campaignId,
    d.evaluatorId,
    d.criteria,
    d.firstRow,
    d.proposals.map((p) => [p.id, p.code]),
    d.rubric,
  ]);
  return crypto.createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * The password that protects a campaign's workbooks (sheets and structure); derived, never stored or shown. It is
 * 144 random bits, so the hash needs no stretching: 1,000 rounds instead of Excel's 100,000 (valid for Excel and
 * LibreOffice alike) keep making twenty workbooks quick.
 */
const SPIN_COUNT = 1000;
const protectionPassword = (secret: string) => crypto.createHmac('sha256', secret).update('pla-desk-workbook-protection').digest('base64url').slice(0, 24);

/** The campaign's signing secret; made (and kept) on the first export. */
async function workbookKey(ctx: ServiceContext, campaignId: string): Promise<string> {
  const existing = await getWorkbookKey(ctx.db, campaignId);
  if (existing) return existing;
  const fresh = crypto.randomBytes(32).toString('base64url');
  return ctx.tx((trx) => putWorkbookKey(trx, campaignId, fresh, ctx.now().toISOString()));
}

const colLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

const safeName = (s: string) => asciiSlug(s).slice(0, 60) || 'evaluator';

interface EvaluatorSet {
  evaluatorId: string;
  evaluatorName: string;
  rows: Array<{ assignmentId: string; proposalId: string; code: string; title: string }>;
}

/** Each evaluator's live, not recused assignments in the campaign (what their workbook holds). */
async function evaluatorSets(ctx: ServiceContext, campaignId: string): Promise<EvaluatorSet[]> {
  const all = (await q.listAssignments(ctx.db, { campaignId })).filter((a) => a.status !== 'recused');
  const by = new Map<string, EvaluatorSet>();
  for (const a of all) {
    let s = by.get(a.evaluator_id);
    if (!s) by.set(a.evaluator_id, (s = { evaluatorId: a.evaluator_id, evaluatorName: a.evaluator_name, rows: [] }));
    s.rows.push({ assignmentId: a.id, proposalId: a.proposal_id, code: a.proposal_code, title: a.proposal_title });
  }
  return [...by.values()];
}

async function writeOne(
  campaign: BudgetCampaign,
  set: EvaluatorSet,
  proposals: Map<string, { body: string; zone: string | null; cost: number | null }>,
  out: string,
  secret: string,
) {
  const password = protectionPassword(secret);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PLA Desk';
  const ws = wb.addWorksheet(SCORE_SHEET, { views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }] });
  const criteria = campaign.rubric.criteria;
  const commentCol = FIRST_SCORE_COL + criteria.length;
  ws.getCell(1, 1).value = `Fișă de evaluare — ${campaign.name}`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = `Evaluator: ${set.evaluatorName}`;
  ws.getCell(3, 1).value =
    'Completați coloana „Conflict de interese” (da/nu) pentru fiecare propunere; la „nu”, dați un punctaj pe fiecare criteriu din lista derulantă. Restul foii este blocat.';
  const header = ['Cod', 'Titlu', 'Conflict de interese (da/nu)', ...criteria.map((c) => `${c.name} (${c.min}–${c.max}, pondere ${c.weight})`), 'Comentariu'];
  header.forEach((h, i) => {
    const cell = ws.getCell(FIRST_ROW - 1, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  });
  ws.getColumn(COL_CODE).width = 10;
  ws.getColumn(COL_TITLE).width = 50;
  ws.getColumn(COL_CONFLICT).width = 16;
  criteria.forEach((_, i) => (ws.getColumn(FIRST_SCORE_COL + i).width = 16));
  ws.getColumn(commentCol).width = 50;
  const rows = [...set.rows].sort((a, b) => a.code.localeCompare(b.code, 'ro', { numeric: true }));
  rows.forEach((r, n) => {
    const row = FIRST_ROW + n;
    ws.getCell(row, COL_CODE).value = r.code;
    ws.getCell(row, COL_TITLE).value = r.title;
    const coi = ws.getCell(row, COL_CONFLICT);
    coi.protection = { locked: false };
    coi.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"da,nu"'],
      showErrorMessage: true,
      errorTitle: 'Conflict de interese',
      error: 'Alegeți da sau nu.',
    };
    criteria.forEach((c, i) => {
      const cell = ws.getCell(row, FIRST_SCORE_COL + i);
      cell.protection = { locked: false };
      const values = Array.from({ length: c.max - c.min + 1 }, (_, k) => c.min + k);
      cell.dataValidation =
        values.length <= 21
          ? {
              type: 'list',
              allowBlank: true,
              formulae: [`"${values.join(',')}"`],
              showErrorMessage: true,
              errorTitle: c.name,
              error: `Un număr întreg de la ${c.min} la ${c.max}.`,
            }
          : {
              type: 'whole',
              operator: 'between',
              allowBlank: true,
              formulae: [c.min, c.max],
              showErrorMessage: true,
              errorTitle: c.name,
              error: `Un număr întreg de la ${c.min} la ${c.max}.`,
            };
    });
    const comment = ws.getCell(row, commentCol);
    comment.protection = { locked: false };
    comment.alignment = { wrapText: true, vertical: 'top' };
  });
  await ws.protect(password, { spinCount: SPIN_COUNT, selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  // The proposals to read (no author: evaluators judge the proposal, and blind mode hides the author anyway).
  const info = wb.addWorksheet('Propuneri');
  info.columns = [
    { header: 'Cod', width: 10 },
    { header: 'Titlu', width: 40 },
    { header: 'Zonă', width: 12 },
    { header: 'Cost estimat (lei)', width: 16 },
    { header: 'Descriere', width: 100 },
  ];
  info.getRow(1).font = { bold: true };
  for (const r of rows) {
    const p = proposals.get(r.proposalId);
    const added = info.addRow([r.code, r.title, p?.zone ?? '', p?.cost == null ? null : p.cost / 100, p?.body ?? '']);
    added.getCell(4).numFmt = '#,##0.00';
    added.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  }
  await info.protect(password, { spinCount: SPIN_COUNT, selectLockedCells: true, selectUnlockedCells: true });

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const signed: SignedData = {
    campaignId: campaign.id,
    evaluatorId: set.evaluatorId,
    criteria: criteria.map((c) => c.key),
    firstRow: FIRST_ROW,
    proposals: rows.map((r) => ({ id: r.proposalId, code: r.code })),
    rubric: campaign.rubric,
  };
  meta.addRow(['campaign', campaign.id]);
  meta.addRow(['evaluator', set.evaluatorId]);
  meta.addRow(['signature', workbookSignature(secret, signed)]);
  meta.addRow(['criteria', signed.criteria.join(',')]);
  meta.addRow(['first_row', FIRST_ROW]);
  for (const r of rows) meta.addRow(['proposal', r.proposalId, r.code]);
  await meta.protect(password, { spinCount: SPIN_COUNT });
  wb.definedNames.add(`'${META_SHEET}'!$B$3`, 'PLA_SIGNATURE');
  // ExcelJS cannot protect the structure (which would let the hidden sheet be shown): added to workbook.xml.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-workbook-'));
  try {
    const plain = path.join(tmp, 'plain.xlsx');
    await wb.xlsx.writeFile(plain);
    const partial = `${out}.partial`;
    reorderZip(
      plain,
      partial,
      xlsxPartRank,
      undefined,
      workbookXmlEdit((xml) => protectWorkbookStructure(xml, password, SPIN_COUNT)),
    );
    fs.renameSync(partial, out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes one workbook per evaluator of the campaign into `dir`; returns the files written. */
export async function writeScoringWorkbooks(
  ctx: ServiceContext,
  campaignId: string,
  dir: string,
  onProgress?: (f: number) => void,
): Promise<Array<{ file: string; evaluatorId: string; evaluatorName: string }>> {
  const campaign = await getCampaign(ctx, { id: campaignId });
  const sets = await evaluatorSets(ctx, campaignId);
  const proposals = new Map(
    (await q.listProposals(ctx.db, { campaignId })).map((p) => [
      p.id,
      { body: p.body, zone: p.zone_code, cost: p.cost_estimate == null ? null : Number(p.cost_estimate) },
    ]),
  );
  const secret = sets.length ? await workbookKey(ctx, campaignId) : '';
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<{ file: string; evaluatorId: string; evaluatorName: string }> = [];
  const used = new Set<string>();
  for (const [i, set] of sets.entries()) {
    let name = `Evaluare-${safeName(campaign.name)}-${safeName(set.evaluatorName)}`;
    while (used.has(name)) name += `-${set.evaluatorId.slice(-4)}`;
    used.add(name);
    const out = path.join(dir, `${name}.xlsx`);
    await writeOne(campaign, set, proposals, out, secret);
    files.push({ file: out, evaluatorId: set.evaluatorId, evaluatorName: set.evaluatorName });
    onProgress?.((i + 1) / sets.length);
  }
  return files;
}

// ───────────────────────────── import

const text = (v: ExcelJS.CellValue | undefined) => {
  const p = plainValue(v);
  return p == null ? '' : p instanceof Date ? p.toISOString() : String(p);
};

const refuse = (message: string, field = 'file') => new AppError('VALIDATION', message, { issues: [{ field, reason: 'bad_workbook', message }] });

/** A formula cell of the scores sheet: its formula as typed (to name it when refused) and its cached result (for text()). */
class FormulaCell {
  constructor(
    readonly formula: string,
    readonly value: CellValue,
  ) {}
}
/** A cell as the checks need it: its plain value (plainValue), or a formula's text and result. */
type Compact = CellValue | FormulaCell;
const compact = (v: ExcelJS.CellValue | undefined): Compact => (isFormulaValue(v) ? new FormulaCell(formulaText(v), plainValue(v)) : plainValue(v));
const textOf = (c: Compact | undefined) => {
  const p = c instanceof FormulaCell ? c.value : c;
  return p == null ? '' : p instanceof Date ? p.toISOString() : String(p);
};

/**
 * One row of the scores sheet, as the checks use it, made as the row is read: the code's and the conflict
 * column's text, whether the title is filled (only rows below the list look at it), and the cells from the
 * first score column on (the scores, then the comment) — primitives, not ExcelJS's cell value objects.
 */
interface ScoreRow {
  code: string;
  titled: boolean;
  conflict: string;
  cells: Compact[];
}

/** The hidden sheet's rows as three parallel columns of text (A, B, C), in row order. */
interface MetaRows {
  key: string[];
  b: string[];
  c: string[];
}

/** Collects the hidden sheet's rows as they come; rows out of order or repeated are sorted as a Map by row number would be (the last one read wins). */
function metaCollector() {
  const num: number[] = [];
  const cols: MetaRows = { key: [], b: [], c: [] };
  let ordered = true;
  return {
    add(n: number, values: ExcelJS.CellValue[]) {
      if (num.length && n <= num[num.length - 1]) ordered = false;
      num.push(n);
      cols.key.push(text(values[1]));
      cols.b.push(text(values[2]));
      cols.c.push(text(values[3]));
    },
    rows(): MetaRows {
      if (ordered) return cols;
      const last = new Map<number, number>();
      num.forEach((n, i) => last.set(n, i));
      const idx = [...last.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]);
      return { key: idx.map((i) => cols.key[i]), b: idx.map((i) => cols.b[i]), c: idx.map((i) => cols.c[i]) };
    },
  };
}

/**
 * The two sheets the import reads, from an .xlsx (ExcelJS) or an .ods (LibreOffice's own format, ods.ts), each
 * row reduced as it is read to what the checks use (the meta sheet's three text columns; the scores sheet's
 * ScoreRow), so no sheet is held as ExcelJS's row value arrays.
 */
async function readScoringSheets(file: string): Promise<{ meta?: MetaRows; scores?: Map<number, ScoreRow> }> {
  let opened: ReturnType<typeof openWorkbookFile>;
  try {
    opened = openWorkbookFile(file); // a zip bomb is refused from the zip directory, before anything is inflated (zip.ts)
  } catch (e) {
    if (e instanceof AppError && !['not_xlsx', 'unreadable', 'not_spreadsheet'].includes(String(e.details?.issues?.[0]?.reason))) throw e;
    throw refuse(
      e instanceof AppError && e.details?.issues?.[0]?.reason !== 'not_xlsx' ? e.message : `the file is not an Excel workbook (.xlsx); ${SAVE_AS_XLSX}`,
    );
  }
  try {
    const out: { meta?: MetaRows; scores?: Map<number, ScoreRow> } = {};
    // Streamed sheet by sheet (ExcelJS's streaming reader through the zip's directory, or ods.ts), never the
    // whole workbook as ExcelJS's object model.
    for await (const sheet of sheetsOf(opened)) {
      // Any other sheet (the proposals' texts, as long as the list) is not read: its part is closed unread
      // (excel-import.ts partsInOrder; ods: skipped).
      if (sheet.name === META_SHEET) {
        const m = metaCollector();
        for await (const r of sheet) if (r.number < 100_000) m.add(r.number, r.values as ExcelJS.CellValue[]);
        out.meta = m.rows();
      } else if (sheet.name === SCORE_SHEET) {
        const g = new Map<number, ScoreRow>();
        for await (const r of sheet) {
          if (r.number >= 100_000) continue;
          const v = r.values as ExcelJS.CellValue[];
          const cells: Compact[] = [];
          for (let col = FIRST_SCORE_COL; col < v.length; col++) cells.push(compact(v[col]));
          g.set(r.number, { code: text(v[COL_CODE]), titled: text(v[COL_TITLE]) !== '', conflict: text(v[COL_CONFLICT]), cells });
        }
        out.scores = g;
      }
    }
    return out;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(`the workbook cannot be read; ${SAVE_AS_XLSX}`);
  } finally {
    opened.cleanup();
  }
}

/** Takes a filled scoring workbook back (ours, or re-saved by Excel / LibreOffice, as .xlsx or .ods): all checks first, then one transaction. */
export async function importScoringWorkbook(ctx: ServiceContext, file: string, dryRun: boolean): Promise<ScoresImportReport> {
  // The checks run in their own function so that what they read (the sheets' rows, the evaluator's assignments as
  // listed) can be collected before the writes: only the answers, with the few assignment fields the writes use, are kept.
  const { campaign, campaignId, evaluatorId, listedCount, planned } = await readAndCheck(ctx, file);
  const report: ScoresImportReport = { dryRun, campaignId, evaluatorId, submitted: 0, conflicts: 0, unchanged: listedCount - planned.length };
  for (const p of planned) {
    if (p.conflict) report.conflicts++;
    else report.submitted++;
  }
  if (dryRun) return report;
  await ctx.tx((trx) => writeAnswers(ctx, trx, campaign, planned));
  return report;
}

/** Reads the workbook and checks all of it: the answers to write, or the refusal (the signature's, or every bad cell's). */
async function readAndCheck(ctx: ServiceContext, file: string) {
  const { meta, scores: ws } = await readScoringSheets(file);
  if (!meta || !ws) throw refuse(`not a PLA Desk scoring workbook (no "${SCORE_SHEET}" sheet with its assignment data)`);
  const get = (k: string) => {
    const i = meta.key.indexOf(k);
    return i < 0 ? '' : meta.b[i];
  };
  const campaignId = get('campaign');
  const evaluatorId = get('evaluator');
  const stored = get('signature');
  const keys = get('criteria').split(',').filter(Boolean);
  const listed: Array<{ id: string; code: string }> = [];
  meta.key.forEach((k, i) => {
    if (k === 'proposal') listed.push({ id: meta.b[i], code: meta.c[i] });
  });

  const [campaignRow] = await q.listCampaigns(ctx.db, { id: campaignId });
  if (!campaignRow) throw refuse(`${META_SHEET}!B1: the workbook is for a campaign that is not in this database`, 'campaign');
  if (!stored) throw refuse(`${META_SHEET}!B3: the workbook has no signature (made by an older PLA Desk); make a new workbook`, 'signature');
  const campaign = await getCampaign(ctx, { id: campaignId });
  const secret = await getWorkbookKey(ctx.db, campaignId);
  // The hidden data must be what the campaign's key signed (only this database can sign it).
  const expected = secret
    ? workbookSignature(secret, { campaignId, evaluatorId, criteria: keys, firstRow: Number(get('first_row')), proposals: listed, rubric: campaign.rubric })
    : '';
  const same = expected.length === stored.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(stored));
  if (!same || keys.join(',') !== campaign.rubric.criteria.map((c) => c.key).join(',') || Number(get('first_row')) !== FIRST_ROW)
    throw refuse(`${META_SHEET}!B3: the workbook's signature does not match its assignment (altered, or made for another rubric or evaluator)`, 'signature');
  const current = (await q.assignmentsToAnswer(ctx.db, campaignId, evaluatorId)).filter((a) => a.status !== 'recused');
  const sortedIds = (ids: string[]) => [...ids].sort().join(',');
  if (sortedIds(current.map((a) => a.proposal_id)) !== sortedIds(listed.map((l) => l.id)))
    throw refuse(`${META_SHEET}!B3: this evaluator's assignment changed since the workbook was made; make a new workbook`, 'signature');

  const errors: CellError[] = [];
  const bad = (row: number, col: number, value: unknown, message: string) =>
    errors.push({ sheet: SCORE_SHEET, row, column: colLetter(col), value: (value ?? null) as CellError['value'], message });
  const byProposal = new Map(current.map((a) => [a.proposal_id, a]));
  const planned: Answer[] = [];
  const commentCol = FIRST_SCORE_COL + keys.length;
  listed.forEach((l, n) => {
    const row = FIRST_ROW + n;
    const r = ws.get(row);
    const at = (col: number) => r?.cells[col - FIRST_SCORE_COL];
    const code = r?.code ?? '';
    if (code !== l.code) {
      bad(row, COL_CODE, code, `expected proposal ${l.code} here: the proposal list was changed`);
      return;
    }
    const a = byProposal.get(l.id)!;
    const coi = (r?.conflict ?? '').trim().toLowerCase();
    if (!['da', 'nu', 'yes', 'no'].includes(coi)) {
      bad(row, COL_CONFLICT, coi || null, coi ? 'expected da or nu' : 'required: declare whether you have a conflict of interest (da/nu)');
      return;
    }
    const conflict = coi === 'da' || coi === 'yes';
    const comment = textOf(at(commentCol));
    const scores: Record<string, number> = {};
    if (!conflict) {
      keys.forEach((k, i) => {
        const col = FIRST_SCORE_COL + i;
        const cellValue = at(col);
        if (cellValue instanceof FormulaCell) {
          // A score is what the evaluator decided, not what a formula computes (as every import refuses formulas).
          const ref = `${colLetter(col)}${row}`;
          errors.push({
            sheet: SCORE_SHEET,
            row,
            column: colLetter(col),
            ref,
            value: null,
            reason: 'formula',
            message: `${SCORE_SHEET}!${ref}: celula conține o formulă (${cellValue.formula}); introduceți valoarea, nu formula`,
          });
          return;
        }
        const raw = cellValue ?? null;
        const v = typeof raw === 'string' && /^\s*-?\d+([.,]\d+)?\s*$/.test(raw) ? Number(raw.replace(',', '.')) : raw;
        if (v == null) return bad(row, col, null, 'required: a score');
        const crit = campaign.rubric.criteria[i];
        const problem = checkScores(campaign.rubric, { [k]: v }, false)[0];
        if (problem) return bad(row, col, raw, problem.message.replace(`"${k}"`, `"${crit.name}"`));
        scores[k] = v as number;
      });
    }
    if (a.status === 'submitted' || (a.conflict_declared_at && a.conflict === 1)) {
      const same = conflict ? a.conflict === 1 : a.conflict === 0 && JSON.stringify(parseJson(a.scores, {})) === JSON.stringify(scores);
      if (!same)
        bad(row, conflict ? COL_CONFLICT : FIRST_SCORE_COL, null, 'this proposal was already submitted with other answers; submitted scores are final');
      return;
    }
    if (a.conflict_declared_at && a.conflict === 0 && conflict) {
      bad(row, COL_CONFLICT, 'da', 'no conflict was declared for this proposal earlier; a declaration cannot be changed');
      return;
    }
    // Only declareInterestIn's fields are kept for the writes; the ids every answer shares (campaign, evaluator) and
    // the proposal's (already held by the list) point at one string each rather than a copy per database row.
    const assignment: DeclaringAssignment = {
      id: a.id,
      campaign_id: a.campaign_id === campaignId ? campaignId : a.campaign_id,
      proposal_id: a.proposal_id === l.id ? l.id : a.proposal_id,
      evaluator_id: a.evaluator_id === evaluatorId ? evaluatorId : a.evaluator_id,
      round: a.round,
      status: a.status,
      conflict_declared_at: a.conflict_declared_at,
      updated_at: a.updated_at,
    };
    planned.push({ assignment, conflict, scores, comment });
  });
  // Rows below the list must be empty (a row added by hand is a changed list).
  const last = FIRST_ROW + listed.length;
  for (const row of [...ws.keys()].sort((a, b) => a - b)) {
    const r = ws.get(row)!;
    if (row >= last && (r.code !== '' || r.titled || r.conflict !== '')) bad(row, COL_CODE, r.code, 'a row was added: the proposal list was changed');
  }
  if (errors.length) throw cellErrors(errors);
  return { campaign, campaignId, evaluatorId, listedCount: listed.length, planned };
}

/** Answers of a workbook read, checked and settled together per statement (a few hundred proposals a batch). */
export const SCORES_BATCH = 500;

const NOTE = 'declarat în fișa de evaluare';

/** The columns an answer sets on its assignment (the declaration's and the scores'), with their SQL types. */
const ASSIGNMENT_SET = {
  conflict_declared_at: 'text',
  conflict: 'integer',
  status: 'text',
  scores: 'text',
  comment: 'text',
  overall: 'real',
  submitted_at: 'text',
  via: 'text',
  updated_at: 'text',
  updated_by: 'text',
} as const;
const PROPOSAL_SET = { final_score: 'real', final_method: 'text', divergent: 'integer', updated_at: 'text', updated_by: 'text' } as const;

interface Answer {
  assignment: DeclaringAssignment;
  conflict: boolean;
  scores: Record<string, number>;
  comment: string;
}
type Evaluation = Awaited<ReturnType<typeof q.evaluationsToSettle>>[number];
type Row = Record<string, unknown> & { id: string; updated_at: string };

/**
 * The answers' writes, inside the import's transaction: what declareInterestIn, writeScores and settleProposal
 * write for each answer in turn — the same rows, stamps and audit entries, checks in the same order — made from
 * rows read a batch at a time (the batch's assignments, proposals, their evaluations and moderations) and written a
 * batch at a time (multi-row UPDATEs and INSERTs). An answer that needs the campaign's evaluator loads (a conflict,
 * which hands the proposal to another evaluator, or a divergence that asks for a third) is written by those
 * functions themselves, after what waits is written. Answers are independent but for those loads: each is one
 * proposal of this evaluator (one live assignment per proposal and evaluator, a unique index), so it changes only
 * its own assignment, proposal and that proposal's evaluations.
 */
async function writeAnswers(ctx: ServiceContext, trx: WriteTx, campaign: BudgetCampaign, answers: Answer[]) {
  const assignments: Array<{ id: string; expectedUpdatedAt: string; set: Record<string, unknown> }> = [];
  const proposals: Array<{ id: string; expectedUpdatedAt: string; set: Record<string, unknown> }> = [];
  const conflicts: Array<Record<string, unknown> & { id: string }> = [];
  const entries: AuditLogTable[] = [];
  const flush = async () => {
    if ((await updateRowsIfCurrent(trx, 'budgeting_assignments', ASSIGNMENT_SET, assignments)) !== assignments.length)
      throw conflict('budgeting assignment', assignments[0].id);
    if ((await updateRowsIfCurrent(trx, 'budgeting_proposals', PROPOSAL_SET, proposals)) !== proposals.length)
      throw conflict('budgeting proposal', proposals[0].id);
    await insertMany(trx, 'budgeting_conflicts', conflicts);
    await insertAudits(trx, entries);
    assignments.length = proposals.length = conflicts.length = entries.length = 0;
  };
  const actor = ctx.actor;
  for (let start = 0; start < answers.length; start += SCORES_BATCH) {
    const batch = answers.slice(start, start + SCORES_BATCH);
    const ids = batch.map((b) => b.assignment.id);
    const proposalIds = batch.map((b) => b.assignment.proposal_id);
    const stored = new Map((await rowsIn(trx, 'budgeting_assignments', ids)).map((r) => [r.id, r as unknown as Row]));
    const storedProposals = new Map((await q.proposalSettlements(trx, proposalIds)).map((r) => [r.id, r as unknown as Row]));
    const evaluations = new Map<string, Evaluation[]>();
    for (const a of await q.evaluationsToSettle(trx, proposalIds)) {
      const list = evaluations.get(a.proposal_id);
      if (list) list.push(a);
      else evaluations.set(a.proposal_id, [a]);
    }
    const moderations = new Map<string, { final_score: number }>();
    for (const m of await q.moderationsOfProposals(trx, proposalIds)) if (!moderations.has(m.proposal_id)) moderations.set(m.proposal_id, m);

    for (const { assignment: a, conflict: isConflict, scores, comment } of batch) {
      if (isConflict) {
        if (!a.conflict_declared_at) {
          await flush();
          await declareInterestIn(ctx, trx, a, true, NOTE);
        }
        continue;
      }
      let row = stored.get(a.id);
      if (!a.conflict_declared_at) {
        // declareInterestIn(ctx, trx, a, false, NOTE): the declaration on the assignment (updateCurrent), then its record.
        const at = nextTimestamp(ctx.now(), a.updated_at);
        if (!row || row.deleted_at) throw notFound('budgeting assignment', a.id);
        if (row.updated_at !== a.updated_at) throw conflict('budgeting assignment', a.id);
        const declared: Row = { ...row, conflict_declared_at: at, conflict: 0, status: a.status, updated_at: at, updated_by: actor.id };
        entries.push(changeEntry(actor, at, 'budgeting assignment', a.id, 'update', row, declared));
        const { full, entry } = stampCreate(ctx, 'budgeting conflict declaration', {
          id: newId(),
          assignment_id: a.id,
          campaign_id: a.campaign_id,
          proposal_id: a.proposal_id,
          evaluator_id: a.evaluator_id,
          conflict: 0,
          note: NOTE,
          declared_at: at,
          reassigned_to: null,
        });
        conflicts.push(full);
        entries.push(entry);
        row = declared;
      }
      // writeScores(ctx, trx, <the assignment as it is now>, campaign, scores, comment, true, 'workbook').
      const proposal = storedProposals.get(a.proposal_id);
      if (!row || row.deleted_at || !proposal || proposal.deleted_at) throw notFound('budgeting assignment', a.id);
      const at = nextTimestamp(ctx.now(), row.updated_at);
      const scored: Row = {
        ...row,
        scores: JSON.stringify(scores),
        comment,
        overall: overallScore(campaign.rubric, scores),
        status: 'submitted',
        submitted_at: at,
        via: 'workbook',
        updated_at: at,
        updated_by: actor.id,
      };
      entries.push(changeEntry(actor, at, 'budgeting assignment', a.id, 'update', row, scored));
      assignments.push({ id: a.id, expectedUpdatedAt: stored.get(a.id)!.updated_at, set: scored });

      // settleProposal(ctx, trx, a.proposal_id, campaign), on the proposal's evaluations as they are now.
      const all = (evaluations.get(a.proposal_id) ?? []).map((e) => (e.id === a.id ? { ...e, ...(scored as Partial<Evaluation>) } : e));
      const s = settlement(campaign, all, moderations.get(a.proposal_id));
      if (s.askThird) {
        await flush();
        await settleProposal(ctx, trx, a.proposal_id, campaign);
        continue;
      }
      if (proposal.final_score !== s.final || proposal.final_method !== s.method || proposal.divergent !== (s.divergent ? 1 : 0)) {
        const when = nextTimestamp(ctx.now(), proposal.updated_at);
        const settled: Row = {
          ...proposal,
          final_score: s.final,
          final_method: s.method,
          divergent: s.divergent ? 1 : 0,
          updated_at: when,
          updated_by: actor.id,
        };
        entries.push(changeEntry(actor, when, 'budgeting proposal', proposal.id, 'update', proposal, settled));
        proposals.push({ id: proposal.id, expectedUpdatedAt: proposal.updated_at, set: settled });
      }
    }
    await flush();
  }
}
