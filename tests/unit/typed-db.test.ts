import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemWrite, type ReadDb, type WriteTx } from '../../db/access';
import type { Db, Tx } from '../../db/connection';
import { insertAudit } from '../../db/queries/admin';
import { voteCampaignNo } from '../../db/queries/budgeting';
import { replaceRiskLinks } from '../../db/queries/risks';
import { getRow, insertRow, updateRowIfCurrent } from '../../db/queries/rows';
import { insertSession } from '../../db/queries/server';
import { rebuildCompletions } from '../../db/queries/training';
import type { ServiceContext } from '../../electron/core/context';
import { insertAudited } from '../../electron/core/writes';

/**
 * Reads and writes typed apart (db/access.ts). The first block is checked by tsc (`npm run typecheck` covers tests/):
 * each `@ts-expect-error` line is a write through a handle that may only read; were a write query to accept it
 * again, the directive would be unused and the typecheck would fail. The functions never run.
 */
const row = {} as Parameters<typeof insertRow<'risks'>>[2];

export function aWriteNeedsTheAuditedTransaction(ctx: ServiceContext, db: Db, plainTx: Tx) {
  // @ts-expect-error the database handle of a service cannot write
  void insertRow(ctx.db, 'risks', row);
  // @ts-expect-error nor can a transaction opened outside ctx.tx
  void updateRowIfCurrent(plainTx, 'risks', 'id', 'at', {});
  // @ts-expect-error the audit log is written in the audited transaction only
  void insertAudit(db, {} as Parameters<typeof insertAudit>[1]);
  // @ts-expect-error a module's write query (risks)
  void replaceRiskLinks(ctx.db, 'risk', [], []);
  // @ts-expect-error numbering a campaign's votes writes
  void voteCampaignNo(ctx.db, 'campaign', true);
  // @ts-expect-error derived tables too (training completions)
  void rebuildCompletions(plainTx);
  // @ts-expect-error server state (sessions) is a system write, named as such
  void insertSession(db, {} as Parameters<typeof insertSession>[1]);
  // @ts-expect-error core's audited helpers take the audited transaction as well
  void insertAudited(ctx, plainTx, 'risks', 'risk', {});
}

export function whatCompiles(ctx: ServiceContext, db: Db, plainTx: Tx) {
  // Reads take any handle: the database, a plain transaction, the audited one.
  const reads: ReadDb[] = [db, plainTx];
  void getRow(ctx.db, 'risks', 'id');
  void voteCampaignNo(plainTx, 'campaign');
  // The audited transaction of ctx.tx writes.
  void ctx.tx(async (trx) => {
    reads.push(trx);
    await insertRow(trx, 'risks', row);
    await insertAudited(ctx, trx, 'risks', 'risk', {});
    return voteCampaignNo(trx, 'campaign', true);
  });
  // A write that is not a user's change says why.
  void insertSession(systemWrite(db, 'server-state'), {} as Parameters<typeof insertSession>[1]);
  void rebuildCompletions(systemWrite(plainTx, 'fixture'));
}

const root = path.resolve(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/**
 * The query functions of a db/queries file, exported or not: name, the type of their first parameter, and their text
 * (up to the next top-level function, so a module-private writer is judged on its own, not as part of the export above it).
 */
function queryFunctions(file: string) {
  const src = read(file);
  const heads = [...src.matchAll(/^(?:export )?(?:async )?function (\w+)(?:<[^(]*>)?\(\s*\w+: (\w+)|^(?:export )?const (\w+) = (?:async )?\(\s*\w+: (\w+)/gm)];
  return heads.map((m, i) => ({
    name: m[1] ?? m[3],
    handle: m[2] ?? m[4],
    text: src.slice(m.index, i + 1 < heads.length ? heads[i + 1].index : src.length),
  }));
}

const WRITES = /\.(insertInto|updateTable|deleteFrom|replaceInto)\(|\.appendRows\(|sql`\s*(insert|update|delete)\b/i;

describe('reads and writes typed apart', () => {
  it('every query function in db/queries that writes takes the write transaction (WriteTx)', () => {
    const loose: string[] = [];
    let writers = 0;
    for (const file of sources('db/queries')) {
      const fns = queryFunctions(file);
      // A function with an overload that writes (voteCampaignNo with create) is typed by its overloads.
      const writeOverloads = new Set(fns.filter((f) => f.handle === 'WriteTx').map((f) => f.name));
      for (const f of fns) {
        if (!WRITES.test(f.text)) continue;
        writers++;
        if (!writeOverloads.has(f.name)) loose.push(`${file}: ${f.name}(${f.handle})`);
      }
    }
    expect(loose).toEqual([]);
    expect(writers).toBeGreaterThan(40);
  });

  it('a WriteTx is made in two places only: core’s audited transaction and systemWrite', () => {
    const casts = ['db', 'electron', 'tests', 'scripts']
      .flatMap(sources)
      .filter((f) => f !== 'tests/unit/typed-db.test.ts' && /as WriteTx\b/.test(read(f)))
      .sort();
    expect(casts).toEqual(['db/access.ts', 'electron/core/writes.ts']);
    expect(read('electron/core/index.ts')).toMatch(/tx: \(fn\) => auditedTransaction\(db, fn/);
  });

  it('systemWrite changes nothing at run time: the handle itself comes back', () => {
    const handle = { kind: 'a Kysely handle' } as unknown as Db;
    const same: WriteTx = systemWrite(handle, 'fixture');
    expect(same).toBe(handle);
  });
});
