/**
 * Participatory budgeting and grant competitions (commitment A2, action A1.7). DOMAIN.md "Budgeting".
 * Money is integer bani everywhere. Scores: each criterion on its anchored scale (min…max); a proposal's
 * overall score is the weighted share of the maximum, 0–100: 100 · Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ.
 *
 * One file a part, in the order of a campaign: enums, campaign, proposals, evaluation, votes, results (and
 * appeals), implementation; `budgetingContract` is their methods together.
 */
import { campaignMethods } from './campaign';
import { proposalMethods } from './proposals';
import { evaluationMethods } from './evaluation';
import { voteMethods } from './votes';
import { resultMethods } from './results';
import { implementationMethods } from './implementation';

export * from './enums';
export * from './campaign';
export * from './proposals';
export * from './evaluation';
export * from './votes';
export * from './results';
export * from './implementation';

export const budgetingContract = {
  ...campaignMethods,
  ...proposalMethods,
  ...evaluationMethods,
  ...voteMethods,
  ...resultMethods,
  ...implementationMethods,
};
