import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli';
import { zipBombWorkbook } from '../fixtures/imports/zips';
import { snapshot } from '../db/helpers';
import { serve, tempDir } from './helpers';

/**
 * Issue 12, finding 3: a workbook of about 1 MB that inflates to 1 GB, sent to every workbook import over
 * HTTP (browser mode) and through the CLI. Each is refused at once with the Romanian reason, nothing is
 * written, the server keeps answering and the process does not swell by hundreds of MB.
 */

const BIN = path.resolve('bin/pla-desk.js');
const MB = 1024 * 1024;
const REASON = /„bombă zip”.*nu s-a scris nimic/;

function bomb(sheet: string, headers: string[]) {
  const file = path.join(tempDir(), 'bomba.xlsx');
  const { bytes, inflated } = zipBombWorkbook(file, { sheet, headers, mib: 1024 });
  expect(bytes).toBeLessThan(5 * MB);
  expect(inflated).toBeGreaterThanOrEqual(1024 * MB);
  return file;
}

describe('a zip bomb sent to browser mode', () => {
  it('is refused by the risks, training, stakeholders, funding and proposals imports; nothing written, the server still answers, memory stays flat', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const campaign = await coord.ok('budgeting.saveCampaign', {
      name: 'Timișoara Decide 2026',
      totalBudget: 50_000_000,
      rubric: { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null },
    });
    const contentBase64 = fs.readFileSync(bomb('Registrul riscurilor', ['Descrierea riscului'])).toString('base64');
    const calls: Array<[string, Record<string, unknown>]> = [
      ['risks.importExcel', {}],
      ['training.importExcel', {}],
      ['stakeholders.importExcel', {}],
      ['funding.importExcel', {}],
      ['budgeting.importProposals', { campaignId: campaign.id }],
    ];
    const before = await snapshot(s.dataDir);
    const rss0 = process.memoryUsage().rss;
    for (const [method, extra] of calls) {
      const t0 = performance.now();
      const r = await coord.call(method, { ...extra, fileName: 'bomba.xlsx', contentBase64 });
      expect(performance.now() - t0, method).toBeLessThan(3000);
      expect(r.body, method).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(r.body.error.message, method).toMatch(REASON);
      expect(JSON.stringify(r.body.error.details), method).toContain('zip_bomb');
    }
    const grown = process.memoryUsage().rss - rss0;
    expect(grown / MB).toBeLessThan(300);
    expect(await snapshot(s.dataDir)).toEqual(before);
    // Still serving, and still serving this user.
    expect((await coord.call('risks.list', {})).body).toMatchObject({ ok: true });
    expect((await s.client().get('/')).status).toBe(200);
  }, 60_000);
});

describe('a zip bomb given to the CLI', () => {
  it('`pla-desk risks import --file bomba.xlsx` refuses it in Romanian with a non-zero exit, writes nothing and does not swell', async () => {
    const dataDir = tempDir();
    expect(await quiet(() => main(['init', '--data-dir', dataDir]))).toBe(0);
    const file = bomb('Registrul riscurilor', ['Descrierea riscului']);
    const before = await snapshot(dataDir);

    // In-process, so the memory it takes is this process's.
    const rss0 = process.memoryUsage().rss;
    const errors: string[] = [];
    const code = await quiet(() => main(['risks', 'import', '--data-dir', dataDir, '--file', file]), errors);
    expect((process.memoryUsage().rss - rss0) / MB).toBeLessThan(300);
    expect(code).not.toBe(0);
    expect(errors.join('\n')).toMatch(REASON);
    expect(await snapshot(dataDir)).toEqual(before);

    // The installed command, as a Romanian operator runs it: refused at once with the reason (not a generic
    // "Valoare nevalidă."), its peak memory far below the 1 GB inside.
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, BIN, 'risks', 'import', '--data-dir', dataDir, '--file', file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PLA_DESK_LANG: 'ro' },
    });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(REASON);
    expect(r.stderr).toContain('Corectați valoarea');
    expect(r.stderr).not.toContain('Valoare nevalidă');
    const maxRssKb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
    expect(maxRssKb / 1024).toBeLessThan(400);
    expect(seconds).toBeLessThan(30);
    expect(await snapshot(dataDir)).toEqual(before);
  }, 120_000);
});

/** Runs a CLI call with its console output kept (errors into `errors`), not printed. */
async function quiet(fn: () => Promise<number>, errors: string[] = []): Promise<number> {
  const { log, error } = console;
  console.log = () => {};
  console.error = (...a: unknown[]) => errors.push(a.join(' '));
  try {
    return await fn();
  } finally {
    console.log = log;
    console.error = error;
  }
}
