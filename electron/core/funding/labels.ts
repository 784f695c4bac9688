import type { ApplicationStatus, CallStatus, CallType, FundingProgramme } from '../../contract';

/** Romanian labels of the funding enums, for the Excel workbook and the indicator's records (the UI has its own i18n). */
export const PROGRAMME_RO: Record<FundingProgramme, string> = {
  regio_vest: 'Programul Regional Vest 2021-2027',
  pnrr: 'PNRR',
  poca_peo: 'POCA / PEO',
  eea_norway: 'Granturile SEE și Norvegiene',
  ogp: 'OGP',
  local_budget: 'Buget local',
  other: 'Alt program',
};

export const CALL_TYPE_RO: Record<CallType, string> = {
  competitive: 'Competitiv',
  first_come: 'Primul venit, primul servit',
  non_competitive: 'Necompetitiv',
  other: 'Altul',
};

export const CALL_STATUS_RO: Record<CallStatus, string> = {
  planned: 'Planificat',
  open: 'Deschis',
  closed: 'Închis',
  cancelled: 'Anulat',
};

export const APPLICATION_STATUS_RO: Record<ApplicationStatus, string> = {
  idea: 'Idee',
  submitted: 'Depusă',
  under_evaluation: 'În evaluare',
  approved: 'Aprobată',
  rejected: 'Respinsă',
  contracted: 'Contractată',
  in_implementation: 'În implementare',
  closed: 'Închisă',
};
