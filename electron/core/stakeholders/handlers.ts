import fs from 'node:fs';
import path from 'node:path';
import { prepareUploads } from '../attachments';
import type { ModuleHandlers } from '../handlers';
import { isoDay, newId } from '../util';
import * as s from './service';
import * as raci from './raci';
import { writeFileAtomic } from '../faults';

export const stakeholdersHandlers: ModuleHandlers<'stakeholders'> = {
  'stakeholders.list': (ctx, i) => s.list(ctx, i),
  'stakeholders.listScores': (ctx) => s.listScores(ctx),
  'stakeholders.get': (ctx, i) => s.get(ctx, i),
  'stakeholders.save': (ctx, i) => s.save(ctx, i),
  'stakeholders.setScores': (ctx, i) => s.setScores(ctx, i),
  'stakeholders.delete': (ctx, i) => s.remove(ctx, i),
  'stakeholders.restore': (ctx, i) => s.restore(ctx, i),
  'stakeholders.listRaci': (ctx, i) => s.listRaci(ctx, i),
  'stakeholders.addRaci': (ctx, i) => s.addRaci(ctx, i),
  'stakeholders.deleteRaci': (ctx, i) => s.deleteRaci(ctx, i),
  'stakeholders.replaceAccountable': (ctx, i) => s.replaceAccountable(ctx, i),
  'stakeholders.getRaciMatrix': (ctx) => raci.raciMatrix(ctx),
  'stakeholders.setRaciCell': (ctx, i) => raci.setRaciCell(ctx, i),
  'stakeholders.exportRaciMatrix': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('stakeholders.exportRaci', ctx.actor.id, async (ctl) => {
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportRaciWorkbook } = await import('./raci-excel');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportRaciWorkbook(ctx.db, out, { signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `Matrice-RACI-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'stakeholders.listTakeovers': (ctx, i) => s.listTakeovers(ctx, i),
  'stakeholders.addTakeover': (ctx, i) => s.addTakeover(ctx, i),
  'stakeholders.deleteTakeover': (ctx, i) => s.deleteTakeover(ctx, i),
  'stakeholders.listPartnerships': (ctx, i) => s.listPartnerships(ctx, i),
  'stakeholders.savePartnership': (ctx, i) => s.savePartnership(ctx, i),
  'stakeholders.deletePartnership': (ctx, i) => s.deletePartnership(ctx, i),
  'stakeholders.restorePartnership': (ctx, i) => s.restorePartnership(ctx, i),
  'stakeholders.listInteractions': (ctx, i) => s.listInteractions(ctx, i),
  'stakeholders.saveInteraction': (ctx, i) => s.saveInteraction(ctx, i),
  'stakeholders.deleteInteraction': (ctx, i) => s.deleteInteraction(ctx, i),
  'stakeholders.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('stakeholders.export', ctx.actor.id, async (ctl) => {
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportStakeholdersWorkbook } = await import('./excel');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportStakeholdersWorkbook(ctx.db, out, { today: day, signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `Parti-interesate-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'stakeholders.importExcel': async (ctx, i) => {
    const [file] = prepareUploads([{ fileName: i.fileName, contentBase64: i.contentBase64 }], 'contentBase64');
    const dir = path.join(ctx.dataDir, 'imports');
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${newId()}.xlsx`);
    writeFileAtomic(tmp, file.bytes);
    try {
      const { importStakeholdersWorkbook } = await import('./excel');
      return await importStakeholdersWorkbook(ctx, tmp, i.dryRun);
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
};
