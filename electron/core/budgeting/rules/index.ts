/**
 * Budgeting rules library (pure, no database): winner rules, votes CSV checks, tallies, Pabulib export.
 * Signatures: `BudgetingRulesApi` in ./types (checked below).
 */
import { tallyBallots } from './ballots';
import { toPabulib } from './pabulib';
import type { BudgetingRulesApi } from './types';
import { parseVotes, readVotes } from './votes';
import { computeWinners } from './winners';

export * from './types';
export { RuleInputError, VoteFileError } from './errors';
export { computeWinners } from './winners';
export { parseVotes, readVotes, parseVoteColumns, readVoteColumns, acceptedVotes, normaliseHeader } from './votes';
export { BallotBuilder, tallyBallots, participationRate, withVotes } from './ballots';
export { toPabulib, pabulibLines } from './pabulib';
export { scanCsv, CsvSplitter, ByteCsvSplitter, detectDelimiter, textChunks, byteChunks } from './csv';
export { formatLei, formatAmount } from './format';
export { reasonText } from './texts';
export { ADD1_STEP_BANI } from './equal-shares';

export const budgetingRules: BudgetingRulesApi = { computeWinners, parseVotes, readVotes, tallyBallots, toPabulib };
