import { parseArgs } from 'node:util';
import { answerWithoutRunning, commandHelp, resolveCommand, takeLang } from './help';
import { say, setCliLang } from './messages';
import { UsageError } from './usage';
import type { Command } from './shared';

/**
 * Runs one `pla-desk` command from a table of commands: --lang, the help answers, the options, the one-line errors.
 * It loads nothing of the core itself, so a command that needs no database (datasets validate, datasets infer)
 * starts with only its own modules (run.ts).
 */
export async function dispatch(
  args: string[],
  commands: Record<string, Command>,
  version: string,
  hooks: { beforeRun?: (name: string) => void } = {},
): Promise<number> {
  // `--lang ro|en` anywhere on the line sets the language of the messages for this run (messages.ts)
  const { argv, lang, bad } = takeLang(args);
  setCliLang(lang);
  if (bad) {
    console.error(`pla-desk: ${say('badLang')}`);
    return 2;
  }
  const answer = answerWithoutRunning(argv, commands, version);
  if (answer) {
    (answer.stream === 'out' ? console.log : console.error)(answer.out);
    return answer.code;
  }
  const { name, rest } = resolveCommand(argv, commands);
  const cmd = commands[name!];
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false })
      .values as never;
  } catch (e) {
    // A missing option value names the option and what it needs (`--campaign needs the campaign id; …`).
    const opt = /'--([a-z][\w-]*)/i.exec((e as Error).message)?.[1];
    const needs = opt ? cmd.needs?.[opt] : undefined;
    if (needs && /argument missing|ambiguous/.test((e as Error).message))
      console.error(`pla-desk ${name}: --${opt} needs ${needs}. ${say('usage', { usage: cmd.usage })}`);
    else
      console.error(
        `pla-desk ${name}: ${say('badOption', { detail: (e as Error).message.split('\n')[0], command: name })} ${say('usage', { usage: cmd.usage })}`,
      );
    return 2;
  }
  if (values.help) {
    console.log(commandHelp(cmd));
    return 0;
  }
  hooks.beforeRun?.(name!);
  try {
    return await cmd.run(values);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`pla-desk ${name}: ${e.message} ${say('usage', { usage: cmd.usage })}`);
      return 2;
    }
    // A full disk (SQLITE_FULL, ENOSPC) is said as such, in Romanian, not as the raw error.
    // (faults.ts reaches the database driver: loaded only when a command has failed)
    const { faultToAppError } = await import('../core/faults');
    console.error(`pla-desk ${name}: ${(faultToAppError(e) ?? (e as Error)).message}`);
    return 1;
  }
}
