import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator, pickOption, withLateFrames } from './ui';

/**
 * The stakeholder register in browser mode: three organisations marked able to take over an action bring
 * indicator I4.4 to its target on the plan's indicators list; a second Accountable on an action is refused
 * with the rule shown to the user.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const ORGS = ['Asociația Banat IT', 'Fundația Comunitară Timișoara', 'Institutul Intercultural Timișoara'];

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-stakeholders');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Picks an option of an antd Select by typing part of its label. */
const pick = (p: Page, testId: string, text: string) => pickOption(p, testId, text, { type: true });

test('the register is pre-filled with the actors the PLA names', async () => {
  await page.getByTestId('nav-stakeholders').click();
  const table = page.getByTestId('stakeholders-table');
  for (const name of [...ORGS, 'Universitatea de Vest din Timișoara', 'Platforma Circumvolut'])
    await expect(table.getByText(name, { exact: true })).toBeVisible();
});

test('three organisations able to take over A4.4 bring I4.4 to its target', async () => {
  for (const name of ORGS) {
    await page.getByTestId('nav-stakeholders').click();
    await page.getByTestId('stakeholders-table').getByText(name, { exact: true }).click();
    await expect(page.getByTestId('stakeholder-title')).toHaveText(name);
    await pick(page, 'takeover-action', 'A4.4');
    await page.getByTestId('takeover-add').click();
    await expect(page.getByTestId('takeover-A4.4')).toBeVisible();
  }
  await page.getByTestId('nav-indicators').click();
  const row = page.getByTestId('indicator-row-I4.4');
  await expect(row.getByTestId('indicator-latest')).toHaveText('3');
  await expect(row.getByTestId('indicator-percent')).toContainText('100');
});

test('a second Accountable on an action is refused with the rule shown', async () => {
  await page.getByTestId('nav-stakeholders-raci').click();
  const cell = (org: string) => page.getByTestId(`raci-cell-A4.4-${org}`);
  await cell(ORGS[0]).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(cell(ORGS[0])).toHaveText('A');
  await cell(ORGS[1]).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(page.getByTestId('raci-error')).toContainText(`Acțiunea A4.4 are deja un „A” (cine răspunde): ${ORGS[0]}.`);
  await expect(cell(ORGS[1])).toHaveText('');
});

test('on a slow PC, a click on a cell then Escape at once keeps the keyboard on the cell: the next key still sets the role', async () => {
  // Frames 150 ms late, as on a busy office PC: the menu's own move of focus comes after Escape has closed it.
  await withLateFrames(page, 150, async () => {
    const cell = page.getByTestId(`raci-cell-A4.1-${ORGS[2]}`);
    await cell.click();
    await expect(cell).toHaveClass(/ant-dropdown-open/); // open, but the menu has not taken the focus yet
    await page.keyboard.press('Escape');
    await expect(page.locator('.ant-dropdown-menu')).toHaveCount(0);
    await expect(cell).toBeFocused();
    await page.keyboard.press('a');
    await expect(cell).toHaveText('A');
    // A menu left open still takes the focus, and Escape brings it back to the cell.
    await page.keyboard.press('Enter');
    await expect(page.locator('.ant-dropdown-menu:focus, .ant-dropdown-menu :focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(cell).toBeFocused();
    // An arrow at once after Escape: the keyboard stays on the cell it moved to.
    await cell.click();
    await expect(cell).toHaveClass(/ant-dropdown-open/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowLeft');
    const left = cell.locator('xpath=preceding-sibling::td[1]');
    await expect(page.locator('.ant-dropdown-menu')).toHaveCount(0);
    await expect(left).toBeFocused();
  });
});

test('an organisation scored on the form shows on the grid; moved with the arrow keys it changes quadrant, and the list filters it by its new quadrant', async () => {
  const NAME = 'Asociația Grilă de Test';
  await page.getByTestId('nav-stakeholders').click();
  await page.getByTestId('stakeholder-new').click();
  await page.getByTestId('stakeholder-name').fill(NAME);
  await page.getByTestId('stakeholder-power').fill('4');
  await page.getByTestId('stakeholder-interest').fill('4');
  await page.getByTestId('stakeholder-form-submit').click();
  await expect(page.getByTestId('stakeholder-title')).toHaveText(NAME);
  await page.getByTestId('nav-stakeholders-grid').click();
  await expect(page.getByTestId('pi-count-manage_closely')).toHaveText(/^1\D/);
  const point = page.getByRole('button', { name: `${NAME}: putere 4, interes 4` });
  await point.focus();
  await point.press('ArrowLeft');
  await expect(page.getByRole('button', { name: `${NAME}: putere 4, interes 3` })).toBeVisible();
  await page.getByRole('button', { name: `${NAME}: putere 4, interes 3` }).press('ArrowLeft');
  await expect(page.getByTestId('pi-count-keep_satisfied')).toHaveText(/^1\D/);
  await expect(page.getByTestId('pi-count-manage_closely')).toHaveText(/^0\D/);
  await page.getByTestId('nav-stakeholders').click();
  await pick(page, 'stakeholder-filter-quadrant', 'Menținere mulțumită');
  const rows = page.getByTestId('stakeholders-table').locator('[data-testid^="stakeholder-row-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(NAME);
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('1 parte interesată');
});
