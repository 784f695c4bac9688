import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Role } from '../../../electron/contract';
import { trainingModule } from './training/module';
import { fundingModule } from './funding/module';
import { stakeholdersModule } from './stakeholders/module';
import { risksModule } from './risks/module';
import { publishingModule } from './publishing/module';
import { datasetsModule } from './datasets/module';
import { reportsModule } from './reports/module';
import { budgetingModule } from './budgeting/module';

/**
 * Modules beyond the plan (risks, training, stakeholders, funding …) register here: their navigation
 * entries and routes. The layout shows only what is registered, so a module that does not exist has no
 * menu entry and no page. Each module's texts live in its own i18n file (renderer/src/i18n/modules.ts).
 */
export interface FeatureModule {
  /** The module's name in every layer, and its i18n namespace. */
  key: string;
  /** Side navigation group, by task (i18n key under `nav.`; the order is AppLayout's NAV_GROUPS). */
  group: 'registries' | 'budgeting' | 'data' | 'reports';
  nav: Array<{ path: string; icon: ReactNode; label: string; testId: string; roles?: readonly Role[] }>;
  routes: Array<{
    path: string;
    element: ReactNode;
    roles?: readonly Role[];
    /**
     * A big list kept alive: pre-rendered hidden once the app is idle (after this fetches what its first render
     * reads) and kept, hidden, when the user leaves, so it opens at once and as it was left (app/KeepAlive.tsx).
     */
    keepAlive?: (qc: QueryClient) => Promise<unknown>;
  }>;
}

export const FEATURE_MODULES: FeatureModule[] = [
  fundingModule,
  risksModule,
  stakeholdersModule,
  trainingModule,
  reportsModule,
  datasetsModule,
  publishingModule,
  budgetingModule,
];
