import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import * as q from '../../db/queries/budgeting';
import { dbPath } from '../../electron/core';
import { AppError, type BudgetCampaign, type EvaluationAssignment } from '../../electron/contract';
import { SYSTEM_ACTOR, type ServiceContext } from '../../electron/core/context';
import { declareInterestIn, writeScores } from '../../electron/core/budgeting/evaluation';
import { getCampaign } from '../../electron/core/budgeting/service';
import { importScoringWorkbook, SCORES_BATCH } from '../../electron/core/budgeting/workbooks';
import { auditedTransaction } from '../../electron/core/writes';
import { freshCore, ok, signIn, TEST_ENGINE, tempDir, withStoreDb } from './helpers';

/**
 * A scoring workbook's answers are written a batch at a time (workbooks.ts, writeAnswers): an evaluator's workbook
 * of more rows than a batch writes exactly what answering row by row wrote — declareInterestIn, then writeScores on
 * the assignment read again, for each row in turn, as the import did before — with every kind of answer and
 * settlement on the way: conflicts handed to another evaluator, answers after a declaration made in the app,
 * rows already submitted, averages, a divergence that asks for a third evaluator, a moderated proposal.
 */

const NOW = new Date('2026-06-01T09:00:00Z');
const PROPOSALS = Math.ceil((SCORES_BATCH * 3) / 2) + 150; // evaluator 0 gets two proposals in three: more rows than one batch
const RUBRIC = {
  criteria: [
    { key: 'impact', name: 'Impact', weight: 2, min: 0, max: 5 },
    { key: 'fezabilitate', name: 'Fezabilitate', weight: 1, min: 1, max: 10 },
  ],
};
const code = (i: number) => `P-${String(i + 1).padStart(4, '0')}`;

/** Evaluator 0's answer on their n-th proposal (in the workbook's order). */
interface Plan {
  conflict: boolean;
  scores: Record<string, number>;
  comment: string;
}
const conflictAt = (n: number) => n % 97 === 50;
const answer = (n: number): Plan =>
  conflictAt(n)
    ? { conflict: true, scores: {}, comment: '' }
    : { conflict: false, scores: { impact: n % 6, fezabilitate: 1 + (n % 10) }, comment: `Comentariu ${n}` };

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const campaign = await ok(env.core, 'budgeting.saveCampaign', {
    name: 'Evaluare în loturi',
    totalBudget: 100_000_000,
    rubric: RUBRIC,
    evaluatorsPerProposal: 2,
  } as never);
  const csv = ['code,title,cost', ...Array.from({ length: PROPOSALS }, (_, i) => `${code(i)},Propunerea ${i + 1},${20_000 + i}`)].join('\n');
  await ok(env.core, 'budgeting.importProposals', { campaignId: campaign.id, fileName: 'p.csv', contentBase64: Buffer.from(csv).toString('base64') } as never);
  const ev = [await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator'), await signIn(env.core, 'evaluator')];
  await ok(env.core, 'budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: ev.map((e) => e.userId) });
  const all = await ok(env.core, 'budgeting.listAssignments', { campaignId: campaign.id });
  const mine = all.filter((a) => a.evaluatorId === ev[0].userId).sort((a, b) => a.proposalCode.localeCompare(b.proposalCode));
  expect(mine.length).toBeGreaterThan(SCORES_BATCH);
  const other = (a: EvaluationAssignment) => all.find((x) => x.proposalId === a.proposalId && x.evaluatorId !== ev[0].userId)!;
  const conn = (a: EvaluationAssignment) => ev.find((e) => e.userId === a.evaluatorId)!;
  const submit = async (a: EvaluationAssignment, scores: Record<string, number>) => {
    await ok(env.core, 'budgeting.declareInterest', { assignmentId: a.id, conflict: false }, conn(a));
    await ok(env.core, 'budgeting.saveScores', { assignmentId: a.id, scores, comment: 'din aplicație', submit: true }, conn(a));
  };
  // In the app, before the workbook comes back: the other evaluator submitted on some of evaluator 0's proposals,
  // close to evaluator 0's answer (an average) or far from it (a divergence: a third evaluator is asked for) …
  for (const n of [3, 4, 5, 7, 8, 10, 11, 12, 14, SCORES_BATCH + 3, SCORES_BATCH + 7, SCORES_BATCH + 10, SCORES_BATCH + 12, mine.length - 2, mine.length - 1])
    expect(conflictAt(n), `row ${n}`).toBe(false);
  for (const n of [3, 4, 5, SCORES_BATCH + 3, mine.length - 2]) await submit(other(mine[n]), answer(n).scores);
  for (const n of [7, 8, SCORES_BATCH + 7])
    await submit(other(mine[n]), { impact: 5 - answer(n).scores.impact, fezabilitate: 11 - answer(n).scores.fezabilitate });
  // … evaluator 0 declared no conflict on some, without scoring, and submitted others (the workbook says the same) …
  for (const n of [10, 11, SCORES_BATCH + 10]) await ok(env.core, 'budgeting.declareInterest', { assignmentId: mine[n].id, conflict: false }, ev[0]);
  for (const n of [12, SCORES_BATCH + 12]) await submit(mine[n], answer(n).scores);
  // … and one proposal has three evaluators whose two others diverged: it was moderated.
  const moderated = mine[14];
  const third = ev.find((e) => e.userId !== ev[0].userId && e.userId !== other(moderated).evaluatorId)!;
  const added = (await ok(env.core, 'budgeting.setAssignment', { proposalId: moderated.proposalId, evaluatorId: third.userId, assigned: true })).find(
    (a) => a.evaluatorId === third.userId,
  )!;
  await submit(other(moderated), { impact: 0, fezabilitate: 1 });
  await submit(added, { impact: 5, fezabilitate: 10 });
  await ok(env.core, 'budgeting.moderate', { proposalId: moderated.proposalId, finalScore: 61.5, rationale: 'Discutat', participants: 'Comisia' });

  const { jobId } = await ok(env.core, 'budgeting.exportWorkbooks', { campaignId: campaign.id });
  const job = await env.core.waitForJob(jobId);
  const { files } = job.result as { files: Array<{ fileId: string; evaluatorId: string }> };
  const file = path.join(env.dataDir, 'exports', `${files.find((f) => f.evaluatorId === ev[0].userId)!.fileId}.xlsx`);
  await env.core.close();
  return { ...env, campaign, evaluatorId: ev[0].userId, file, rows: mine.length };
}

/** Evaluator 0's workbook filled with {@link answer}; `edit` changes it further. */
async function fill(file: string, edit?: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Evaluare')!;
  for (let r = 5, n = 0; ws.getCell(`A${r}`).value; r++, n++) {
    const a = answer(n);
    ws.getCell(`C${r}`).value = a.conflict ? 'da' : 'nu';
    if (!a.conflict) {
      ws.getCell(`D${r}`).value = a.scores.impact;
      ws.getCell(`E${r}`).value = a.scores.fezabilitate;
      ws.getCell(`F${r}`).value = a.comment;
    }
  }
  edit?.(ws);
  const out = path.join(tempDir(), 'evaluare.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

/** A service context on the folder's store (the core closed), for the import and for answering row by row. */
async function withContext<T>(dataDir: string, fn: (ctx: ServiceContext, db: Db) => Promise<T>): Promise<T> {
  const run = (db: Db) => fn({ db, dataDir, now: () => NOW, actor: SYSTEM_ACTOR, tx: (f) => auditedTransaction(db, f) }, db);
  if (TEST_ENGINE === 'postgres') return withStoreDb(dataDir, run);
  const conn = openDatabase(dbPath(dataDir));
  try {
    return await run(conn.db);
  } finally {
    await conn.close();
  }
}

/** What the import writes: evaluations, declarations, proposals and the audit log. */
async function stored(db: Db) {
  return {
    assignments: (await db.selectFrom('budgeting_assignments').selectAll().execute()) as Array<Record<string, unknown> & { id: string }>,
    conflicts: (await db.selectFrom('budgeting_conflicts').selectAll().execute()) as Array<Record<string, unknown> & { id: string }>,
    proposals: (await db.selectFrom('budgeting_proposals').selectAll().execute()) as Array<Record<string, unknown> & { id: string }>,
    audit: (await db.selectFrom('audit_log').selectAll().execute()) as Array<Record<string, unknown> & { id: string }>,
  };
}
type Stored = Awaited<ReturnType<typeof stored>>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const byText = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** What was written since `before`, with the ids of new rows (random) named by what they are, in a stable order. */
function written(now: Stored, before: Stored) {
  const old = new Set([...before.assignments, ...before.conflicts, ...before.audit].map((r) => r.id));
  const names = new Map<string, string>();
  for (const a of now.assignments) if (!old.has(a.id)) names.set(a.id, `new assignment ${String(a.proposal_id)} ${String(a.evaluator_id)}`);
  for (const c of now.conflicts) if (!old.has(c.id)) names.set(c.id, `new declaration ${String(c.assignment_id)}`);
  const named = <T>(v: T): T => JSON.parse(JSON.stringify(v).replace(UUID, (id) => names.get(id) ?? id)) as T;
  return {
    assignments: named(now.assignments).sort(byText),
    conflicts: named(now.conflicts).sort(byText),
    proposals: named(now.proposals).sort(byText),
    audit: named(now.audit.filter((e) => !old.has(e.id)).map(({ id: _id, ...e }) => e)).sort(byText),
  };
}

/** The import's write step as it was: each answer in turn, declareInterestIn, then writeScores on the assignment read again. */
async function answerRowByRow(ctx: ServiceContext, campaign: BudgetCampaign, evaluatorId: string) {
  const current = (await q.listAssignments(ctx.db, { campaignId: campaign.id, evaluatorId })).filter((a) => a.status !== 'recused');
  current.sort((a, b) => a.proposal_code.localeCompare(b.proposal_code, 'ro', { numeric: true }));
  const planned = current.flatMap((a, n) => (a.status === 'submitted' ? [] : [{ assignment: a, ...answer(n) }]));
  await ctx.tx(async (trx) => {
    for (const p of planned) {
      if (!p.assignment.conflict_declared_at) await declareInterestIn(ctx, trx, p.assignment, p.conflict, 'declarat în fișa de evaluare');
      if (p.conflict) continue;
      const [fresh] = await q.listAssignments(trx, { id: p.assignment.id });
      await writeScores(ctx, trx, fresh, campaign, p.scores, p.comment, true, 'workbook');
    }
  });
  return planned.length;
}

class Undo extends Error {}

describe('a scoring workbook of more rows than one batch', () => {
  it('writes exactly what answering row by row wrote: evaluations, declarations, hand-overs, settlements and audit entries', async () => {
    const env = await setup();
    const file = await fill(env.file);
    await withContext(env.dataDir, async (ctx, db) => {
      const campaign = await getCampaign(ctx, { id: env.campaign.id });
      const before = await stored(db);
      // Row by row, in a transaction undone afterwards: what the import wrote before it wrote in batches.
      let rowByRow: Stored | undefined;
      let answered = 0;
      await expect(
        ctx.tx(async (trx) => {
          const inner = { ...ctx, db: trx as unknown as Db, tx: (f: (t: typeof trx) => Promise<unknown>) => f(trx) } as ServiceContext;
          answered = await answerRowByRow(inner, campaign, env.evaluatorId);
          rowByRow = await stored(trx);
          throw new Undo();
        }),
      ).rejects.toBeInstanceOf(Undo);
      expect(await stored(db)).toEqual(before);

      const report = await importScoringWorkbook(ctx, file, false);
      expect(report.submitted + report.conflicts).toBe(answered);
      expect(report.unchanged).toBe(2);
      const batched = written(await stored(db), before);
      expect(batched).toEqual(written(rowByRow!, before));

      // Not a comparison of nothing: every kind of answer and settlement was written.
      const declared = batched.conflicts.filter((c) => c.note === 'declarat în fișa de evaluare');
      expect(declared.filter((c) => c.conflict === 1)).toHaveLength(report.conflicts);
      expect(declared.filter((c) => c.conflict === 1 && c.reassigned_to != null).length).toBeGreaterThan(0);
      expect(batched.assignments.filter((a) => a.round === 2).length).toBeGreaterThan(1); // the moderated one's, and a divergence's
      const methods = batched.proposals.map((p) => p.final_method);
      expect(methods.filter((m) => m === 'average').length).toBeGreaterThan(0);
      expect(methods.filter((m) => m === 'moderation')).toHaveLength(1);
      const entries = batched.audit.map((e) => `${String(e.entity)} ${String(e.action)}`);
      expect(entries.filter((e) => e === 'budgeting assignment update').length).toBeGreaterThan(2 * (report.submitted - 3));
      expect(entries.filter((e) => e === 'budgeting proposal update').length).toBeGreaterThan(0);
      expect(entries.filter((e) => e === 'budgeting assignment create').length).toBeGreaterThan(0);
    });
  });

  it('a bad cell on the last row is named and nothing is written; an assignment changed before the last batch is written undoes every batch', async () => {
    const env = await setup();
    const last = 5 + env.rows - 1;
    const bad = await fill(env.file, (ws) => (ws.getCell(`D${last}`).value = 9));
    const good = await fill(env.file);
    await withContext(env.dataDir, async (ctx, db) => {
      const before = await stored(db);
      const refused = await importScoringWorkbook(ctx, bad, false).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).message).toBe(`1 bad cell(s); nothing was imported. Evaluare!D row ${last}: 9 is outside the scale 0–5`);
      expect(await stored(db)).toEqual(before);

      // Someone changes the last row's assignment between the checks and the write: the last batch finds it, and
      // the batches written before it are undone with it.
      const [lastOne] = (await q.listAssignments(db, { campaignId: env.campaign.id, evaluatorId: env.evaluatorId }))
        .sort((a, b) => a.proposal_code.localeCompare(b.proposal_code))
        .slice(-1);
      let moved: Stored | undefined;
      const changed = {
        ...ctx,
        tx: async (f: Parameters<ServiceContext['tx']>[0]) => {
          await sql`update budgeting_assignments set updated_at = ${'2026-06-01T09:00:00.500Z'} where id = ${lastOne.id}`.execute(db);
          moved = await stored(db);
          return ctx.tx(f);
        },
      } as ServiceContext;
      const conflict = await importScoringWorkbook(changed, good, false).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(AppError);
      expect((conflict as AppError).code).toBe('CONFLICT');
      expect((conflict as AppError).message).toBe('budgeting assignment was changed by someone else since you opened it; reload and try again');
      expect(await stored(db)).toEqual(moved);
    });
  });
});
