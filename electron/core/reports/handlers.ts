import fs from 'node:fs';
import path from 'node:path';
import { readSettings } from '../admin/settings';
import type { ServiceContext } from '../context';
import type { HandlerExtra, ModuleHandlers } from '../handlers';
import type { WriteResult } from '../excel';
import type { RagSettings } from '../plan/rag';
import { isoDay, newId } from '../util';
import { agenda, changes } from './agenda';
import { buildAssessments } from './assessments';
import { progressReport } from './progress';

/**
 * A workbook export as a job (like plan.exportExcel): written to dataDir/exports/<fileId>.xlsx, named for
 * delivery through core.exportNames. Writers are loaded on demand (ExcelJS is large).
 */
function exportJob(
  ctx: ServiceContext,
  { core }: HandlerExtra,
  kind: string,
  fileName: (day: string) => string,
  write: (out: string, o: { today: string; settings: RagSettings; signal: AbortSignal; onProgress: (f: number, m?: string) => void }) => Promise<WriteResult>,
) {
  const day = isoDay(ctx.now());
  const fileId = newId();
  const job = core.jobs.start(kind, ctx.actor.id, async (ctl) => {
    const settings = await readSettings(ctx.db);
    const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await write(out, { today: day, settings, signal: ctl.signal, onProgress: (f, m) => ctl.progress(f, m) });
    const name = fileName(day);
    core.exportNames.set(fileId, { name: name, owner: ctx.actor.id });
    return { fileId, fileName: name };
  });
  return { jobId: job.id };
}

export const reportsHandlers: ModuleHandlers<'reports'> = {
  'reports.agenda': (ctx, i) => agenda(ctx, i.today ?? isoDay(ctx.now())),
  'reports.changes': (ctx, i) => changes(ctx, i.since, i.limit),
  'reports.progress': async (ctx, i) => progressReport(ctx, i.today ?? isoDay(ctx.now()), await readSettings(ctx.db)),
  'reports.assessments': async (ctx, i) => buildAssessments(ctx.db, i.today ?? isoDay(ctx.now()), await readSettings(ctx.db), i.commitmentId),
  'reports.exportExcel': async (ctx, _i, extra) =>
    exportJob(ctx, extra, 'reports.pack', (d) => `Raport-PLA-Timisoara-${d}.xlsx`, async (out, o) => {
      const { exportReportPack } = await import('./pack');
      return exportReportPack(ctx, out, o);
    }),
  'reports.assessments.exportExcel': async (ctx, _i, extra) =>
    exportJob(ctx, extra, 'reports.assessments', (d) => `Evaluari-OGP-Local-${d}.xlsx`, async (out, o) => {
      const { exportAssessmentsWorkbook } = await import('./assessments-excel');
      return exportAssessmentsWorkbook(ctx.db, out, o);
    }),
};
