import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, headlessPlatform } from '../../electron/core';
import { startServer, type RunningServer } from '../../electron/server';
import { writeScimRegister } from '../bench/risks';
import { ok, peek, SYSTEM, tempDir } from '../db/helpers';
import { Client, PASSWORD, type Served } from './helpers';

/**
 * Team mode (issue 13, item 3): a server restart — an upgrade, a reboot, a crash — signs nobody out, unlocks
 * no locked account, and shows its owner a job it cut short as failed; a graceful stop (SIGTERM) lets running
 * work finish first. The server keeps these in the database (migration 0016); the desktop app does not.
 */

const TOKEN = 'echipa-token-stabil-pentru-test-0123456789';
const open: RunningServer[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

function folder() {
  const dataDir = tempDir();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
  return { dataDir, staticDir, secretsKeyFile: path.join(tempDir(), 'secrets.key') };
}

/** A server on the folder, as `pla-desk serve` starts it (its own core, server state in the database). */
async function served(f: ReturnType<typeof folder>, port = 0): Promise<Served> {
  const server = await startServer({
    dataDir: f.dataDir,
    staticDir: f.staticDir,
    port,
    token: TOKEN,
    coreOptions: { secretsKeyFile: f.secretsKeyFile } as never,
  });
  open.push(server);
  const s = { server, base: `http://127.0.0.1:${server.port}`, dataDir: f.dataDir } as Served;
  // A new connection per request: a keep-alive socket of the previous run of the server would hang up.
  s.client = () => new Client(s, { connection: 'close' });
  return s;
}

/** Adds an account to the folder while no server holds it. */
async function addUser(f: ReturnType<typeof folder>, username: string, role: 'coordinator' | 'member' = 'member') {
  const core = await createCore({ dataDir: f.dataDir, platform: headlessPlatform('cli'), secretsKeyFile: f.secretsKeyFile });
  try {
    return await ok(core, 'admin.saveUser', { username, displayName: username, role, password: PASSWORD, active: true }, SYSTEM);
  } finally {
    await core.close();
  }
}

async function stop(s: Served, graceMs = 0) {
  open.splice(open.indexOf(s.server), 1);
  await s.server.close(graceMs);
}

describe('a team server restarted', () => {
  it('keeps everyone signed in, with the same cookie on the same port; the database holds no session id', async () => {
    const f = folder();
    await addUser(f, 'ana');
    let s = await served(f);
    const browser = s.client();
    expect((await browser.login('ana')).body.ok).toBe(true);
    const sid = browser.cookie!.split('=')[1];
    const port = s.server.port;
    await stop(s);
    expect(JSON.stringify(await peek(f.dataDir, 'select * from server_sessions'))).not.toContain(sid);

    s = await served(f, port);
    const after = Object.assign(s.client(), { cookie: browser.cookie });
    expect((await after.call('plan.listCommitments')).body.ok).toBe(true);
    expect((await after.call('admin.logout')).body.ok).toBe(true);
    await stop(s);
    // Signed out before the restart stays signed out after it.
    s = await served(f, port);
    const again = Object.assign(s.client(), { cookie: browser.cookie });
    expect((await again.call('plan.listCommitments')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('does not bring back the sessions a password change ended', async () => {
    const f = folder();
    await addUser(f, 'ana');
    let s = await served(f);
    const laptop = s.client();
    const office = s.client();
    expect((await laptop.login('ana')).body.ok).toBe(true);
    expect((await office.login('ana')).body.ok).toBe(true);
    expect((await laptop.call('admin.changePassword', { currentPassword: PASSWORD, newPassword: 'alta-parola-lunga-1' })).body.ok).toBe(true);
    const port = s.server.port;
    await stop(s);
    s = await served(f, port);
    expect((await Object.assign(s.client(), { cookie: office.cookie }).call('plan.listCommitments')).body).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect((await Object.assign(s.client(), { cookie: laptop.cookie }).call('plan.listCommitments')).body.ok).toBe(true);
  });

  it('keeps a locked account locked, and its failures counted', async () => {
    const f = folder();
    await addUser(f, 'ana');
    await addUser(f, 'dan');
    let s = await served(f);
    const guesser = s.client();
    for (let i = 0; i < 10; i++) expect((await guesser.login('ana', `gresit-${i}-parola`)).body.error.details.reason).toBe('bad_credentials');
    for (let i = 0; i < 9; i++) await guesser.login('dan', `gresit-${i}-parola`);
    await stop(s);

    s = await served(f);
    const r = await s.client().login('ana');
    expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'locked', scope: 'account' } } });
    // dan had 9 failures: the tenth, after the restart, locks him.
    await s.client().login('dan', 'inca-una-gresita');
    expect((await s.client().login('dan')).body.error.details.reason).toBe('locked');
    const locks = await peek<{ entity_id: string }>(f.dataDir, "select entity_id from audit_log where action = 'login_locked'");
    expect(locks).toHaveLength(2);
  });

  it('a graceful stop lets a running import finish: it is whole, and its job done', async () => {
    const f = folder();
    await addUser(f, 'ana');
    const s = await served(f);
    const c = s.client();
    await c.login('ana');
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, 300);
    const importing = c.call('risks.importExcel', { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false });
    await waitFor(
      () => s.server.core.runningJobs() === 1,
      async () => JSON.stringify((await importing).body),
    );
    const stopping = stop(s, 60_000);
    const r = await importing;
    await stopping;
    expect(r.body.ok, JSON.stringify(r.body)).toBe(true);
    expect(await peek(f.dataDir, 'select count(*) n from risks')).toEqual([{ n: 300 }]);
    expect(await peek(f.dataDir, 'select kind, status, error from jobs')).toEqual([{ kind: 'risks.importExcel', status: 'done', error: null }]);
  });

  it('a stop whose grace time runs out records the jobs still running as failed, and their owner sees it after the restart', async () => {
    const f = folder();
    await addUser(f, 'ana');
    await addUser(f, 'dan');
    let s = await served(f);
    const ana = s.client();
    await ana.login('ana');
    // An export is a background job: stopped at once, it is not left "running".
    const started = await ana.call('plan.exportExcel', {});
    expect(started.body.ok, JSON.stringify(started.body)).toBe(true);
    const jobId = started.body.value.jobId as string;
    await stop(s, 0);
    const rows = await peek<{ status: string; error: string }>(f.dataDir, 'select status, error from jobs where id = ?', jobId);
    expect(rows[0].status).toBe('failed');
    expect(JSON.parse(rows[0].error).message).toMatch(/shut down/);

    s = await served(f);
    const again = s.client();
    await again.login('ana');
    expect((await again.call('jobs.get', { id: jobId })).body.value).toMatchObject({ id: jobId, status: 'failed' });
    expect((await again.call('jobs.list', {})).body.value.map((j: { id: string }) => j.id)).toContain(jobId);
    // Nobody else sees it.
    const dan = s.client();
    await dan.login('dan');
    expect((await dan.call('jobs.get', { id: jobId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await dan.call('jobs.list', {})).body.value).toEqual([]);
  });
});

async function waitFor(cond: () => boolean, why: () => Promise<string>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out: ${await why()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
