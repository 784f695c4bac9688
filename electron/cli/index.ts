import { parseArgs } from 'node:util';
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
import { answerWithoutRunning, commandHelp, resolveCommand, takeLang } from './help';
import { APP_VERSION } from '../core/admin/version';
import { UsageError, type Command } from './shared';
import { say, setCliLang } from './messages';
import { faultToAppError, setWriteWaitNotifier } from '../core/faults';

/** `pla-desk`: the same core as the app, without a window. One-line errors, non-zero exit on failure. */
export const commands: Record<string, Command> = { ...adminCommands, ...dbCommands, ...datasetsCommands, ...datasetsExportCommands, ...budgetingCommands, ...fundingCommands, ...planCommands, ...risksCommands, ...reportsCommands, ...stakeholdersCommands, ...trainingCommands, ...publishingCommands };

export { defaultDataDir } from './help';

export async function main(args: string[]): Promise<number> {
  // `--lang ro|en` anywhere on the line sets the language of the messages for this run (messages.ts)
  const { argv, lang, bad } = takeLang(args);
  setCliLang(lang);
  if (bad) {
    console.error(`pla-desk: ${say('badLang')}`);
    return 2;
  }
  const answer = answerWithoutRunning(argv, commands, APP_VERSION);
  if (answer) {
    (answer.stream === 'out' ? console.log : console.error)(answer.out);
    return answer.code;
  }
  const { name, rest } = resolveCommand(argv, commands);
  const cmd = commands[name!];
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as never;
  } catch (e) {
    // A missing option value names the option and what it needs (`--campaign needs the campaign id; …`).
    const opt = /'--([a-z][\w-]*)/i.exec((e as Error).message)?.[1];
    const needs = opt ? cmd.needs?.[opt] : undefined;
    if (needs && /argument missing|ambiguous/.test((e as Error).message)) console.error(`pla-desk ${name}: --${opt} needs ${needs}. ${say('usage', { usage: cmd.usage })}`);
    else console.error(`pla-desk ${name}: ${say('badOption', { detail: (e as Error).message.split('\n')[0], command: name })} ${say('usage', { usage: cmd.usage })}`);
    return 2;
  }
  if (values.help) {
    console.log(commandHelp(cmd));
    return 0;
  }
  // Waiting for another writer (the app, another import) is said on stderr; stdout stays the command's result.
  setWriteWaitNotifier((m) => process.stderr.write(`pla-desk ${name}: ${m}\n`));
  try {
    return await cmd.run(values);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`pla-desk ${name}: ${e.message} ${say('usage', { usage: cmd.usage })}`);
      return 2;
    }
    // A full disk (SQLITE_FULL, ENOSPC) is said as such, in Romanian, not as the raw error.
    console.error(`pla-desk ${name}: ${(faultToAppError(e) ?? (e as Error)).message}`);
    return 1;
  }
}
