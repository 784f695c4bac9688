import os from 'node:os';
import path from 'node:path';

/**
 * What `pla-desk` says about its commands, without loading them: the main list, one command's help and a group's
 * list. index.ts prints with these, and so does bin/pla-desk.js from the table the build wrote
 * (.cache/cli/commands.json), so `pla-desk --help` and `pla-desk <command> --help` never load the core.
 * Keep this module free of anything but Node built-ins.
 */
export interface CommandInfo {
  usage: string;
  summary: string;
  help: string;
}

/** Where the desktop app keeps its data (Electron's userData for "PLA Desk"). */
export function defaultDataDir(): string {
  if (process.env.PLA_DESK_DATA_DIR) return process.env.PLA_DESK_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PLA Desk');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PLA Desk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'PLA Desk');
}

export function mainHelp(commands: Record<string, Pick<CommandInfo, 'summary'>>): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return `PLA Desk — the OGP Local Action Plan back-office, from the command line.\n\nUsage: pla-desk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun pla-desk <command> --help for a command's options.`;
}

export const commandHelp = (c: CommandInfo) => `Usage: ${c.usage}\n\n${c.summary}.\n\nOptions:\n${c.help}`;

export const groupHelp = (commands: Record<string, Pick<CommandInfo, 'summary'>>, group: string[]) =>
  `Commands:\n${group.map((g) => `  pla-desk ${g.padEnd(12)} ${commands[g].summary}`).join('\n')}`;

export type CliLang = 'ro' | 'en';

/** The language of the messages from the environment: PLA_DESK_LANG, then the locale; Romanian by default. */
export function envLang(env: NodeJS.ProcessEnv = process.env): CliLang {
  const pick = env.PLA_DESK_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(pick) ? 'en' : 'ro';
}

/** `--lang ro|en` (or `--lang=en`) taken out of the arguments; `bad` when its value is neither. */
export function takeLang(argv: string[]): { argv: string[]; lang: CliLang | null; bad: boolean } {
  const out: string[] = [];
  let lang: CliLang | null = null;
  let bad = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '--lang' ? argv[++i] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === undefined) out.push(a);
    else if (v === 'ro' || v === 'en') lang = v;
    else bad = true;
  }
  return { argv: out, lang, bad };
}

const UNKNOWN: Record<CliLang, (command: string) => string> = {
  ro: (c) => `pla-desk: comanda „${c}” nu există. Rulați pla-desk --help pentru lista comenzilor.`,
  en: (c) => `pla-desk: unknown command "${c}". Run pla-desk --help for the list of commands.`,
};

/** The command named by the first one, two or three words (`budgeting campaign create`), and the arguments after it. */
export function resolveCommand(argv: string[], names: Record<string, unknown>): { name: string | undefined; rest: string[] } {
  const two = `${argv[0]} ${argv[1]}`;
  const three = `${two} ${argv[2]}`;
  const name = names[three] ? three : names[two] ? two : argv[0];
  return { name, rest: argv.slice(name ? name.split(' ').length : 1) };
}

/**
 * The answers that need no command to run — the main help, `--version`, a command's `--help`, a group's list —
 * as { out, code }; null when the command must run. The same answers main() gives.
 */
export function answerWithoutRunning(
  args: string[],
  commands: Record<string, CommandInfo>,
  version: string,
): { out: string; code: number; stream: 'out' | 'err' } | null {
  const { argv, lang, bad } = takeLang(args);
  if (bad) return null; // the command itself says what --lang takes
  const { name, rest } = resolveCommand(argv, commands);
  if (!name || name === '--help' || name === '-h' || name === 'help') return { out: mainHelp(commands), code: name ? 0 : 2, stream: 'out' };
  if (name === '--version' || name === '-v') return { out: `pla-desk ${version}`, code: 0, stream: 'out' };
  const cmd = commands[name];
  if (!cmd) {
    const group = Object.keys(commands).filter((k) => k.startsWith(`${name} `));
    if (group.length && (rest.length === 0 || rest[0] === '--help'))
      return { out: groupHelp(commands, group), code: rest[0] === '--help' ? 0 : 2, stream: 'out' };
    return { out: UNKNOWN[lang ?? envLang()](argv.join(' ')), code: 2, stream: 'err' };
  }
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) return { out: commandHelp(cmd), code: 0, stream: 'out' };
  return null;
}
