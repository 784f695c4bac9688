import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { withUpload } from '../uploads';
import { isoDay } from '../util';
import * as alerts from './alerts';
import * as measures from './measures';
import * as risks from './service';

export const risksHandlers: ModuleHandlers<'risks'> = {
  'risks.list': (ctx, i) => risks.listRisks(ctx, i),
  'risks.overview': (ctx, i) => risks.riskOverview(ctx, i),
  'risks.get': (ctx, i) => risks.getRisk(ctx, i),
  'risks.save': (ctx, i) => risks.saveRisk(ctx, i),
  'risks.delete': (ctx, i) => risks.deleteRisk(ctx, i),
  'risks.restore': (ctx, i) => risks.restoreRisk(ctx, i),
  'risks.saveMeasure': (ctx, i) => measures.saveMeasure(ctx, i),
  'risks.deleteMeasure': (ctx, i) => measures.deleteMeasure(ctx, i),
  'risks.restoreMeasure': (ctx, i) => measures.restoreMeasure(ctx, i),
  'risks.openMeasures': (ctx, i) => risks.openMeasures(ctx, i),
  'risks.addReview': (ctx, i) => measures.addReview(ctx, i),
  'risks.listAlerts': (ctx) => alerts.listAlerts(ctx),
  'risks.saveAlert': (ctx, i) => alerts.saveAlert(ctx, i),
  'risks.decideAlert': (ctx, i) => alerts.decideAlert(ctx, i),
  'risks.deleteAlert': (ctx, i) => alerts.deleteAlert(ctx, i),
  'risks.restoreAlert': (ctx, i) => alerts.restoreAlert(ctx, i),
  'risks.getSettings': (ctx) => risks.readRiskSettings(ctx.db),
  'risks.saveSettings': (ctx, i) => risks.saveRiskSettings(ctx, i),
  'risks.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'risks.export',
      (day) => `Registrul-riscurilor-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportRiskWorkbook } = await import('./excel');
        return exportRiskWorkbook(ctx.db, out, o);
      },
    ),
  'risks.importExcel': async (ctx, i, extra) => {
    const { importRiskWorkbook } = await import('./excel');
    return withUpload(ctx, extra, 'risks.importExcel', i, (file) =>
      importRiskWorkbook(ctx, file, { dryRun: i.dryRun, today: isoDay(ctx.now()), signal: extra.job?.signal }),
    );
  },
};
