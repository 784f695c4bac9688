import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Every budgeting query key starts with 'budgeting'; a write also refreshes the plan (I2.7 and I1.7 are computed from these records). */
export const budgetingKeys = {
  campaigns: ['budgeting', 'campaigns'] as const,
  campaign: (id: string) => ['budgeting', 'campaign', id] as const,
  proposals: (campaignId: string) => ['budgeting', 'proposals', campaignId] as const,
  assignments: (campaignId: string) => ['budgeting', 'assignments', campaignId] as const,
  progress: (campaignId: string) => ['budgeting', 'progress', campaignId] as const,
  conflicts: (campaignId: string) => ['budgeting', 'conflicts', campaignId] as const,
  evaluations: (proposalId: string) => ['budgeting', 'evaluations', proposalId] as const,
  paper: (campaignId: string) => ['budgeting', 'paper', campaignId] as const,
  results: (campaignId: string) => ['budgeting', 'results', campaignId] as const,
  appeals: (campaignId: string) => ['budgeting', 'appeals', campaignId] as const,
  projects: (campaignId: string) => ['budgeting', 'projects', campaignId] as const,
  mine: ['budgeting', 'mine'] as const,
  myProposal: (assignmentId: string) => ['budgeting', 'my-proposal', assignmentId] as const,
  evaluators: ['budgeting', 'evaluators'] as const,
};

export const invalidateBudgeting = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['budgeting'] }), qc.invalidateQueries({ queryKey: ['plan'] })]);

export const useCampaigns = () => useQuery({ queryKey: budgetingKeys.campaigns, queryFn: () => api.get('budgeting.listCampaigns', {}) });
export const useCampaign = (id: string) => useQuery({ queryKey: budgetingKeys.campaign(id), queryFn: () => api.get('budgeting.getCampaign', { id }) });
export const useProposals = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.proposals(campaignId), queryFn: () => api.get('budgeting.listProposals', { campaignId }) });
export const useAssignments = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.assignments(campaignId), queryFn: () => api.get('budgeting.listAssignments', { campaignId }) });
export const useProgress = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.progress(campaignId), queryFn: () => api.get('budgeting.evaluationProgress', { campaignId }) });
export const useConflicts = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.conflicts(campaignId), queryFn: () => api.get('budgeting.listConflictDeclarations', { campaignId }) });
export const useEvaluations = (proposalId: string | null) =>
  useQuery({
    queryKey: budgetingKeys.evaluations(proposalId ?? ''),
    queryFn: () => api.get('budgeting.listEvaluations', { proposalId: proposalId! }),
    enabled: !!proposalId,
  });
export const usePaperBatches = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.paper(campaignId), queryFn: () => api.get('budgeting.listPaperBatches', { campaignId }) });
/** The latest results; null before the first computation (NOT_FOUND is not an error here). */
export const useResults = (campaignId: string) =>
  useQuery({
    queryKey: budgetingKeys.results(campaignId),
    queryFn: async () => {
      const r = await api.call('budgeting.getResults', { campaignId });
      if (r.ok) return r.value;
      if (r.error.code === 'NOT_FOUND') return null;
      return api.get('budgeting.getResults', { campaignId });
    },
  });
export const useAppeals = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.appeals(campaignId), queryFn: () => api.get('budgeting.listAppeals', { campaignId }) });
export const useMyAssignments = () => useQuery({ queryKey: budgetingKeys.mine, queryFn: () => api.get('budgeting.myAssignments', {}) });
/** Users with the evaluator role (the user list is the coordinator's; others get none and work from the assignments). */
export const useEvaluatorUsers = (enabled: boolean) =>
  useQuery({
    queryKey: budgetingKeys.evaluators,
    enabled,
    queryFn: async () => (await api.get('admin.listUsers', {})).filter((u) => u.role === 'evaluator' && u.active),
  });
