import { z } from 'zod';
import { EDITORS, method } from '../define';
import { id, requiredText } from '../common';
import { campaignRef, code, upload } from './fields';

// ───────────────────────────── votes (platform file and paper ballots)

export interface VoteImportReport {
  dryRun: boolean;
  rows: number;
  counted: number;
  voters: number;
  /** Refused votes counted by rule (duplicate, over_limit, unknown_proposal, ineligible_proposal, unknown_zone …). */
  refused: Record<string, number>;
  /** The same, in words (Romanian), in the order of the rules. */
  refusedRo: Array<{ rule: string; label: string; count: number }>;
  /** The first refused rows, with the rule that refused them, the proposal, the value at fault and why (Romanian). */
  examples: Array<{ line: number; rule: string; voterKey: string; proposal: string; value: string; detail: string }>;
  replacedPrevious: boolean;
  /** Columns of the file the import does not use (listed before anything is written). */
  unusedColumns: string[];
  /**
   * Set when more than 1 % of the rows would be refused for one reason: the import writes nothing unless the user
   * accepts the refusals (acceptRefused). The message names the reason, the first examples and the likely fix.
   */
  stopped: { rule: string; count: number; percent: number; message: string } | null;
}

export interface PaperBatchStatus {
  batchCode: string;
  entries: number[];
  /** Both entries present and identical: the ballots are counted. */
  reconciled: boolean;
  ballots: number;
  /** Ballots whose two entries differ (by position in the batch, 1-based). */
  mismatches: Array<{ ballot: number; first: string; second: string }>;
}

export const voteMethods = {
  /** The platform's vote CSV (voter, proposal, optional zone and time); replaces the campaign's imported votes. */
  'budgeting.importVotes': method<VoteImportReport>()(
    z
      .object({
        campaignId: id,
        ...upload,
        /** Import even when more than 1 % of the rows are refused for one reason. */ acceptRefused: z.boolean().default(false),
      })
      .strict(),
    EDITORS,
  ),
  /** One of the two entries of a paper ballot batch; when both entries match, the ballots are counted. */
  'budgeting.enterPaperBatch': method<PaperBatchStatus>()(
    z
      .object({
        campaignId: id,
        batchCode: code,
        entry: z.union([z.literal(1), z.literal(2)]),
        ballots: z
          .array(z.object({ voterKey: requiredText(120), proposalCodes: z.array(requiredText(60)).min(1).max(100) }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    EDITORS,
  ),
  'budgeting.listPaperBatches': method<PaperBatchStatus[]>()(campaignRef, EDITORS),
};
