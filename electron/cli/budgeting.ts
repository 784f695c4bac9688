import fs from 'node:fs';
import path from 'node:path';
import {
  ELIGIBILITY_CRITERIA,
  EQUAL_SHARES_COMPLETIONS,
  EQUAL_SHARES_UTILITIES,
  saveCampaignInput,
  WINNER_RULES,
  type EvaluationProgress,
  type User,
  type BudgetCampaign,
  type BudgetProposal,
  type CampaignResults,
  type EvaluationAssignment,
  type Job,
  type ProposalEvaluations,
  type ProposalImportReport,
  type Result,
  type ScoresImportReport,
  type SetEligibilityCriteriaInput,
  type VoteImportReport,
} from '../contract';
import { parseCsv } from '../core/budgeting/proposals-import';
import { ELIGIBILITY_CRITERIA_RO } from '../core/budgeting/refusals';
import { foldName } from '../core/budgeting/rules/votes';
import type { CellError } from '../core/excel-import';
import { dataDirHelp, dataDirOf, dataDirOpt, needDb, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
import { issueSentence, say } from './messages';

/** What each option's value is: said when it is missing, so the user knows what to give and where to find it. */
const NEEDS: Record<string, string> = {
  campaign: 'the campaign id; list them with `pla-desk budgeting campaigns`',
  file: 'a file path',
  out: 'where to write (a file or folder path)',
  json: 'a .json file path',
  proposal: 'the proposal code (e.g. P-001); list them with `pla-desk budgeting proposals list --campaign ID`',
  criterion: `one of the eligibility criteria: ${ELIGIBILITY_CRITERIA.join(', ')}`,
  reason: 'why the criterion fails (text, quoted)',
  'public-reason': 'the rejection reason that may be published (text, quoted)',
  'data-dir': 'the data folder',
  rule: `the winner rule: ${WINNER_RULES.join(', ')}`,
  completion: `the Equal Shares completion: ${EQUAL_SHARES_COMPLETIONS.join(', ')}`,
  utility: `the Equal Shares utilities: ${EQUAL_SHARES_UTILITIES.join(', ')}`,
  'topup-limit-lei': 'the top-up limit in lei (e.g. 100000)',
  evaluator: 'an evaluator user id; list them with `pla-desk budgeting evaluators`',
};

/** The campaign's fields a save takes back (everything but the row's bookkeeping and the proposal count). */
const CAMPAIGN_INPUT_KEYS = [
  'id',
  'name',
  'kind',
  'edition',
  'description',
  'phases',
  'totalBudget',
  'capPerProject',
  'votesPerVoter',
  'minimumAge',
  'population',
  'rubric',
  'divergence',
  'evaluatorsPerProposal',
  'blindMode',
  'tieBreak',
  'winnerRule',
  'topupLimit',
  'equalSharesUtility',
  'equalSharesCompletion',
  'grantLines',
  'cofinancingMinPercent',
  'minScore',
  'appealsFund',
] as const satisfies ReadonlyArray<keyof BudgetCampaign>;

/** A required option: missing, it says what it needs. */
function need(v: Record<string, unknown>, name: string) {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw new UsageError(`--${name} needs ${NEEDS[name] ?? 'a value'}`);
  return x;
}

/** Prints a refused import: every bad cell on its own line, or every field issue; returns exit code 1. */
function printRefusal(command: string, r: Result<unknown> & { ok: false }): number {
  const cells = r.error.details?.cells as CellError[] | undefined;
  if (cells?.length) {
    // A scoring workbook names cells by their address (Evaluare!D5); a list by its column header and row; a formula's
    // message already names its cell (cellErrorLine).
    for (const c of cells)
      console.error(
        c.reason === 'formula'
          ? c.message
          : /^[A-Z]{1,3}$/.test(c.column)
            ? `${c.sheet}!${c.column}${c.row}: ${c.message}`
            : `${c.sheet}!${c.column} row ${c.row}: ${c.message}`,
      );
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
  const file = path.resolve(need(v, 'file'));
  if (!exts.test(file)) throw new UsageError(`--file must be ${what}`);
  if (!fs.existsSync(file)) throw new UsageError(say('fileNotFound', { file }));
  return file;
};

const VOTE_RULE_LABEL = (rep: VoteImportReport, rule: string) => rep.refusedRo.find((x) => x.rule === rule)?.label ?? rule;

const upload = (file: string, dryRun: boolean) => ({ fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun });

export const budgetingCommands: Record<string, Command> = {
  'budgeting accountability': {
    usage: 'pla-desk budgeting accountability --campaign ID --out FILE.csv [--data-dir DIR]',
    summary: "write the campaign's implementation (projects, milestones as child results) as a Decidim accountability CSV",
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' } },
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --out FILE.csv     the CSV (';'-separated, Decidim's accountability import columns)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const out = path.resolve(need(v, 'out'));
      if (!out.toLowerCase().endsWith('.csv')) throw new UsageError(say('outCsv'));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const { content } = unwrap(
          (await core.call('budgeting.exportAccountability', { campaignId }, SYSTEM)) as Result<{ fileName: string; content: string }>,
        );
        fs.writeFileSync(out, content);
        console.log(`Decidim accountability CSV written to ${out}`);
        return 0;
      });
    },
  },
  'budgeting campaign create': {
    usage: 'pla-desk budgeting campaign create --file campaign.json [--accept-warnings] [--data-dir DIR]',
    summary: 'create a budgeting campaign (PB edition or grant call) from its JSON definition, amounts in lei; prints its id',
    options: { ...dataDirOpt, file: { type: 'string' }, 'accept-warnings': { type: 'boolean' } },
    needs: NEEDS,
    help: `${dataDirHelp}
  --file FILE.json     the campaign definition (format: docs/budgeting-campaign.md); amounts in lei, said by
                       "currency": "RON" or by names ending in Lei (totalBudgetLei, zones[].budgetLei …)
  --accept-warnings    create it even when amounts look 1/100 off (otherwise nothing is written and the exit code is 1)`,
    async run(v) {
      const file = existingFile(v, /\.json$/i, 'a .json file');
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const r = (await core.call(
          'budgeting.createCampaignFromJson',
          { json: fs.readFileSync(file, 'utf8'), acceptWarnings: v['accept-warnings'] === true },
          SYSTEM,
        )) as Result<{ id: string }>;
        if (!r.ok && r.error.details?.issues?.[0]?.reason === 'amounts_look_off') {
          console.error(`pla-desk budgeting campaign create: ${r.error.details.issues[0].message} (--accept-warnings)`);
          return 1;
        }
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
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --file FILE        .csv or .xlsx (columns: docs/budgeting-campaign.md)\n  --dry-run          check and report, writing nothing`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const file = existingFile(v, /\.(csv|xlsx|ods)$/i, 'a .csv, .xlsx or .ods file');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.importProposals', { campaignId, ...upload(file, dryRun) }, SYSTEM)) as Result<ProposalImportReport>;
        if (!r.ok) return printRefusal('budgeting proposals import', r);
        const rep = r.value;
        console.log(`${dryRun ? 'Dry run (nothing written): ' : ''}proposals: ${rep.created} new, ${rep.updated} changed, ${rep.unchanged} unchanged`);
        if (rep.ignoredColumns.length) console.log(`Columns not imported: ${rep.ignoredColumns.join(', ')}`);
        for (const w of rep.warnings) console.error(`Atenție: ${w}`);
        return 0;
      });
    },
  },
  'budgeting workbooks': {
    usage: 'pla-desk budgeting workbooks --campaign ID --out DIR [--data-dir DIR]',
    summary: 'write one locked offline scoring workbook per evaluator of the campaign',
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' } },
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign\n  --out DIR          the folder for the workbooks (created if missing)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const out = path.resolve(need(v, 'out'));
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
    needs: NEEDS,
    help: `${dataDirHelp}\n  --file FILE.xlsx   the filled workbook\n  --dry-run          check and report, writing nothing`,
    async run(v) {
      const file = existingFile(v, /\.(xlsx|ods)$/i, 'an .xlsx (or .ods) workbook');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.importScores', upload(file, dryRun), SYSTEM)) as Result<ScoresImportReport>;
        if (!r.ok) return printRefusal('budgeting scores import', r);
        const rep = r.value;
        console.log(
          `${dryRun ? 'Dry run (nothing written): ' : ''}${rep.submitted} evaluation(s) submitted, ${rep.conflicts} conflict(s) of interest declared, ${rep.unchanged} unchanged`,
        );
        return 0;
      });
    },
  },
  'budgeting votes import': {
    usage: 'pla-desk budgeting votes import --campaign ID --file FILE.csv [--dry-run] [--accept-refused] [--data-dir DIR]',
    summary:
      "import the platform's votes CSV (one row per vote: voter, proposal, optional zone and time; Decidim's voter_id, project_id, zone, voted_at as it comes); refused votes are counted by rule; more than 1 % refused for one reason stops the import",
    options: { ...dataDirOpt, campaign: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'accept-refused': { type: 'boolean' } },
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)\n  --file FILE.csv    the votes (replaces the campaign's previously imported platform votes); a zone is named by its code or its name\n  --dry-run          count and check, writing nothing (lists the columns not used)\n  --accept-refused   import even when more than 1 % of the rows are refused for one reason (otherwise nothing is written and the exit code is 1)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const file = existingFile(v, /\.(csv|txt)$/i, 'a .csv file');
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call(
          'budgeting.importVotes',
          { campaignId, ...upload(file, dryRun), acceptRefused: v['accept-refused'] === true },
          SYSTEM,
        )) as Result<VoteImportReport>;
        const stoppedReport = !r.ok ? (r.error.details?.report as VoteImportReport | undefined) : undefined;
        if (!r.ok && !stoppedReport) return printRefusal('budgeting votes import', r);
        const rep = r.ok ? r.value : stoppedReport!;
        if (rep.unusedColumns.length) console.log(`Coloane nefolosite (nu se importă): ${rep.unusedColumns.join(', ')}`);
        console.log(`${rep.dryRun ? 'Verificare (nimic nu s-a scris): ' : ''}${rep.rows} rânduri: ${rep.counted} voturi numărate, de la ${rep.voters} votanți`);
        if (rep.refusedRo.length) console.log(`Voturi refuzate: ${rep.refusedRo.map((x) => `${x.label} ${x.count}`).join(', ')}`);
        for (const e of rep.examples.slice(0, 10)) console.log(`  rândul ${e.line}: ${VOTE_RULE_LABEL(rep, e.rule)} — ${e.detail}`);
        if (rep.stopped && (!r.ok || rep.dryRun)) {
          console.error(`pla-desk budgeting votes import: ${rep.stopped.message}${r.ok ? '' : ' (pentru a importa totuși: --accept-refused)'}`);
          return 1;
        }
        return 0;
      });
    },
  },
  'budgeting results': {
    usage: 'pla-desk budgeting results --campaign ID --out FILE.xlsx [--json FILE.json] [--final] [--data-dir DIR]',
    summary:
      "compute the campaign's winners by its rule and write the results report (ranking, scores, divergences, votes, winners with reasons, participation), marked provisional (provizoriu) unless declared final",
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' }, json: { type: 'string' }, final: { type: 'boolean' } },
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)\n  --out FILE.xlsx    the results workbook\n  --json FILE.json   also write the results as JSON ("status": "provisional" or "final")\n  --final            declare the results final; refused (exit 1, nothing written) while any proposal has undecided eligibility, a missing evaluation or an unresolved divergence`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const out = path.resolve(need(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(say('outXlsx'));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      const json = typeof v.json === 'string' ? path.resolve(v.json) : null;
      if (json && !fs.existsSync(path.dirname(json))) throw new UsageError(say('folderMissing', { dir: path.dirname(json) }));
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const computed = (await core.call('budgeting.computeResults', { campaignId, final: v.final === true }, SYSTEM)) as Result<CampaignResults>;
        if (!computed.ok && computed.error.details?.issues?.[0]?.reason === 'evaluation_unfinished') {
          console.error(`pla-desk budgeting results: ${computed.error.details.issues[0].message}`);
          return 1;
        }
        const res = unwrap(computed);
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
          const finals = proposals.map((p) => ({
            code: p.code,
            finalScore: p.finalScore,
            finalMethod: p.finalMethod,
            divergent: p.divergent,
            evaluationProgress: p.evaluationProgress,
          }));
          fs.writeFileSync(
            json,
            `${JSON.stringify({ status: res.status, unfinished: res.unfinished, results: res, evaluations, finals, moderations }, null, 2)}\n`,
          );
        }
        const winners = res.projects.filter((p) => p.won).length;
        if (res.status === 'final') console.log('Rezultate FINALE');
        else
          console.log(
            `Rezultate PROVIZORII${
              res.unfinished.length
                ? ` — evaluarea nu este încheiată (${res.unfinished.length}): ${res.unfinished
                    .slice(0, 5)
                    .map((u) => u.textRo)
                    .join('; ')}${res.unfinished.length > 5 ? ' …' : ''}`
                : '; declarați-le finale cu --final'
            }`,
          );
        console.log(
          `${res.ruleTextRo}: ${winners} winner(s) of ${res.projects.length}; participation ${res.participationRate == null ? 'n/a' : `${res.participationRate.toFixed(2)} %`}`,
        );
        console.log(`Results written to ${out}${json ? ` and ${json}` : ''}`);
        return 0;
      });
    },
  },
  'budgeting campaigns': {
    usage: 'pla-desk budgeting campaigns [--data-dir DIR]',
    summary: 'list the budgeting campaigns: id, name, edition, kind and zones (code «name»)',
    options: { ...dataDirOpt },
    needs: NEEDS,
    help: dataDirHelp,
    async run(v) {
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const list = unwrap((await core.call('budgeting.listCampaigns', {}, SYSTEM)) as Result<BudgetCampaign[]>);
        if (!list.length)
          console.error('pla-desk budgeting campaigns: no campaign yet; create one with pla-desk budgeting campaign create --file campaign.json');
        for (const c of list) console.log([c.id, c.name, c.edition || '—', c.kind, c.zones.map((z) => `${z.code} «${z.name}»`).join(', ') || '—'].join('\t'));
        return 0;
      });
    },
  },
  'budgeting proposals list': {
    usage: 'pla-desk budgeting proposals list --campaign ID [--data-dir DIR]',
    summary: "list a campaign's proposals: code, zone, eligibility, evaluation progress, final score, title",
    options: { ...dataDirOpt, campaign: { type: 'string' } },
    needs: NEEDS,
    help: `${dataDirHelp}\n  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const list = unwrap((await core.call('budgeting.listProposals', { campaignId }, SYSTEM)) as Result<BudgetProposal[]>);
        for (const p of list) console.log([p.code, p.zoneCode ?? '—', p.eligibilityStatus, p.evaluationProgress, p.finalScore ?? '—', p.title].join('\t'));
        return 0;
      });
    },
  },
  'budgeting eligibility set': {
    usage:
      'pla-desk budgeting eligibility set --campaign ID (--proposal CODE --criterion K (--pass | --fail --reason "…" | --undecided) | --file eligibility.csv) [--public-reason "…"] [--data-dir DIR]',
    summary: 'decide eligibility criteria of one proposal, or of many from a CSV (proposal, criterion, result, reason); all or nothing',
    options: {
      ...dataDirOpt,
      campaign: { type: 'string' },
      proposal: { type: 'string' },
      criterion: { type: 'string' },
      pass: { type: 'boolean' },
      fail: { type: 'boolean' },
      undecided: { type: 'boolean' },
      reason: { type: 'string' },
      'public-reason': { type: 'string' },
      file: { type: 'string' },
    },
    needs: NEEDS,
    help: `${dataDirHelp}
  --campaign ID          the campaign (list them with pla-desk budgeting campaigns)
  --proposal CODE        the proposal (list them with pla-desk budgeting proposals list --campaign ID)
  --criterion K          the criterion, by key or Romanian name: ${ELIGIBILITY_CRITERIA.join(', ')}
  --pass | --fail | --undecided   the decision; a failed criterion needs --reason
  --reason "…"           why it fails
  --public-reason "…"    the rejection reason that may be published (default: the failed criteria's reasons)
  --file FILE.csv        many decisions at once: columns proposal (cod), criterion (criteriu), result (rezultat: pass/fail/undecided or da/nu/nedecis), reason (motiv)
A proposal is eligible once all eight criteria pass, ineligible when one fails; until then it stays undecided.`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const items: SetEligibilityCriteriaInput['items'] = [];
      if (typeof v.file === 'string') {
        if (v.proposal || v.criterion || v.pass || v.fail || v.undecided)
          throw new UsageError('give either --file or --proposal/--criterion/--pass|--fail, not both');
        const file = existingFile(v, /\.(csv|txt)$/i, 'a .csv file');
        const { rows, problems } = eligibilityCsv(fs.readFileSync(file, 'utf8'));
        if (problems.length) {
          for (const p of problems) console.error(p);
          console.error(`pla-desk budgeting eligibility set: ${problems.length} problem(s) in ${path.basename(file)}; nothing was written`);
          return 1;
        }
        items.push(...rows);
      } else {
        const code = need(v, 'proposal');
        const criterion = criterionOf(need(v, 'criterion'));
        if (!criterion) throw new UsageError(`--criterion needs ${NEEDS.criterion}`);
        const decisions = [v.pass, v.fail, v.undecided].filter((x) => x === true).length;
        if (decisions !== 1) throw new UsageError('give exactly one of --pass, --fail or --undecided');
        if (v.fail && !v.reason) throw new UsageError('--fail needs --reason "why the criterion fails"');
        items.push({ proposalCode: code, criterion, pass: v.pass ? true : v.fail ? false : null, reason: typeof v.reason === 'string' ? v.reason : '' });
      }
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const r = (await core.call(
          'budgeting.setEligibilityCriteria',
          { campaignId, items, publicRejectionReason: typeof v['public-reason'] === 'string' ? v['public-reason'] : '' },
          SYSTEM,
        )) as Result<BudgetProposal[]>;
        if (!r.ok) return printRefusal('budgeting eligibility set', r);
        for (const p of r.value)
          console.log(
            `${p.code}\t${p.eligibilityStatus}\t${p.eligibility.filter((c) => c.pass !== null).length}/${ELIGIBILITY_CRITERIA.length} criteria decided`,
          );
        return 0;
      });
    },
  },
  'budgeting campaign set-rule': {
    usage: 'pla-desk budgeting campaign set-rule --campaign ID --rule RULE [--completion C] [--utility U] [--topup-limit-lei N] [--data-dir DIR]',
    summary: "change a campaign's winner rule (and its Equal Shares options or top-up limit); recompute the results after",
    options: {
      ...dataDirOpt,
      campaign: { type: 'string' },
      rule: { type: 'string' },
      completion: { type: 'string' },
      utility: { type: 'string' },
      'topup-limit-lei': { type: 'string' },
    },
    needs: NEEDS,
    help: `${dataDirHelp}
  --campaign ID          the campaign (list them with pla-desk budgeting campaigns)
  --rule RULE            ${WINNER_RULES.join(' | ')}
                         greedy: in order of votes, skip what does not fit and go on;
                         stop_at_first: in order of votes until the first project that does not fit (the rest is a
                         reserve); a project costing more than the whole zone budget is skipped and the allocation continues;
                         timisoara_topup: as stop_at_first, the first that does not fit is funded when the gap is within the limit;
                         equal_shares: the Method of Equal Shares (equalshares.net); grant_score: grant calls, by score
  --completion C         equal_shares: ${EQUAL_SHARES_COMPLETIONS.join(' | ')} (default add1_greedy)
  --utility U            equal_shares: cost (as equalshares.net) | approval (each approved project counts 1) (default cost)
  --topup-limit-lei N    timisoara_topup: the top-up limit in lei (decimals to the ban)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const rule = need(v, 'rule');
      if (!(WINNER_RULES as readonly string[]).includes(rule)) throw new UsageError(`--rule needs ${NEEDS.rule}`);
      const completion = typeof v.completion === 'string' ? v.completion : undefined;
      if (completion !== undefined && !(EQUAL_SHARES_COMPLETIONS as readonly string[]).includes(completion))
        throw new UsageError(`--completion needs ${NEEDS.completion}`);
      const utility = typeof v.utility === 'string' ? v.utility : undefined;
      if (utility !== undefined && !(EQUAL_SHARES_UTILITIES as readonly string[]).includes(utility)) throw new UsageError(`--utility needs ${NEEDS.utility}`);
      if ((completion || utility) && rule !== 'equal_shares') throw new UsageError('--completion and --utility are options of --rule equal_shares');
      let topup: number | undefined;
      if (typeof v['topup-limit-lei'] === 'string') {
        if (!/^\d+([.,]\d{1,2})?$/.test(v['topup-limit-lei'])) throw new UsageError(`--topup-limit-lei needs ${NEEDS['topup-limit-lei']}`);
        topup = Math.round(Number(v['topup-limit-lei'].replace(',', '.')) * 100);
      }
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const c = unwrap(await core.call('budgeting.getCampaign', { id: campaignId }, SYSTEM)) as BudgetCampaign;
        const input = saveCampaignInput.safeParse({
          ...Object.fromEntries(CAMPAIGN_INPUT_KEYS.map((k) => [k, c[k]])),
          expectedUpdatedAt: c.updatedAt,
          zones: c.zones.map((z) => ({ id: z.id, code: z.code, name: z.name, budget: z.budget })),
          winnerRule: rule,
          ...(completion ? { equalSharesCompletion: completion } : {}),
          ...(utility ? { equalSharesUtility: utility } : {}),
          ...(topup !== undefined ? { topupLimit: topup } : {}),
        });
        if (!input.success) {
          for (const i of input.error.issues) console.error(`${i.path.join('.') || 'campaign'}: ${i.message}`);
          console.error('pla-desk budgeting campaign set-rule: the rule was not changed');
          return 1;
        }
        const r = (await core.call('budgeting.saveCampaign', input.data, SYSTEM)) as Result<BudgetCampaign>;
        if (!r.ok) return printRefusal('budgeting campaign set-rule', r);
        const s = r.value;
        console.log(
          `${s.id}\t${s.winnerRule}${s.winnerRule === 'equal_shares' ? `\t${s.equalSharesUtility}\t${s.equalSharesCompletion}` : ''}${s.winnerRule === 'timisoara_topup' ? `\ttop-up ${s.topupLimit / 100} lei` : ''}`,
        );
        console.log('Recompute the results: pla-desk budgeting results --campaign ID --out FILE.xlsx');
        return 0;
      });
    },
  },
  'budgeting evaluators': {
    usage: 'pla-desk budgeting evaluators [--data-dir DIR]',
    summary: 'list the users who can evaluate proposals: id, user name, display name (the ids `budgeting assign` takes)',
    options: { ...dataDirOpt },
    needs: NEEDS,
    help: dataDirHelp,
    async run(v) {
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const users = (unwrap(await core.call('admin.listUsers', {}, SYSTEM)) as User[]).filter((u) => u.role === 'evaluator' && u.active);
        if (!users.length) console.error('pla-desk budgeting evaluators: no active evaluator yet; add one with pla-desk user add --role evaluator');
        for (const u of users) console.log([u.id, u.username, u.displayName].join('\t'));
        return 0;
      });
    },
  },
  'budgeting assign': {
    usage: 'pla-desk budgeting assign --campaign ID --evaluator ID --evaluator ID [...] [--data-dir DIR]',
    summary: "assign the campaign's eligible proposals to evaluators, balanced (each proposal to the campaign's number of evaluators)",
    options: { ...dataDirOpt, campaign: { type: 'string' }, evaluator: { type: 'string', multiple: true } },
    needs: NEEDS,
    help: `${dataDirHelp}
  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)
  --evaluator ID     an evaluator (repeat; at least two; list them with pla-desk budgeting evaluators)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const given = v.evaluator as unknown;
      const ids = (Array.isArray(given) ? given : typeof given === 'string' ? [given] : []).filter((x): x is string => typeof x === 'string' && x !== '');
      if (ids.length < 2) throw new UsageError(`--evaluator needs ${NEEDS.evaluator} (give at least two)`);
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const r = (await core.call('budgeting.assignEvaluators', { campaignId, evaluatorIds: ids }, SYSTEM)) as Result<EvaluationProgress>;
        if (!r.ok) return printRefusal('budgeting assign', r);
        for (const e of r.value.perEvaluator) console.log([e.evaluatorId, e.evaluatorName, `${e.assigned} assigned`, `${e.submitted} submitted`].join('\t'));
        return 0;
      });
    },
  },
  'budgeting assignments': {
    usage: 'pla-desk budgeting assignments --campaign ID [--data-dir DIR]',
    summary: "list a campaign's evaluation assignments: assignment id, proposal code, evaluator id and name, status",
    options: { ...dataDirOpt, campaign: { type: 'string' } },
    needs: NEEDS,
    help: `${dataDirHelp}
  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const list = unwrap((await core.call('budgeting.listAssignments', { campaignId }, SYSTEM)) as Result<EvaluationAssignment[]>);
        if (!list.length)
          console.error(
            'pla-desk budgeting assignments: no assignment yet; make them with pla-desk budgeting assign --campaign ID --evaluator ID --evaluator ID',
          );
        for (const a of list) console.log([a.id, a.proposalCode, a.evaluatorId, a.evaluatorName, a.status].join('\t'));
        return 0;
      });
    },
  },
  'budgeting pabulib': {
    usage: 'pla-desk budgeting pabulib --campaign ID --out DIR [--data-dir DIR]',
    summary: "write the campaign's vote in Pabulib format: one .pb file per zone (or one for the city), valid for pabulib-checker's rules",
    options: { ...dataDirOpt, campaign: { type: 'string' }, out: { type: 'string' } },
    needs: NEEDS,
    help: `${dataDirHelp}
  --campaign ID      the campaign (list them with pla-desk budgeting campaigns)
  --out DIR          the folder for the .pb files (created if missing)
The winners (selected) and the rule are the latest computed results'. META rule: greedy → greedy, stop_at_first →
greedy-no-skip, timisoara_topup → greedy-custom (the topped-up winner selected=3), equal_shares with cost utilities →
equalshares or equalshares/add1 (add1 as pabutools computes it; winners of the greedy completion selected=2; a
second comment says pabulib-checker verifies add1 differently), with approval utilities → unknown
(Pabulib has no name for it); each explained in a numbered comment. A project dearer than the whole budget has
Pabulib's sentinel cost 999999999, its real cost in the comment.`,
    async run(v) {
      const campaignId = need(v, 'campaign');
      const out = path.resolve(need(v, 'out'));
      if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out needs a folder; ${out} is a file`);
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const { files } = unwrap(
          (await core.call('budgeting.exportPabulib', { campaignId }, SYSTEM)) as Result<{ files: Array<{ fileName: string; content: string }> }>,
        );
        fs.mkdirSync(out, { recursive: true });
        for (const f of files) {
          fs.writeFileSync(path.join(out, f.fileName), f.content);
          console.log(path.join(out, f.fileName));
        }
        return 0;
      });
    },
  },
};

/** A criterion by its key or its Romanian name, ignoring case and diacritics. */
function criterionOf(s: string) {
  const k = foldName(s).replace(/[\s-]+/g, '_');
  return ELIGIBILITY_CRITERIA.find((c) => c === k || foldName(ELIGIBILITY_CRITERIA_RO[c]) === foldName(s)) ?? null;
}

const PASS = new Set(['pass', 'da', 'admis', 'indeplinit', 'indeplineste', 'trece', 'true', '1', 'yes', 'ok']);
const FAIL = new Set(['fail', 'nu', 'respins', 'neindeplinit', 'nu indeplineste', 'false', '0', 'no']);
const UNDECIDED = new Set(['', 'undecided', 'nedecis', 'nedecisa', '-']);
const COLUMNS = {
  proposal: ['proposal', 'proposal_code', 'propunere', 'cod', 'code', 'cod propunere'],
  criterion: ['criterion', 'criteriu', 'criteriul'],
  result: ['result', 'rezultat', 'decizie', 'pass'],
  reason: ['reason', 'motiv', 'motivul'],
};

/** The bulk eligibility CSV: every bad row named (row number, what is wrong), in Romanian. */
export function eligibilityCsv(text: string): { rows: SetEligibilityCriteriaInput['items']; problems: string[] } {
  const table = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ''));
  const problems: string[] = [];
  const rows: SetEligibilityCriteriaInput['items'] = [];
  if (!table.length) return { rows, problems: ['fișierul este gol'] };
  const header = table[0].map(foldName);
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => names.includes(h))])) as Record<
    keyof typeof COLUMNS,
    number
  >;
  if (col.proposal < 0 || col.criterion < 0 || col.result < 0)
    return { rows, problems: [`antetul trebuie să aibă coloanele proposal (cod), criterion (criteriu) și result (rezultat); are: ${table[0].join(', ')}`] };
  table.slice(1).forEach((r, i) => {
    const line = i + 2;
    const code = (r[col.proposal] ?? '').trim();
    const crit = criterionOf(r[col.criterion] ?? '');
    const res = foldName(r[col.result] ?? '');
    const reason = col.reason >= 0 ? (r[col.reason] ?? '').trim() : '';
    if (!code) problems.push(`rândul ${line}: lipsește codul propunerii`);
    if (!crit) problems.push(`rândul ${line}: criteriul «${r[col.criterion] ?? ''}» nu este unul dintre: ${ELIGIBILITY_CRITERIA.join(', ')}`);
    const pass = PASS.has(res) ? true : FAIL.has(res) ? false : UNDECIDED.has(res) ? null : undefined;
    if (pass === undefined) problems.push(`rândul ${line}: rezultatul «${r[col.result]}» nu este pass/fail/undecided (da/nu/nedecis)`);
    if (pass === false && !reason) problems.push(`rândul ${line}: un criteriu neîndeplinit are nevoie de motiv (coloana reason/motiv)`);
    if (code && crit && pass !== undefined) rows.push({ proposalCode: code, criterion: crit, pass, reason });
  });
  return { rows, problems };
}
