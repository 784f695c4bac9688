import { describe, expect, it } from 'vitest';
import { nextBatchSize, STAGE_BATCH_MS } from '../../electron/core/risks/staging';

/**
 * A risk import stages its new risks in batches that each hold the store (and, on SQLite, the server's one thread)
 * for about STAGE_BATCH_MS: the next batch is sized from the pace of the last one, so a busy machine gets smaller
 * batches (the others' requests wait less) and an idle one fewer, larger ones (fewer commits).
 */
describe("a risk import's batches", () => {
  it('shrink when the last batch took longer than its time and grow when it was quicker, within bounds', () => {
    expect(STAGE_BATCH_MS).toBe(20);
    expect(nextBatchSize(128, 80)).toBe(32);
    expect(nextBatchSize(128, 20)).toBe(128);
    expect(nextBatchSize(128, 5)).toBe(512);
    // Never empty, however slow; never more than 2,048 risks, however quick (nor divided by a zero time).
    expect(nextBatchSize(10, 10_000)).toBe(1);
    expect(nextBatchSize(1000, 0)).toBe(2048);
  });

  it('are powers of two, so their multi-row statements repeat a dozen SQL texts rather than one per batch', () => {
    const sizes = new Set<number>();
    for (let ms = 1; ms < 400; ms += 3) sizes.add(nextBatchSize(97, ms));
    for (const s of sizes) expect(Math.log2(s) % 1).toBe(0);
    expect(sizes.size).toBeLessThanOrEqual(12);
  });
});
