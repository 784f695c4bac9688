import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every datasets query key starts with 'datasets'; a write also refreshes the plan (indicator I3.3 counts published datasets). */
export const datasetsKeys = {
  list: ['datasets', 'list'] as const,
  one: (id: string) => ['datasets', 'one', id] as const,
  import: (id: string) => ['datasets', 'import', id] as const,
  overdue: ['datasets', 'overdue'] as const,
  references: ['datasets', 'references'] as const,
};

export const invalidateDatasets = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['datasets'] }), qc.invalidateQueries({ queryKey: ['plan'] })]);

export const useDatasets = () => useQuery({ queryKey: datasetsKeys.list, queryFn: () => api.get('datasets.list', {}) });
export const useDataset = (id: string) => useQuery({ queryKey: datasetsKeys.one(id), queryFn: () => api.get('datasets.get', { id }) });
export const useImport = (id: string | null) =>
  useQuery({ queryKey: datasetsKeys.import(id ?? ''), queryFn: () => api.get('datasets.getImport', { importId: id! }), enabled: !!id });
export const useOverdue = () => useQuery({ queryKey: datasetsKeys.overdue, queryFn: () => api.get('datasets.overdueReviews', {}) });
export const useReferences = () => useQuery({ queryKey: datasetsKeys.references, queryFn: () => api.get('datasets.listReferences', {}) });
