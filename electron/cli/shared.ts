import os from 'node:os';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Result } from '../contract';
import { createCore, headlessPlatform, type Core } from '../core';

/** Bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export const SYSTEM = { sessionId: null, system: true };

/** Where the desktop app keeps its data (Electron's userData for "PLA Desk"). */
export function defaultDataDir(): string {
  if (process.env.PLA_DESK_DATA_DIR) return process.env.PLA_DESK_DATA_DIR;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PLA Desk');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PLA Desk');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'PLA Desk');
}

/** One `pla-desk` command; each module keeps its commands in electron/cli/<module>.ts. */
export interface Command {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

export const dataDirOpt = { 'data-dir': { type: 'string' as const } };
export const dataDirHelp = `  --data-dir DIR     the data folder (default: ${defaultDataDir()})`;

export async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore({ dataDir, platform: headlessPlatform('cli') });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  const issues = r.error.details?.issues;
  throw new Error(issues?.length ? issues.map((i) => `${i.field}: ${i.message}`).join('; ') : r.error.message);
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin reads the password from standard input; pipe it in (e.g. printf "%s\\n" "$PASS" | pla-desk user add …)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const dataDirOf = (v: Record<string, unknown>) => path.resolve((v['data-dir'] as string | undefined) ?? defaultDataDir());
export const requireOpt = (v: Record<string, unknown>, name: string) => {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw new UsageError(`--${name} is required`);
  return x;
};

