import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../electron/contract';
import { createCore, type Connection, type Core, type EventAudience } from '../../electron/core';
import { headlessPlatform } from '../../electron/core/platform';
import { dataChangedNotifier } from '../../electron/core/live';
import { broadcastEvent } from '../../electron/server';
import { followDataChanges, keysToRefresh } from '../../renderer/src/api/live';
import { backoffMs, createConnectionMonitor } from '../../renderer/src/api/connection';
import { differingFields, mergeVersions, sameValue } from '../../renderer/src/ui/conflict';

/**
 * Team mode, live: when a colleague saves, every signed-in screen hears which module changed (nothing more) and
 * refetches it; while the server is away the app says so and retries with a growing pause; two versions of one
 * record are compared field by field.
 */

const SYSTEM: Connection = { sessionId: null, system: true };

describe('a save tells every signed-in screen which module changed', () => {
  let core: Core;
  beforeAll(async () => {
    core = await createCore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'team-live-')), platform: headlessPlatform('cli') });
  });
  afterAll(async () => core?.close());

  it('saving a risk announces `risks` once, without the record, to the roles that read the register (not evaluators)', async () => {
    const heard: [CoreEvent, EventAudience][] = [];
    const stop = core.onEvent((e, a) => heard.push([e, a]));
    try {
      const r = await core.call(
        'risks.save',
        { code: 'R-1', description: 'Întârzieri la achiziții', category: 'operational', inherentProbability: 3, inherentImpact: 4 },
        SYSTEM,
      );
      expect(r.ok).toBe(true);
      await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 3_000 });
      expect(heard[0]).toEqual([
        { type: 'changed', module: 'risks' },
        { userId: null, everyone: true, roles: ['coordinator', 'member', 'viewer'] },
      ]);
      expect(JSON.stringify(heard[0][0])).not.toContain('achiziții');
    } finally {
      stop();
    }
  });

  it('reads and refused saves announce nothing', async () => {
    const heard: CoreEvent[] = [];
    const stop = core.onEvent((e) => heard.push(e));
    try {
      await core.call('risks.list', {}, SYSTEM);
      const bad = await core.call('risks.save', { code: 'R-2', description: '', category: 'operational', inherentProbability: 9, inherentImpact: 4 }, SYSTEM);
      expect(bad.ok).toBe(false);
      await new Promise((r) => setTimeout(r, 400));
      expect(heard).toEqual([]);
    } finally {
      stop();
    }
  });

  it('a burst of writes is one notice per module; sign-in and sign-out are not news', async () => {
    vi.useFakeTimers();
    try {
      const sent: CoreEvent[] = [];
      const notify = dataChangedNotifier((e) => sent.push(e), 150);
      for (let i = 0; i < 50; i++) notify('risks.importCommit');
      notify('plan.saveAction');
      notify('admin.login');
      notify('admin.logout');
      notify(undefined);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(150);
      expect(sent).toEqual([
        { type: 'changed', module: 'risks' },
        { type: 'changed', module: 'plan' },
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the server streams a notice to every signed-in session, a job only to its owner', () => {
  const stream = () => {
    const lines: string[] = [];
    let ended = false;
    const res = { write: (l: string) => lines.push(l), end: () => (ended = true) } as unknown as http.ServerResponse;
    return { res, lines, ended: () => ended };
  };
  it('routes by audience and closes the streams of ended sessions', async () => {
    const ana = stream();
    const radu = stream();
    const gone = stream();
    const users: Record<string, string | null> = { a: 'u-ana', r: 'u-radu', g: null };
    const streams = new Map<http.ServerResponse, Connection>([
      [ana.res, { sessionId: 'a' }],
      [radu.res, { sessionId: 'r' }],
      [gone.res, { sessionId: 'g' }],
    ]);
    const core = {
      userOf: (c: Connection) => users[c.sessionId ?? ''] ?? null,
      roleOf: async (c: Connection) => (c.sessionId === 'r' ? ('evaluator' as const) : ('member' as const)),
    };
    await broadcastEvent(core, streams, { type: 'changed', module: 'plan' }, { userId: null, everyone: true });
    expect(ana.lines).toEqual(['data: {"type":"changed","module":"plan"}\n\n']);
    expect(radu.lines).toEqual(ana.lines);
    expect(gone.ended()).toBe(true);
    expect(streams.size).toBe(2);
    // Radu evaluates: the risk register is none of his business, not even that it changed.
    await broadcastEvent(core, streams, { type: 'changed', module: 'risks' }, { userId: null, everyone: true, roles: ['coordinator', 'member', 'viewer'] });
    expect(ana.lines).toHaveLength(2);
    expect(radu.lines).toHaveLength(1);
    const job = { type: 'job', job: { id: 'j1' } } as unknown as CoreEvent;
    await broadcastEvent(core, streams, job, { userId: 'u-radu' });
    await broadcastEvent(core, streams, job, { userId: null });
    expect(ana.lines).toHaveLength(2);
    expect(radu.lines).toHaveLength(2);
  });
});

describe('the renderer refetches what changed', () => {
  it('a module, with the plan and reports that count it; users only refresh administration', () => {
    expect(keysToRefresh(['risks']).sort()).toEqual(['plan', 'reports', 'risks']);
    expect(keysToRefresh(['admin'])).toEqual(['admin']);
  });

  it('gathers notices and invalidates each key once; job events are not data changes', () => {
    vi.useFakeTimers();
    try {
      let push: (e: CoreEvent) => void = () => {};
      const invalidated: unknown[] = [];
      const stop = followDataChanges(
        (cb) => {
          push = cb;
          return () => (push = () => {});
        },
        { invalidateQueries: (f?: { queryKey?: unknown }) => (invalidated.push(f?.queryKey), Promise.resolve()) } as never,
        300,
      );
      push({ type: 'changed', module: 'risks' });
      push({ type: 'changed', module: 'training' });
      push({ type: 'changed', module: 'risks' });
      push({ type: 'job', job: { id: 'j' } } as unknown as CoreEvent);
      expect(invalidated).toEqual([]);
      vi.advanceTimersByTime(300);
      expect(invalidated.map((k) => (k as string[])[0]).sort()).toEqual(['plan', 'reports', 'risks', 'training']);
      stop();
      push({ type: 'changed', module: 'plan' });
      vi.advanceTimersByTime(1_000);
      expect(invalidated).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an unreachable server', () => {
  it('is noticed at the first failed call, probed with a growing pause (1, 2, 4 … 30 s), and noticed back at the first answer', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    let up = false;
    const probes: number[] = [];
    const reconnected: number[] = [];
    const m = createConnectionMonitor({
      probe: async () => (probes.push(1), up),
      now: () => 0,
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
    });
    m.onReconnect(() => reconnected.push(1));
    m.report(false);
    expect(m.state().online).toBe(true);
    m.report(true);
    expect(m.state()).toEqual({ online: false, attempts: 0, nextRetryAt: 1_000 });
    m.report(true); // more failures while down do not restart the clock
    expect(timers.map((t) => t.ms)).toEqual([1_000]);
    for (const expected of [2_000, 4_000, 8_000]) {
      timers.at(-1)!.fn();
      await vi.waitFor(() => expect(timers.at(-1)!.ms).toBe(expected));
    }
    expect(m.state().attempts).toBe(3);
    expect(backoffMs(10)).toBe(30_000);
    up = true;
    m.retryNow();
    await vi.waitFor(() => expect(m.state().online).toBe(true));
    expect(m.state()).toEqual({ online: true, attempts: 0, nextRetryAt: null });
    expect(reconnected).toEqual([1]);
    expect(probes).toHaveLength(4);
  });
});

describe('two versions of a record', () => {
  const fields = [
    { name: 'description', label: 'Descriere' },
    { name: 'deadline', label: 'Termen' },
    { name: 'actionIds', label: 'Acțiuni' },
    { name: 'owner', label: 'Responsabil' },
  ];
  const mine = { description: 'Textul meu', deadline: dayjs('2026-05-01'), actionIds: ['b', 'a'], owner: null };
  const theirs = { description: 'Textul colegului', deadline: '2026-05-01', actionIds: ['a', 'b'], owner: 'Ana', updatedBy: 'x' };

  it('compare by what they show: the same date or the same links in another order are not a difference', () => {
    expect(sameValue(dayjs('2026-05-01'), '2026-05-01')).toBe(true);
    expect(sameValue(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameValue([], null)).toBe(true);
    expect(sameValue('', 'x')).toBe(false);
    expect(differingFields(fields, mine, theirs).map((f) => f.name)).toEqual(['description', 'owner']);
  });

  it('merge field by field on top of the saved version', () => {
    const differing = differingFields(fields, mine, theirs);
    expect(mergeVersions(differing, mine, theirs, { owner: 'theirs' })).toMatchObject({ description: 'Textul meu', owner: 'Ana', updatedBy: 'x' });
    expect(mergeVersions(differing, mine, theirs, { description: 'theirs', owner: 'mine' })).toMatchObject({ description: 'Textul colegului', owner: null });
  });
});
