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
import { UsageError, type Command } from './shared';

/** `pla-desk`: the same core as the app, without a window. One-line errors, non-zero exit on failure. */
const commands: Record<string, Command> = { ...adminCommands, ...dbCommands, ...datasetsCommands, ...datasetsExportCommands, ...budgetingCommands, ...fundingCommands, ...planCommands, ...risksCommands, ...reportsCommands, ...stakeholdersCommands, ...trainingCommands, ...publishingCommands };

export { defaultDataDir } from './shared';

function mainHelp() {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `PLA Desk — the OGP Local Action Plan back-office, from the command line.\n\nUsage: pla-desk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun pla-desk <command> --help for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const two = `${argv[0]} ${argv[1]}`;
  const three = `${two} ${argv[2]}`; // three-word commands (budgeting campaign create)
  const name = commands[three] ? three : commands[two] ? two : argv[0];
  const rest = argv.slice(name ? name.split(' ').length : 1);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    const group = Object.keys(commands).filter((k) => k.startsWith(`${name} `));
    if (group.length && (rest.length === 0 || rest[0] === '--help')) {
      console.log(`Commands:\n${group.map((g) => `  pla-desk ${g.padEnd(12)} ${commands[g].summary}`).join('\n')}`);
      return rest[0] === '--help' ? 0 : 2;
    }
    console.error(`pla-desk: unknown command "${argv.join(' ')}". Run pla-desk --help.`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as never;
  } catch (e) {
    console.error(`pla-desk ${name}: ${(e as Error).message.split('\n')[0]}. Usage: ${cmd.usage}`);
    return 2;
  }
  if (values.help) {
    console.log(`Usage: ${cmd.usage}\n\n${cmd.summary}.\n\nOptions:\n${cmd.help}`);
    return 0;
  }
  try {
    return await cmd.run(values);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`pla-desk ${name}: ${e.message}. Usage: ${cmd.usage}`);
      return 2;
    }
    console.error(`pla-desk ${name}: ${(e as Error).message}`);
    return 1;
  }
}
