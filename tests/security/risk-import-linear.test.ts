import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeScimRegister } from '../bench/risks';
import { freshCore, ok, tempDir } from '../db/helpers';

/**
 * Issue 12, finding 11: a long import holds the write lock, so it must be linear. The risk import used to look up
 * every existing code for each new risk without one (3,000 rows in 23 s, 20,000 in 592 s). Measured here without a
 * clock: the rows SQLite hands back to the import, for a register 4× larger, grow about 4× (linear), not 16×
 * (quadratic). The speed itself is in the bench (`npx tsx tests/bench/risks.ts import 20000 40000 80000`).
 */
async function rowsReadImporting(n: number): Promise<number> {
  const file = path.join(tempDir(), `scim-${n}.xlsx`);
  await writeScimRegister(file, n);
  const { core, dataDir } = await freshCore();
  const probe = (await import('better-sqlite3')).default;
  const db = new probe(path.join(dataDir, 'pla-desk.db'));
  const proto = Object.getPrototypeOf(db.prepare('select 1')) as { all: (...a: unknown[]) => unknown[]; get: (...a: unknown[]) => unknown };
  db.close();
  const { all, get } = proto;
  let rows = 0;
  proto.all = function (this: unknown, ...a: unknown[]) {
    const r = all.apply(this, a);
    rows += r.length;
    return r;
  };
  proto.get = function (this: unknown, ...a: unknown[]) {
    const r = get.apply(this, a);
    if (r !== undefined) rows++;
    return r;
  };
  try {
    const r = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false });
    expect(r.created).toBe(n);
  } finally {
    proto.all = all;
    proto.get = get;
  }
  return rows;
}

describe('the risk import is linear in the rows it reads', () => {
  it('a register 4× larger reads about 4× the rows, not 16×', async () => {
    const small = await rowsReadImporting(150);
    const large = await rowsReadImporting(600);
    expect(large / small, `rows read: ${small} for 150 risks, ${large} for 600`).toBeLessThan(6);
  });
});
