import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Report reads: keyed under 'plan' as well, so any plan write (which invalidates ['plan']) refreshes them. */
export const keys = {
  progress: (today?: string) => ['plan', 'reports', 'progress', today ?? 'today'] as const,
  assessments: ['plan', 'reports', 'assessments'] as const,
};

export const useProgressReport = (today?: string) =>
  useQuery({ queryKey: keys.progress(today), queryFn: () => api.get('reports.progress', today ? { today } : {}) });
export const useAssessments = () => useQuery({ queryKey: keys.assessments, queryFn: () => api.get('reports.assessments', {}) });
