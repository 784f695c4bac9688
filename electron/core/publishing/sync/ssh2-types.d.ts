/**
 * The few parts of ssh2 / ssh2-sftp-client the publisher uses (neither package ships types, and no @types
 * package is installed). Kept to what sftp.ts calls.
 */
declare module 'ssh2' {
  export interface Stats {
    size: number;
    isDirectory(): boolean;
    isFile(): boolean;
    isSymbolicLink(): boolean;
  }
  type Cb<T = void> = (err: Error | null | undefined, value?: T) => void;
  export interface SFTPWrapper {
    lstat(path: string, cb: Cb<Stats>): void;
    readdir(path: string, cb: Cb<Array<{ filename: string; longname: string; attrs: Stats }>>): void;
    readFile(path: string, cb: Cb<Buffer>): void;
    writeFile(path: string, data: Buffer, options: { flag?: string; mode?: number }, cb: Cb): void;
    mkdir(path: string, attrs: { mode?: number }, cb: Cb): void;
    ext_openssh_hardlink(oldPath: string, newPath: string, cb: Cb): void;
    ext_openssh_rename(oldPath: string, newPath: string, cb: Cb): void;
    symlink(targetPath: string, linkPath: string, cb: Cb): void;
    readlink(path: string, cb: Cb<string>): void;
    unlink(path: string, cb: Cb): void;
    rmdir(path: string, cb: Cb): void;
  }
}

declare module 'ssh2-sftp-client' {
  export default class SftpClient {
    constructor(name?: string);
    connect(config: Record<string, unknown>): Promise<unknown>;
    end(): Promise<boolean>;
  }
}
