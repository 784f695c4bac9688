import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/index';
import { freshCore, ok, tempDir, TEST_ENGINE } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'datasets-module');

/** Runs `pla-desk …` in this process, capturing what it prints. */
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('pla-desk datasets export', () => {
  it('writes the CSV, the BOM copy, schema, datapackage.json, CKAN and DCAT-AP files for a dataset named by id or portal name', async () => {
    const { core, dataDir } = await freshCore();
    const d0 = await ok(core, 'datasets.save', { name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria Municipiului Timișoara' });
    const d = await ok(core, 'datasets.saveSteps', {
      id: d0.id,
      expectedUpdatedAt: d0.updatedAt,
      steps: [
        { op: 'trim', fields: [] },
        { op: 'cedilla', fields: [] },
      ],
    });
    const imp = await ok(core, 'datasets.importFile', {
      datasetId: d.id,
      fileName: 'p.csv',
      contentBase64: fs.readFileSync(path.join(FIXTURES, 'parcuri-2023-cp1250.csv')).toString('base64'),
    });
    const { jobId } = await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'windows-1250' });
    expect((await core.waitForJob(jobId)).status).toBe('done');

    const out = path.join(tempDir(), 'publicare');
    const r = await cli(['datasets', 'export', '--data-dir', dataDir, '--dataset', 'parcuri', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['ckan.json', 'datapackage.json', 'dcat.jsonld', 'parcuri-excel.csv', 'parcuri.csv', 'schema.json']);
    expect(r.out).toMatch(/parcuri\.csv\t\d+ B\tsha256:[0-9a-f]{64}/);
    expect(fs.readFileSync(path.join(out, 'parcuri.csv'), 'utf8')).toContain('Scuarul Piața Unirii');
    const dp = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
    expect(dp.resources[0].bytes).toBe(fs.statSync(path.join(out, 'parcuri.csv')).size);

    const byId = await cli(['datasets', 'export', '--data-dir', dataDir, '--dataset', d.id, '--out', path.join(out, 'b'), '--no-bom']);
    expect(byId.code).toBe(0);
    expect(fs.readdirSync(path.join(out, 'b'))).not.toContain('parcuri-excel.csv');
  });

  it('says in one line what is wrong: exit 2 for bad arguments, 1 for an unknown dataset or a missing database', async () => {
    const { dataDir } = await freshCore();
    const noOut = await cli(['datasets', 'export', '--data-dir', dataDir, '--dataset', 'x']);
    expect(noOut).toMatchObject({ code: 2 });
    expect(noOut.err).toMatch(/--out is required/);
    const unknown = await cli(['datasets', 'export', '--data-dir', dataDir, '--dataset', 'nu-exista', '--out', tempDir()]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no dataset nu-exista/);
    expect(unknown.err.split('\n')).toHaveLength(1);
    const noDb = await cli(['datasets', 'export', '--data-dir', path.join(tempDir(), 'gol'), '--dataset', 'x', '--out', tempDir()]);
    expect(noDb.code).toBe(1);
    // A data folder without its database file: on the PostgreSQL tier the CLI's store is PLA_DESK_DATABASE (the
    // test's server database), not a file in the folder, so the folder is not "missing" one; there the dataset is.
    expect(noDb.err).toMatch(TEST_ENGINE === 'sqlite' ? /no database/ : /no dataset x/);
    const help = await cli(['datasets', 'export', '--help']);
    expect(help).toMatchObject({ code: 0 });
    expect(help.out).toMatch(/Usage: pla-desk datasets export/);
  });
});
