import fs from 'node:fs';
import path from 'node:path';
import { CopyMismatch, CopyRefused, type TableFigures } from '../../db/copy';
import { parseStoreLocation } from '../../db/connection';
import { copyStore, describe, StoreUnreachable, type StoreLocation } from '../../db/transfer';
import { acquireLock } from '../core/admin/lock';
import { requireOpt, UsageError, type Command } from './shared';

/** `--from`/`--to`: `sqlite:DIR` (a data folder) or `postgres://…` (a PostgreSQL database). */
export function storeLocationOf(value: string, option: string): StoreLocation {
  const u = value.trim();
  if (/^postgres(ql)?:\/\//i.test(u) || /^pglite:/i.test(u)) return parseStoreLocation(u);
  if (/^sqlite:/i.test(u)) {
    const dir = u.replace(/^sqlite:(\/\/)?/i, '');
    if (!dir) throw new UsageError(`${option} sqlite:DIR needs the data folder after "sqlite:" (e.g. sqlite:/var/lib/pla-desk)`);
    return { engine: 'sqlite', dir: path.resolve(dir) };
  }
  throw new UsageError(`${option} must be sqlite:DIR (a data folder) or postgres://USER@HOST/DATABASE`);
}

/** Prints the per-table figures of both sides, side by side. */
export function printFigures(source: TableFigures[], target: TableFigures[] | null) {
  const width = Math.max(5, ...source.map((t) => t.table.length));
  const line = (s: TableFigures, t: TableFigures | undefined) =>
    `  ${s.table.padEnd(width)} ${String(s.rows).padStart(9)}  ${s.checksum.slice(0, 16)}${t ? `  ${String(t.rows).padStart(9)}  ${t.checksum.slice(0, 16)}  ${t.checksum === s.checksum && t.rows === s.rows ? 'ok' : 'DIFFERS'}` : ''}`;
  console.log(
    `${'  table'.padEnd(width + 2)} ${'rows'.padStart(9)}  ${'source sha256'.padEnd(16)}${target ? `  ${'rows'.padStart(9)}  ${'target sha256'.padEnd(16)}` : ''}`,
  );
  source.forEach((s, i) => console.log(line(s, target?.[i])));
}

/** `pla-desk db …`: moving a whole store (database, audit log, evidence files) from one place to another. */
export const dbCommands: Record<string, Command> = {
  'db copy': {
    usage: 'pla-desk db copy --from sqlite:DIR|postgres://… --to sqlite:DIR|postgres://… [--dry-run] [--force]',
    summary: 'copy a whole store (every table, the audit log, every evidence file) into another, all or nothing',
    options: { from: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' } },
    help: [
      '  --from URL         the store to copy: sqlite:DIR (a data folder) or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
      '  --to URL           where to copy it: sqlite:DIR (created if absent) or postgres://… (an existing database; migrated first)',
      '  --dry-run          print what would be copied (rows and checksum per table), write nothing',
      '  --force            replace a target that already holds data (a data folder keeps its database in DIR/backups/)',
      '',
      'Prints, per table, the rows and a SHA-256 checksum read from the source and from the written copy (the same',
      'canonical form on SQLite and PostgreSQL). Everything is written in one transaction and kept only when every',
      'table and every evidence file matches; otherwise the target is left as it was. The target must not be in use.',
    ].join('\n'),
    async run(v) {
      const from = storeLocationOf(requireOpt(v, 'from'), '--from');
      const to = storeLocationOf(requireOpt(v, 'to'), '--to');
      const dryRun = v['dry-run'] === true;
      const toDir = to.engine === 'sqlite' ? to.dir : null;
      const existed = toDir !== null && fs.existsSync(toDir);
      if (!dryRun && toDir) fs.mkdirSync(toDir, { recursive: true });
      const release = dryRun || !toDir ? () => {} : acquireLock(toDir);
      const started = Date.now();
      try {
        const r = await copyStore({ from, to, dryRun, force: v.force === true });
        printFigures(r.source, r.target);
        const rows = r.source.reduce((n, t) => n + t.rows, 0);
        const a = r.attachments.source;
        console.log(
          `  ${'(evidence files)'.padEnd(Math.max(5, ...r.source.map((t) => t.table.length)))} ${String(a.files).padStart(9)}  ${a.checksum.slice(0, 16)}${r.attachments.target ? `  ${String(r.attachments.target.files).padStart(9)}  ${r.attachments.target.checksum.slice(0, 16)}  ok` : ''}`,
        );
        const d = r.dataFiles.source;
        console.log(
          `  ${'(data files)'.padEnd(Math.max(5, ...r.source.map((t) => t.table.length)))} ${String(d.files).padStart(9)}  ${d.checksum.slice(0, 16)}${r.dataFiles.target ? `  ${String(r.dataFiles.target.files).padStart(9)}  ${r.dataFiles.target.checksum.slice(0, 16)}  ok` : ''}`,
        );
        const where = describe(to);
        if (dryRun) {
          console.log(
            `Dry run: ${r.source.length} tables, ${rows} rows and ${a.files} evidence files (${a.bytes} bytes) would be copied to ${where}; nothing was written.`,
          );
        } else {
          const s = (Date.now() - started) / 1000;
          console.log(
            `Copied ${r.source.length} tables, ${rows} rows and ${a.files} evidence files (${a.bytes} bytes) to ${where} in ${s.toFixed(1)} s; every table matches.`,
          );
          if (r.replacedKeptAt) console.log(`The target's previous database is kept at ${r.replacedKeptAt}.`);
        }
        return 0;
      } catch (e) {
        if (toDir && !existed && fs.existsSync(toDir) && fs.readdirSync(toDir).every((f) => f === 'pla-desk.lock')) {
          release();
          fs.rmSync(toDir, { recursive: true, force: true });
        }
        if (e instanceof CopyRefused) throw new UsageError(e.message);
        if (e instanceof StoreUnreachable) throw new Error(`${e.message}; nothing was written`);
        if (e instanceof CopyMismatch) throw new Error(e.message);
        throw new Error(`the copy failed and was rolled back, nothing was written: ${(e as Error).message}`);
      } finally {
        release();
      }
    },
  },
};
