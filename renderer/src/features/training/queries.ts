import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ListPeopleInput, ListSessionsInput } from '../../../../electron/contract';
import { api } from '../../api/client';
import { PAGE_SIZE } from '../../ui/paging';

/** Every training query key starts with 'training'; a write also refreshes the plan (I1.2 and I4.3 are computed from these records). */
export const trainingKeys = {
  programmes: ['training', 'programmes'] as const,
  sessions: (input: ListSessionsInput) => ['training', 'sessions', input] as const,
  sessionOptions: ['training', 'sessionOptions'] as const,
  session: (id: string) => ['training', 'session', id] as const,
  attendance: (sessionId: string) => ['training', 'attendance', sessionId] as const,
  people: (input: ListPeopleInput) => ['training', 'people', input] as const,
  person: (id: string) => ['training', 'person', id] as const,
};

export const invalidateTraining = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['training'] }), qc.invalidateQueries({ queryKey: ['plan'] })]);

const programmes = { queryKey: trainingKeys.programmes, queryFn: () => api.get('training.listProgrammes', {}) };
export const useProgrammes = () => useQuery(programmes);
/** A page of sessions (the server pages, sorts, filters and searches); the previous page stays on screen while the next loads. */
const sessionPage = (input: ListSessionsInput) => ({ queryKey: trainingKeys.sessions(input), queryFn: () => api.get('training.listSessions', input) });
export const useSessions = (input: ListSessionsInput) => useQuery({ ...sessionPage(input), placeholderData: keepPreviousData });
/** The sessions as they open (newest first, the first page): the list starts from it, warmSessions fetches it ahead with the programmes. */
export const SESSIONS_FIRST_PAGE = { sort: 'startDate', order: 'desc', offset: 0, limit: PAGE_SIZE } as const satisfies ListSessionsInput;
export const warmSessions = (qc: QueryClient) => Promise.all([qc.prefetchQuery(sessionPage(SESSIONS_FIRST_PAGE)), qc.prefetchQuery(programmes)]);
/** Every session, slim, for a picker. */
export const useSessionOptions = () => useQuery({ queryKey: trainingKeys.sessionOptions, queryFn: () => api.get('training.sessionOptions', {}) });
export const useSession = (id: string) => useQuery({ queryKey: trainingKeys.session(id), queryFn: () => api.get('training.getSession', { id }) });
export const useAttendance = (sessionId: string) =>
  useQuery({ queryKey: trainingKeys.attendance(sessionId), queryFn: () => api.get('training.listAttendance', { sessionId }) });
/** A page of people (the server pages, sorts and searches); the previous page stays on screen while the next loads. */
const peoplePage = (input: ListPeopleInput) => ({ queryKey: trainingKeys.people(input), queryFn: () => api.get('training.listPeople', input) });
export const usePeople = (input: ListPeopleInput) => useQuery({ ...peoplePage(input), placeholderData: keepPreviousData });
/** The people as the list opens (by name, the first page): the list starts from it, warmPeople fetches it ahead. */
export const PEOPLE_FIRST_PAGE = { sort: 'name', order: 'asc', offset: 0, limit: PAGE_SIZE } as const satisfies ListPeopleInput;
export const warmPeople = (qc: QueryClient) => qc.prefetchQuery(peoplePage(PEOPLE_FIRST_PAGE));
export const usePersonHistory = (id: string) => useQuery({ queryKey: trainingKeys.person(id), queryFn: () => api.get('training.personHistory', { id }) });
