import { dispatch } from './dispatch';
import { APP_VERSION } from '../core/admin/version';
import type { Command } from './shared';
import { setWriteWaitNotifier } from '../core/faults';
import { CORE_MODULES } from '../core/modules';

/**
 * `pla-desk`: the same core as the app, without a window. One-line errors, non-zero exit on failure. Each module's
 * commands (electron/cli/<module>.ts) are named by its core manifest's `cli` (electron/core/<module>/manifest.ts):
 * the table is the manifests' commands, in their order (`pla-desk --help` lists them so).
 */
export const commands: Record<string, Command> = Object.assign({}, ...CORE_MODULES.map((m) => m.cli ?? {}));

export { defaultDataDir } from './help';

export async function main(args: string[]): Promise<number> {
  return dispatch(args, commands, APP_VERSION, {
    // Waiting for another writer (the app, another import) is said on stderr; stdout stays the command's result.
    beforeRun: (name) => setWriteWaitNotifier((m) => process.stderr.write(`pla-desk ${name}: ${m}\n`)),
  });
}
