import fs from 'node:fs';
import path from 'node:path';
import { safeRelPath, UnsafePathError } from './paths';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';
export interface RemoteEntry {
  name: string;
  type: EntryType;
  size: number;
}

/**
 * A publishing target as the publisher sees it: every path is relative to the target's folder ('' = the folder
 * itself) and is checked by safeRelPath before it reaches the file system or the server. Nothing follows a
 * symbolic link except the web server through `current`.
 */
export interface Remote {
  /** A label for messages and logs: never a password or key. */
  readonly label: string;
  lstat(rel: string): Promise<{ type: EntryType; size: number } | null>;
  readdir(rel: string): Promise<RemoteEntry[]>;
  readFile(rel: string): Promise<Buffer>;
  /** Creates the file exclusively (fails if the name exists, never follows a planted link). */
  writeFileExclusive(rel: string, data: Buffer): Promise<void>;
  mkdir(rel: string): Promise<void>;
  /** false when the target cannot hard-link (the caller uploads instead). */
  hardlink(fromRel: string, toRel: string): Promise<boolean>;
  /** Atomic rename that replaces an existing file or link (POSIX rename; posix-rename@openssh.com over SFTP). */
  rename(fromRel: string, toRel: string): Promise<void>;
  symlink(linkTarget: string, linkRel: string): Promise<void>;
  readlink(rel: string): Promise<string>;
  unlink(rel: string): Promise<void>;
  rmdir(rel: string): Promise<void>;
  close(): Promise<void>;
}

export const checkRel = (rel: string) => (rel === '' ? '' : safeRelPath(rel));

const typeOf = (s: fs.Stats): EntryType => (s.isSymbolicLink() ? 'symlink' : s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other');

/** A folder target (a local folder or a mounted network share). */
export class FolderRemote implements Remote {
  readonly label: string;
  private root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
    this.label = this.root;
  }

  /** Joins a checked relative path to the root, and proves the result is still inside it. */
  private abs(rel: string): string {
    const r = checkRel(rel);
    const full = path.resolve(this.root, ...r.split('/').filter(Boolean));
    if (full !== this.root && !full.startsWith(this.root + path.sep)) throw new UnsafePathError(rel, 'outside the target folder');
    return full;
  }

  async lstat(rel: string) {
    try {
      const s = await fs.promises.lstat(this.abs(rel));
      return { type: typeOf(s), size: s.size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
  async readdir(rel: string) {
    const dir = this.abs(rel);
    const out: RemoteEntry[] = [];
    for (const d of await fs.promises.readdir(dir, { withFileTypes: true })) {
      const type: EntryType = d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
      out.push({ name: d.name, type, size: type === 'file' ? (await fs.promises.lstat(path.join(dir, d.name))).size : 0 });
    }
    return out;
  }
  readFile(rel: string) {
    return fs.promises.readFile(this.abs(rel));
  }
  async writeFileExclusive(rel: string, data: Buffer) {
    await fs.promises.writeFile(this.abs(rel), data, { flag: 'wx' });
  }
  async mkdir(rel: string) {
    try {
      await fs.promises.mkdir(this.abs(rel));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  async hardlink(fromRel: string, toRel: string) {
    try {
      await fs.promises.link(this.abs(fromRel), this.abs(toRel));
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPERM' || code === 'EXDEV' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return false;
      throw e;
    }
  }
  rename(fromRel: string, toRel: string) {
    return fs.promises.rename(this.abs(fromRel), this.abs(toRel));
  }
  symlink(linkTarget: string, linkRel: string) {
    return fs.promises.symlink(checkRel(linkTarget), this.abs(linkRel));
  }
  readlink(rel: string) {
    return fs.promises.readlink(this.abs(rel));
  }
  unlink(rel: string) {
    return fs.promises.unlink(this.abs(rel));
  }
  rmdir(rel: string) {
    return fs.promises.rmdir(this.abs(rel));
  }
  async close() {}
}
