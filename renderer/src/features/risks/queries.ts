import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every risk query key starts with 'risks'; writes also refresh the plan (a risk above tolerance turns its action at risk). */
export const keys = {
  list: ['risks', 'list'] as const,
  one: (id: string) => ['risks', 'one', id] as const,
  measures: ['risks', 'measures'] as const,
  alerts: ['risks', 'alerts'] as const,
  settings: ['risks', 'settings'] as const,
};

export const invalidateRisks = async (qc: QueryClient) => {
  await qc.invalidateQueries({ queryKey: ['risks'] });
  await qc.invalidateQueries({ queryKey: ['plan'] });
};

export const useRisks = () => useQuery({ queryKey: keys.list, queryFn: () => api.get('risks.list', {}) });
export const useRisk = (id: string) => useQuery({ queryKey: keys.one(id), queryFn: () => api.get('risks.get', { id }) });
export const useOpenMeasures = () => useQuery({ queryKey: keys.measures, queryFn: () => api.get('risks.openMeasures', {}) });
export const useAlerts = () => useQuery({ queryKey: keys.alerts, queryFn: () => api.get('risks.listAlerts', {}) });
export const useRiskSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => api.get('risks.getSettings', {}) });
