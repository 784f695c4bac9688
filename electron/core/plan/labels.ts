import type { ActionStatus, CompletionLevel, IndicatorType, OgpValue, OpenedGovernmentLevel, Rag } from '../../contract';

/**
 * Romanian labels of the plan's enums, for what leaves the app in Romanian: the Excel exports, the report pack and
 * the public site (the UI has its own i18n, with the same words). Comma-below ș ț throughout.
 */
export const PLAN_LABELS_RO = {
  rag: {
    complete: 'Finalizat',
    late: 'Întârziat',
    at_risk: 'La risc',
    on_track: 'Conform planului',
    not_started: 'Neînceput',
    no_data: 'Fără date',
  } satisfies Record<Rag, string>,
  actionStatus: {
    not_started: 'Neînceput',
    in_progress: 'În desfășurare',
    done: 'Realizat',
    cancelled: 'Anulat',
  } satisfies Record<ActionStatus, string>,
  indicatorType: {
    cumulative: 'Cumulativ',
    per_period: 'Pe perioadă',
    ratio: 'Raport (procent)',
    milestone: 'Jalon (realizat / nerealizat)',
  } satisfies Record<IndicatorType, string>,
  completion: {
    no_evidence: 'Fără dovezi disponibile',
    not_started: 'Neînceput',
    limited: 'Limitat',
    substantial: 'Substanțial',
    complete: 'Complet',
  } satisfies Record<CompletionLevel, string>,
  openedGovernment: {
    worsened: 'S-a înrăutățit',
    did_not_change: 'Nu s-a schimbat',
    marginal: 'Marginal',
    major: 'Major',
    outstanding: 'Excepțional',
  } satisfies Record<OpenedGovernmentLevel, string>,
  ogpValue: {
    access_to_information: 'Acces la informație',
    civic_participation: 'Participare civică',
    public_accountability: 'Responsabilitate publică',
    technology_innovation: 'Tehnologie și inovare',
  } satisfies Record<OgpValue, string>,
};
