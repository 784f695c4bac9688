import fs from 'node:fs';
import path from 'node:path';
import { validationError } from '../../contract';
import { exportJob, exportPath } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { withUpload } from '../uploads';
import { newId } from '../util';
import * as evaluation from './evaluation';
import * as implementation from './implementation';
import * as budgeting from './service';
import * as votes from './votes';

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
  'budgeting.importProposals': async (ctx, i, extra) => {
    if (!/\.(csv|xlsx)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', 'expected a .csv or .xlsx file');
    const { importProposals } = await import('./proposals-import');
    return withUpload(ctx, extra, 'budgeting.importProposals', i, (file) => importProposals(ctx, i.campaignId, file, i.fileName, i.dryRun));
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
        // Cancelled: the workbooks go with their folder; none is offered.
        ctl.signal.throwIfAborted();
        const files = [];
        for (const w of written) {
          const fileId = newId();
          const out = exportPath(ctx.dataDir, fileId);
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
  'budgeting.importScores': async (ctx, i, extra) => {
    if (!/\.(xlsx|ods)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', 'expected an .xlsx (or .ods) workbook');
    const { importScoringWorkbook } = await import('./workbooks');
    return withUpload(ctx, extra, 'budgeting.importScores', i, (file) => importScoringWorkbook(ctx, file, i.dryRun));
  },

  'budgeting.importVotes': async (ctx, i, extra) => {
    if (!/\.(csv|txt)$/i.test(i.fileName)) throw validationError('fileName', 'bad_type', "expected the platform's votes .csv file");
    return withUpload(ctx, extra, 'budgeting.importVotes', i, (file) => votes.importVotes(ctx, i.campaignId, file, i.fileName, i.dryRun, i.acceptRefused));
  },
  'budgeting.enterPaperBatch': (ctx, i) => votes.enterPaperBatch(ctx, i),
  'budgeting.listPaperBatches': (ctx, i) => votes.listPaperBatches(ctx, i),
  'budgeting.computeResults': (ctx, i) => votes.computeResults(ctx, i),
  'budgeting.getResults': (ctx, i) => votes.getResults(ctx, i),
  'budgeting.exportResults': async (ctx, i, extra) => {
    const { loadResultsReport, writeResultsWorkbook } = await import('./results-excel');
    const report = await loadResultsReport(ctx, i.campaignId); // NOT_FOUND before the first computation, before any job starts
    const fileName = `Rezultate-${report.results.status === 'final' ? '' : 'provizorii-'}${report.campaign.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')}.xlsx`;
    return exportJob(
      ctx,
      extra,
      'budgeting.results',
      () => fileName,
      (out, o) => writeResultsWorkbook(report, out, o),
    );
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
