import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../db/migrations/0001_admin';
import * as m0014 from '../../db/migrations/0014_users_username_nocase';
import { peek } from '../db/helpers';
import { PASSWORD, serve, sleep } from './helpers';

/** Issue 12, finding 7: sign-in over HTTP against browser mode. */

describe('sessions', () => {
  it('are a random id the server issues in an HttpOnly, SameSite=Strict cookie; the old X-PLA-Client value opens nothing', async () => {
    const s = await serve();
    const ana = await s.user('coordinator');
    const set = ana.lastSetCookie!;
    expect(set).toMatch(new RegExp(`^${s.server.cookieName}=[A-Za-z0-9_-]{32};`));
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);
    expect(set).not.toMatch(/Secure/); // plain HTTP on loopback; under TLS it is Secure (serve-cli.test.ts)

    // What used to be the session key, a client-chosen header, is nothing now.
    const intruder = s.client();
    const r = await intruder.call('plan.listCommitments', {}, { 'x-pla-client': 'client-aaaaaaaa' });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await ana.call('plan.listCommitments')).body.ok).toBe(true);
  });

  it('are rotated at sign-in: a session id planted before signing in is worthless after', async () => {
    const s = await serve();
    const u = await s.user('member');
    await u.call('admin.logout');
    expect(u.cookie).toBeNull();
    const planted = `${s.server.cookieName}=${'A'.repeat(32)}`;
    u.cookie = planted;
    expect((await u.login(u.username)).body.ok).toBe(true);
    expect(u.cookie).not.toBe(planted);
    const victim = u.cookie;
    const attacker = s.client();
    attacker.cookie = planted;
    expect((await attacker.call('plan.listCommitments')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // Signing in again gives yet another id and ends the previous one.
    await u.login(u.username);
    expect(u.cookie).not.toBe(victim);
    attacker.cookie = victim;
    expect((await attacker.call('plan.listCommitments')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('end after the idle time without a call, and after the absolute time even when used', async () => {
    const idle = await serve({ coreOptions: { sessionPolicy: { idleMs: 400, absoluteMs: 60_000 } } });
    const a = await idle.user('member');
    await sleep(600);
    expect((await a.call('plan.listCommitments')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const absolute = await serve({ coreOptions: { sessionPolicy: { idleMs: 60_000, absoluteMs: 1500 } } });
    const b = await absolute.user('member');
    const started = Date.now();
    while (Date.now() - started < 1000) {
      expect((await b.call('admin.getSettings')).body.ok).toBe(true);
      await sleep(150);
    }
    await sleep(Math.max(0, 1700 - (Date.now() - started)));
    expect((await b.call('admin.getSettings')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('do not pile up: a thousand requests with new client ids and made-up cookies leave no trace on the server', async () => {
    const s = await serve({ maxConnectionsPerAddress: 1000 });
    await s.user('viewer');
    expect(s.server.core.sessionCount()).toBe(1);
    const c = s.client();
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          c.call('admin.status', {}, { 'x-pla-client': `client-${i + j}-xxxxxxxx`, cookie: `${s.server.cookieName}=made-up-${i + j}-xxxxxxxxxxxxxxxx` }),
        ),
      );
    expect(s.server.core.sessionCount()).toBe(1);
  });

  it('of a user all end when their password changes, except the one that changed it', async () => {
    const s = await serve();
    const laptop = await s.user('member');
    const office = s.client();
    expect((await office.login(laptop.username)).body.ok).toBe(true);
    expect((await laptop.call('admin.changePassword', { currentPassword: PASSWORD, newPassword: 'alta-parola-lunga-1' })).body.ok).toBe(true);
    expect((await office.call('plan.listCommitments')).body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await laptop.call('plan.listCommitments')).body.ok).toBe(true);
  });
});

describe('sign-in throttling', () => {
  it('locks an account for 15 minutes after 10 wrong passwords, refuses even the right one, and writes every failure and the lock to the audit log', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const target = await s.user('member');
    const attacker = s.client();
    for (let i = 0; i < 10; i++)
      expect((await attacker.login(target.username, `ghicit-${i}-xxxx`)).body).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', details: { reason: 'bad_credentials' } },
      });
    const locked = await attacker.login(target.username, PASSWORD);
    expect(locked.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', details: { reason: 'locked', scope: 'account' } } });
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(locked.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Another spelling of the name is the same account.
    expect((await s.client().login(target.username.toUpperCase(), PASSWORD)).body).toMatchObject({ ok: false, error: { details: { reason: 'locked' } } });

    const audit = await coord.ok('admin.listAudit', { entityId: target.userId });
    expect(audit.filter((e: { action: string }) => e.action === 'login_failed')).toHaveLength(10);
    expect(audit.filter((e: { action: string }) => e.action === 'login_locked')).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('ghicit-');
  });

  it('lets at most 10 of 200 parallel guesses be checked', async () => {
    const s = await serve({ maxConnectionsPerAddress: 1000 });
    const target = await s.user('member');
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => s.client().login(target.username, `paralel-${i}-xxxx`)));
    expect(replies.filter((r) => r.body.error?.details?.reason === 'bad_credentials').length).toBeLessThanOrEqual(10);
    expect(replies.filter((r) => r.body.error?.details?.reason === 'locked').length).toBeGreaterThanOrEqual(190);
    expect(await peek(s.dataDir, `select count(*) as n from audit_log where action = 'login_failed'`)).toEqual([{ n: 10 }]);
  });

  it('locks an address that guesses across many accounts', async () => {
    const s = await serve();
    const real = await s.user('member');
    const c = s.client();
    for (let i = 0; i < 30; i++) await c.login(`nimeni.${i}`, 'orice-parola-xx');
    const r = await c.login(real.username, PASSWORD);
    expect(r.body).toMatchObject({ ok: false, error: { details: { reason: 'locked', scope: 'address' } } });
    expect(await peek(s.dataDir, `select count(*) as n from audit_log where action = 'login_locked'`)).toEqual([{ n: 1 }]);
  });
});

describe('user names', () => {
  it('are unique ignoring case: Coord cannot be added beside coord, and COORD signs in as coord', async () => {
    const s = await serve();
    const coord = await s.user('coordinator', 'coord');
    const r = await coord.call('admin.saveUser', { username: 'Coord', displayName: 'Altcineva', role: 'coordinator', password: PASSWORD, active: true });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'username', reason: 'duplicate' }] } } });
    expect(await peek(s.dataDir, `select username from users`)).toEqual([{ username: 'coord' }]);
    expect((await s.client().login('COORD')).body).toMatchObject({ ok: true, value: { username: 'coord' } });
  });

  it('migration 0014 keeps the oldest of clashing names, renames the others (audited) and then refuses a clash in the database', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await m0001.up(db);
    const add = sqlite.prepare(
      `insert into users (id, username, display_name, role, password_hash, active, created_at, updated_at) values (?, ?, ?, 'coordinator', 'x', 1, ?, ?)`,
    );
    add.run('u1', 'coord', 'Ana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    add.run('u2', 'Coord', 'Ion', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
    add.run('u3', 'COORD', 'Eva', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
    add.run('u4', 'Coord-2x', 'Dan', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
    await m0014.up(db);
    expect(sqlite.prepare(`select id, username from users order by id`).all()).toEqual([
      { id: 'u1', username: 'coord' },
      { id: 'u2', username: 'Coord-2' },
      { id: 'u3', username: 'COORD-3' },
      { id: 'u4', username: 'Coord-2x' },
    ]);
    expect(sqlite.prepare(`select entity_id, action, changes from audit_log order by entity_id`).all()).toEqual([
      { entity_id: 'u2', action: 'update', changes: JSON.stringify({ username: { before: 'Coord', after: 'Coord-2' } }) },
      { entity_id: 'u3', action: 'update', changes: JSON.stringify({ username: { before: 'COORD', after: 'COORD-3' } }) },
    ]);
    expect(() => add.run('u5', 'cOoRd', 'X', 't', 't')).toThrow(/UNIQUE/);
    await db.destroy();
  });
});
