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
    expect(nextBatchSize(100, 80)).toBe(25);
    expect(nextBatchSize(100, 20)).toBe(100);
    expect(nextBatchSize(100, 5)).toBe(400);
    // Never empty, however slow; never more than 2,000 risks, however quick (nor divided by a zero time).
    expect(nextBatchSize(10, 10_000)).toBe(1);
    expect(nextBatchSize(1000, 0)).toBe(2000);
  });
});
