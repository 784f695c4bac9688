import { AuditOutlined, TrophyOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { lazyScreen } from '../../app/lazyScreen';
import { paletteSource } from '../../app/paletteSearch';
import { api } from '../../api/client';

// Each screen's code is fetched when it is first opened (or when the app is idle): app/lazyScreen.tsx.
const CampaignPage = lazyScreen(() => import('./CampaignPage'), 'CampaignPage');
const CampaignsList = lazyScreen(() => import('./CampaignsList'), 'CampaignsList');
const MyEvaluations = lazyScreen(() => import('./MyEvaluations'), 'MyEvaluations');

const STAFF = ['coordinator', 'member', 'viewer'] as const;

/** Participatory budgeting and grant calls (commitment A2, action A1.7); evaluators see only "Evaluările mele". */
export const budgetingModule: FeatureModule = {
  key: 'budgeting',
  group: 'budgeting',
  nav: [
    { path: '/budgeting/campaigns', icon: <TrophyOutlined />, label: 'budgeting.nav.campaigns', testId: 'nav-budgeting-campaigns', roles: STAFF },
    { path: '/budgeting/my-evaluations', icon: <AuditOutlined />, label: 'budgeting.nav.mine', testId: 'nav-budgeting-mine', roles: ['evaluator'] },
  ],
  routes: [
    { path: '/budgeting/campaigns', element: <CampaignsList />, roles: STAFF },
    { path: '/budgeting/campaigns/:id', element: <CampaignPage />, roles: STAFF },
    { path: '/budgeting/my-evaluations', element: <MyEvaluations />, roles: ['evaluator'] },
  ],
  palette: [
    // every campaign's proposals, with the campaign's name beside each
    paletteSource({
      reads: ['budgeting.listCampaigns', 'budgeting.listProposals'],
      key: ['palette', 'proposals'],
      fetch: async () => {
        const campaigns = await api.get('budgeting.listCampaigns', {});
        const lists = await Promise.all(
          campaigns.map(async (c) => (await api.get('budgeting.listProposals', { campaignId: c.id })).map((p) => ({ p, campaign: c.name }))),
        );
        return lists.flat();
      },
      entries: (rows) =>
        rows.map(({ p, campaign }) => ({ kind: 'proposal', path: `/budgeting/campaigns/${p.campaignId}`, code: p.code, title: p.title, context: campaign })),
    }),
  ],
  agendaText: {
    pb_phase: (i, t) => t('agenda.kind_pb_phase', { phase: t(`budgeting.phase.${i.phase}`) }),
    evaluation: (i, t) => t('agenda.kind_evaluation', { count: i.pending ?? 0 }),
  },
};
