/**
 * Budgeting rules library (pure, no database): winner rules, votes CSV checks, tallies, Pabulib export.
 * The signatures are `BudgetingRulesApi` in ./types; the implementations are exported from here as they land.
 */
export * from './types';
