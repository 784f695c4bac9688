import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where a folder target may point (issue 12, finding 10: a coordinator set the publish folder to /etc/cron.d).
 * Never a system folder, a hidden folder (~/.ssh, ~/.config/autostart…) or the data folder; and, for anyone
 * but the CLI (whose --target is typed by whoever runs it on this machine), only inside the allowed roots:
 * `PLA_DESK_PUBLISH_ROOTS` (folders separated by the OS path delimiter, e.g. a mounted share) or, when unset,
 * the user's home folder and the temporary folder. Symbolic links are resolved first.
 */
const POSIX_SYSTEM = [
  '/etc',
  '/bin',
  '/sbin',
  '/usr',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/boot',
  '/dev',
  '/proc',
  '/sys',
  '/root',
  '/run',
  '/var/spool',
  '/var/lib',
  '/var/log',
  '/var/run',
  '/snap',
];

function windowsSystem(env: NodeJS.ProcessEnv): string[] {
  return [
    env.SystemRoot ?? 'C:\\Windows',
    env.ProgramFiles ?? 'C:\\Program Files',
    env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)',
    env.ProgramData ?? 'C:\\ProgramData',
  ];
}

export function publishRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = (env.PLA_DESK_PUBLISH_ROOTS ?? '').split(path.delimiter).filter(Boolean);
  return configured.length ? configured.map((r) => path.resolve(r)) : [os.homedir(), os.tmpdir()];
}

const within = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** The path with symbolic links resolved as far as it exists (a target folder may not exist yet). */
function realish(p: string): string {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...tail);
    } catch {
      const up = path.dirname(head);
      if (up === head) return path.join(head, ...tail);
      tail.unshift(path.basename(head));
      head = up;
    }
  }
}

const realRoot = (r: string) => {
  try {
    return fs.realpathSync(r);
  } catch {
    return path.resolve(r);
  }
};

/** Why a folder cannot be a publishing target (a sentence), or null when it may. */
export function folderTargetProblem(folder: string, opts: { dataDir: string; trusted: boolean; roots?: string[]; env?: NodeJS.ProcessEnv }): string | null {
  const env = opts.env ?? process.env;
  const p = realish(folder);
  const system = process.platform === 'win32' ? windowsSystem(env) : POSIX_SYSTEM;
  if (p === path.parse(p).root || system.some((s) => within(realRoot(s), p) || within(s, p)))
    return `${folder} is a system folder; choose a folder for the site (e.g. a network share)`;
  const segments = p.split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return `${folder} is a hidden folder; choose a visible folder for the site`;
  if (within(realRoot(opts.dataDir), p) || within(p, realRoot(opts.dataDir))) return `${folder} holds or is inside the data folder`;
  if (opts.trusted) return null;
  const roots = (opts.roots ?? publishRoots(env)).map(realRoot);
  if (!roots.some((r) => within(r, p)))
    return `${folder} is outside the folders allowed for publishing (${roots.join(', ')}; PLA_DESK_PUBLISH_ROOTS sets them)`;
  return null;
}
