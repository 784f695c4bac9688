import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ListRisksInput } from '../../../../electron/contract';
import { api } from '../../api/client';
import { PAGE_SIZE } from '../../ui/paging';

/** Every risk query key starts with 'risks'; writes also refresh the plan (a risk above tolerance turns its action at risk). */
export const keys = {
  list: (input: ListRisksInput) => ['risks', 'list', input] as const,
  overview: ['risks', 'overview'] as const,
  one: (id: string) => ['risks', 'one', id] as const,
  measures: ['risks', 'measures'] as const,
  alerts: ['risks', 'alerts'] as const,
  settings: ['risks', 'settings'] as const,
};

export const invalidateRisks = async (qc: QueryClient) => {
  await qc.invalidateQueries({ queryKey: ['risks'] });
  await qc.invalidateQueries({ queryKey: ['plan'] });
};

/** A page of the register (the server filters, searches, sorts and pages); the previous page stays on screen while the next loads. */
const riskPage = (input: ListRisksInput) => ({ queryKey: keys.list(input), queryFn: () => api.get('risks.list', input) });
export const useRiskPage = (input: ListRisksInput) => useQuery({ ...riskPage(input), placeholderData: keepPreviousData });
/** The register as it opens (open risks by code, the first page): the list starts from it, warmRisks fetches it ahead. */
export const RISKS_FIRST_PAGE = { status: 'open', sort: 'code', order: 'asc', offset: 0, limit: PAGE_SIZE } as const satisfies ListRisksInput;
export const warmRisks = (qc: QueryClient) => qc.prefetchQuery(riskPage(RISKS_FIRST_PAGE));
/** Heat-map counts, above tolerance, reviews due/overdue and open measures, counted on the server. */
export const useRiskOverview = () => useQuery({ queryKey: keys.overview, queryFn: () => api.get('risks.overview', {}) });
export const useRisk = (id: string) => useQuery({ queryKey: keys.one(id), queryFn: () => api.get('risks.get', { id }) });
export const useOpenMeasures = () => useQuery({ queryKey: keys.measures, queryFn: () => api.get('risks.openMeasures', {}) });
export const useAlerts = () => useQuery({ queryKey: keys.alerts, queryFn: () => api.get('risks.listAlerts', {}) });
export const useRiskSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => api.get('risks.getSettings', {}) });
