import { readSettings } from '../admin/settings';
import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import * as plan from './service';

export const planHandlers: ModuleHandlers<'plan'> = {
  'plan.getInfo': (ctx) => plan.getInfo(ctx),
  'plan.listCommitments': (ctx, i) => plan.listCommitments(ctx, i),
  'plan.getCommitment': (ctx, i) => plan.getCommitment(ctx, i),
  'plan.saveCommitment': (ctx, i) => plan.saveCommitment(ctx, i),
  'plan.deleteCommitment': (ctx, i) => plan.deleteCommitment(ctx, i),
  'plan.restoreCommitment': (ctx, i) => plan.restoreCommitment(ctx, i),
  'plan.setAssessment': (ctx, i) => plan.setAssessment(ctx, i),
  'plan.listActions': (ctx, i) => plan.listActions(ctx, i),
  'plan.saveAction': (ctx, i) => plan.saveAction(ctx, i),
  'plan.getActionDeleteImpact': (ctx, i) => plan.getActionDeleteImpact(ctx, i),
  'plan.deleteAction': (ctx, i) => plan.deleteAction(ctx, i),
  'plan.restoreAction': (ctx, i) => plan.restoreAction(ctx, i),
  'plan.listMilestones': (ctx, i) => plan.listMilestones(ctx, i),
  'plan.saveMilestone': (ctx, i) => plan.saveMilestone(ctx, i),
  'plan.deleteMilestone': (ctx, i) => plan.deleteMilestone(ctx, i),
  'plan.listIndicators': (ctx, i) => plan.listIndicators(ctx, i),
  'plan.saveIndicator': (ctx, i) => plan.saveIndicator(ctx, i),
  'plan.deleteIndicator': (ctx, i) => plan.deleteIndicator(ctx, i),
  'plan.restoreIndicator': (ctx, i) => plan.restoreIndicator(ctx, i),
  'plan.indicatorRecords': (ctx, i) => plan.indicatorRecords(ctx, i),
  'plan.listMeasurements': (ctx, i) => plan.listMeasurements(ctx, i),
  'plan.addMeasurement': (ctx, i) => plan.addMeasurement(ctx, i),
  'plan.deleteMeasurement': (ctx, i) => plan.deleteMeasurement(ctx, i),
  'plan.listProgressUpdates': (ctx, i) => plan.listProgressUpdates(ctx, i),
  'plan.addProgressUpdate': (ctx, i) => plan.addProgressUpdate(ctx, i),
  'plan.saveProgressUpdate': (ctx, i) => plan.saveProgressUpdate(ctx, i),
  'plan.deleteProgressUpdate': (ctx, i) => plan.deleteProgressUpdate(ctx, i),
  'plan.restoreProgressUpdate': (ctx, i) => plan.restoreProgressUpdate(ctx, i),
  'plan.dashboard': (ctx, i) => plan.dashboard(ctx, i),
  'plan.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'plan.export',
      (day) => `PLA-Timisoara-${day}.xlsx`,
      async (out, o) => {
        const settings = await readSettings(ctx.db);
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportPlanWorkbook } = await import('./export');
        return exportPlanWorkbook(ctx.db, out, { ...o, settings });
      },
    ),
};
