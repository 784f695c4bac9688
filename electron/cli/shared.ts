import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { Job, MethodName, Result } from '../contract';
import { cellErrorSummary, type CellError } from '../core/cell-errors';
import type { Core } from '../core';
import { dbPath } from '../core/db-file';
import { defaultDataDir } from './help';
import { cellSentence, errorSentence, say } from './messages';

/** Bad arguments: printed with the command's usage, exit code 2. */
import { requireOpt, UsageError } from './usage';

export { requireOpt, UsageError };

export const SYSTEM = { sessionId: null, system: true };

export { defaultDataDir } from './help';

/** One `pla-desk` command; each module keeps its commands in electron/cli/<module>.ts. */
export interface Command {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  /** What each option's value is, for a missing value: `--campaign needs the campaign id; list them with …`. */
  needs?: Record<string, string>;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

export const dataDirOpt = { 'data-dir': { type: 'string' as const }, database: { type: 'string' as const } };
export const dataDirHelp = [
  `  --data-dir DIR     the data folder (default: ${defaultDataDir()}); with a PostgreSQL --database, where this computer keeps its files (exports, keys)`,
  '  --database URL     the store: sqlite:DIR (the same as --data-dir DIR) or postgres://USER@HOST/DB (team mode); also from PLA_DESK_DATABASE; wins over --data-dir',
].join('\n');

/** The PostgreSQL store (postgres://…, pglite:…) each data folder of this run works with; none: its SQLite file. */
const postgresStores = new Map<string, string>();

/** The `database` option for createCore when the command named a PostgreSQL store for this data folder. */
export const databaseOf = (dataDir: string): string | undefined => postgresStores.get(path.resolve(dataDir));

/**
 * A data folder for a PostgreSQL store given without --data-dir: this user's folder for that server and database
 * (exports, the secrets key, logs), never the desktop's own data folder.
 */
export function workDirFor(url: string): string {
  const loc = new URL(url.replace(/^pglite:/i, 'pglite://local/'));
  const name =
    `${loc.hostname || 'local'}-${(loc.port || '5432').replace(/\D/g, '')}-${decodeURIComponent(loc.pathname.replace(/^\//, '')) || 'postgres'}`.replace(
      /[^\w.-]+/g,
      '_',
    );
  return path.join(path.dirname(path.resolve(defaultDataDir())), 'PLA Desk team', name);
}

/**
 * `--database URL` (or PLA_DESK_DATABASE): `sqlite:DIR` names the embedded store's data folder; `postgres://…`
 * (or `pglite:DIR` for PostgreSQL in this process) a PostgreSQL store, with `dataDir` (from --data-dir, else a
 * per-user work folder) for this computer's files.
 */
export function dataDirFromUrl(url: string, option = '--database', dataDir?: string): string {
  const u = url.trim();
  if (/^sqlite:/i.test(u)) {
    const dir = u.replace(/^sqlite:(\/\/)?/i, '');
    if (!dir) throw new UsageError(`${option} sqlite:DIR needs the data folder after "sqlite:" (e.g. sqlite:/var/lib/pla-desk)`);
    return path.resolve(dir);
  }
  if (/^postgres(ql)?:\/\/[^/]/i.test(u) || /^pglite:./i.test(u)) {
    const dir = path.resolve(dataDir ?? workDirFor(u));
    postgresStores.set(dir, u);
    return dir;
  }
  throw new UsageError(`${option} must be sqlite:DIR (the data folder) or postgres://USER@HOST/DATABASE, e.g. sqlite:./date-pla`);
}

/**
 * Opens the core for one command. Imported when a command runs, not when this file loads: the core's manifests list
 * the modules' commands (electron/core/modules.ts → electron/cli/<module>.ts → here), so a top-level import would cycle.
 */
export async function withCore<T>(dataDir: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const { createCore, headlessPlatform } = await import('../core');
  const core = await createCore({ dataDir, database: databaseOf(dataDir), platform: headlessPlatform('cli') });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new Error(errorSentence(r.error));
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(say('passwordStdinTty'));
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const dataDirOf = (v: Record<string, unknown>) => {
  const dir = typeof v['data-dir'] === 'string' ? v['data-dir'] : undefined;
  if (typeof v.database === 'string') return dataDirFromUrl(v.database, '--database', dir);
  const env = process.env.PLA_DESK_DATABASE;
  // A PostgreSQL store from the environment keeps --data-dir as this computer's folder; a data folder wins over sqlite:DIR.
  if (env && !/^sqlite:/i.test(env.trim()) && dir !== undefined) return dataDirFromUrl(env, 'PLA_DESK_DATABASE', dir);
  if (dir !== undefined) return path.resolve(dir);
  if (env) return dataDirFromUrl(env, 'PLA_DESK_DATABASE');
  return path.resolve(defaultDataDir());
};

/** Commands that read the database refuse a data folder without one, instead of creating an empty database. */
export function needDb(dir: string) {
  if (databaseOf(dir)) return; // a PostgreSQL store: opening it says whether it is there
  if (!fs.existsSync(dbPath(dir))) throw new Error(say('noDatabase', { dir }));
}

/** `<module> export --out FILE.xlsx`: runs the module's export job (as the app does) and writes the workbook to --out. */
export function excelExportCommand(o: { command: string; method: MethodName; summary: string; done: string }): Command {
  return {
    usage: `pla-desk ${o.command} --out FILE.xlsx [--data-dir DIR]`,
    summary: o.summary,
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(say('outXlsx'));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call(o.method, {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(say('exportFailed', { reason: job.error?.message ?? job.status }));
        const { fileId } = job.result as { fileId: string };
        const file = path.join(core.dataDir, 'exports', `${fileId}.xlsx`);
        fs.copyFileSync(file, out);
        fs.rmSync(file, { force: true });
        console.log(`${o.done} ${out}`);
      });
      return 0;
    },
  };
}

/**
 * `<module> import --file FILE.xlsx [--dry-run]`: hands the workbook to the module's import (all or nothing).
 * A refused file prints every bad cell on its own line (`Sheet!Column row N: what is wrong`) and exits 1.
 */
export function excelImportCommand<R>(o: {
  command: string;
  method: MethodName;
  summary: string;
  fileHelp: string;
  report(value: R, dryRun: boolean): string[];
}): Command {
  return {
    usage: `pla-desk ${o.command} --file FILE.xlsx|FILE.ods [--dry-run] [--data-dir DIR]`,
    summary: o.summary,
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE        .xlsx or .ods (LibreOffice): ${o.fileHelp}\n  --dry-run          check the file and report what would change, writing nothing`,
    async run(v) {
      const file = path.resolve(requireOpt(v, 'file'));
      if (!/\.(xlsx|ods)$/i.test(file)) throw new UsageError(say('fileXlsx'));
      if (!fs.existsSync(file)) throw new UsageError(say('fileNotFound', { file }));
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call(
          o.method,
          { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun },
          SYSTEM,
        )) as Result<R>;
        if (!r.ok) {
          const cells = r.error.details?.cells as CellError[] | undefined;
          if (!cells?.length) unwrap(r);
          for (const c of cells!) console.error(cellSentence(c));
          console.error(`pla-desk ${o.command}: ${say('badCells', { count: cells!.length })}`);
          console.error(say('reasons'));
          for (const line of cellErrorSummary(cells!)) console.error(`  ${line}`);
          return 1;
        }
        for (const line of o.report(r.value, dryRun)) console.log(line);
        return 0;
      });
    },
  };
}
