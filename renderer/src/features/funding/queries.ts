import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every funding query key starts with 'funding'; a write also refreshes the plan (indicator I4.5 is computed from these records). */
export const fundingKeys = {
  calls: ['funding', 'calls'] as const,
  applications: (callId?: string) => ['funding', 'applications', callId ?? 'all'] as const,
  application: (id: string) => ['funding', 'application', id] as const,
  deadlines: (days: number) => ['funding', 'deadlines', days] as const,
};

export const invalidateFunding = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['funding'] }), qc.invalidateQueries({ queryKey: ['plan'] })]);

export const useCalls = () => useQuery({ queryKey: fundingKeys.calls, queryFn: () => api.get('funding.listCalls', {}) });
export const useApplications = (callId?: string) =>
  useQuery({ queryKey: fundingKeys.applications(callId), queryFn: () => api.get('funding.listApplications', callId ? { callId } : {}) });
export const useApplication = (id: string) => useQuery({ queryKey: fundingKeys.application(id), queryFn: () => api.get('funding.getApplication', { id }) });
export const useDeadlines = (days: number) =>
  useQuery({ queryKey: fundingKeys.deadlines(days), queryFn: () => api.get('funding.upcomingDeadlines', { days }) });
