import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Job } from '../../electron/contract';
import { createCore, headlessPlatform, type Core } from '../../electron/core';
import { call, freshCore, ok, peek, storeOptions, tempDir, TEST_ENGINE } from './helpers';

/**
 * Issue 13, item 2: on PostgreSQL the store's files live in the database, so one pg_dump covers everything and a
 * team server's work folder holds nothing that matters. A site built from the store carries its evidence files;
 * a dataset's source and cleaned file are kept in data_files, and a core that shares the database but not the
 * work folder (another server, or one whose folder was wiped) finds them. On SQLite both stay in the data folder.
 */

const DAY = '2026-11-27';
const NOW = () => new Date('2026-11-27T09:00:00Z');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Files under a folder, relative, with / separators (none when the folder is absent). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A second core on the same store as `dataDir` (its database on PostgreSQL) with its own, empty work folder. */
async function coreSharingStoreOf(dataDir: string): Promise<{ core: Core; dataDir: string }> {
  const other = tempDir();
  const core = await createCore({ dataDir: other, platform: headlessPlatform('browser'), now: NOW, ...(await storeOptions(dataDir)) });
  return { core, dataDir: other };
}

async function done(core: Core, jobId: string): Promise<Job> {
  const job = await core.waitForJob(jobId);
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  return job;
}

async function packageOf(core: Core, datasetId: string): Promise<Record<string, string>> {
  const { jobId } = await ok(core, 'datasets.exportPackage', { id: datasetId, withBom: true });
  const folder = ((await done(core, jobId)).result as { folder: string }).folder;
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(folder, f), 'utf8')]),
  );
}

describe(`the store's files (${TEST_ENGINE})`, () => {
  test('a site built from the store contains the evidence file, byte for byte, wherever the store keeps it', async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    await ok(core, 'publishing.saveSiteSettings', {
      siteUrl: '',
      contactEmail: 'transparenta@primariatm.example',
      publisher: 'Primăria Municipiului Timișoara',
      riskSummary: false,
      evidenceFiles: true,
      expectedUpdatedAt: null,
    });
    const [action] = await ok(core, 'plan.listActions', {});
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4 raport de activitate\n'), Buffer.alloc(600_000, 0x41)]); // more than two chunks of attachment_blobs
    const update = await ok(core, 'plan.addProgressUpdate', {
      actionId: action.id,
      date: '2026-03-02',
      progress: 40,
      note: 'Raport',
      evidence: [{ fileName: 'Raport activitate.pdf', contentBase64: b64(pdf) }],
    });
    const sha = update.evidence[0].sha256;
    if (TEST_ENGINE === 'postgres') {
      expect(filesUnder(path.join(dataDir, 'attachments'))).toEqual([]); // the evidence is in the database only
      expect((await peek<{ n: number }>(dataDir, 'select count(*) as n from attachment_blobs where sha256 = ?', sha))[0].n).toBe(3);
    }

    const out = path.join(dataDir, 'site');
    await done(core, (await ok(core, 'publishing.buildSite', { publicationDate: DAY })).jobId);
    expect(fs.readFileSync(path.join(out, 'dovezi', sha.slice(0, 16), 'raport-activitate.pdf')).equals(pdf)).toBe(true);
    expect(filesUnder(path.join(dataDir, 'site-work'))).toEqual([]); // the copies written for the build are gone

    // A core with an empty work folder of its own (another machine, or a wiped folder): on PostgreSQL it shares the
    // store and builds the same evidence; a SQLite store is its data folder, so there it is a store of its own, without it.
    const { core: server, dataDir: work } = await coreSharingStoreOf(dataDir);
    try {
      if (TEST_ENGINE !== 'postgres') {
        expect((await peek<{ n: number }>(work, 'select count(*) as n from attachments where sha256 = ?', sha))[0].n).toBe(0);
        expect(filesUnder(path.join(work, 'attachments'))).toEqual([]);
        return;
      }
      await done(server, (await ok(server, 'publishing.buildSite', { publicationDate: DAY })).jobId);
      expect(fs.readFileSync(path.join(work, 'site', 'dovezi', sha.slice(0, 16), 'raport-activitate.pdf')).equals(pdf)).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a dataset imported and cleaned keeps its files in the store: a core sharing the database but not the folder exports it identically and cleans it again', async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const dataset = await ok(core, 'datasets.save', {
      name: 'Parcuri',
      slug: 'parcuri',
      holderInstitution: 'Primăria Municipiului Timișoara',
      holderDepartment: 'Direcția de Mediu',
      description: 'Parcuri',
      legalBasis: 'Legea 24/2007',
      containsPersonalData: false,
      format: 'CSV',
      updateFrequency: 'monthly',
      publicationStatus: 'identified',
      scoreValue: 5,
      scoreDemand: 4,
      scoreReadiness: 3,
      scoreRisk: 2,
      hvdCategory: 'geospatial',
      responsiblePerson: 'Ana',
      keywords: ['parcuri'],
      theme: 'ENVI',
      maintainer: 'Direcția de Mediu',
      maintainerEmail: 'mediu@primariatm.ro',
      spatial: 'Timișoara',
      temporalStart: null,
      temporalEnd: null,
      publicBaseUrl: 'https://data.timisoara.ro/date/parcuri',
    });
    const imp = await ok(core, 'datasets.importFile', {
      datasetId: dataset.id,
      fileName: 'parcuri.csv',
      contentBase64: b64('cod,denumire\n1,Parcul Rozelor\n2,Parcul Central\n'),
    });
    await done(core, (await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' })).jobId);
    const stored = await peek<{ path: string }>(dataDir, 'select path from data_files order by path');
    const importFiles = [`datasets/${dataset.id}/imports/${imp.id}/clean.csv`, `datasets/${dataset.id}/imports/${imp.id}/source.csv`];
    if (TEST_ENGINE === 'postgres') {
      expect(stored.map((r) => r.path)).toEqual(importFiles);
      expect(filesUnder(path.join(dataDir, 'datasets'))).toEqual([]); // nothing in the work folder
    } else {
      expect(stored).toEqual([]);
      expect(filesUnder(path.join(dataDir, 'datasets')).map((f) => `datasets/${f}`)).toEqual(importFiles);
    }
    const here = await packageOf(core, dataset.id);
    expect(here['parcuri.csv']).toBe('cod,denumire\n1,Parcul Rozelor\n2,Parcul Central\n');

    const { core: server } = await coreSharingStoreOf(dataDir);
    try {
      if (TEST_ENGINE !== 'postgres') {
        // a SQLite store is its data folder: a core on another folder does not know the dataset
        expect(await call(server, 'datasets.exportPackage', { id: dataset.id, withBom: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        return;
      }
      expect(await packageOf(server, dataset.id)).toEqual(here);
      const preview = await ok(server, 'datasets.previewSteps', { importId: imp.id, limit: 5 });
      expect(preview.before.rows).toEqual([
        ['1', 'Parcul Rozelor'],
        ['2', 'Parcul Central'],
      ]);
      // cleaning again reads the source from the database and replaces the clean file's row (its old content goes with it)
      await done(server, (await ok(server, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' })).jobId);
      expect(await packageOf(server, dataset.id)).toEqual(here);
      const blobs = await peek<{ n: number }>(dataDir, 'select count(distinct sha256) as n from attachment_blobs');
      const named = await peek<{ n: number }>(dataDir, 'select count(distinct sha256) as n from data_files');
      expect(Number(blobs[0].n)).toBe(Number(named[0].n));
    } finally {
      await server.close();
    }
  });
});
