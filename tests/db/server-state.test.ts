import { afterEach, describe, expect, it } from 'vitest';
import { headlessPlatform, type Connection, type Core } from '../../electron/core';
import { call, createTestCore, ok, peek, SYSTEM, tempDir } from './helpers';

/**
 * A team server keeps its sessions, its sign-in locks and its jobs in the store (db/queries/server.ts), so that
 * a restart signs nobody out, unlocks nobody and shows every job's outcome. This runs on both engines: the team
 * server is where PostgreSQL is used.
 */

const PASSWORD = 'parola-sigura-123';
const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function server(dataDir: string) {
  const core = await createTestCore({
    dataDir,
    platform: headlessPlatform('browser'),
    serverState: true,
    throttlePolicy: { accountFailures: 3, addressFailures: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxEntries: 1000 },
  });
  open.push(core);
  return core;
}

async function restart(core: Core, dataDir: string) {
  open.splice(open.indexOf(core), 1);
  await core.close();
  return server(dataDir);
}

describe('a team server keeps its state in the store', () => {
  it('a signed-in user stays signed in across a restart, and signing out ends the session for good', async () => {
    const dataDir = tempDir();
    let core = await server(dataDir);
    await ok(core, 'admin.saveUser', { username: 'ana', displayName: 'Ana Pop', role: 'member', password: PASSWORD, active: true }, SYSTEM);
    const conn: Connection = { sessionId: null };
    expect((await call(core, 'admin.login', { username: 'ana', password: PASSWORD }, conn)).ok).toBe(true);

    core = await restart(core, dataDir);
    expect(core.userOf(conn)).not.toBeNull();
    expect((await call(core, 'plan.listCommitments', {}, conn)).ok).toBe(true);

    expect((await call(core, 'admin.logout', {}, conn)).ok).toBe(true);
    core = await restart(core, dataDir);
    expect(core.userOf(conn)).toBeNull();
    expect((await call(core, 'plan.listCommitments', {}, conn)).ok).toBe(false);
    // What the store keeps of a session is a hash: the id a browser holds is nowhere in it.
    expect(JSON.stringify(await peek(dataDir, 'select * from server_sessions'))).not.toContain(String(conn.sessionId));
  });

  it('an account locked by repeated failures stays locked after a restart', async () => {
    const dataDir = tempDir();
    let core = await server(dataDir);
    await ok(core, 'admin.saveUser', { username: 'ion', displayName: 'Ion Ionescu', role: 'member', password: PASSWORD, active: true }, SYSTEM);
    for (let i = 0; i < 3; i++) expect((await call(core, 'admin.login', { username: 'ion', password: 'gresita' }, { sessionId: null })).ok).toBe(false);
    expect((await peek<{ n: number }>(dataDir, 'select count(*) as n from login_throttle'))[0].n).toBeGreaterThan(0);

    core = await restart(core, dataDir);
    const r = await call(core, 'admin.login', { username: 'ion', password: PASSWORD }, { sessionId: null });
    expect(r.ok).toBe(false);
    expect(await peek(dataDir, 'select count(*) as n from server_sessions')).toEqual([{ n: 0 }]);
  });

  it('a finished job is still listed for its owner after a restart, and for nobody else', async () => {
    const dataDir = tempDir();
    let core = await server(dataDir);
    await ok(core, 'admin.saveUser', { username: 'coord', displayName: 'Coord', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    await ok(core, 'admin.saveUser', { username: 'alt', displayName: 'Alt', role: 'coordinator', password: PASSWORD, active: true }, SYSTEM);
    const owner: Connection = { sessionId: null };
    const other: Connection = { sessionId: null };
    expect((await call(core, 'admin.login', { username: 'coord', password: PASSWORD }, owner)).ok).toBe(true);
    expect((await call(core, 'admin.login', { username: 'alt', password: PASSWORD }, other)).ok).toBe(true);
    const { jobId } = await ok(core, 'stakeholders.exportExcel', {}, owner);
    expect((await core.waitForJob(jobId)).status).toBe('done');

    core = await restart(core, dataDir);
    expect((await ok(core, 'jobs.list', { limit: 50 }, owner)).map((j) => [j.id, j.status])).toContainEqual([jobId, 'done']);
    expect((await ok(core, 'jobs.list', { limit: 50 }, other)).map((j) => j.id)).not.toContain(jobId);
  });
});
