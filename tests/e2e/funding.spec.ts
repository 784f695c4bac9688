import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator, pickOption } from './ui';

/**
 * The funding registry in browser mode, on one fresh data dir: a non-reimbursable call with its budget shown
 * in lei the Romanian way, an application refused when it jumps ahead in the pipeline, then moved step by step
 * (only the allowed next statuses are offered) to "approved" — and indicator I4.5 on the plan counts the source.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const NBSP = '\u00a0';

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-funding');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const pick = pickOption;

test('first run: the coordinator signs in and sees the funding registry in the menu', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await expect(page.getByTestId('nav-funding-calls')).toHaveText('Apeluri de finanțare');
});

test('a non-reimbursable call: a non-https guide link is refused on its field, then the call is saved with its budget in lei', async () => {
  await page.getByTestId('nav-funding-calls').click();
  await page.getByTestId('call-new').click();
  const form = page.getByTestId('call-form');
  await page.getByTestId('call-code').fill('PRV/2026/1.1');
  await page.getByTestId('call-title').fill('Transformare digitală în administrația locală');
  await form.getByLabel('Buget apel (lei)').fill('1234567,89');
  await page.getByTestId('call-guide').fill('http://regio-adrvest.ro/ghid');
  await page.getByTestId('call-form-submit').click();
  await expect(form.getByText('Introduceți o adresă completă care începe cu https://')).toBeVisible();
  await expect(page.getByTestId('call-form')).toBeVisible(); // nothing saved, the form stays open
  await page.getByTestId('call-guide').fill('https://regio-adrvest.ro/ghid');
  await expect(page.getByTestId('call-non-reimbursable')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('call-form-submit').click();
  await expect(page.getByTestId('call-detail-title')).toContainText('PRV/2026/1.1');
  await expect(page.getByTestId('call-budget-value')).toHaveText(`1.234.567,89${NBSP}lei`);
});

test('an application that jumps from idea to contracted is refused with the reason on its status', async () => {
  await page.getByTestId('call-add-application').click();
  const form = page.getByTestId('application-form');
  await page.getByTestId('application-title').fill('Portal de date deschise Timișoara');
  await form.getByLabel('Suma solicitată (lei)').fill('980000');
  await form.getByLabel('Contribuție proprie (lei)').fill('20000');
  await expect(page.getByTestId('application-total')).toHaveText(`1.000.000,00${NBSP}lei`);
  await page.getByTestId('application-form-submit').click();
  await expect(page.getByTestId('application-detail-title')).toHaveText('Portal de date deschise Timișoara');
  await expect(page.getByTestId('application-status')).toHaveText('Idee');
  // From "idea" only "submitted" is offered.
  await expect(page.getByTestId('move-submitted')).toBeVisible();
  await expect(page.getByTestId('move-contracted')).toHaveCount(0);

  await page.getByTestId('application-edit').click();
  await pick(page, 'application-status-select', 'Contractată');
  await page.getByTestId('application-form-submit').click();
  await expect(page.getByTestId('application-form').getByText('Această schimbare de stare nu este permisă', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Renunță' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('Idee');
});

test('moved step by step to approved, the application makes indicator I4.5 count one source', async () => {
  for (const [step, label] of [
    ['submitted', 'Depusă'],
    ['under_evaluation', 'În evaluare'],
    ['approved', 'Aprobată'],
  ] as const) {
    await page.getByTestId(`move-${step}`).click();
    await page.getByTestId('move-confirm').click();
    await expect(page.getByTestId('move-confirm')).toBeHidden();
    await expect(page.getByTestId('application-status')).toHaveText(label);
  }
  await expect(page.getByTestId('move-contracted')).toBeVisible();
  await expect(page.getByTestId('move-rejected')).toHaveCount(0);

  await page.getByTestId('nav-indicators').click();
  const row = page.getByTestId('indicator-row-I4.5');
  await expect(row.getByTestId('indicator-latest')).toHaveText('1');
  await expect(row.getByTestId('indicator-percent')).toHaveText(`50${NBSP}%`);
});

test('the pipeline view and the deadlines panel show the records', async () => {
  await page.getByTestId('nav-funding-applications').click();
  await page.getByTestId('view-pipeline').click();
  await expect(page.getByTestId('pipeline-approved')).toContainText('Portal de date deschise Timișoara');
  await page.getByTestId('nav-funding-deadlines').click();
  await expect(page.getByText('Termene apropiate')).toBeVisible();
});
