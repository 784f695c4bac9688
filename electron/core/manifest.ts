import type { WriteTx } from '../../db/access';
import type { Command } from '../cli/shared';
import type { AgendaItem, AgendaKind, AgendaModule, MethodName } from '../contract';
import type { ServiceContext } from './context';
import type { ModuleHandlers } from './handlers';
import type { ActionRiskSignal, IndicatorSource } from './plan/sources';

/**
 * A module's core side, in one place (electron/core/<module>/manifest.ts): its handlers — one per contract method
 * named `<module>.…`, or the typecheck fails — and what it adds to the others. electron/core/modules.ts lists the
 * manifests; the dispatcher, the indicator registry, the first-run seed and the `pla-desk` command table read them
 * from there. (The module's contract part is listed in electron/contract/index.ts, which the renderer reads too.)
 */
export interface CoreModule<P extends string = string> {
  /** The module's name in every layer: its methods' prefix (`risks.list`), its folders. */
  name: P;
  handlers: ModuleHandlers<P>;
  /** Plan indicators this module's records compute, by source name (core/plan/sources.ts). */
  indicatorSources?: Record<string, IndicatorSource>;
  /** Actions this module flags as at risk (the risk register: a linked risk above tolerance). */
  actionRiskSignals?: readonly ActionRiskSignal[];
  /** Imports that write many rows in one request: run as jobs of their caller (JobRunner.track) unless a dry run. */
  trackedImports?: ReadonlyArray<Extract<MethodName, `${P}.${string}`>>;
  /** Loads the module's first-run data (in a write transaction, in the manifests' order); runs on every start, so it must skip what is there. */
  seed?: (trx: WriteTx, at: string) => Promise<unknown>;
  /**
   * Its `pla-desk` commands (electron/cli/<module>.ts), by name; `pla-desk --help` lists them in the manifests' order.
   * The command files import core's index only when a command runs (cli/shared.ts `withCore`), so this import does
   * not cycle.
   */
  cli?: Readonly<Record<string, Command>>;
  /** What this module puts on the start page's "Ce am de făcut" (core/reports/agenda.ts); only the agenda's modules (AgendaModule) have one. */
  agenda?: P extends AgendaModule ? AgendaSource : never;
}

/** An agenda item as its module gives it: the agenda adds the module and whether it is late or due this week. */
export type AgendaEntry = Omit<AgendaItem, 'module' | 'state'>;

/**
 * A module's items for "Ce am de făcut": its records with the day they fall due, for a caller who sees the module in
 * full (core/visibility.ts). The agenda keeps those late or due by `weekEnd`, sorted (late first, by day, by code);
 * items due the same day with the same code come in the order of their kinds in AGENDA_KINDS.
 */
export interface AgendaSource {
  /** The kinds of item it gives (each kind is given by one module). */
  kinds: readonly AgendaKind[];
  items: (ctx: ServiceContext, week: { today: string; weekEnd: string }) => Promise<AgendaEntry[]>;
}

/** `defineCoreModule({ name: 'risks', handlers: risksHandlers, … })`: keeps the name literal, so the handlers are checked against it. */
export const defineCoreModule = <P extends string>(m: CoreModule<P>): CoreModule<P> => m;
