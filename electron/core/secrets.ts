import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Secrets (an SFTP target's password) never sit in the database in a usable form, so no backup holds one
 * (issue 12, finding 8). The database keeps only a sealed value; the means to open it lives outside the data
 * folder:
 * - the desktop app: Electron's safeStorage (the OS keychain / DPAPI), through PlatformPort.secretBox;
 * - the CLI and browser mode: a 256-bit key in a file outside the data folder, created on first use with
 *   permissions 0600 (default `~/.config/pla-desk/secrets.key`, `%APPDATA%\pla-desk\secrets.key` on Windows;
 *   `PLA_DESK_SECRETS_KEY` chooses another path), and AES-256-GCM.
 * A sealed value names its scheme (`kf1:` key file, `ss1:` safeStorage), so a value sealed by one host is
 * recognised (and refused with a clear message) by another.
 */
export interface SecretBox {
  readonly scheme: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretUnavailableError extends Error {}

export function defaultSecretsKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLA_DESK_SECRETS_KEY) return path.resolve(env.PLA_DESK_SECRETS_KEY);
  const base =
    process.platform === 'win32' ? (env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming')) : (env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'));
  return path.join(base, 'pla-desk', 'secrets.key');
}

const inside = (dir: string, file: string) => {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Reads the key file, creating it (0600, in a 0700 folder) when absent. */
function loadKey(file: string): Buffer {
  try {
    const key = fs.readFileSync(file);
    if (key.length !== 32) throw new SecretUnavailableError(`the secrets key file ${file} is damaged (expected 32 bytes)`);
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  try {
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (e) {
    // Another process made it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw e;
  }
}

/** AES-256-GCM with a key file that must live outside the data folder (a backup of the folder must not open its secrets). */
export function keyFileBox(file: string, dataDir: string): SecretBox {
  let key: Buffer | null = null;
  const k = () => {
    if (inside(dataDir, file)) throw new SecretUnavailableError(`the secrets key file must be outside the data folder (${file})`);
    return (key ??= loadKey(file));
  };
  return {
    scheme: 'kf1',
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', k(), iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `kf1:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('kf1:')) throw new SecretUnavailableError('this secret was sealed elsewhere (the desktop app); enter the password again here');
      const raw = Buffer.from(sealed.slice(4), 'base64');
      try {
        const d = crypto.createDecipheriv('aes-256-gcm', k(), raw.subarray(0, 12));
        d.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
      } catch {
        throw new SecretUnavailableError(`the stored password cannot be opened with the key in ${file} (another computer's key?); enter it again`);
      }
    },
  };
}

/** True when a stored value is sealed by some scheme (anything else is a plain secret from before). */
export const isSealed = (v: string) => /^(kf1|ss1):/.test(v);
