import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const publishingKeys = {
  status: ['publishing', 'status'] as const,
  targets: ['publishing', 'sync', 'targets'] as const,
  queue: ['publishing', 'sync', 'queue'] as const,
  log: ['publishing', 'sync', 'log'] as const,
  releases: ['publishing', 'sync', 'releases'] as const,
};

export const useSiteStatus = () => useQuery({ queryKey: publishingKeys.status, queryFn: () => api.get('publishing.getSiteStatus', {}) });
export const useTargets = () => useQuery({ queryKey: publishingKeys.targets, queryFn: () => api.get('publishing.listTargets', {}) });
export const useSyncQueue = () => useQuery({ queryKey: publishingKeys.queue, queryFn: () => api.get('publishing.listQueue', {}) });
export const useSyncLog = () => useQuery({ queryKey: publishingKeys.log, queryFn: () => api.get('publishing.listLog', { limit: 200 }) });

/** After a save, a publication or a queue change: targets (last published), queue and log all move. */
export const invalidateSync = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['publishing', 'sync'] });
