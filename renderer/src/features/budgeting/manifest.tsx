import { AuditOutlined, TrophyOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../registry';
import { lazyScreen } from '../../app/lazyScreen';

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
};
