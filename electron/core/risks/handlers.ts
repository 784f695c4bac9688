import fs from 'node:fs';
import path from 'node:path';
import type { ModuleHandlers } from '../handlers';
import { isoDay, newId } from '../util';
import * as risks from './service';
import { writeFileAtomic } from '../faults';

export const risksHandlers: ModuleHandlers<'risks'> = {
  'risks.list': (ctx, i) => risks.listRisks(ctx, i),
  'risks.overview': (ctx, i) => risks.riskOverview(ctx, i),
  'risks.get': (ctx, i) => risks.getRisk(ctx, i),
  'risks.save': (ctx, i) => risks.saveRisk(ctx, i),
  'risks.delete': (ctx, i) => risks.deleteRisk(ctx, i),
  'risks.restore': (ctx, i) => risks.restoreRisk(ctx, i),
  'risks.saveMeasure': (ctx, i) => risks.saveMeasure(ctx, i),
  'risks.deleteMeasure': (ctx, i) => risks.deleteMeasure(ctx, i),
  'risks.restoreMeasure': (ctx, i) => risks.restoreMeasure(ctx, i),
  'risks.openMeasures': (ctx, i) => risks.openMeasures(ctx, i),
  'risks.addReview': (ctx, i) => risks.addReview(ctx, i),
  'risks.listAlerts': (ctx) => risks.listAlerts(ctx),
  'risks.saveAlert': (ctx, i) => risks.saveAlert(ctx, i),
  'risks.decideAlert': (ctx, i) => risks.decideAlert(ctx, i),
  'risks.deleteAlert': (ctx, i) => risks.deleteAlert(ctx, i),
  'risks.restoreAlert': (ctx, i) => risks.restoreAlert(ctx, i),
  'risks.getSettings': (ctx) => risks.readRiskSettings(ctx.db),
  'risks.saveSettings': (ctx, i) => risks.saveRiskSettings(ctx, i),
  'risks.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('risks.export', ctx.actor.id, async (ctl) => {
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportRiskWorkbook } = await import('./excel');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportRiskWorkbook(ctx.db, out, { today: day, signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `Registrul-riscurilor-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'risks.importExcel': async (ctx, i) => {
    const { importRiskWorkbook } = await import('./excel');
    const dir = path.join(ctx.dataDir, 'imports');
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${newId()}.xlsx`);
    writeFileAtomic(tmp, Buffer.from(i.contentBase64, 'base64'));
    try {
      return await importRiskWorkbook(ctx, tmp, { dryRun: i.dryRun, today: isoDay(ctx.now()) });
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
};
