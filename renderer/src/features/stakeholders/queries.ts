import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ListStakeholdersInput } from '../../../../electron/contract';
import { api } from '../../api/client';
import { PAGE_SIZE } from '../../ui/paging';

/** Every stakeholder query key starts with 'stakeholders'; writes also refresh the plan (computed indicators). */
export const keys = {
  list: (input: ListStakeholdersInput) => ['stakeholders', 'list', input] as const,
  scores: ['stakeholders', 'scores'] as const,
  one: (id: string) => ['stakeholders', 'one', id] as const,
  raciMatrix: ['stakeholders', 'raciMatrix'] as const,
  raci: (actionId?: string, stakeholderId?: string) => ['stakeholders', 'raci', actionId ?? '', stakeholderId ?? ''] as const,
  takeovers: (stakeholderId?: string) => ['stakeholders', 'takeovers', stakeholderId ?? ''] as const,
  partnerships: (stakeholderId?: string) => ['stakeholders', 'partnerships', stakeholderId ?? ''] as const,
  interactions: (stakeholderId: string) => ['stakeholders', 'interactions', stakeholderId] as const,
};

export const invalidateStakeholders = async (qc: QueryClient) => {
  await qc.invalidateQueries({ queryKey: ['stakeholders'] });
  await qc.invalidateQueries({ queryKey: ['plan'] });
};

/** A page of the register (the server filters, searches, sorts and pages); the previous page stays shown while the next loads. */
const stakeholderPage = (input: ListStakeholdersInput) => ({ queryKey: keys.list(input), queryFn: () => api.get('stakeholders.list', input) });
export const useStakeholderPage = (input: ListStakeholdersInput) => useQuery({ ...stakeholderPage(input), placeholderData: keepPreviousData });
/** The register as it opens (by name, the first page): the list starts from it, warmStakeholders fetches it ahead. */
export const STAKEHOLDERS_FIRST_PAGE = { sort: 'name', order: 'asc', offset: 0, limit: PAGE_SIZE } as const satisfies ListStakeholdersInput;
export const warmStakeholders = (qc: QueryClient) => qc.prefetchQuery(stakeholderPage(STAKEHOLDERS_FIRST_PAGE));
/** Every stakeholder's name and scores (the grid, the pickers). */
export const useStakeholderScores = () => useQuery({ queryKey: keys.scores, queryFn: () => api.get('stakeholders.listScores', {}) });
export const useStakeholder = (id: string) => useQuery({ queryKey: keys.one(id), queryFn: () => api.get('stakeholders.get', { id }) });
export const useRaci = (opts: { actionId?: string; stakeholderId?: string }) =>
  useQuery({
    queryKey: keys.raci(opts.actionId, opts.stakeholderId),
    queryFn: () => api.get('stakeholders.listRaci', opts),
    enabled: !!(opts.actionId || opts.stakeholderId),
  });
/** The whole RACI matrix: actions × organisations, with every role. */
export const useRaciMatrix = () => useQuery({ queryKey: keys.raciMatrix, queryFn: () => api.get('stakeholders.getRaciMatrix', {}) });
export const useTakeovers = (stakeholderId?: string) =>
  useQuery({ queryKey: keys.takeovers(stakeholderId), queryFn: () => api.get('stakeholders.listTakeovers', stakeholderId ? { stakeholderId } : {}) });
export const usePartnerships = (stakeholderId?: string) =>
  useQuery({ queryKey: keys.partnerships(stakeholderId), queryFn: () => api.get('stakeholders.listPartnerships', stakeholderId ? { stakeholderId } : {}) });
export const useInteractions = (stakeholderId: string) =>
  useQuery({ queryKey: keys.interactions(stakeholderId), queryFn: () => api.get('stakeholders.listInteractions', { stakeholderId }) });
