import fs from 'node:fs';
import path from 'node:path';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * For the test tier only (PLA_DESK_QUERY_TRACE=DIR): records which db/queries modules ran a statement on which
 * engine, one line per module and process in DIR/<engine>-<pid>.txt, so `npm test` can fail when a query module is
 * exercised on one engine only. Costs nothing when the variable is unset (no plugin is installed).
 */
export function queryTracePlugins(engine: 'sqlite' | 'postgres'): KyselyPlugin[] {
  const dir = process.env.PLA_DESK_QUERY_TRACE;
  if (!dir) return [];
  const seen = new Set<string>();
  const file = path.join(dir, `${engine}-${process.pid}.txt`);
  return [
    {
      transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
        // Kysely compiles (and calls this) synchronously inside the query function's execute(): its frame is on the stack.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 40;
        const stack = new Error().stack ?? '';
        Error.stackTraceLimit = limit;
        for (const m of stack.matchAll(/db[\\/]queries[\\/]([\w-]+)\.ts/g)) {
          const name = m[1]!;
          if (seen.has(name)) continue;
          seen.add(name);
          fs.mkdirSync(dir, { recursive: true });
          fs.appendFileSync(file, `${name}\n`);
        }
        return args.node;
      },
      async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
        return args.result;
      },
    },
  ];
}
