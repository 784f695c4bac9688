import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const publishingKeys = { status: ['publishing', 'status'] as const };

export const useSiteStatus = () => useQuery({ queryKey: publishingKeys.status, queryFn: () => api.get('publishing.getSiteStatus', {}) });
