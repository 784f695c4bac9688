import { readSettings } from '../admin/settings';
import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { isoDay } from '../util';
import { agenda, changes } from './agenda';
import { buildAssessments } from './assessments';
import { progressReport } from './progress';

export const reportsHandlers: ModuleHandlers<'reports'> = {
  'reports.agenda': (ctx, i) => agenda(ctx, i.today ?? isoDay(ctx.now())),
  'reports.changes': (ctx, i) => changes(ctx, i.since, i.limit),
  'reports.progress': async (ctx, i) => progressReport(ctx, i.today ?? isoDay(ctx.now()), await readSettings(ctx.db)),
  'reports.assessments': async (ctx, i) => buildAssessments(ctx.db, i.today ?? isoDay(ctx.now()), await readSettings(ctx.db), i.commitmentId),
  'reports.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'reports.pack',
      (d) => `Raport-PLA-Timisoara-${d}.xlsx`,
      async (out, o) => {
        // Writers are loaded on demand (ExcelJS is large).
        const { exportReportPack } = await import('./pack');
        return exportReportPack(ctx, out, { ...o, settings: await readSettings(ctx.db) });
      },
    ),
  'reports.assessments.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'reports.assessments',
      (d) => `Evaluari-OGP-Local-${d}.xlsx`,
      async (out, o) => {
        const { exportAssessmentsWorkbook } = await import('./assessments-excel');
        return exportAssessmentsWorkbook(ctx.db, out, { ...o, settings: await readSettings(ctx.db) });
      },
    ),
};
