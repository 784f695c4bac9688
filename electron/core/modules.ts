import type { MethodName } from '../contract';
import { adminModule } from './admin/manifest';
import { budgetingModule } from './budgeting/manifest';
import { datasetsModule } from './datasets/manifest';
import { fundingModule } from './funding/manifest';
import type { Handler } from './handlers';
import { defineCoreModule } from './manifest';
import { planModule } from './plan/manifest';
import { publishingModule } from './publishing/manifest';
import { reportsModule } from './reports/manifest';
import { risksModule } from './risks/manifest';
import { stakeholdersModule } from './stakeholders/manifest';
import { filesHandlers, jobsHandlers } from './system-handlers';
import { trainingModule } from './training/manifest';

/**
 * Every module's core manifest (electron/core/<module>/manifest.ts), one line each — the only list core keeps.
 * Seeds run in this order (the plan before the stakeholders, whose seed names the plan's actions), and
 * `pla-desk --help` lists the modules' commands in it.
 */
export const CORE_MODULES = [
  adminModule,
  datasetsModule,
  budgetingModule,
  fundingModule,
  planModule,
  risksModule,
  reportsModule,
  stakeholdersModule,
  trainingModule,
  publishingModule,
  // the app's own long tasks and file transfers, shared by every module
  defineCoreModule({ name: 'jobs', handlers: jobsHandlers }),
  defineCoreModule({ name: 'files', handlers: filesHandlers }),
] as const;

/** A module of the contract: the prefix of its methods. */
export type ContractModule = MethodName extends `${infer P}.${string}` ? P : never;
/** A module of the contract that no manifest above serves: listed here, so a dropped line fails the typecheck. */
type Unserved = Exclude<ContractModule, (typeof CORE_MODULES)[number]['name']>;
const everyModuleServed: [Unserved] extends [never] ? true : Unserved = true;
void everyModuleServed;

/** Method name → implementation, from the manifests. Each manifest's handlers are checked against its module (ModuleHandlers). */
export const HANDLERS = Object.assign({}, ...CORE_MODULES.map((m) => m.handlers)) as { [K in MethodName]: Handler<K> };

/** Imports that write many rows in one request: tracked as jobs of their caller (JobRunner.track). */
export const TRACKED_IMPORTS: ReadonlySet<string> = new Set<string>(CORE_MODULES.flatMap((m): readonly string[] => m.trackedImports ?? []));
