import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFigures } from '../../db/copy';
import { openDatabase } from '../../db/connection';
import { copyStore as copyLocations } from '../../db/transfer';
import { attachmentPath } from '../../electron/core/attachments';
import { dbPath } from '../../electron/core';
import { freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** A data folder with a user, an audited change and an evidence file, closed so another process may read it. */
async function storeWithData() {
  const { core, dataDir } = await freshCore();
  const coord = await signIn(core);
  const ind = (await ok(core, 'plan.listIndicators', {}, coord)).find((i) => i.code === 'I2.6')!;
  const content = Buffer.from('Listă de prezență – sesiunea 1');
  const m = await ok(
    core,
    'plan.addMeasurement',
    {
      indicatorId: ind.id,
      date: '2023-06-01',
      value: 3,
      evidence: [{ fileName: 'prezenta.txt', mimeType: 'text/plain', contentBase64: content.toString('base64') }],
    },
    coord,
  );
  await core.close();
  return { dataDir, sha: m.evidence[0].sha256 };
}

const figures = async (dir: string) => {
  const c = openDatabase(dbPath(dir), { readonly: true, fileMustExist: true });
  try {
    return await tableFigures(c.db);
  } finally {
    await c.close();
  }
};

const copyStore = (o: { fromDir: string; toDir: string; force?: boolean; failAfterTable?: string }) =>
  copyLocations({ from: { engine: 'sqlite', dir: o.fromDir }, to: { engine: 'sqlite', dir: o.toDir }, force: o.force, failAfterTable: o.failAfterTable });

describe('db copy: a whole store moves to another place, all or nothing', () => {
  it('copies every table, the audit log and every evidence file, with the same rows and checksums on both sides', async () => {
    const { dataDir, sha } = await storeWithData();
    const to = path.join(tempDir(), 'copie');
    const r = await copyStore({ fromDir: dataDir, toDir: to });
    expect(r.target!.map((t) => [t.table, t.rows, t.checksum])).toEqual(r.source.map((t) => [t.table, t.rows, t.checksum]));
    expect(await figures(to)).toEqual(await figures(dataDir));
    expect(r.source.find((t) => t.table === 'audit_log')!.rows).toBeGreaterThan(0);
    expect(await peek(to, 'select * from audit_log order by id')).toEqual(await peek(dataDir, 'select * from audit_log order by id'));
    expect(fs.readFileSync(attachmentPath(to, sha))).toEqual(fs.readFileSync(attachmentPath(dataDir, sha)));
    expect(r.attachments.source.files).toBe(1);
    expect(r.attachments.target).toEqual(r.attachments.source);
    // The copy opens in the app as the original does.
    const { core } = await freshCore({ dataDir: to });
    const coord = await signIn(core);
    expect((await ok(core, 'plan.listCommitments', {}, coord)).map((c) => c.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('refuses a target that already holds data unless forced, and then keeps the replaced database', async () => {
    const { dataDir } = await storeWithData();
    const { dataDir: other, core } = await freshCore();
    await core.close();
    const before = await snapshot(other);
    await expect(copyStore({ fromDir: dataDir, toDir: other })).rejects.toThrow(/already holds a PLA Desk database with data; add --force/);
    expect(await snapshot(other)).toEqual(before);
    const r = await copyStore({ fromDir: dataDir, toDir: other, force: true });
    expect(r.replacedKeptAt).toMatch(/backups\/before-copy-/);
    expect(fs.existsSync(r.replacedKeptAt!)).toBe(true);
    expect(await figures(other)).toEqual(await figures(dataDir));
  });

  it('leaves the target untouched when an evidence file does not match its hash', async () => {
    const { dataDir, sha } = await storeWithData();
    fs.writeFileSync(attachmentPath(dataDir, sha), 'altered');
    const to = path.join(tempDir(), 'copie');
    await expect(copyStore({ fromDir: dataDir, toDir: to })).rejects.toThrow(/does not match its SHA-256/);
    expect(fs.existsSync(to)).toBe(false);
  });

  it('a copy that fails half-way leaves nothing: not in a new folder, not in a forced one', async () => {
    const { dataDir } = await storeWithData();
    const to = path.join(tempDir(), 'copie');
    await expect(copyStore({ fromDir: dataDir, toDir: to, failAfterTable: 'plans' })).rejects.toThrow(/stopped after plans/);
    expect(fs.existsSync(to)).toBe(false);
    const { dataDir: other, core } = await freshCore();
    await core.close();
    const before = await figures(other);
    await expect(copyStore({ fromDir: dataDir, toDir: other, force: true, failAfterTable: 'plans' })).rejects.toThrow(/stopped after plans/);
    expect(await figures(other)).toEqual(before);
    expect(fs.readdirSync(other).filter((f) => f.includes('copying'))).toEqual([]);
  });

  it('from the command line: a dry run writes nothing; the copy prints rows and checksums per table; an unreachable server is named', async () => {
    const { dataDir } = await storeWithData();
    const to = path.join(tempDir(), 'copie');
    const dry = cli(['db', 'copy', '--from', `sqlite:${dataDir}`, '--to', `sqlite:${to}`, '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/audit_log\s+\d+\s+[0-9a-f]{16}/);
    expect(dry.out).toContain('nothing was written');
    expect(fs.existsSync(to)).toBe(false);
    const real = cli(['db', 'copy', '--from', `sqlite:${dataDir}`, '--to', `sqlite:${to}`]);
    expect(real.code, real.err).toBe(0);
    expect(real.out).toMatch(/every table matches/);
    expect(real.out).not.toContain('DIFFERS');
    const again = cli(['db', 'copy', '--from', `sqlite:${dataDir}`, '--to', `sqlite:${to}`]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/add --force/);
    const pg = cli(['db', 'copy', '--from', `sqlite:${dataDir}`, '--to', 'postgres://pla:secret@127.0.0.1:1/pla']);
    expect(pg.code).toBe(1);
    expect(pg.err).toMatch(/cannot reach the PostgreSQL server postgres:\/\/pla:\*\*\*@127\.0\.0\.1:1\/pla: .*ECONNREFUSED.*; nothing was written/);
    expect(pg.err).not.toContain('secret');
    const bad = cli(['db', 'copy', '--from', `sqlite:${dataDir}`, '--to', 'mysql://x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--to must be sqlite:DIR \(a data folder\) or postgres:\/\//);
  });

  it('every command that takes --data-dir also takes --database sqlite:DIR', async () => {
    const { dataDir } = await storeWithData();
    expect(cli(['plan', 'export', '--help']).out).toContain('--database URL');
    const out = path.join(tempDir(), 'plan.xlsx');
    const r = cli(['plan', 'export', '--database', `sqlite:${dataDir}`, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const env = spawnSync(process.execPath, [BIN, 'plan', 'export', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, PLA_DESK_DATABASE: 'mysql://x' },
    });
    expect(env.status).toBe(2);
    expect(env.stderr).toMatch(/PLA_DESK_DATABASE must be sqlite:DIR/);
  });
});
