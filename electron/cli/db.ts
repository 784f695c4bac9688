import fs from 'node:fs';
import path from 'node:path';
import { copyStore, CopyRefused, type TableFigures } from '../../db/copy';
import { acquireLock } from '../core/admin/lock';
import { databaseOf, dataDirFromUrl, requireOpt, UsageError, type Command } from './shared';

const storeDir = (v: Record<string, unknown>, name: 'from' | 'to') => {
  const dir = dataDirFromUrl(requireOpt(v, name), `--${name}`);
  // Copying into or out of PostgreSQL comes with the copy's own engine-neutral reader and writer; until then, say so.
  if (databaseOf(dir)) throw new UsageError(`--${name}: copying a PostgreSQL (team mode) store is not available in this version of PLA Desk; use sqlite:DIR`);
  return dir;
};

/** `pla-desk db …`: moving a whole store (database, audit log, evidence files) from one place to another. */
export const dbCommands: Record<string, Command> = {
  'db copy': {
    usage: 'pla-desk db copy --from sqlite:DIR --to sqlite:DIR [--dry-run] [--force]',
    summary: 'copy a whole store (every table, the audit log, every evidence file) into another, all or nothing',
    options: { from: { type: 'string' }, to: { type: 'string' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' } },
    help: [
      '  --from URL         the store to copy: sqlite:DIR (a data folder)',
      '  --to URL           where to copy it: sqlite:DIR (created if absent)',
      '  --dry-run          print what would be copied (rows and checksum per table), write nothing',
      '  --force            replace a target that already holds data (its database is kept in DIR/backups/)',
      '',
      'Prints, per table, the rows and a SHA-256 checksum read from the source and from the written copy; the copy',
      'replaces the target only when every table matches on both sides. The target must not be open in the app.',
      'PostgreSQL stores (team mode) are not available in this version.',
    ].join('\n'),
    async run(v) {
      const from = storeDir(v, 'from');
      const to = storeDir(v, 'to');
      const dryRun = v['dry-run'] === true;
      if (!dryRun) fs.mkdirSync(to, { recursive: true });
      const release = dryRun ? () => {} : acquireLock(to);
      try {
        const r = await copyStore({ fromDir: from, toDir: to, dryRun, force: v.force === true });
        const width = Math.max(5, ...r.source.map((t) => t.table.length));
        const line = (s: TableFigures, t: TableFigures | undefined) =>
          `  ${s.table.padEnd(width)} ${String(s.rows).padStart(9)}  ${s.checksum.slice(0, 16)}${t ? `  ${String(t.rows).padStart(9)}  ${t.checksum.slice(0, 16)}  ${t.checksum === s.checksum && t.rows === s.rows ? 'ok' : 'DIFFERS'}` : ''}`;
        console.log(`${'  table'.padEnd(width + 2)} ${'rows'.padStart(9)}  ${'source sha256'.padEnd(16)}${r.target ? `  ${'rows'.padStart(9)}  ${'target sha256'.padEnd(16)}` : ''}`);
        r.source.forEach((s, i) => console.log(line(s, r.target?.[i])));
        const rows = r.source.reduce((n, t) => n + t.rows, 0);
        if (dryRun) {
          console.log(`Dry run: ${r.source.length} tables, ${rows} rows and ${r.attachments.files} evidence files (${r.attachments.bytes} bytes) would be copied to ${path.resolve(to)}; nothing was written.`);
        } else {
          console.log(`Copied ${r.source.length} tables, ${rows} rows and ${r.attachments.files} evidence files (${r.attachments.bytes} bytes) to ${path.resolve(to)}; every table matches.`);
          if (r.replacedKeptAt) console.log(`The target's previous database is kept at ${r.replacedKeptAt}.`);
        }
        return 0;
      } catch (e) {
        if (e instanceof CopyRefused) throw new UsageError(e.message);
        throw e;
      } finally {
        release();
      }
    },
  },
};
