import { createHash } from 'node:crypto';
import fs from 'node:fs';
import SftpClient from 'ssh2-sftp-client';
import type { SFTPWrapper, Stats } from 'ssh2';
import { checkRel, type EntryType, type Remote, type RemoteEntry } from './remote';
import { safeRemoteRoot } from './paths';

export interface SftpTargetConfig {
  host: string;
  port: number;
  username: string;
  /** Absolute folder on the server: the target root. */
  path: string;
  /** Path of a private key file (preferred), or a password (kept out of messages and logs). */
  identityPath?: string | null;
  password?: string | null;
  /** SHA-256 fingerprint (base64) recorded on first connection; a different host key is refused. */
  hostKey?: string | null;
  readyTimeoutMs?: number;
}

/** Thrown when the target cannot be reached or refuses us: the publication waits in the queue with this reason. */
export class TargetUnavailableError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'auth' | 'host_key' | 'config',
    message: string,
  ) {
    super(message);
  }
}

const typeOf = (a: Stats): EntryType => (a.isSymbolicLink() ? 'symlink' : a.isDirectory() ? 'dir' : a.isFile() ? 'file' : 'other');

/** SSH host key fingerprint as OpenSSH prints it (SHA256:base64 without padding). */
export const fingerprint = (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

const NO_SUCH_FILE = 2;

/** An SFTP target; every operation names a path under the configured root, checked first. */
export class SftpRemote implements Remote {
  readonly label: string;
  private constructor(
    private client: SftpClient,
    private sftp: SFTPWrapper,
    private root: string,
    label: string,
    readonly hostKey: string | null,
  ) {
    this.label = label;
  }

  static async connect(cfg: SftpTargetConfig): Promise<SftpRemote> {
    const root = safeRemoteRoot(cfg.path);
    const label = `sftp://${cfg.username}@${cfg.host}:${cfg.port}${root}`;
    let privateKey: Buffer | undefined;
    if (cfg.identityPath) {
      try {
        privateKey = fs.readFileSync(cfg.identityPath);
      } catch {
        throw new TargetUnavailableError('config', `cannot read the key file ${cfg.identityPath}`);
      }
    }
    if (!privateKey && !cfg.password) throw new TargetUnavailableError('config', 'the target has neither a key file nor a password');
    let seenKey: string | null = null;
    const client = new SftpClient('pla-desk');
    try {
      const sftp = (await client.connect({
        host: cfg.host,
        port: cfg.port,
        username: cfg.username,
        privateKey,
        password: privateKey ? undefined : (cfg.password ?? undefined),
        readyTimeout: cfg.readyTimeoutMs ?? 10_000,
        retries: 0,
        hostVerifier: (key: Buffer) => {
          seenKey = fingerprint(key);
          return !cfg.hostKey || cfg.hostKey === seenKey;
        },
      } as never)) as unknown as SFTPWrapper;
      return new SftpRemote(client, sftp, root, label, seenKey);
    } catch (e) {
      await client.end().catch(() => {});
      const msg = e instanceof Error ? e.message : String(e);
      // ssh2's messages name the host and the failure, never the password; still, never echo a secret.
      const clean = cfg.password ? msg.split(cfg.password).join('•••') : msg;
      if (cfg.hostKey && seenKey && seenKey !== cfg.hostKey)
        throw new TargetUnavailableError(
          'host_key',
          `the server's host key changed (${seenKey}, expected ${cfg.hostKey}); check the server, then reset the target's host key`,
        );
      if (/authentication|auth.*fail|permission denied/i.test(clean))
        throw new TargetUnavailableError('auth', `${label}: the server refused the key or password`);
      throw new TargetUnavailableError('unreachable', `${label} is unreachable: ${clean.replace(/^[\w.]*: /, '')}`);
    }
  }

  private abs(rel: string) {
    const r = checkRel(rel);
    return r ? `${this.root}/${r}` : this.root;
  }

  private op<T>(fn: (cb: (err: Error | null | undefined, v?: T) => void) => void): Promise<T> {
    return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v as T))));
  }

  async lstat(rel: string) {
    try {
      const a = await this.op<Stats>((cb) => this.sftp.lstat(this.abs(rel), cb));
      return { type: typeOf(a), size: Number(a.size) };
    } catch (e) {
      if ((e as { code?: number }).code === NO_SUCH_FILE) return null;
      throw e;
    }
  }
  async readdir(rel: string): Promise<RemoteEntry[]> {
    const list = await this.op<Array<{ filename: string; attrs: Stats }>>((cb) => this.sftp.readdir(this.abs(rel), cb));
    return list.map((e) => ({ name: e.filename, type: typeOf(e.attrs), size: Number(e.attrs.size) }));
  }
  readFile(rel: string) {
    return this.op<Buffer>((cb) => this.sftp.readFile(this.abs(rel), cb as never));
  }
  writeFileExclusive(rel: string, data: Buffer) {
    return this.op<void>((cb) => this.sftp.writeFile(this.abs(rel), data, { flag: 'wx', mode: 0o644 }, cb));
  }
  async mkdir(rel: string) {
    try {
      await this.op<void>((cb) => this.sftp.mkdir(this.abs(rel), { mode: 0o755 }, cb));
    } catch (e) {
      const st = await this.lstat(rel);
      if (st?.type !== 'dir') throw e;
    }
  }
  async hardlink(fromRel: string, toRel: string) {
    try {
      await this.op<void>((cb) => this.sftp.ext_openssh_hardlink(this.abs(fromRel), this.abs(toRel), cb));
      return true;
    } catch (e) {
      if (/not supported|unsupported/i.test((e as Error).message)) return false;
      throw e;
    }
  }
  rename(fromRel: string, toRel: string) {
    return this.op<void>((cb) => this.sftp.ext_openssh_rename(this.abs(fromRel), this.abs(toRel), cb));
  }
  symlink(linkTarget: string, linkRel: string) {
    return this.op<void>((cb) => this.sftp.symlink(checkRel(linkTarget), this.abs(linkRel), cb));
  }
  readlink(rel: string) {
    return this.op<string>((cb) => this.sftp.readlink(this.abs(rel), cb));
  }
  unlink(rel: string) {
    return this.op<void>((cb) => this.sftp.unlink(this.abs(rel), cb));
  }
  rmdir(rel: string) {
    return this.op<void>((cb) => this.sftp.rmdir(this.abs(rel), cb));
  }
  async close() {
    await this.client.end().catch(() => {});
  }
}
