import fs from 'node:fs';
import path from 'node:path';
import { validationError } from '../../contract';
import type { ServiceContext } from '../context';
import type { ModuleHandlers } from '../handlers';
import { newId } from '../util';
import * as evaluation from './evaluation';
import * as implementation from './implementation';
import * as budgeting from './service';
import * as votes from './votes';
import { writeFileAtomic } from '../faults';

/** Decodes an upload to a temporary file in the data folder, runs `fn` on it, and removes it. */
export async function withUpload<T>(ctx: ServiceContext, input: { fileName: string; contentBase64: string }, fn: (file: string) => Promise<T>): Promise<T> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64)) throw validationError('contentBase64', 'invalid_base64', 'the file content is not valid base64');
  const ext = path.extname(input.fileName).toLowerCase().replace(/[^.a-z0-9]/g, '') || '.bin';
  const tmp = path.join(ctx.dataDir, 'tmp', `import-${newId()}${ext}`);
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  writeFileAtomic(tmp, Buffer.from(input.contentBase64, 'base64'));
  try {
    return await fn(tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export const budgetingHandlers: ModuleHandlers<'budgeting'> = {
  'budgeting.listCampaigns': (ctx, i) => budgeting.listCampaigns(ctx, i),
  'budgeting.getCampaign': (ctx, i) => budgeting.getCampaign(ctx, i),
  'budgeting.saveCampaign': (ctx, i) => budgeting.saveCampaign(ctx, i),
  'budgeting.createCampaignFromJson': (ctx, i) => budgeting.createCampaignFromJson(ctx, i),
  'budgeting.deleteCampaign': (ctx, i) => budgeting.deleteCampaign(ctx, i),
  'budgeting.restoreCampaign': (ctx, i) => budgeting.restoreCampaign(ctx, i),

  'budgeting.listProposals': (ctx, i) => budgeting.listProposals(ctx, i),
  'budgeting.getProposal': (ctx, i) => budgeting.getProposal(ctx, i),
  'budgeting.saveProposal': (ctx, i) => budgeting.saveProposal(ctx, i),
  'budgeting.deleteProposal': (ctx, i) => budgeting.deleteProposal(ctx, i),
  'budgeting.restoreProposal': (ctx, i) => budgeting.restoreProposal(ctx, i),
  'budgeting.importProposals': async (ctx, i) => {
    if (!/\.(csv|xlsx)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', 'expected a .csv or .xlsx file');
    const { importProposals } = await import('./proposals-import');
    return withUpload(ctx, i, (file) => importProposals(ctx, i.campaignId, file, i.fileName, i.dryRun));
  },
  'budgeting.setEligibility': (ctx, i) => budgeting.setEligibility(ctx, i),
  'budgeting.setEligibilityCriteria': (ctx, i) => budgeting.setEligibilityCriteria(ctx, i),
  'budgeting.setFeasibility': (ctx, i) => budgeting.setFeasibility(ctx, i),

  'budgeting.assignEvaluators': (ctx, i) => evaluation.assignEvaluators(ctx, i),
  'budgeting.setAssignment': (ctx, i) => evaluation.setAssignment(ctx, i),
  'budgeting.listAssignments': (ctx, i) => evaluation.listAssignments(ctx, i),
  'budgeting.evaluationProgress': (ctx, i) => evaluation.evaluationProgress(ctx, i),
  'budgeting.listConflictDeclarations': (ctx, i) => evaluation.listConflictDeclarations(ctx, i),
  'budgeting.myAssignments': (ctx, i) => evaluation.myAssignments(ctx, i),
  'budgeting.myRubric': (ctx, i) => evaluation.myRubric(ctx, i),
  'budgeting.declareInterest': (ctx, i) => evaluation.declareInterest(ctx, i),
  'budgeting.openProposal': (ctx, i) => evaluation.openProposal(ctx, i),
  'budgeting.saveScores': (ctx, i) => evaluation.saveScores(ctx, i),
  'budgeting.listEvaluations': (ctx, i) => evaluation.listEvaluations(ctx, i),
  'budgeting.moderate': (ctx, i) => evaluation.moderate(ctx, i),
  'budgeting.exportWorkbooks': async (ctx, i, { core }) => {
    await budgeting.getCampaign(ctx, { id: i.campaignId });
    const job = core.jobs.start('budgeting.workbooks', ctx.actor.id, async (ctl) => {
      const { writeScoringWorkbooks } = await import('./workbooks');
      const dir = path.join(ctx.dataDir, 'tmp', `workbooks-${newId()}`);
      try {
        const written = await writeScoringWorkbooks(ctx, i.campaignId, dir, (f) => ctl.progress(f));
        const files = [];
        for (const w of written) {
          const fileId = newId();
          const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.renameSync(w.file, out);
          core.exportNames.set(fileId, { name: path.basename(w.file), owner: ctx.actor.id });
          files.push({ fileId, fileName: path.basename(w.file), evaluatorId: w.evaluatorId, evaluatorName: w.evaluatorName });
        }
        return { files };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    return { jobId: job.id };
  },
  'budgeting.importScores': async (ctx, i) => {
    if (!/\.(xlsx|ods)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', 'expected an .xlsx (or .ods) workbook');
    const { importScoringWorkbook } = await import('./workbooks');
    return withUpload(ctx, i, (file) => importScoringWorkbook(ctx, file, i.dryRun));
  },

  'budgeting.importVotes': async (ctx, i) => {
    if (!/\.(csv|txt)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', 'expected the platform\'s votes .csv file');
    return withUpload(ctx, i, (file) => votes.importVotes(ctx, i.campaignId, file, i.fileName, i.dryRun, i.acceptRefused));
  },
  'budgeting.enterPaperBatch': (ctx, i) => votes.enterPaperBatch(ctx, i),
  'budgeting.listPaperBatches': (ctx, i) => votes.listPaperBatches(ctx, i),
  'budgeting.computeResults': (ctx, i) => votes.computeResults(ctx, i),
  'budgeting.getResults': (ctx, i) => votes.getResults(ctx, i),
  'budgeting.exportResults': async (ctx, i, { core }) => {
    const { loadResultsReport, writeResultsWorkbook } = await import('./results-excel');
    const report = await loadResultsReport(ctx, i.campaignId); // NOT_FOUND before the first computation, before any job starts
    const fileId = newId();
    const job = core.jobs.start('budgeting.results', ctx.actor.id, async (ctl) => {
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await writeResultsWorkbook(report, out, { signal: ctl.signal, onProgress: (f, m) => ctl.progress(f, m) });
      const fileName = `Rezultate-${report.results.status === 'final' ? '' : 'provizorii-'}${report.campaign.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-')}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'budgeting.exportPabulib': (ctx, i) => votes.exportPabulib(ctx, i),

  'budgeting.listAppeals': (ctx, i) => budgeting.listAppeals(ctx, i),
  'budgeting.saveAppeal': (ctx, i) => budgeting.saveAppeal(ctx, i),

  'budgeting.listProjects': (ctx, i) => implementation.listProjects(ctx, i),
  'budgeting.getProject': (ctx, i) => implementation.getProject(ctx, i),
  'budgeting.createProject': (ctx, i) => implementation.createProject(ctx, i),
  'budgeting.updateProject': (ctx, i) => implementation.updateProject(ctx, i),
  'budgeting.deleteProject': (ctx, i) => implementation.deleteProject(ctx, i),
  'budgeting.restoreProject': (ctx, i) => implementation.restoreProject(ctx, i),
  'budgeting.addMilestone': (ctx, i) => implementation.addMilestone(ctx, i),
  'budgeting.updateMilestone': (ctx, i) => implementation.updateMilestone(ctx, i),
  'budgeting.deleteMilestone': (ctx, i) => implementation.deleteMilestone(ctx, i),
  'budgeting.restoreMilestone': (ctx, i) => implementation.restoreMilestone(ctx, i),
  'budgeting.saveGrantContract': (ctx, i) => implementation.saveGrantContract(ctx, i),
  'budgeting.setTranches': (ctx, i) => implementation.setTranches(ctx, i),
  'budgeting.reportsDue': (ctx, i) => implementation.reportsDue(ctx, i),
  'budgeting.grantSummary': (ctx, i) => implementation.grantSummary(ctx, i),
  'budgeting.exportAccountability': (ctx, i) => implementation.exportAccountability(ctx, i),
};
