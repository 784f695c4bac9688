import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveRiskInput } from '../../electron/contract';
import { createCore, headlessPlatform, type Connection, type Core } from '../../electron/core';
import { call, count, ok, peek, SYSTEM, tempDir } from '../db/helpers';

/**
 * A full disk (finding 6): every write used to come back INTERNAL, sign-in too, and a failed write left a 0-byte
 * file. Now a write says "discul este plin…" (DISK_FULL), nothing is half-written, sign-in and reads keep working,
 * and once space is freed the same save goes through.
 */

const FULL = /discul este plin: eliberați spațiu pe disc și încercați din nou/;
const PASSWORD = 'parola-sigura-123';

const risk = (description: string): SaveRiskInput => ({
  area: 'Direcția Comunicare',
  objective: 'Metodologia de management al riscurilor (A4.2)',
  description,
  category: 'operational',
  causes: 'x'.repeat(4000),
  consequences: 'y'.repeat(4000),
  owner: 'Ana Pop',
  inherentProbability: 3,
  inherentImpact: 3,
});

const opened: Core[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function open(dataDir: string) {
  let sqlite: BetterSqlite3.Database | null = null;
  const core = await createCore({ dataDir, platform: headlessPlatform('browser'), onDatabaseOpen: (s) => (sqlite = s) });
  opened.push(core);
  await ok(core, 'admin.saveUser', { username: 'coord', displayName: 'Coordonator', role: 'coordinator', password: PASSWORD, active: true });
  const coord: Connection = { sessionId: null };
  expect((await core.call('admin.login', { username: 'coord', password: PASSWORD }, coord)).ok).toBe(true);
  return { core, coord, sqlite: sqlite! as BetterSqlite3.Database };
}

/** A fresh sign-in and a read, both of which must work on a full disk. */
async function signInAndRead(core: Core) {
  const fresh: Connection = { sessionId: null };
  const login = await core.call('admin.login', { username: 'coord', password: PASSWORD }, fresh);
  const list = await core.call('risks.list', {}, fresh);
  return { login: login.ok, read: list.ok };
}

const integrity = async (dataDir: string) => (await peek<{ integrity_check: string }>(dataDir, 'pragma integrity_check')).map((r) => r.integrity_check);

/** Every file under `dir`, with its size. */
function files(dir: string): { file: string; size: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const file = path.join(d.parentPath, d.name);
      return { file, size: fs.statSync(file).size };
    });
}

const evidence = (bytes: Buffer) => [{ fileName: 'dovada.pdf', mimeType: 'application/pdf', contentBase64: bytes.toString('base64') }];

describe('a full disk', () => {
  it('the database cannot grow (SQLITE_FULL): saves say so in Romanian, sign-in and reads work, nothing is damaged', async () => {
    const dataDir = tempDir();
    const { core, coord, sqlite } = await open(dataDir);
    await ok(core, 'risks.save', risk('înainte'), coord);
    // The database may not grow past its current size: the next pages it needs are "on a full disk".
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);

    let refused: Awaited<ReturnType<typeof call>> | null = null;
    let saved = 0;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await call(core, 'risks.save', risk(`risc ${i}`), coord);
      if (r.ok) saved++;
      else refused = r;
    }
    expect(refused, 'the database never filled up').not.toBeNull();
    expect(refused!.ok).toBe(false);
    if (refused!.ok) return;
    expect(refused!.error.code).toBe('DISK_FULL');
    expect(refused!.error.message).toMatch(FULL);

    // Signing in and reading still work; the refused save left nothing behind.
    expect(await signInAndRead(core)).toEqual({ login: true, read: true });
    expect(await count(dataDir, 'risks')).toBe(1 + saved);
    expect(await count(dataDir, 'audit_log', `entity = 'risk' and action = 'create'`)).toBe(1 + saved);

    // A save with an evidence file: refused the same way, and its file is not left half-linked.
    const actions = await ok(core, 'plan.listActions', {}, coord);
    const before = await count(dataDir, 'attachments');
    const r = await call(
      core,
      'plan.addProgressUpdate',
      { actionId: actions[0].id, date: '2026-01-10', progress: 10, note: 'n'.repeat(5000), evidence: evidence(crypto.randomBytes(300_000)) },
      coord,
    );
    expect(r.ok ? 'saved' : r.error.code).toBe('DISK_FULL');
    expect(await count(dataDir, 'attachments')).toBe(before);
    expect(files(path.join(dataDir, 'attachments')).filter((f) => f.size === 0 || f.file.endsWith('.partial'))).toEqual([]);

    // Space freed: the same save goes through, and the database is sound.
    sqlite.pragma('max_page_count = 1073741823');
    expect((await call(core, 'risks.save', risk('după'), coord)).ok).toBe(true);
    expect(await integrity(dataDir)).toEqual(['ok']);
  });

  it('the file system is full (ENOSPC): evidence, backups and exports leave no partial file; sign-in and reads work', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    // As root (CI), a real 8 MB tmpfs; elsewhere every file write is refused with ENOSPC by a wrapper.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dataDir]).status === 0;
    const restore: Array<() => void> = [];
    try {
      const { core, coord } = await open(dataDir);
      const actions = await ok(core, 'plan.listActions', {}, coord);
      const filler = path.join(dataDir, 'filler.bin');
      let full: () => void;
      let free: () => void;
      if (mounted) {
        full = () => {
          // Fill every free byte.
          const fd = fs.openSync(filler, 'w');
          const chunk = Buffer.alloc(64 * 1024, 1);
          try {
            for (;;) fs.writeSync(fd, chunk);
          } catch (e) {
            expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
          } finally {
            fs.closeSync(fd);
          }
        };
        free = () => fs.rmSync(filler, { force: true });
      } else {
        const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        let on = false;
        for (const name of ['writeFileSync', 'writeSync', 'copyFileSync'] as const) {
          const real = fs[name] as (...a: unknown[]) => unknown;
          const spy = vi.spyOn(fs, name).mockImplementation(((...a: unknown[]) => {
            if (!on) return real(...a);
            // A real full disk leaves what fit: an empty file.
            if (name !== 'writeSync' && typeof a[0] === 'string') fs.closeSync(fs.openSync(a[0] as string, 'w'));
            throw enospc();
          }) as never);
          restore.push(() => spy.mockRestore());
        }
        full = () => (on = true);
        free = () => (on = false);
      }
      full();

      const r = await call(
        core,
        'plan.addProgressUpdate',
        { actionId: actions[0].id, date: '2026-01-10', progress: 10, evidence: evidence(crypto.randomBytes(2_000_000)) },
        coord,
      );
      expect(r.ok ? 'saved' : r.error.code).toBe('DISK_FULL');
      expect(r.ok ? '' : r.error.message).toMatch(FULL);
      expect(files(path.join(dataDir, 'attachments'))).toEqual([]);
      expect(await count(dataDir, 'progress_updates')).toBe(0);
      expect(await signInAndRead(core)).toEqual({ login: true, read: true });

      // An export job fails with the same message and leaves no file in exports/.
      const { jobId } = await ok(core, 'risks.exportExcel', {}, coord);
      const job = await core.waitForJob(jobId);
      expect(job.status).toBe('failed');
      if (mounted) expect(job.error).toMatchObject({ code: 'DISK_FULL' });
      expect(files(path.join(dataDir, 'exports')).filter((f) => f.size === 0 || f.file.includes('partial'))).toEqual([]);

      free();
      expect(
        (
          await call(
            core,
            'plan.addProgressUpdate',
            { actionId: actions[0].id, date: '2026-01-10', progress: 10, evidence: evidence(crypto.randomBytes(2_000_000)) },
            coord,
          )
        ).ok,
      ).toBe(true);
      expect(await count(dataDir, 'attachments')).toBe(1);
      expect(files(path.join(dataDir, 'attachments')).map((f) => f.size)).toEqual([2_000_000]);
      expect(await integrity(dataDir)).toEqual(['ok']);
      await core.close();
    } finally {
      restore.forEach((f) => f());
      while (opened.length) await opened.pop()!.close();
      if (mounted) spawnSync('umount', [dataDir]);
    }
  });

  it('pla-desk backup to a full disk: the message says so, and no partial backup is left', async () => {
    const root = tempDir();
    const dataDir = path.join(root, 'data');
    await ok(
      await (async () => {
        const c = await createCore({ dataDir, platform: headlessPlatform('cli') });
        opened.push(c);
        return c;
      })(),
      'plan.getInfo',
      {},
      SYSTEM,
    );
    while (opened.length) await opened.pop()!.close();
    const outDir = path.join(root, 'out');
    fs.mkdirSync(outDir);
    // The backup goes to a 64 KB tmpfs; as root directly, otherwise inside a user namespace (unshare -rm).
    const script = `mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; "$2" "$3" backup --data-dir "$4" --out "$1/copie.db"; rc=$?; echo "LEFT:$(ls -A "$1")"; umount "$1"; exit $rc`;
    const args = ['-c', script, 'sh', outDir, process.execPath, path.resolve('bin/pla-desk.js'), dataDir];
    const r =
      process.getuid?.() === 0
        ? spawnSync('sh', args, { encoding: 'utf8', timeout: 60_000 })
        : spawnSync('unshare', ['-rm', 'sh', ...args], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, `could not mount a tmpfs (run as root, or allow user namespaces): ${r.stderr}`).not.toBe(99);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(FULL);
    expect(r.stdout).toContain('LEFT:\n'); // nothing left in the full folder, not even a partial file
    expect(await integrity(dataDir)).toEqual(['ok']);
  });
});
