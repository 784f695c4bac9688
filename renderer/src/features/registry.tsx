import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { AgendaItem, AgendaKind, Role } from '../../../electron/contract';
import type { PaletteSource } from '../app/paletteSearch';
import { planModule } from './plan/manifest';
import { trainingModule } from './training/manifest';
import { fundingModule } from './funding/manifest';
import { stakeholdersModule } from './stakeholders/manifest';
import { risksModule } from './risks/manifest';
import { publishingModule } from './publishing/manifest';
import { datasetsModule } from './datasets/manifest';
import { reportsModule } from './reports/manifest';
import { budgetingModule } from './budgeting/manifest';
import { adminModule } from './admin/manifest';

/**
 * A module's renderer side, in one place (features/<module>/manifest.tsx): its menu entries, its routes, the records
 * it offers the command palette and how its start-page items read. The layout
 * shows only what is registered, so a module that does not exist has no menu entry and no page. Its texts are its
 * folder's i18n.ts (found by i18n/modules.ts, no list to edit). Screens are named through lazyScreen(), never imported
 * as values, so a manifest costs no screen's code until the screen is shown.
 */
export interface FeatureModule {
  /** The module's name in every layer, and its i18n namespace. */
  key: string;
  /** Side navigation group, by task (i18n key under `nav.`; the order is NAV_GROUPS below). */
  group: NavGroupKey;
  nav: Array<{
    path: string;
    icon: ReactNode;
    /** i18n key of the entry's label. */
    label: string;
    testId: string;
    roles?: readonly Role[];
    /** Other addresses whose pages light this entry up (an action's page lights "Angajamente"). */
    also?: readonly string[];
  }>;
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
  /** The records the command palette (Ctrl+K) offers from this module: which list, each row's label and where it leads. */
  palette?: readonly PaletteSource[];
  /**
   * What its items on "Ce am de făcut" (app/AgendaPage.tsx) say under their title, for the kinds whose text needs the
   * item (a phase, a count); any other kind reads `agenda.kind_<kind>`.
   */
  agendaText?: Partial<Record<AgendaKind, (item: AgendaItem, t: TFunction) => string>>;
}

/** The side menu's groups, by task, in menu order. */
export const NAV_GROUPS = ['plan', 'registries', 'budgeting', 'data', 'reports', 'admin'] as const;
export type NavGroupKey = (typeof NAV_GROUPS)[number];

/** Every module's renderer manifest, one line each; within a menu group, entries come in this order. */
export const FEATURE_MODULES: FeatureModule[] = [
  planModule,
  fundingModule,
  risksModule,
  stakeholdersModule,
  trainingModule,
  reportsModule,
  datasetsModule,
  publishingModule,
  budgetingModule,
  adminModule,
];
