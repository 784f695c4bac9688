import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, headlessPlatform } from '../../electron/core';
import { startServer } from '../../electron/server';
import { writeScimRegister } from '../bench/risks';
import { ok, peek, SYSTEM, tempDir } from '../db/helpers';
import { Client, PASSWORD, type Served } from './helpers';

/**
 * Team mode (issue 13): the server process killed with SIGKILL while a user's import runs in it. After the
 * restart the import is whole or absent — never part of it — the database is sound, and the user who started it
 * sees the import's job as failed (a crash leaves no job "running" for ever).
 */

const BIN = path.resolve('bin/pla-desk.js');
const ROWS = 1500;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** `pla-desk serve` in its own process; resolves with the address it prints. */
function serveProcess(dataDir: string, staticDir: string): Promise<{ child: ChildProcess; base: string; token: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', '0', '--static-dir', staticDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PLA Desk: (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out);
      if (m) resolve({ child, base: m[1], token: m[2] });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

function exited(child: ChildProcess) {
  return new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const clientOf = (base: string, token: string) => {
  const s = { server: { token }, base } as unknown as Served;
  return new Client(s, { connection: 'close' });
};

describe('the team server killed with SIGKILL during an import (SQLite)', () => {
  it('comes back with the import whole or absent, a sound database, and the job shown to its owner as failed', async () => {
    const root = tempDir();
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
    const register = path.join(root, 'registru.xlsx');
    await writeScimRegister(register, ROWS);
    const content = fs.readFileSync(register).toString('base64');

    // Kill moments: as soon as the job exists (parsing), and later ones spread across the writing.
    for (const delay of [0, 400 + Math.floor(Math.random() * 1200), 2000 + Math.floor(Math.random() * 6000)]) {
      const dataDir = path.join(root, `data-${delay}`);
      const setup = await createCore({ dataDir, platform: headlessPlatform('cli'), secretsKeyFile: path.join(root, 'secrets.key') });
      const ana = await ok(setup, 'admin.saveUser', { username: 'ana', displayName: 'Ana', role: 'member', password: PASSWORD, active: true }, SYSTEM);
      await setup.close();
      const risksBefore = (await peek<{ n: number }>(dataDir, 'select count(*) n from risks'))[0].n;

      const { child, base, token } = await serveProcess(dataDir, staticDir);
      const c = clientOf(base, token);
      expect((await c.login('ana')).body.ok).toBe(true);
      let answered: { ok: boolean } | null = null;
      const importing = c.call('risks.importExcel', { fileName: 'registru.xlsx', contentBase64: content, dryRun: false }).then(
        (r) => (answered = r.body),
        () => null,
      );
      await waitFor(async () => (await peek(dataDir, "select 1 from jobs where kind = 'risks.importExcel'")).length > 0);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited(child);
      await importing;

      expect(await peek(dataDir, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await peek(dataDir, 'pragma foreign_key_check')).toEqual([]);

      const server = await startServer({ dataDir, staticDir, port: 0, coreOptions: { secretsKeyFile: path.join(root, 'secrets.key') } as never });
      try {
        const again = clientOf(`http://127.0.0.1:${server.port}`, server.token);
        expect((await again.login('ana')).body.ok).toBe(true);
        const jobs = (await again.ok('jobs.list', {})) as Array<{ kind: string; status: string; error: { message: string } | null }>;
        expect(jobs.map((j) => j.kind)).toEqual(['risks.importExcel']);
        const added = (await peek<{ n: number }>(dataDir, 'select count(*) n from risks'))[0].n - risksBefore;
        if (answered && (answered as { ok: boolean }).ok) {
          // Killed after it had answered: whole, and done.
          expect(jobs[0].status).toBe('done');
          expect(added).toBe(ROWS);
        } else {
          expect(jobs[0].status, `killed ${delay} ms in`).toBe('failed');
          expect(jobs[0].error!.message).toMatch(/server stopped/);
          expect([0, ROWS], `killed ${delay} ms in`).toContain(added);
          // The audit log agrees with the rows: one entry per risk created, or none.
          expect((await peek<{ n: number }>(dataDir, "select count(*) n from audit_log where entity = 'risk' and action = 'create'"))[0].n).toBe(added);
        }
        // Only its owner sees it.
        expect(peek<{ owner_id: string }>(dataDir, 'select owner_id from jobs')).toEqual([{ owner_id: ana.id }]);
      } finally {
        await server.close();
      }
    }
  });
});
