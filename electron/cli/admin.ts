import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { backupTo, checkDatabaseFile } from '../../db/backup';
import { parseStoreLocation, type StoreLocation } from '../../db/connection';
import { CopyRefused } from '../../db/copy';
import { backupStore, describe, restoreIntoPostgres, StoreUnreachable, unpackAttachments } from '../../db/transfer';
import { appliedMigrations } from '../../db/migrate';
import { MIGRATION_NAMES } from '../../db/migrations';
import { ROLES } from '../contract';
import { dbPath } from '../core/db-file';
import { isLoopback } from '../server/loopback';
import { acquireRestoreLock } from '../core/admin/lock';
import { rethrowFault } from '../core/faults';
import { databaseOf, dataDirHelp, dataDirOf, dataDirOpt, readStdin, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';
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
    options: {
      ...dataDirOpt,
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
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
    usage: 'pla-desk backup --out FILE [--data-dir DIR | --database sqlite:DIR|postgres://…]',
    summary: 'one portable backup file (every table and every evidence file), even while the app is running',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: [
      dataDirHelp.replace('sqlite:DIR (also', 'sqlite:DIR or postgres://… (also'),
      '  --out FILE         the backup file to write: a SQLite database holding every table and, in it, every evidence',
      '                     file; it restores into either store (pla-desk restore --data-dir DIR or --database postgres://…)',
    ].join('\n'),
    async run(v) {
      const from = storeOf(v);
      const out = path.resolve(requireOpt(v, 'out'));
      if (from.engine === 'sqlite') {
        const dir = from.dir;
        if (!fs.existsSync(dbPath(dir))) throw new Error(say('noDatabase', { dir }));
        if (path.resolve(out) === path.resolve(dbPath(dir))) throw new UsageError(say('outIsLiveDb'));
      }
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(say('folderMissing', { dir: path.dirname(out) }));
      let r;
      try {
        r = await backupStore(from, out);
      } catch (e) {
        if (e instanceof StoreUnreachable || e instanceof CopyRefused) throw new Error(`${e.message}; no backup was written`);
        if (/integrity check/.test((e as Error).message)) throw new Error(say('backupIntegrity', { problems: (e as Error).message }));
        throw e;
      }
      console.log(`Backup written to ${out} (${r.bytes} bytes, integrity ok; ${r.attachments.files} evidence files, ${r.attachments.bytes} bytes, inside).`);
      return 0;
    },
  },
  restore: {
    usage: 'pla-desk restore --from FILE [--data-dir DIR | --database sqlite:DIR|postgres://…]',
    summary: 'replace the database with a backup, after checking the backup',
    options: { ...dataDirOpt, from: { type: 'string' } },
    help: `${dataDirHelp.replace('sqlite:DIR (also', 'sqlite:DIR or postgres://… (also')}\n  --from FILE        a backup made by pla-desk backup (from either store)\nThe backup is checked (PRAGMA integrity_check, a PLA Desk database, not newer than this app) before anything is replaced;\nthe current database is first copied to DIR/backups/ (PostgreSQL: backed up beside FILE). Into PostgreSQL, the store is\nmigrated, then emptied and filled in one transaction, every table checked against the backup.`,
    async run(v) {
      const target = storeOf(v);
      const from = path.resolve(requireOpt(v, 'from'));
      if (!fs.existsSync(from)) throw new UsageError(say('fileNotFound', { file: from }));
      if (target.engine !== 'sqlite') {
        const check = checkDatabaseFile(from);
        if (!check.ok) throw new Error(say('backupUnusable', { problems: check.problems.join('; ') }));
        const unknown = check.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
        if (unknown.length) throw new Error(say('backupNewer', { versions: unknown.join(', ') }));
        try {
          const r = await restoreIntoPostgres(from, target, path.dirname(from));
          if (r.keptAt) console.log(`Current database kept as ${r.keptAt}`);
          console.log(
            `Restored ${from} into ${describe(target)}: ${r.tables.length} tables, ${r.tables.reduce((n, t) => n + t.rows, 0)} rows, ${r.attachments.files} evidence files; every table matches.`,
          );
        } catch (e) {
          if (e instanceof StoreUnreachable) throw new Error(`${e.message}; nothing was changed`);
          throw new Error(`the restore failed and was rolled back, nothing was changed: ${(e as Error).message}`);
        }
        return 0;
      }
      const dir = target.dir;
      fs.mkdirSync(dir, { recursive: true });
      // The same claims every writer takes: refused while the app, an import or any other command has the folder open.
      const release = acquireRestoreLock(dir);
      try {
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
        try {
          fs.copyFileSync(from, tmp);
          // The evidence files the backup carries go to DIR/attachments/ (content-addressed: a file already there is the same file).
          await unpackAttachments(tmp, dir);
        } catch (e) {
          for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true }); // a full disk leaves no half copy behind; the live database is untouched
          rethrowFault(e);
        }
        for (const ext of ['-wal', '-shm']) fs.rmSync(live + ext, { force: true });
        fs.renameSync(tmp, live);
        // Bring it to this app's schema now, so the next start has nothing to do.
        await withCore(dir, async () => {});
        console.log(`Restored ${from} into ${live}.`);
      } finally {
        release();
      }
      return 0;
    },
  },
  serve: {
    usage: 'pla-desk serve [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--data-dir DIR | --database URL]',
    summary: 'browser mode: serve the app (127.0.0.1 unless told otherwise; npm run web builds first)',
    options: {
      ...dataDirOpt,
      port: { type: 'string' },
      listen: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'static-dir': { type: 'string' },
    },
    help: [
      dataDirHelp,
      '  --listen HOST:PORT the address to listen on (default 127.0.0.1:5183; [::1]:PORT for IPv6; port 0 picks a free one)',
      '  --port N           the port on 127.0.0.1 (the same as --listen 127.0.0.1:N)',
      '  --tls-cert FILE    PEM certificate: serve HTTPS (required with --tls-key for any address but loopback)',
      '  --tls-key FILE     PEM private key of that certificate',
      '',
      'Every API call needs the per-run token printed on start; each person signs in with their own account (an',
      'HttpOnly, SameSite=Strict session cookie, Secure under TLS; 30 minutes idle, 12 hours at most).',
    ].join('\n'),
    async run(v) {
      const { host, port } = listenOf(v);
      const cert = v['tls-cert'] as string | undefined;
      const key = v['tls-key'] as string | undefined;
      if (!!cert !== !!key) throw new UsageError('--tls-cert and --tls-key go together');
      if (!isLoopback(host) && !cert)
        throw new UsageError(`listening on ${host} needs --tls-cert FILE and --tls-key FILE (only loopback may serve without TLS)`);
      let tls: { cert: Buffer; key: Buffer } | undefined;
      if (cert && key) {
        try {
          tls = { cert: fs.readFileSync(path.resolve(cert)), key: fs.readFileSync(path.resolve(key)) };
        } catch (e) {
          throw new UsageError(`cannot read the TLS files: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      const dataDir = dataDirOf(v);
      const staticDir = path.resolve((v['static-dir'] as string | undefined) ?? path.join(import.meta.dirname, '..', '..', 'out', 'web'));
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(say('rendererNotBuilt', { dir: staticDir }));
      const { startServer } = await import('../server');
      let server;
      try {
        server = await startServer({ dataDir, port, host, tls, staticDir, coreOptions: { database: databaseOf(dataDir) } });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new Error(`${host}:${port} is already in use`);
        if (code === 'EADDRNOTAVAIL') throw new Error(`${host} is not an address of this computer`);
        if (/key values mismatch|no start line|bad decrypt|PEM/i.test((e as Error).message))
          throw new UsageError(`the TLS certificate or key is not usable: ${(e as Error).message.split('\n')[0]}`);
        throw e;
      }
      // The fingerprint IT gives to the desktop clients (they pin it at the first connection), before the address.
      if (server.fingerprint) console.log(say('serverFingerprint', { fingerprint: server.fingerprint }));
      console.log(`PLA Desk: ${server.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Graceful stop: no new requests; running jobs get SHUTDOWN_GRACE_MS to finish, then are recorded as failed.
      // A second SIGINT/SIGTERM stops at once (the database stays sound: every write is one transaction).
      const { SHUTDOWN_GRACE_MS } = await import('../server');
      const running = server.core.runningJobs();
      console.error(running ? say('serverStoppingJobs', { seconds: SHUTDOWN_GRACE_MS / 1000, count: running }) : say('serverStopping'));
      const now = () => process.exit(1);
      process.once('SIGINT', now);
      process.once('SIGTERM', now);
      await server.close(SHUTDOWN_GRACE_MS);
      console.error(say('serverStopped'));
      return 0;
    },
  },
};

/** The store of a backup or restore: --database postgres://… (or pglite:DIR) names a PostgreSQL one, else a data folder. */
function storeOf(v: Record<string, string | boolean | undefined>): StoreLocation {
  const url = typeof v.database === 'string' ? v.database : typeof v['data-dir'] === 'string' ? null : (process.env.PLA_DESK_DATABASE ?? null);
  if (url && /^(postgres(ql)?:\/\/|pglite:)/i.test(url.trim())) return parseStoreLocation(url.trim());
  return { engine: 'sqlite', dir: dataDirOf(v) };
}

/** `--listen HOST:PORT` (or the older `--port N` on 127.0.0.1). */
export function listenOf(v: Record<string, string | boolean | undefined>): { host: string; port: number } {
  const listen = v.listen as string | undefined;
  if (listen !== undefined && v.port !== undefined) throw new UsageError('give --listen HOST:PORT or --port N, not both');
  let host = '127.0.0.1';
  let portText = (v.port as string | undefined) ?? '5183';
  if (listen !== undefined) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d+)$/.exec(listen);
    if (!m) throw new UsageError('--listen must be HOST:PORT, e.g. 0.0.0.0:8443 or [::1]:5183');
    host = m[1] ?? m[2];
    portText = m[3];
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError('the port must be a number from 0 to 65535');
  return { host, port };
}
