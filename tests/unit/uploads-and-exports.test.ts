import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, UPLOAD_LIMITS } from '../../electron/contract';
import type { ServiceContext } from '../../electron/core/context';
import { exportJob, replaceDirAtomically } from '../../electron/core/export-job';
import type { InternalCore } from '../../electron/core/handlers';
import { JobRunner } from '../../electron/core/jobs';
import { decodeBase64, isBase64, UPLOAD_IDLE_MS, UploadStore } from '../../electron/core/uploads';

const dirs: string[] = [];
const temp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-unit-uploads-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

const USER = '01890000-0000-7000-8000-000000000001';

describe('the upload store', () => {
  it('keeps each upload in its own file under its owner, joins the pieces in order, and deletes the file on cancel', () => {
    const dir = temp();
    const store = new UploadStore(dir);
    const { uploadId } = store.begin(USER, 'risks.importExcel', 'Registru Riscuri.XLSX', 6);
    const file = path.join(dir, 'tmp', 'uploads', USER, `${uploadId}.xlsx`);
    expect(fs.readFileSync(file)).toHaveLength(0);
    store.append(USER, uploadId, 0, Buffer.from('abc'));
    store.append(USER, uploadId, 3, Buffer.from('def'));
    expect(fs.readFileSync(file, 'utf8')).toBe('abcdef');
    store.cancel(USER, uploadId);
    expect(fs.existsSync(file)).toBe(false);
    expect(store.size).toBe(0);
  });

  it("refuses a size over the import's limit before creating anything", () => {
    const dir = temp();
    const store = new UploadStore(dir);
    expect(() => store.begin(USER, 'stakeholders.importExcel', 'p.xlsx', UPLOAD_LIMITS['stakeholders.importExcel'] + 1)).toThrow(AppError);
    expect(fs.existsSync(path.join(dir, 'tmp', 'uploads'))).toBe(false);
  });

  it('drops an upload left idle (its file too), and at start removes files older than that from a process that stopped', () => {
    const dir = temp();
    let now = 1_000_000;
    const store = new UploadStore(dir, () => now);
    const { uploadId } = store.begin(USER, 'funding.importExcel', 'f.xlsx', 3);
    store.append(USER, uploadId, 0, Buffer.from('abc'));
    now += UPLOAD_IDLE_MS + 1;
    expect(() => store.append(USER, uploadId, 3, Buffer.from('x'))).toThrow(/upload not found/);
    expect(fs.readdirSync(path.join(dir, 'tmp', 'uploads', USER))).toEqual([]);

    const orphan = path.join(dir, 'tmp', 'uploads', USER, 'left-behind.xlsx');
    const fresh = path.join(dir, 'tmp', 'uploads', USER, 'in-use-elsewhere.xlsx');
    fs.writeFileSync(orphan, 'x');
    fs.writeFileSync(fresh, 'y');
    const old = new Date(Date.now() - UPLOAD_IDLE_MS - 60_000);
    fs.utimesSync(orphan, old, old);
    new UploadStore(dir);
    expect(fs.readdirSync(path.join(dir, 'tmp', 'uploads', USER))).toEqual(['in-use-elsewhere.xlsx']);
  });

  it('an upload cancelled while an import reads it is deleted when the import ends', async () => {
    const dir = temp();
    const store = new UploadStore(dir);
    const { uploadId } = store.begin(USER, 'risks.importExcel', 'r.xlsx', 2);
    store.append(USER, uploadId, 0, Buffer.from('ok'));
    let seen = '';
    await store.use(USER, uploadId, UPLOAD_LIMITS['risks.importExcel'], async (file) => {
      store.cancel(USER, uploadId);
      seen = fs.readFileSync(file, 'utf8');
      expect(fs.existsSync(file)).toBe(true);
    });
    expect(seen).toBe('ok');
    expect(fs.readdirSync(path.join(dir, 'tmp', 'uploads', USER))).toEqual([]);
  });
});

describe('a file sent inline as base64', () => {
  it('is taken as what a client sends (encoded bytes, padded) and as any other text the standard alphabet allows', () => {
    const bytes = Buffer.from('voter_id,proposal_id\nv1,Ș\n', 'utf8');
    expect(decodeBase64(bytes.toString('base64'))).toEqual(bytes);
    // Not what encoding gives back, yet standard base64 by the pattern: unpadded, or with spare bits set.
    for (const text of ['YQ', 'YR==', 'QUJD', '']) {
      expect(isBase64(text)).toBe(true);
      expect(decodeBase64(text)).toEqual(Buffer.from(text, 'base64'));
    }
  });

  it('is refused, as the pattern refuses it, when it holds anything outside the standard alphabet or padding inside', () => {
    for (const text of ['nu e base64!', 'YQ==YQ==', 'a-b_', 'YQ==\n', ' YQ==', 'YQ===']) {
      expect(isBase64(text)).toBe(false);
      expect(decodeBase64(text)).toBeNull();
    }
  });
});

describe('exportJob', () => {
  const setup = () => {
    const dataDir = temp();
    const jobs = new JobRunner(() => {});
    const core = { jobs, exportNames: new Map() } as unknown as InternalCore;
    const ctx = { dataDir, now: () => new Date('2026-12-06T10:00:00Z'), actor: { id: USER, name: 'Test', role: 'coordinator' } } as unknown as ServiceContext;
    return { dataDir, jobs, core, ctx };
  };

  it('names the finished workbook for its owner, by the day', async () => {
    const { dataDir, jobs, core, ctx } = setup();
    const { jobId } = exportJob(
      ctx,
      { core },
      'test.export',
      (day) => `Raport-${day}.xlsx`,
      async (out) => fs.writeFileSync(out, 'xlsx'),
    );
    const job = await jobs.wait(jobId);
    expect(job.status).toBe('done');
    const { fileId, fileName } = job.result as { fileId: string; fileName: string };
    expect(fileName).toBe('Raport-2026-12-06.xlsx');
    expect(core.exportNames.get(fileId)).toEqual({ name: fileName, owner: USER });
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([`${fileId}.xlsx`]);
  });

  it('a cancel that lands after the writer finished still leaves no file and offers none', async () => {
    const { dataDir, jobs, core, ctx } = setup();
    const id = { current: '' };
    const { jobId } = exportJob(
      ctx,
      { core },
      'test.export',
      () => 'x.xlsx',
      async (out) => {
        fs.writeFileSync(out, 'xlsx');
        fs.writeFileSync(`${out}.partial`, 'half');
        jobs.cancel(id.current, USER);
      },
    );
    id.current = jobId;
    const job = await jobs.wait(jobId);
    expect(job.status).toBe('cancelled');
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    expect(core.exportNames.size).toBe(0);
  });

  it('a writer that fails leaves no file', async () => {
    const { dataDir, jobs, core, ctx } = setup();
    const { jobId } = exportJob(
      ctx,
      { core },
      'test.export',
      () => 'x.xlsx',
      async (out) => {
        fs.writeFileSync(out, 'half a workbook');
        throw new Error('disk trouble');
      },
    );
    expect((await jobs.wait(jobId)).status).toBe('failed');
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
  });
});

describe('replaceDirAtomically', () => {
  it('swaps the new folder in whole, or on a cancel or failure keeps the old one and leaves no partial folder', async () => {
    const base = temp();
    const target = path.join(base, 'export');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'old.csv'), 'vechi');
    const c = new AbortController();
    await expect(
      replaceDirAtomically(target, c.signal, async (staging) => {
        fs.writeFileSync(path.join(staging, 'new.csv'), 'jumătate');
        c.abort();
      }),
    ).rejects.toThrow(/cancelled/);
    await expect(
      replaceDirAtomically(target, undefined, async (staging) => {
        fs.writeFileSync(path.join(staging, 'new.csv'), 'jumătate');
        throw new Error('disk trouble');
      }),
    ).rejects.toThrow(/disk trouble/);
    expect(fs.readdirSync(base)).toEqual(['export']);
    expect(fs.readdirSync(target)).toEqual(['old.csv']);
    await replaceDirAtomically(target, undefined, async (staging) => fs.writeFileSync(path.join(staging, 'new.csv'), 'nou'));
    expect(fs.readdirSync(base)).toEqual(['export']);
    expect(fs.readdirSync(target)).toEqual(['new.csv']);
  });
});
