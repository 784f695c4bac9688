import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';
import { keyFileBox } from '../../electron/core/secrets';
import { ok, signIn, SYSTEM } from '../db/helpers';
import { serve, tempDir } from './helpers';

/** Issue 12, finding 8: the SFTP password never sits usable in the database, nor in any backup of it. */

const PASSWORD = 'Sftp-Parola-Secreta-2026';
const sftpTarget = {
  name: 'Server primărie',
  kind: 'sftp',
  path: '/var/www/pla',
  host: '127.0.0.1',
  port: 1,
  username: 'pla',
  auth: 'password',
  password: PASSWORD,
};

/** Every byte of the database files and of a CLI backup, as text. */
function everything(dataDir: string, keyFile: string) {
  const out = path.join(tempDir(), 'copie.db');
  const r = spawnSync(process.execPath, [path.resolve('bin/pla-desk.js'), 'backup', '--data-dir', dataDir, '--out', out], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PLA_DESK_SECRETS_KEY: keyFile },
  });
  expect(r.status, r.stderr).toBe(0);
  const files = [out, dbPath(dataDir), `${dbPath(dataDir)}-wal`].filter((f) => fs.existsSync(f));
  return files.map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
}

describe('secrets', () => {
  it('a password saved over HTTP is stored sealed: not in the database, not in a backup made with the CLI', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const keyFile = path.join(tempDir(), 'secrets.key');
    const saved = await coord.ok('publishing.saveTarget', sftpTarget);
    expect(saved.hasPassword).toBe(true);
    const stored = BetterSqlite3(dbPath(s.dataDir), { readonly: true }).prepare('select secret from publishing_secrets').all() as { secret: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0].secret).toMatch(/^kf1:/);
    expect(stored[0].secret).not.toContain(PASSWORD);
    expect(everything(s.dataDir, keyFile)).not.toContain(PASSWORD);
  });

  it('the key file is created 0600 outside the data folder, and a key file inside the data folder is refused', async () => {
    const dataDir = tempDir();
    const keyFile = path.join(tempDir(), 'conf', 'secrets.key');
    const box = keyFileBox(keyFile, dataDir);
    const sealed = box.seal(PASSWORD);
    expect(sealed).not.toContain(PASSWORD);
    expect(box.open(sealed)).toBe(PASSWORD);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyFile).size).toBe(32);
    // Another key cannot open it.
    expect(() => keyFileBox(path.join(tempDir(), 'other.key'), dataDir).open(sealed)).toThrow(/cannot be opened/);
    expect(() => keyFileBox(path.join(dataDir, 'secrets.key'), dataDir).seal('x')).toThrow(/outside the data folder/);
  });

  it('a password stored in plain text by an older version is sealed at the next start and gone from the file a backup copies', async () => {
    const dataDir = tempDir();
    const keyFile = path.join(tempDir(), 'secrets.key');
    const core = await createCore({ dataDir, platform: headlessPlatform('cli'), secretsKeyFile: keyFile });
    const coord = await signIn(core, 'coordinator');
    const t = await ok(core, 'publishing.saveTarget', sftpTarget as never, coord);
    await core.close();
    // What an older version wrote: the password itself.
    const db = new BetterSqlite3(dbPath(dataDir));
    db.prepare('update publishing_secrets set secret = ? where id = ?').run(PASSWORD, t.id);
    db.close();
    expect(
      fs.readFileSync(dbPath(dataDir)).toString('latin1') +
        (fs.existsSync(`${dbPath(dataDir)}-wal`) ? fs.readFileSync(`${dbPath(dataDir)}-wal`).toString('latin1') : ''),
    ).toContain(PASSWORD);

    const again = await createCore({ dataDir, platform: headlessPlatform('cli'), secretsKeyFile: keyFile });
    try {
      const target = (await ok(again, 'publishing.listTargets', {}, SYSTEM)).find((x) => x.id === t.id)!;
      expect(target.hasPassword).toBe(true);
      expect(everything(dataDir, keyFile)).not.toContain(PASSWORD);
      // And it still opens with the key: the sealed value is the password.
      const row = BetterSqlite3(dbPath(dataDir), { readonly: true }).prepare('select secret from publishing_secrets').get() as { secret: string };
      expect(keyFileBox(keyFile, dataDir).open(row.secret)).toBe(PASSWORD);
    } finally {
      await again.close();
    }
  });
});
