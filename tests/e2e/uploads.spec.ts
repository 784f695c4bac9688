import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * Uploads stream: a 30 MB file goes to core a piece at a time, the screen shows how much is sent with a cancel,
 * the page keeps answering meanwhile (no long task of seconds), a cancel keeps nothing, and no upload posts the file
 * to "/" (antd's default action). Stopping a site build half-way is specified in tests/db/jobs-cancel.test.ts, where
 * the stop can be made to land mid-build (here the build of the e2e data ends before a click could).
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;
let big: string;
/** Every request the page made to "/" other than loading it (antd's Upload posts the file there by default). */
const postsToRoot: string[] = [];

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-uploads');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname === '/') postsToRoot.push(`${r.method()} ${r.url()}`);
  });
  // ~30 MB of CSV, made here (a dataset import takes up to 60 MB).
  big = path.join(dataDir, 'locuri-de-parcare.csv');
  const row = 'Piața Unirii,Cetate,40,2023-12-31\n';
  const fd = fs.openSync(big, 'w');
  fs.writeSync(fd, 'nume,cartier,locuri,data\n');
  const block = row.repeat(8192);
  while (fs.fstatSync(fd).size < 30 * 1024 * 1024) fs.writeSync(fd, block);
  fs.closeSync(fd);
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The upload area of the server's data folder: files of uploads under way or kept (none once cancelled). */
function uploadFiles(): string[] {
  const root = path.join(dataDir, 'tmp', 'uploads');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).flatMap((u) => fs.readdirSync(path.join(root, u)));
}

test('a 30 MB file uploads with progress and a cancel, the page keeps answering, and a cancel keeps nothing', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  // A dataset to import into (made through the API with the page's own session).
  const saved = await page.evaluate(async (token) => {
    const r = await fetch('/api/datasets.save', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
      body: JSON.stringify({
        name: 'Locuri de parcare',
        slug: 'locuri-de-parcare',
        holderInstitution: 'Primăria Municipiului Timișoara',
        description: 'Locurile de parcare publice, pe piețe și cartiere.',
        legalBasis: 'Legea 179/2022',
        containsPersonalData: false,
        format: 'CSV',
        updateFrequency: 'monthly',
        publicationStatus: 'identified',
        scoreValue: 3,
        scoreDemand: 3,
        scoreReadiness: 3,
        scoreRisk: 1,
      }),
    });
    return (await r.json()) as { ok: boolean; value: { id: string } };
  }, server.token);
  expect(saved.ok).toBe(true);
  await page.goto(`${server.url.replace(/\?.*$/, '')}?token=${server.token}#/datasets/${saved.value.id}`);
  await page.getByTestId('tab-import').click();

  // Long tasks of the page's main thread (a frozen page shows as one long task), counted from the upload's start.
  await page.evaluate(() => {
    const w = window as unknown as { __tasks: number[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
  const longest = () => page.evaluate(() => Math.max(0, ...(window as unknown as { __tasks: number[] }).__tasks));
  const forgetTasks = () => page.evaluate(() => void ((window as unknown as { __tasks: number[] }).__tasks = []));
  // A slow network: each piece takes a moment, so the cancel lands half-way.
  await page.route('**/api/files.appendUpload', async (route) => {
    await new Promise((r) => setTimeout(r, 250));
    await route.continue();
  });
  await page.locator('[data-testid="import-panel"] input[type=file]').setInputFiles(big);
  const progress = page.getByTestId('upload-progress');
  await expect(progress).toBeVisible();
  await forgetTasks();
  await expect(progress).toContainText('locuri-de-parcare.csv');
  await expect(progress).toContainText(/din 30(,\d)?\sMB/);
  // The bar moves: some pieces arrived (a megabyte or more), not all.
  await expect(progress).toContainText(/: [1-9][\d,]*\sMB din/);
  await expect.poll(() => uploadFiles().length).toBe(1);
  // The page answers while the file goes out: the menu still opens its pages' links.
  await expect(page.getByTestId('tab-import')).toBeEnabled();
  await page.getByTestId('upload-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect.poll(() => uploadFiles()).toEqual([]);
  await expect(page.getByTestId('import-item-locuri-de-parcare.csv')).toHaveCount(0);
  // No freeze: the old single-request upload blocked the page for 28 s; a busy test machine stretches a task, not to seconds.
  expect(await longest()).toBeLessThan(2000);
  await page.unroute('**/api/files.appendUpload');

  // Again, to the end: the import is made from the pieces, and the upload is dropped after.
  await page.locator('[data-testid="import-panel"] input[type=file]').setInputFiles(big);
  await expect(progress).toBeVisible();
  await forgetTasks();
  await expect(page.getByTestId('import-item-locuri-de-parcare.csv')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('import-item-locuri-de-parcare.csv')).toContainText(/30(,\d)?\sMB/);
  await expect.poll(() => uploadFiles()).toEqual([]);
  expect(await longest()).toBeLessThan(2000);
});

test('the training and funding imports send their file through the upload, never to "/"', async () => {
  const notAWorkbook = path.join(dataDir, 'registru.xlsx');
  fs.writeFileSync(notAWorkbook, 'nu este un registru Excel');
  for (const [nav, method, button] of [
    ['nav-training', 'training.importExcel', 'training-import'],
    ['nav-funding-calls', 'funding.importExcel', 'funding-import'],
  ]) {
    await page.getByTestId(nav).click();
    // The screen's own import button first: a lazy screen shows the previous one until its code has loaded, and the
    // previous screen's file input must not take the file.
    await expect(page.getByTestId(button)).toBeVisible();
    // A slow answer, as on a loaded machine: the refusal must still be shown, and only then closed.
    await page.route(`**/api/${method}`, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    const sent = page.waitForRequest((r) => r.url().endsWith(`/api/${method}`));
    await page
      .locator('.ant-upload', { has: page.getByTestId(button) })
      .locator('input[type=file]')
      .setInputFiles(notAWorkbook);
    // The import names the upload; the file itself went in pieces to files.appendUpload.
    const body = (await sent).postDataJSON() as { fileName: string; uploadId?: string; contentBase64?: string };
    expect(body).toMatchObject({ fileName: 'registru.xlsx', uploadId: expect.any(String) });
    expect(body.contentBase64).toBeUndefined();
    await expect(page.getByTestId('upload-progress')).toHaveCount(0);
    // The refusal is shown once the import has answered (the request above is only sent); then Escape closes it.
    const errors = page.getByTestId(`${button}-errors`);
    await expect(errors).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(errors).toBeHidden();
    await page.unroute(`**/api/${method}`);
  }
  expect(postsToRoot).toEqual([]);
});
