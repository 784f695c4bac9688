import { describe, expect, it } from 'vitest';
import { call, freshCore, ok, signIn } from './helpers';

/**
 * "Ce s-a schimbat": on the start page, what others changed since the user's last visit, from the audit log — the
 * kind of record, the action and the fields changed (names only, never values); sign-ins are not changes.
 */
let clock = Date.parse('2026-05-20T09:00:00Z');
const now = () => new Date(clock);
const later = (minutes: number) => (clock += minutes * 60_000);

describe('what changed since my last visit', () => {
  it("lists others' changes after the visit, newest first, with the fields changed and without my own", async () => {
    const env = await freshCore({ now });
    const coord = await signIn(env.core, 'coordinator');
    const member = await signIn(env.core, 'member');
    const before = await ok(env.core, 'datasets.save', { name: 'Contracte', slug: 'contracte', holderInstitution: 'Primăria' }, coord);
    later(60);
    const lastVisit = now().toISOString();
    later(5);
    const edited = await ok(
      env.core,
      'datasets.save',
      { id: before.id, expectedUpdatedAt: before.updatedAt, name: 'Contracte de achiziții', slug: 'contracte', holderInstitution: 'Primăria' },
      coord,
    );
    later(5);
    await ok(env.core, 'datasets.save', { name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria' }, member);
    const mine = await ok(env.core, 'reports.changes', { since: lastVisit }, member);
    expect(mine.total).toBe(1);
    expect(mine.entries).toEqual([expect.objectContaining({ actorName: 'Test coordinator', entity: 'dataset', entityId: edited.id, action: 'update' })]);
    expect(mine.entries[0]!.fields).toContain('name');
    expect(JSON.stringify(mine)).not.toContain('Contracte de achiziții');
    // the coordinator sees the member's new dataset, not their own edit
    const theirs = await ok(env.core, 'reports.changes', { since: lastVisit }, coord);
    expect(theirs.entries.map((e) => [e.entity, e.action])).toEqual([['dataset', 'create']]);
    // nothing after now
    expect((await ok(env.core, 'reports.changes', { since: now().toISOString() }, coord)).entries).toEqual([]);
  });

  it('members do not see account changes; evaluators and viewers are refused; a bad date is refused', async () => {
    const env = await freshCore({ now });
    const coord = await signIn(env.core, 'coordinator');
    const member = await signIn(env.core, 'member');
    const since = new Date(clock - 1).toISOString();
    later(1);
    await ok(env.core, 'admin.saveUser', { username: 'nou', displayName: 'Nou', role: 'viewer', password: 'parola-sigura-123', active: true }, coord);
    expect((await ok(env.core, 'reports.changes', { since }, member)).entries.map((e) => e.entity)).not.toContain('user');
    for (const role of ['evaluator', 'viewer'] as const) {
      const r = await call(env.core, 'reports.changes', { since }, await signIn(env.core, role));
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
    const bad = await call(env.core, 'reports.changes', { since: 'ieri' }, coord);
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION');
  });
});
