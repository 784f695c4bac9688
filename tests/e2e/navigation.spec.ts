import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { root, type WebServer } from './server';
import { goTo, startSignedIn } from './ui';

/**
 * Navigation by task (issue 15 §1): the side menu in labelled groups that open and close and are remembered, the
 * whole of it on a 1366×768 screen without scrolling, one export button per screen named for what it exports, and
 * the command palette (Ctrl+K) that opens any screen or record by code or name, diacritics aside — on a data folder
 * filled in every module (publishing-fixture.ts).
 */

const COORD = { username: 'coord', displayName: 'Coordonator Meniu', password: 'parola-meniu-123' };
const GROUPS = ['Plan', 'Registre', 'Bugetare participativă', 'Date deschise', 'Rapoarte și site', 'Administrare'];

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ server, page } = await startSignedIn(browser, {
    label: 'pla-e2e-navigation',
    coord: COORD,
    fixture: 'publishing-fixture.ts',
    viewport: { width: 1366, height: 768 },
  }));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

/** How far the side menu reaches below the window, in pixels (0: all of it is on screen). */
const menuOverflow = () =>
  page
    .getByTestId('side-nav')
    .evaluate((nav) => Math.max(0, nav.getBoundingClientRect().bottom - window.innerHeight, nav.parentElement!.scrollHeight - nav.parentElement!.clientHeight));

test('the side menu is grouped by task and fits a 1366×768 screen on every page', async () => {
  const toggles = page.locator('[data-testid^="menu-group-toggle-"]');
  await expect(toggles).toHaveText(GROUPS);
  // on the risks register (the biggest group) and on an admin page, nothing of the menu is below the fold
  for (const [hash, item, group] of [
    ['#/risks', 'nav-risks', 'registries'],
    ['#/admin/users', 'nav-users', 'admin'],
    ['#/', 'nav-dashboard', 'plan'],
  ] as const) {
    await goTo(page, hash);
    await expect(page.getByTestId(item)).toBeVisible();
    await expect(page.getByTestId(`menu-group-toggle-${group}`)).toHaveAttribute('aria-expanded', 'true');
    expect(await menuOverflow(), `menu overflow on ${hash}`).toBe(0);
  }
  // the ambiguous labels are gone
  await page.getByTestId('menu-group-toggle-registries').click();
  await page.getByTestId('menu-group-toggle-registries').click();
  await expect(page.getByTestId('nav-funding-deadlines')).toHaveText('Termene finanțări');
  await expect(page.getByTestId('nav-risks-reviews')).toHaveText('Revizuiri de riscuri');
  await page.getByTestId('menu-group-toggle-data').click();
  await expect(page.getByTestId('nav-datasets-overdue')).toHaveText('Date de revizuit');
});

test('a group closed stays closed after a reload, and opens with the keyboard', async () => {
  await goTo(page, '#/');
  const plan = page.getByTestId('menu-group-toggle-plan');
  await expect(plan).toHaveAttribute('aria-expanded', 'true');
  const data = page.getByTestId('menu-group-toggle-data');
  if ((await data.getAttribute('aria-expanded')) === 'true') await data.click();
  await expect(page.getByTestId('nav-datasets')).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  await expect(page.getByTestId('menu-group-toggle-data')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('nav-datasets')).toBeHidden();
  // Space on the focused title opens it; the entry is then a link reached with Tab
  await page.getByTestId('menu-group-toggle-data').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('menu-group-toggle-data')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('href', /#\/datasets$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/datasets');
});

test('each screen has one export button, named for what it exports', async () => {
  const exports = page.getByRole('button', { name: /Exportă/ });
  await goTo(page, '#/');
  await expect(exports).toHaveCount(1);
  await expect(page.getByTestId('export-excel')).toHaveText(/Exportă planul în Excel/);
  await goTo(page, '#/risks');
  await expect(page.getByTestId('risks-export')).toBeVisible();
  await expect(exports).toHaveCount(1);
  await expect(exports).toHaveText(/Exportă registrul riscurilor în Excel/);
  await expect(page.getByTestId('export-excel')).toHaveCount(0);
  await goTo(page, '#/stakeholders');
  await expect(page.getByTestId('stakeholders-export')).toBeVisible();
  await expect(exports).toHaveCount(1);
  await expect(exports).toHaveText(/Exportă părțile interesate în Excel/);
});

test('Ctrl+K opens any screen or record by code or name, diacritics aside; Esc gives the focus back', async () => {
  await goTo(page, '#/');
  const button = page.getByTestId('palette-open');
  const input = page.getByTestId('palette-input');
  const results = page.getByTestId('palette-result');
  const pick = async (query: string, kind: string, text: RegExp | string) => {
    await page.keyboard.press('Control+k');
    await expect(input).toBeFocused();
    await input.fill(query);
    await expect(results.first()).toHaveAttribute('data-kind', kind);
    await expect(results.first()).toContainText(text);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('palette')).toBeHidden();
  };
  // a screen, typed without diacritics
  await pick('termene finantari', 'screen', 'Termene finanțări');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/funding/deadlines');
  // a commitment by its code
  await pick('A1', 'commitment', 'A1');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/commitments\/[0-9a-f-]{36}$/);
  // a participatory-budgeting proposal by words of its title, in any order and without diacritics
  await pick('cetate parc', 'proposal', 'Parc de buzunar în Cetate');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/budgeting\/campaigns\/[0-9a-f-]{36}$/);
  // a dataset
  await pick('gradini', 'dataset', 'Parcuri și grădini');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/datasets\/[0-9a-f-]{36}$/);
  // a person trained, searched on the server
  await pick('ana cursant', 'person', 'Ana Cursant');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/training\/people\/[0-9a-f-]{36}$/);

  // arrows move through the results; the dialog keeps the focus inside and gives it back on Esc
  await button.click();
  await expect(input).toBeFocused();
  await input.fill('riscuri');
  await expect(results.nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', 'pla-palette-1');
  // Tab never reaches the page behind the dialog (past its last control the browser may hold the focus itself)
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => (document.activeElement === document.body ? 'browser' : document.activeElement?.closest('.ant-modal') ? 'dialog' : 'page')),
    ).not.toBe('page');
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toBeHidden();
  await expect(button).toBeFocused();
  // nothing found says what to try
  await page.keyboard.press('Control+k');
  await input.fill('zzzz-nimic');
  await expect(page.getByTestId('palette')).toContainText('Nimic găsit');
  await page.keyboard.press('Escape');
});

test('amounts never wrap, and the wide proposals table scrolls with its code column fixed (1366×768)', async () => {
  await goTo(page, '#/budgeting/campaigns');
  await page.getByTestId('campaign-row-Timișoara Decide 2026').getByRole('link').click();
  const table = page.getByTestId('proposals-table');
  const cost = table.locator('td', { hasText: /lei$/ }).first();
  await expect(cost).toBeVisible();
  // one line: the amount and its unit are never split ("300.000,00 le i")
  const lines = await cost.evaluate((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
  expect(await cost.evaluate((td) => getComputedStyle(td).whiteSpace)).toBe('nowrap');
  expect(await cost.textContent()).toMatch(/\d\u00a0lei$/);
  // the table is wider than the page: it scrolls inside itself, the code column stays put
  const scroller = table.locator('.ant-table-content, .ant-table-body').first();
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  const code = table.locator('tbody td.ant-table-cell-fix-start, tbody td.ant-table-cell-fix-left').first();
  const before = await code.boundingBox();
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await page.waitForTimeout(200);
  expect((await code.boundingBox())?.x).toBe(before?.x);
  await expect(code).toBeInViewport();
  // nothing of the page itself is off-screen sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('screenshot of the grouped menu and the palette (docs/screenshots)', async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await goTo(page, '#/risks');
  await expect(page.getByTestId('nav-risks')).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(root, 'docs/screenshots/navigation.png') });
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('a1');
  await expect(page.getByTestId('palette-result').first()).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(root, 'docs/screenshots/command-palette.png') });
  await page.keyboard.press('Escape');
});
