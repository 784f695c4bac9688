import { adminCommands } from './admin';
import { datasetsCommands } from './datasets';
import { dbCommands } from './db';
import { datasetsExportCommands } from './datasets-export';
import { budgetingCommands } from './budgeting';
import { planCommands } from './plan';
import { fundingCommands } from './funding';
import { risksCommands } from './risks';
import { reportsCommands } from './reports';
import { trainingCommands } from './training';
import { stakeholdersCommands } from './stakeholders';
import { publishingCommands } from './publishing';
import { dispatch } from './dispatch';
import { APP_VERSION } from '../core/admin/version';
import type { Command } from './shared';
import { setWriteWaitNotifier } from '../core/faults';

/** `pla-desk`: the same core as the app, without a window. One-line errors, non-zero exit on failure. */
export const commands: Record<string, Command> = {
  ...adminCommands,
  ...dbCommands,
  ...datasetsCommands,
  ...datasetsExportCommands,
  ...budgetingCommands,
  ...fundingCommands,
  ...planCommands,
  ...risksCommands,
  ...reportsCommands,
  ...stakeholdersCommands,
  ...trainingCommands,
  ...publishingCommands,
};

export { defaultDataDir } from './help';

export async function main(args: string[]): Promise<number> {
  return dispatch(args, commands, APP_VERSION, {
    // Waiting for another writer (the app, another import) is said on stderr; stdout stays the command's result.
    beforeRun: (name) => setWriteWaitNotifier((m) => process.stderr.write(`pla-desk ${name}: ${m}\n`)),
  });
}
