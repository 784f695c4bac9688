import fs from 'node:fs';
import path from 'node:path';
import type { BudgetProposal, CampaignResults, EvaluationAssignment, Job, ProposalEvaluations, ProposalImportReport, Result, ScoresImportReport, VoteImportReport } from '../contract';
import type { CellError } from '../core/excel-import';
import { dataDirHelp, dataDirOf, dataDirOpt, needDb, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
import { issueSentence, say } from './messages';

/** Prints a refused import: every bad cell on its own line, or every field issue; returns exit code 1. */
function printRefusal(command: string, r: Result<unknown> & { ok: false }): number {
  const cells = r.error.details?.cells as CellError[] | undefined;
  if (cells?.length) {
    // A scoring workbook names cells by their address (Evaluare!D5); a list by its column header and row.
    for (const c of cells) console.error(/^[A-Z]{1,3}$/.test(c.column) ? `${c.sheet}!${c.column}${c.row}: ${c.message}` : `${c.sheet}!${c.column} row ${c.row}: ${c.message}`);
    console.error(`pla-desk ${command}: ${say('badCells', { count: cells.length })}`);
    return 1;
  }
  const issues = r.error.details?.issues ?? [];
  if (issues.length > 1) {
    for (const i of issues) console.error(issueSentence(i));
    console.error(`pla-desk ${command}: ${say('problems', { count: issues.length })}`);
    return 1;
  }
  unwrap(r);
  return 1;
}

const existingFile = (v: Record<string, unknown>, exts: RegExp, what: string) => {
  const file = path.resolve(requireOpt(v, 'file'));
  if (!exts.test(file)) throw new UsageError(`--file must be ${what}`);
  if (!fs.existsSync(file)) throw new UsageError(say('fileNotFound', { file }));
  return file;
};

const upload = (file: string, dryRun: boolean) => ({ fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun });

export const budgetingCommands: Record<string, Command> = {
  'budgeting accountability': {
    usage: 'pla-desk budgeting accountability --campaign ID --out FILE.csv [--data-dir DIR]',
    summary: "write the campaign's implementation (projects, milestones as child results) as a Decidim accountability CSV",
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --out FILE.csv     the CSV (';'-separated, Decidim's accountability import columns)`,
    async run(v) {
      const campaignId = requireOpt(v, 'campaign');
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.csv')) throw new UsageError(say('outCsv'));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const { content } = unwrap((await core.call('budgeting.exportAccountability', { campaignId }, SYSTEM)) as Result<{ fileName: string; content: string }>);
        fs.writeFileSync(out, content);
        console.log(`Decidim accountability CSV written to ${out}`);
        return 0;
      });
    },
  },
  'budgeting campaign create': {
    usage: 'pla-desk budgeting campaign create --file campaign.json [--data-dir DIR]',
    summary: 'create a budgeting campaign (PB edition or grant call) from its JSON definition; prints its id',
    options: { ...dataDirOpt, file: { type: 'string' } },
    help: `${dataDirHelp}\n  --file FILE.json   the campaign definition (format: docs/budgeting-campaign.md)`,
    async run(v) {
      const file = existingFile(v, /\.json$/i, 'a .json file');
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.createCampaignFromJson', { json: fs.readFileSync(file, 'utf8') }, SYSTEM)) as Result<{ id: string }>;
        if (!r.ok) return printRefusal('budgeting campaign create', r);
        console.log(r.value.id);
        return 0;
      });
    },
  },
  'budgeting proposals import': {
    usage: 'pla-desk budgeting proposals import --campaign ID --file FILE.csv|FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: "import a campaign's proposals from CSV/XLSX, including the platform's (Decidim) proposals export (all or nothing)",
    options: { ...dataDirOpt, campaign: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --file FILE        .csv or .xlsx (columns: docs/budgeting-campaign.md)\n  --dry-run          check and report, writing nothing`,
    async run(v) {
      const campaignId = requireOpt(v, 'campaign');
      const file = existingFile(v, /\.(csv|xlsx)$/i, 'a .csv or .xlsx file');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.importProposals', { campaignId, ...upload(file, dryRun) }, SYSTEM)) as Result<ProposalImportReport>;
        if (!r.ok) return printRefusal('budgeting proposals import', r);
        const rep = r.value;
        console.log(`${dryRun ? 'Dry run (nothing written): ' : ''}proposals: ${rep.created} new, ${rep.updated} changed, ${rep.unchanged} unchanged`);
        if (rep.ignoredColumns.length) console.log(`Columns not imported: ${rep.ignoredColumns.join(', ')}`);
        return 0;
      });
    },
  },
  'budgeting workbooks': {
    usage: 'pla-desk budgeting workbooks --campaign ID --out DIR [--data-dir DIR]',
    summary: 'write one locked offline scoring workbook per evaluator of the campaign',
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --out DIR          the folder for the workbooks (created if missing)`,
    async run(v) {
      const campaignId = requireOpt(v, 'campaign');
      const out = path.resolve(requireOpt(v, 'out'));
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('budgeting.exportWorkbooks', { campaignId }, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`workbooks failed: ${job.error?.message ?? job.status}`);
        const { files } = job.result as { files: Array<{ fileId: string; fileName: string }> };
        fs.mkdirSync(out, { recursive: true });
        for (const f of files) {
          const src = path.join(core.dataDir, 'exports', `${f.fileId}.xlsx`);
          fs.copyFileSync(src, path.join(out, f.fileName));
          fs.rmSync(src, { force: true });
          console.log(path.join(out, f.fileName));
        }
        if (!files.length) console.error('pla-desk budgeting workbooks: no evaluator has assignments in this campaign');
      });
      return 0;
    },
  },
  'budgeting scores import': {
    usage: 'pla-desk budgeting scores import --file FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: "take back an evaluator's filled scoring workbook (refused with the cell named on any problem; nothing written)",
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE.xlsx   the filled workbook\n  --dry-run          check and report, writing nothing`,
    async run(v) {
      const file = existingFile(v, /\.xlsx$/i, 'an .xlsx workbook');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.importScores', upload(file, dryRun), SYSTEM)) as Result<ScoresImportReport>;
        if (!r.ok) return printRefusal('budgeting scores import', r);
        const rep = r.value;
        console.log(`${dryRun ? 'Dry run (nothing written): ' : ''}${rep.submitted} evaluation(s) submitted, ${rep.conflicts} conflict(s) of interest declared, ${rep.unchanged} unchanged`);
        return 0;
      });
    },
  },
  'budgeting votes import': {
    usage: 'pla-desk budgeting votes import --campaign ID --file FILE.csv [--dry-run] [--data-dir DIR]',
    summary: "import the platform's votes CSV (one row per vote: voter, proposal, optional zone and time); refused votes are counted by rule",
    options: { ...dataDirOpt, campaign: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --file FILE.csv    the votes (replaces the campaign's previously imported platform votes)\n  --dry-run          count and check, writing nothing`,
    async run(v) {
      const campaignId = requireOpt(v, 'campaign');
      const file = existingFile(v, /\.(csv|txt)$/i, 'a .csv file');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.importVotes', { campaignId, ...upload(file, dryRun) }, SYSTEM)) as Result<VoteImportReport>;
        if (!r.ok) return printRefusal('budgeting votes import', r);
        const rep = r.value;
        console.log(`${dryRun ? 'Dry run (nothing written): ' : ''}${rep.rows} rows: ${rep.counted} votes counted from ${rep.voters} voters`);
        const refused = Object.entries(rep.refused);
        if (refused.length) console.log(`Refused: ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}`);
        for (const e of rep.examples) console.log(`  line ${e.line}: ${e.rule} — ${e.proposal}`);
        return 0;
      });
    },
  },
  'budgeting results': {
    usage: 'pla-desk budgeting results --campaign ID --out FILE.xlsx [--json FILE.json] [--data-dir DIR]',
    summary: "compute the campaign's winners by its rule and write the results report (ranking, scores, divergences, votes, winners with reasons, participation)",
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' }, json: { type: 'string' } },
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --out FILE.xlsx    the results workbook\n  --json FILE.json   also write the results as JSON`,
    async run(v) {
      const campaignId = requireOpt(v, 'campaign');
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(say('outXlsx'));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      const json = typeof v.json === 'string' ? path.resolve(v.json) : null;
      if (json && !fs.existsSync(path.dirname(json))) throw new UsageError(say('folderMissing', { dir: path.dirname(json) }));
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const res = unwrap((await core.call('budgeting.computeResults', { campaignId }, SYSTEM)) as Result<CampaignResults>);
        const { jobId } = unwrap(await core.call('budgeting.exportResults', { campaignId }, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`results report failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        const file = path.join(core.dataDir, 'exports', `${fileId}.xlsx`);
        fs.copyFileSync(file, out);
        fs.rmSync(file, { force: true });
        if (json) {
          const evaluations = unwrap(await core.call('budgeting.listAssignments', { campaignId }, SYSTEM)) as EvaluationAssignment[];
          const proposals = unwrap(await core.call('budgeting.listProposals', { campaignId }, SYSTEM)) as BudgetProposal[];
          const moderations = [];
          for (const p of proposals.filter((x) => x.divergent)) {
            const e = unwrap(await core.call('budgeting.listEvaluations', { proposalId: p.id }, SYSTEM)) as ProposalEvaluations;
            if (e.moderation) moderations.push({ proposalCode: p.code, ...e.moderation });
          }
          const finals = proposals.map((p) => ({ code: p.code, finalScore: p.finalScore, finalMethod: p.finalMethod, divergent: p.divergent, evaluationProgress: p.evaluationProgress }));
          fs.writeFileSync(json, `${JSON.stringify({ results: res, evaluations, finals, moderations }, null, 2)}\n`);
        }
        const winners = res.projects.filter((p) => p.won).length;
        console.log(`${res.ruleTextRo}: ${winners} winner(s) of ${res.projects.length}; participation ${res.participationRate == null ? 'n/a' : `${res.participationRate.toFixed(2)} %`}`);
        console.log(`Results written to ${out}${json ? ` and ${json}` : ''}`);
        return 0;
      });
    },
  },
};
