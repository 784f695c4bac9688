/**
 * Participatory budgeting's eligibility criteria, apart from the schemas in budgeting/ (whose enums.ts re-exports them): the
 * interface's Romanian and English texts (renderer/src/features/budgeting/i18n.ts) load with the sign-in screen, and
 * this file needs no zod.
 */

/** The eight eligibility criteria of DOMAIN.md, in order. */
export const ELIGIBILITY_CRITERIA = [
  'general_interest',
  'city_competence_public_space',
  'not_covered_elsewhere',
  'no_conflict_with_plans',
  'not_commercial_political',
  'no_significant_running_costs',
  'clearly_located',
  'within_project_cap',
] as const;
/** The eight eligibility criteria in Romanian: the app's labels, the CLI's and the messages core writes. */
export const ELIGIBILITY_CRITERIA_RO: Record<(typeof ELIGIBILITY_CRITERIA)[number], string> = {
  general_interest: 'Este de interes general',
  city_competence_public_space: 'Ține de competența Primăriei, pe domeniul public',
  not_covered_elsewhere: 'Nu este deja prevăzută în alte programe',
  no_conflict_with_plans: 'Nu contravine planurilor și strategiilor orașului',
  not_commercial_political: 'Nu are scop comercial sau politic',
  no_significant_running_costs: 'Nu are costuri de întreținere semnificative',
  clearly_located: 'Este localizată clar',
  within_project_cap: 'Se încadrează în plafonul pe proiect',
};
