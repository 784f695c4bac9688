import type { QueryClient } from '@tanstack/react-query';
import { lazyScreen } from './lazyScreen';

/**
 * The screens the sign-in screen fetches ahead, while the user types: the app's frame and the home screen (each module
 * names its other screens in features/<module>/manifest.tsx), each fetched when first shown (app/lazyScreen.tsx).
 */
export const AppLayout = lazyScreen(() => import('./AppLayout'), 'AppLayout');
/** Shown once, on the first run (it validates with the contract's schemas, which the sign-in form does not need). */
export const FirstRun = lazyScreen(() => import('./FirstRun'), 'FirstRun');
export const Dashboard = lazyScreen(() => import('../features/plan/Dashboard'), 'Dashboard');
/** The dashboard's data fetched ahead, with its code (it is kept alive like the big lists: app/KeepAlive.tsx). */
export const warmDashboard = (qc: QueryClient) => import('../features/plan/Dashboard').then((m) => m.warmDashboard(qc));
