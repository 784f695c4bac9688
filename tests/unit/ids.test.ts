import { describe, expect, it } from 'vitest';
import { newId } from '../../electron/core/util';

/** Record ids (UUIDv7) are made from pooled random bytes (one system call per 256 ids, an import makes 200,000 of them). */
describe('record ids', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('are UUIDv7, all different, and sort in the order they were made, across many pool refills in one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carry the time they were made', () => {
    const before = Date.now();
    const id = newId();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('differ in their random part between two ids of different milliseconds (no pool slice reused)', async () => {
    const a = newId();
    await new Promise((r) => setTimeout(r, 3));
    const b = newId();
    expect(a.slice(-12)).not.toBe(b.slice(-12));
  });
});
