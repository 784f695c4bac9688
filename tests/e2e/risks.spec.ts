import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startWeb, tempDataDir, type WebServer } from './server';
import { pickOption } from './ui';

/**
 * The risk register in browser mode: an action that is only "no data" on the dashboard turns "at risk" once a
 * risk above the tolerance limit is linked to it; the risk shows on the inherent heat map and in the
 * above-tolerance list; its residual score brought under tolerance by a review clears the flag.
 */

const COORD = { username: 'coord.riscuri', displayName: 'Elena Dumitrescu', password: 'parola-riscuri-2026' };

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** The action runs from the first of this month for two years: barely started, so only "no data" without a risk. */
const START = `01.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
const END = `31.12.${now.getFullYear() + 2}`;

const pick = pickOption;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-risks');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(server.url);
  await page.getByTestId('first-run-username').fill(COORD.username);
  await page.getByTestId('first-run-display-name').fill(COORD.displayName);
  await page.getByTestId('first-run-password').fill(COORD.password);
  await page.getByTestId('first-run-confirm').fill(COORD.password);
  await page.getByTestId('first-run-confirm').press('Enter');
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a new action that has just started shows "no data" on the dashboard, not "at risk"', async () => {
  await page.getByTestId('nav-commitments').click();
  await page.getByTestId('commitment-row-A4').getByRole('link').first().click();
  await expect(page.getByTestId('commitment-heading')).toContainText('A4');
  await page.getByTestId('action-new').click();
  const form = page.getByTestId('action-form');
  await form.getByTestId('action-code').fill('A4.8');
  await form.getByTestId('action-title').fill('Registrul riscurilor revizuit trimestrial');
  await form.getByTestId('action-plannedStart').click();
  await form.getByTestId('action-plannedStart').fill(START);
  // Moving to the next date keeps the typed start; Enter in the last one takes it and submits the form.
  await form.getByTestId('action-plannedEnd').click();
  await form.getByTestId('action-plannedEnd').fill(END);
  await form.getByTestId('action-plannedEnd').press('Enter');
  await expect(form).toBeHidden();

  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-noData')).toContainText('A4.8');
  await expect(page.getByTestId('dashboard-atRisk')).not.toContainText('A4.8');
});

test('a risk above the tolerance limit linked to the action turns it "at risk"', async () => {
  await page.getByTestId('nav-risks').click();
  await expect(page.getByTestId('risks-table')).toContainText('Niciun risc.');
  await page.getByTestId('risk-new').click();
  const form = page.getByTestId('risk-form');
  await expect(form).toBeVisible();
  await form.getByTestId('risk-description').fill('Revizuirile registrului nu se fac la termen');
  await form.getByTestId('risk-owner').fill('Elena Dumitrescu');
  await pick(page, 'risk-category', 'Integritate');
  await pick(page, 'risk-inherent-probability', /^4$/);
  await pick(page, 'risk-inherent-impact', /^4$/);
  await expect(form).toContainText('Expunere: 16');
  await page.getByTestId('risk-actions').click();
  await page.keyboard.type('A4.8');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'A4.8' }).first().click();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.getByTestId('risk-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('risk-title')).toHaveText('R-001');
  await expect(page.getByTestId('risk-level')).toContainText('16 · Foarte ridicat');
  // The register, kept hidden behind the risk, shows the same tag on its row: the visible one is the risk's.
  await expect(page.getByTestId('risk-above-tolerance').filter({ visible: true })).toHaveText('Peste toleranță');
  await expect(page.getByTestId('risk-actions-linked')).toHaveText('A4.8');

  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-atRisk')).toContainText('A4.8');
  await expect(page.getByTestId('dashboard-noData')).not.toContainText('A4.8');
});

test('the risk is on the inherent heat map (a click lists it) and in the above-tolerance list', async () => {
  await page.getByTestId('nav-risks-overview').click();
  const cell = page.getByTestId('heat-inherent-4-4');
  await expect(cell).toHaveText('1');
  await expect(page.getByTestId('heat-residual-4-4')).toHaveText('·');
  await expect(page.getByTestId('heatmap-residual')).toContainText('1 riscuri fără scor rezidual');
  await cell.click();
  await expect(page.getByTestId('heat-cell-risks')).toContainText('R-001');
  await expect(page.getByTestId('risks-above')).toContainText('Revizuirile registrului nu se fac la termen');
  // The counts come from the server: one open risk, above tolerance, its first review not yet due.
  await expect(page.getByTestId('risks-count-open')).toContainText('1');
  await expect(page.getByTestId('risks-count-above')).toContainText('1');
  await expect(page.getByTestId('risks-count-overdue')).toContainText('0');
  await page.getByTestId('nav-risks-reviews').click();
  await expect(page.getByTestId('reviews-filter')).toContainText('Scadente și depășite (0)');
  await expect(page.getByTestId('reviews-due')).toContainText('Niciun risc.');
});

test('a review that brings the residual score under tolerance clears the flag on the dashboard', async () => {
  await page.getByTestId('nav-risks').click();
  await page.getByTestId('risk-row-R-001').getByTestId('risk-link').click();
  await page.getByTestId('review-new').click();
  const form = page.getByTestId('review-form');
  await form.getByTestId('review-reviewer').fill('Echipa de gestionare a riscurilor');
  await pick(page, 'review-decision', 'Se actualizează');
  await form.getByTestId('review-change-residual').check();
  await pick(page, 'review-residual-probability', /^2$/);
  await pick(page, 'review-residual-impact', /^3$/);
  await page.getByTestId('review-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('risk-level')).toContainText('6 · Mediu');
  await expect(page.getByTestId('risk-above-tolerance').filter({ visible: true })).toHaveCount(0);
  await expect(page.getByTestId('reviews-table')).toContainText('Se actualizează');
  await expect(page.getByTestId('residual-history')).toContainText('Revizuire');

  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard-noData')).toContainText('A4.8');
  await expect(page.getByTestId('dashboard-atRisk')).not.toContainText('A4.8');
});
