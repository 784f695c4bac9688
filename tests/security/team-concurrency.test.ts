import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeScimRegister } from '../bench/risks';
import { tempDir } from '../db/helpers';
import { closeAll, serve } from './helpers';

afterEach(closeAll);

/**
 * Team mode (issue 13, item 4): one user's long import does not hold back everyone else. While it writes, other
 * users' reads are answered from the last committed state — never half of the import — and their saves wait
 * their turn and succeed.
 */
describe('a long import on the team server', () => {
  it('lets other users read (never half of it) and save while it runs', async () => {
    const s = await serve();
    const importer = await s.user('member');
    const reader = await s.user('member');
    const writer = await s.user('member');
    const ROWS = 2000;
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, ROWS);

    const t0 = Date.now();
    let running = true;
    const importing = importer
      .call('risks.importExcel', { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false })
      .then((r) => {
        running = false;
        return r;
      });
    while (s.server.core.runningJobs() === 0) await new Promise((r) => setTimeout(r, 2));

    const reads: Array<{ ms: number; total: number; saved: number }> = [];
    const saves: string[] = [];
    const readLoop = (async () => {
      while (running) {
        const t = Date.now();
        const r = await reader.ok('risks.list', { limit: 1 });
        reads.push({ ms: Date.now() - t, total: r.total, saved: saves.length });
      }
    })();
    const saveLoop = (async () => {
      for (let i = 0; running; i++) {
        const r = await writer.ok('risks.save', {
          description: `Risc salvat în timpul importului ${i}`,
          category: 'operational',
          inherentProbability: 2,
          inherentImpact: 3,
        });
        saves.push(r.id);
      }
    })();
    const imported = await importing;
    await Promise.all([readLoop, saveLoop]);
    const importMs = Date.now() - t0;

    expect(imported.body.ok, JSON.stringify(imported.body)).toBe(true);
    // Every read saw the register before the import or after it, plus the saves made so far: never part of the import.
    for (const r of reads) expect(r.total <= r.saved + 1 || r.total >= ROWS, `a read saw ${r.total} risks`).toBe(true);
    expect(reads.some((r) => r.total < ROWS)).toBe(true);
    // Reads went on during the import instead of queueing behind it (one connection held them for most of it).
    const slowest = Math.max(...reads.map((r) => r.ms));
    expect(slowest, `slowest read ${slowest} ms of a ${importMs} ms import`).toBeLessThan(importMs / 4);
    // Saves made while it ran are all there.
    const all = await reader.ok('risks.list', { limit: 1 });
    expect(all.total).toBe(ROWS + saves.length);
  });
});
