import type { MethodName, OutputOf, ParsedInputOf } from '../contract';
import type { Sessions } from './admin/service';
import type { LoginThrottle } from './admin/throttle';
import type { ServiceContext } from './context';
import type { JobControl, JobRunner } from './jobs';
import type { UploadStore } from './uploads';
import type { Connection, CoreOptions } from './types';

/** What a handler may use besides its service context: the caller's connection and core's shared parts. */
export interface HandlerExtra {
  conn: Connection;
  core: InternalCore;
  /** The job this call runs as (an import that writes, TRACKED_IMPORTS): its signal is its owner's cancel. */
  job?: JobControl;
}

export interface InternalCore {
  sessions: Sessions;
  jobs: JobRunner;
  /** Exports produced in this run, by file id: the name to deliver it under and who may download it. */
  exportNames: Map<string, { name: string; owner: string | null }>;
  throttle: LoginThrottle;
  /** Files being uploaded a piece at a time, each its uploader's (files.beginUpload). */
  uploads: UploadStore;
  options: CoreOptions;
}

/** One contract method's implementation: parsed input in, typed output out. */
export type Handler<K extends MethodName> = (ctx: ServiceContext, input: ParsedInputOf<K>, extra: HandlerExtra) => Promise<OutputOf<K>>;

/** Every method of a module (by its `module.` prefix) with its handler; a missing one fails the typecheck. */
export type ModuleHandlers<P extends string> = { [K in Extract<MethodName, `${P}.${string}`>]: Handler<K> };
