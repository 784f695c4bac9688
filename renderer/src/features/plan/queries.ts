import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every plan query key starts with 'plan': one invalidation after a write refreshes lists, details and the dashboard. */
export const planKeys = {
  commitments: ['plan', 'commitments'] as const,
  commitment: (id: string) => ['plan', 'commitment', id] as const,
  actions: (commitmentId?: string) => ['plan', 'actions', commitmentId ?? 'all'] as const,
  indicators: (commitmentId?: string) => ['plan', 'indicators', commitmentId ?? 'all'] as const,
  milestones: (actionId: string) => ['plan', 'milestones', actionId] as const,
  updates: (actionId: string) => ['plan', 'updates', actionId] as const,
  measurements: (indicatorId: string) => ['plan', 'measurements', indicatorId] as const,
};

export const invalidatePlan = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['plan'] });

export const useCommitments = () => useQuery({ queryKey: planKeys.commitments, queryFn: () => api.get('plan.listCommitments', {}) });
export const useCommitment = (id: string) => useQuery({ queryKey: planKeys.commitment(id), queryFn: () => api.get('plan.getCommitment', { id }) });
export const useActions = (commitmentId?: string) =>
  useQuery({ queryKey: planKeys.actions(commitmentId), queryFn: () => api.get('plan.listActions', commitmentId ? { commitmentId } : {}) });
export const useIndicators = (commitmentId?: string) =>
  useQuery({ queryKey: planKeys.indicators(commitmentId), queryFn: () => api.get('plan.listIndicators', commitmentId ? { commitmentId } : {}) });
export const useMilestones = (actionId: string) =>
  useQuery({ queryKey: planKeys.milestones(actionId), queryFn: () => api.get('plan.listMilestones', { actionId }) });
export const useUpdates = (actionId: string) =>
  useQuery({ queryKey: planKeys.updates(actionId), queryFn: () => api.get('plan.listProgressUpdates', { actionId }) });
export const useMeasurements = (indicatorId: string) =>
  useQuery({ queryKey: planKeys.measurements(indicatorId), queryFn: () => api.get('plan.listMeasurements', { indicatorId }) });
