import type { QueryClient } from '@tanstack/react-query';
import { lazyScreen } from './lazyScreen';

/**
 * The app's own screens (the plan's and administration's; each module lists its own in features/<module>/module.tsx),
 * each fetched when first shown (app/lazyScreen.tsx). Here rather than in AppLayout so the sign-in screen can fetch the
 * layout and the dashboard ahead, while the user types.
 */
export const AppLayout = lazyScreen(() => import('./AppLayout'), 'AppLayout');
/** Shown once, on the first run (it validates with the contract's schemas, which the sign-in form does not need). */
export const FirstRun = lazyScreen(() => import('./FirstRun'), 'FirstRun');
export const Dashboard = lazyScreen(() => import('../features/plan/Dashboard'), 'Dashboard');
/** The dashboard's data fetched ahead, with its code (it is kept alive like the big lists: app/KeepAlive.tsx). */
export const warmDashboard = (qc: QueryClient) => import('../features/plan/Dashboard').then((m) => m.warmDashboard(qc));
export const CommitmentsList = lazyScreen(() => import('../features/plan/CommitmentsList'), 'CommitmentsList');
export const CommitmentDetail = lazyScreen(() => import('../features/plan/CommitmentDetail'), 'CommitmentDetail');
export const ActionDetail = lazyScreen(() => import('../features/plan/ActionDetail'), 'ActionDetail');
export const IndicatorsList = lazyScreen(() => import('../features/plan/IndicatorsList'), 'IndicatorsList');
export const IndicatorDetail = lazyScreen(() => import('../features/plan/IndicatorDetail'), 'IndicatorDetail');
export const UsersPage = lazyScreen(() => import('../features/admin/UsersPage'), 'UsersPage');
export const AuditPage = lazyScreen(() => import('../features/admin/AuditPage'), 'AuditPage');
export const SettingsPage = lazyScreen(() => import('../features/admin/SettingsPage'), 'SettingsPage');
