/**
 * A real OpenSSH server on 127.0.0.1 for the publishing tests: Debian's openssh-server (`/usr/sbin/sshd`) started
 * with its own sshd_config in a temp folder, a throwaway host key and user key (ssh-keygen), a free port, the
 * current user (CI runs as root: `PermitRootLogin prohibit-password`), `StrictModes no`, internal-sftp.
 * `stop()` kills it and removes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SSHD = process.env.SSHD_PATH ?? '/usr/sbin/sshd';
const KEYGEN = '/usr/bin/ssh-keygen';

/** Why the SFTP tests cannot run here, or null. In CI (CI=true) the caller fails instead of skipping. */
export function sshdMissingReason(): string | null {
  if (!fs.existsSync(SSHD)) return `OpenSSH server not installed (${SSHD} missing): apt-get install -y openssh-server`;
  if (!fs.existsSync(KEYGEN)) return `ssh-keygen not installed (${KEYGEN} missing): apt-get install -y openssh-client`;
  return null;
}

export interface Sshd {
  host: string;
  port: number;
  username: string;
  /** The user's private key (OpenSSH format, no passphrase). */
  identityPath: string;
  /** A folder the tests may publish into. */
  dir: string;
  /** Stops the server (a network cut for the client) and removes its folder. */
  stop(): Promise<void>;
  /** Stops the server only (the port is refused afterwards). */
  kill(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startSshd(): Promise<Sshd> {
  const reason = sshdMissingReason();
  if (reason) throw new Error(reason);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-sshd-'));
  const hostKey = path.join(dir, 'ssh_host_ed25519_key');
  const userKey = path.join(dir, 'id_ed25519');
  execFileSync(KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'pla-desk-test-host', '-f', hostKey]);
  execFileSync(KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-C', 'pla-desk-test-user', '-f', userKey]);
  fs.copyFileSync(`${userKey}.pub`, path.join(dir, 'authorized_keys'));
  // As root, sshd wants its privilege-separation folder (a container without systemd has none).
  if (process.getuid?.() === 0 && !fs.existsSync('/run/sshd')) fs.mkdirSync('/run/sshd', { mode: 0o755 });
  const username = os.userInfo().username;
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `AllowUsers ${username}`,
      `PermitRootLogin prohibit-password`,
      `PubkeyAuthentication yes`,
      `PasswordAuthentication no`,
      `KbdInteractiveAuthentication no`,
      `UsePAM no`,
      `StrictModes no`,
      `Subsystem sftp internal-sftp`,
      `LogLevel ERROR`,
      '',
    ].join('\n'),
  );
  const publish = path.join(dir, 'www');
  fs.mkdirSync(publish);
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // Ready when the port accepts a connection (sshd -D logs nothing at LogLevel ERROR).
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${stderr.trim()}`);
    const up = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), r(true)));
      s.on('error', () => r(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`sshd did not start within 10 s: ${stderr.trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    host: '127.0.0.1',
    port,
    username,
    identityPath: userKey,
    dir: publish,
    kill,
    async stop() {
      await kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
