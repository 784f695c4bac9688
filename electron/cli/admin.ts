import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { backupTo, checkDatabaseFile } from '../../db/backup';
import { appliedMigrations } from '../../db/migrate';
import { MIGRATION_NAMES } from '../../db/migrations';
import { ROLES } from '../contract';
import { dbPath } from '../core';
import { lockHolder } from '../core/admin/lock';
import { dataDirHelp, dataDirOf, dataDirOpt, readStdin, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
import { say } from './messages';

/** Setting up and keeping the data folder: init, accounts, backup, restore, browser mode. */
export const adminCommands: Record<string, Command> = {
  init: {
    usage: 'pla-desk init [--data-dir DIR]',
    summary: 'create or migrate the database and load the PLA on first run',
    options: dataDirOpt,
    help: `${dataDirHelp}\nRunning it again changes nothing.`,
    async run(v) {
      const dir = dataDirOf(v);
      await withCore(dir, async (core) => {
        const info = unwrap(await core.call('plan.getInfo', {}, SYSTEM)) as { title: string };
        const list = unwrap(await core.call('plan.listCommitments', {}, SYSTEM)) as unknown[];
        console.log(`PLA Desk: ${dbPath(dir)} ready — ${info.title}, ${list.length} angajamente.`);
      });
      return 0;
    },
  },
  'user add': {
    usage: 'pla-desk user add --username U --role R --password-stdin [--display-name NAME] [--data-dir DIR]',
    summary: 'add a local account (coordinator, member, evaluator, viewer)',
    options: { ...dataDirOpt, username: { type: 'string' }, role: { type: 'string' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --username U       3–64 letters, digits, . _ -\n  --role R           one of ${ROLES.join(', ')}\n  --password-stdin   read the password (at least 10 characters) from standard input\n  --display-name N   the name shown in the app (default: the username)`,
    async run(v) {
      const username = requireOpt(v, 'username');
      const role = requireOpt(v, 'role');
      if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(say('roleOneOf', { roles: ROLES.join(', ') }));
      if (!v['password-stdin']) throw new UsageError(say('passwordStdinRequired'));
      const password = (await readStdin()).replace(/\r?\n$/, '');
      await withCore(dataDirOf(v), async (core) => {
        const user = unwrap(
          await core.call('admin.saveUser', { username, role, displayName: (v['display-name'] as string) ?? username, password, active: true }, SYSTEM),
        ) as { username: string; role: string };
        console.log(`User ${user.username} (${user.role}) added.`);
      });
      return 0;
    },
  },
  backup: {
    usage: 'pla-desk backup --out FILE [--data-dir DIR]',
    summary: 'copy the database consistently, even while the app is running',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE         the backup file to write (evidence files live in DIR/attachments; copy that folder too)`,
    async run(v) {
      const dir = dataDirOf(v);
      const out = path.resolve(requireOpt(v, 'out'));
      if (!fs.existsSync(dbPath(dir))) throw new Error(say('noDatabase', { dir }));
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      if (path.resolve(out) === path.resolve(dbPath(dir))) throw new UsageError(say('outIsLiveDb'));
      const conn = openDatabase(dbPath(dir), { fileMustExist: true });
      try {
        await backupTo(conn.sqlite, out);
      } finally {
        await conn.close();
      }
      const check = checkDatabaseFile(out);
      if (!check.ok) throw new Error(say('backupIntegrity', { problems: check.problems.join('; ') }));
      console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes, integrity ok).`);
      return 0;
    },
  },
  restore: {
    usage: 'pla-desk restore --from FILE [--data-dir DIR]',
    summary: 'replace the database with a backup, after checking the backup',
    options: { ...dataDirOpt, from: { type: 'string' } },
    help: `${dataDirHelp}\n  --from FILE        a backup made by pla-desk backup\nThe backup is checked (PRAGMA integrity_check, a PLA Desk database, not newer than this app) before anything is replaced;\nthe current database is first copied to DIR/backups/.`,
    async run(v) {
      const dir = dataDirOf(v);
      const from = path.resolve(requireOpt(v, 'from'));
      if (!fs.existsSync(from)) throw new UsageError(say('fileNotFound', { file: from }));
      const holder = lockHolder(dir);
      if (holder) throw new Error(say('appRunning', { pid: holder }));
      const check = checkDatabaseFile(from);
      if (!check.ok) throw new Error(say('backupUnusable', { problems: check.problems.join('; ') }));
      const unknown = check.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
      if (unknown.length) throw new Error(say('backupNewer', { versions: unknown.join(', ') }));
      fs.mkdirSync(dir, { recursive: true });
      const live = dbPath(dir);
      if (fs.existsSync(live)) {
        const conn = openDatabase(live, { fileMustExist: true });
        try {
          await appliedMigrations(conn);
          const keep = path.join(dir, 'backups', `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
          await backupTo(conn.sqlite, keep);
          console.log(`Current database kept as ${keep}`);
        } finally {
          await conn.close();
        }
      }
      const tmp = `${live}.restoring`;
      fs.copyFileSync(from, tmp);
      for (const ext of ['-wal', '-shm']) fs.rmSync(live + ext, { force: true });
      fs.renameSync(tmp, live);
      // Bring it to this app's schema now, so the next start has nothing to do.
      await withCore(dir, async () => {});
      console.log(`Restored ${from} into ${live}.`);
      return 0;
    },
  },
  serve: {
    usage: 'pla-desk serve [--port N] [--data-dir DIR]',
    summary: 'browser mode: serve the app on 127.0.0.1 (npm run web builds first)',
    options: { ...dataDirOpt, port: { type: 'string' }, 'static-dir': { type: 'string' } },
    help: `${dataDirHelp}\n  --port N           port on 127.0.0.1 (default 5183; 0 picks a free one)`,
    async run(v) {
      const port = Number(v.port ?? 5183);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(say('portRange'));
      const staticDir = path.resolve((v['static-dir'] as string | undefined) ?? path.join(import.meta.dirname, '..', '..', 'out', 'web'));
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(say('rendererNotBuilt', { dir: staticDir }));
      const { startServer } = await import('../server');
      const server = await startServer({ dataDir: dataDirOf(v), port, staticDir });
      console.log(`PLA Desk: ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      return 0;
    },
  },
};
