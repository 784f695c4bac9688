import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';

/**
 * The coordinator's outputs in browser mode, on a data dir prepared through core (the seed plan, a progress
 * update with an evidence file today, A1's assessment recorded): the printable progress report (print styles,
 * the print button), the report pack generated from the app and read back, and the OGP Local assessments.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const TODAY = new Date().toISOString().slice(0, 10);

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

/**
 * Prepares the data dir through core in a child process (Playwright's loader cannot import core: the seed is a
 * JSON module), exactly as the CLI would: the seed plan, the coordinator, an update with a file, an assessment.
 */
function prepare(dir: string) {
  const script = `
import { createCore, headlessPlatform } from ${JSON.stringify(path.join(root, 'electron/core/index.ts'))};
const SYSTEM = { sessionId: null, system: true };
const core = await createCore({ dataDir: ${JSON.stringify(dir)}, platform: headlessPlatform('cli') });
const call = async (method, input) => {
  const r = await core.call(method, input, SYSTEM);
  if (!r.ok) throw new Error(method + ': ' + r.error.message);
  return r.value;
};
try {
  await call('admin.saveUser', ${JSON.stringify({ username: COORD.username, displayName: COORD.displayName, role: 'coordinator', password: COORD.password, active: true })});
  const a13 = (await call('plan.listActions', {})).find((a) => a.code === 'A1.3');
  await call('plan.addProgressUpdate', {
    actionId: a13.id, date: ${JSON.stringify(TODAY)}, progress: 40, status: 'in_progress', note: 'Primele grupuri de lucru s-au întâlnit',
    evidence: [{ fileName: 'minuta-grupuri.pdf', contentBase64: Buffer.from('minuta').toString('base64') }],
  });
  const [a1] = await call('plan.listCommitments', {});
  await call('plan.setAssessment', {
    id: a1.id, expectedUpdatedAt: a1.updatedAt, completion: 'substantial', openedGovernment: { civic_participation: 'major' },
    factors: 'Sprijinul partenerilor din societatea civilă.', lessons: '',
  });
} finally {
  await core.close();
}
`;
  const file = path.join(dir, '..', `${path.basename(dir)}-prepare.mts`);
  fs.writeFileSync(file, script);
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`preparing the data dir failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-reports');
  prepare(dataDir);
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the coordinator opens the printable progress report', async () => {
  await page.goto(server.url);
  await page.getByLabel('Utilizator', { exact: true }).fill(COORD.username);
  await page.getByLabel('Parolă', { exact: true }).fill(COORD.password);
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await page.getByTestId('nav-reports').click();
  const report = page.getByTestId('progress-report');
  await expect(report.getByRole('heading', { name: 'Raport de progres' })).toBeVisible();
  await expect(page.getByTestId('report-plan-title')).toHaveText('Planul de Acțiune Locală OGP Timișoara');
  const commitments = page.getByTestId('report-commitments');
  // the chart lists the commitments (charts.spec.ts): code and title, a link to each
  await expect(commitments.locator('a[href^="#/commitments/"]')).toHaveCount(4);
  await expect(commitments.getByText('Creșterea gradului de implicare civică')).toBeVisible();
  await expect(commitments.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('report-action-status').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('report-updates')).toContainText('Primele grupuri de lucru s-au întâlnit');
  await expect(page.getByTestId('report-indicators').locator('tbody tr')).toHaveCount(26);
});

test('Tipărește / PDF prints only the report: the menu, header and buttons are left out', async () => {
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; __printed: number };
    w.__printed = 0;
    w.print = () => {
      w.__printed++;
    };
  });
  await page.getByTestId('report-print').click();
  expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.ant-layout-sider')).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  await expect(page.getByTestId('report-pack')).toBeHidden();
  await expect(page.getByTestId('report-commitments')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.ant-layout-sider')).toBeVisible();
});

test('the report pack is generated from the app and read back', async () => {
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('report-pack').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`Raport-PLA-Timisoara-${TODAY}.xlsx`);
  const file = path.join(dataDir, 'downloaded-pack.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const names = wb.worksheets.map((w) => w.name);
  expect(names[0]).toBe('Sumar');
  expect(names).toEqual(
    expect.arrayContaining([
      'Angajamente',
      'Acțiuni',
      'Actualizări',
      'Registrul riscurilor',
      'Formări pe programe',
      'Părți interesate',
      'Parteneriate',
      'Apeluri',
      'Cereri de finanțare',
      'Bugetare – campanii',
      'Bugetare – rezultate',
      'Seturi de date',
    ]),
  );
  const sumar = wb.worksheets[0];
  expect(sumar.getCell('A2').value).toBe('Angajament');
  expect(sumar.getCell('B2').value).toEqual({ text: 'A1', hyperlink: "#'Angajamente'!A2" });
  expect(sumar.getCell('C2').value).toBe('Creșterea gradului de implicare civică');
  const updates = wb.worksheets.find((w) => w.name === 'Actualizări')!;
  expect(updates.getCell('F2').value).toBe('Primele grupuri de lucru s-au întâlnit');
});

test('the OGP Local assessments: recorded levels, the suggestion where none is recorded, the evidence list, and the workbook', async () => {
  await page.getByTestId('nav-reports-assessments').click();
  await expect(page.getByTestId('assessments-page')).toBeVisible();
  const a1 = page.getByTestId('assessment-A1');
  await expect(page.getByTestId('completion-A1')).toContainText('Substanțial');
  await expect(page.getByTestId('opened-A1-civic_participation')).toHaveText('Major');
  await expect(page.getByTestId('end-A1')).toContainText('Sprijinul partenerilor din societatea civilă.');
  await expect(page.getByTestId('evidence-A1')).toContainText('minuta-grupuri.pdf');
  await expect(a1.getByTestId('inception-A1')).toContainText('Problema publică abordată');
  await expect(page.getByTestId('suggested-A2')).toContainText('Sugerat din înregistrări');

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('assessments-excel').click();
  const download = await downloadPromise;
  const file = path.join(dataDir, 'downloaded-assessments.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Evaluare inițială', 'Evaluare finală', 'Acțiuni', 'Dovezi']);
  const evidence = wb.worksheets[3];
  expect(evidence.getCell('A2').value).toBe('A1');
  expect(evidence.getCell('F2').value).toBe('minuta-grupuri.pdf');
});
