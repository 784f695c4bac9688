import fs from 'node:fs';
import path from 'node:path';
import { readSettings } from '../admin/settings';
import type { ModuleHandlers } from '../handlers';
import { isoDay, newId } from '../util';
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
  'plan.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('plan.export', ctx.actor.id, async (ctl) => {
      const settings = await readSettings(ctx.db);
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportPlanWorkbook } = await import('./export');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportPlanWorkbook(ctx.db, out, { today: day, settings, signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `PLA-Timisoara-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
};
