import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegister } from '../../electron/core/risks/excel';
import { writeScimRegister } from '../bench/risks';

/** The risk import's read in its worker thread (issue 13): the rows it read so far along the way, and a cancel that stops it. */
describe("the risk import's read in a worker thread", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-risks-read-worker-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives every row with its values, and tells how many rows it has read along the way', async () => {
    const file = path.join(dir, 'registru.xlsx');
    await writeScimRegister(file, 2500);
    const progress: number[] = [];
    const read = await readRegister(file, { onProgress: (n) => progress.push(n) });
    expect(read.errors).toEqual([]);
    expect(read.rows).toHaveLength(2500);
    expect(read.rows[0]).toMatchObject({ row: 2, values: { description: 'Riscul 1: întârzieri în activitatea 1', inherentProbability: 2, code: '' } });
    expect(progress).toEqual([1000, 2000]);
  }, 60_000);

  it('stops when cancelled, with nothing read', async () => {
    const file = path.join(dir, 'registru-mare.xlsx');
    await writeScimRegister(file, 2500);
    const ac = new AbortController();
    const read = readRegister(file, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(read).rejects.toMatchObject({ code: 'INTERNAL', message: 'cancelled' });
  }, 60_000);
});
