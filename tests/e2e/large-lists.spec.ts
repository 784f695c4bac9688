import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { root, startWeb, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * The registers at the sizes issue 3 names — 10,000 risks, 200,000 attendance rows (40,000 people), 5,000
 * organisations — open in browser mode and show their first rows. For each list screen the time from the menu
 * click to the first row painted is measured in the page (a MutationObserver, then the next animation frame),
 * marked with performance.measure so it shows in the trace, and printed. Timings are reported, not asserted
 * (these machines are shared); what is asserted is what the user sees.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const RUNS = 5;

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;
const figures: Record<string, { first: number; firstKept: boolean; p50: number; max: number }> = {};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e/large-fixture.ts')], { cwd: root, encoding: 'utf8' });
  dataDir = out.trim().split('\n').at(-1)!;
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
});

test.afterAll(async () => {
  const lines = Object.entries(figures).map(
    ([k, f]) =>
      `  ${k.padEnd(28)} first ${f.first.toFixed(0).padStart(5)} ms (${f.firstKept ? 'pre-rendered' : 'mounted cold'})   then p50 ${f.p50.toFixed(0).padStart(5)} ms, max ${f.max.toFixed(0).padStart(5)} ms`,
  );
  if (lines.length) console.log(`[large lists] menu click → first row painted (${RUNS} visits after the first):\n${lines.join('\n')}`);
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Clicks the menu entry and resolves when a `rowSelector` row is shown and a frame has been painted; in ms.
 * "Shown": in the DOM and not inside a hidden screen (the lists stay mounted, hidden, when the user leaves them,
 * and are pre-rendered hidden when the app is idle — app/KeepAlive.tsx), read from inline styles so the check
 * itself does not make the browser lay the page out early.
 */
async function paintTime(nav: string, rowSelector: string): Promise<{ ms: number; kept: boolean }> {
  return page.evaluate(
    async ({ nav, rowSelector }) => {
      // Rows already in the DOM, hidden: the screen was pre-rendered or kept, and is only shown again.
      const kept = document.querySelector(rowSelector) !== null;
      const t0 = performance.now();
      const seen = new Promise<void>((resolve, reject) => {
        setTimeout(() => reject(new Error(`no ${rowSelector} shown after 60 s`)), 60_000);
        const mo = new MutationObserver(() => {
          const rows = document.querySelectorAll<HTMLElement>(rowSelector);
          for (const row of rows) {
            let n: HTMLElement | null = row;
            while (n && n.style.display !== 'none') n = n.parentElement;
            if (!n) {
              mo.disconnect();
              resolve();
              return;
            }
          }
        });
        mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
      });
      (document.querySelector(`[data-testid="${nav}"]`) as HTMLElement).click();
      await seen;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      performance.measure(`first row: ${nav}`, { start: t0, end: performance.now() });
      return { ms: performance.now() - t0, kept };
    },
    { nav, rowSelector },
  );
}

/**
 * Leaves the list for the dashboard, so the next visit shows it again, and lets the dashboard finish (its
 * queries and chart animations): what is measured is the list screen's own paint, not the dashboard's tail.
 */
async function leaveFor(rowSelector: string) {
  await page.getByTestId('nav-dashboard').click();
  await expect(page.locator(`${rowSelector}:visible`)).toHaveCount(0);
  await page.waitForTimeout(1_000);
}

async function measureScreen(label: string, nav: string, rowSelector: string) {
  await leaveFor(rowSelector);
  const first = await paintTime(nav, rowSelector);
  const again: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await leaveFor(rowSelector);
    again.push((await paintTime(nav, rowSelector)).ms);
  }
  again.sort((a, b) => a - b);
  figures[label] = { first: first.ms, firstKept: first.kept, p50: again[Math.floor(again.length / 2)], max: again[again.length - 1] };
  test.info().annotations.push({ type: 'paint', description: `${label}: first ${first.ms.toFixed(0)} ms, then p50 ${figures[label].p50.toFixed(0)} ms` });
}

test('the start page lists the first 50 of thousands of late items, with their count, and 50 more on a click', async () => {
  await expect(page.getByRole('heading', { name: 'Ce am de făcut' })).toBeVisible();
  await expect(page.getByTestId('agenda-count-late')).toHaveText(/^\(\d\.\d{3}\)$/);
  const items = page.getByTestId('agenda-late').locator('[data-testid^="agenda-item-"]');
  await expect(items).toHaveCount(50);
  await expect(page.getByTestId('agenda-shown-late')).toHaveText(/^Se văd primele 50 din \d\.\d{3}\.$/);
  await page.getByTestId('agenda-more-late').click();
  await expect(items).toHaveCount(100);
});

test('the risk register: the first 100 open risks from R-00001, with the total; all 10,000 without the status filter; a search', async () => {
  await measureScreen('risks (10,000)', 'nav-risks', '[data-testid^="risk-row-"]');
  await expect(page.getByTestId('risk-row-R-00001')).toBeVisible();
  const rows = page.getByTestId('risks-table').locator('[data-testid^="risk-row-"]');
  // Open risks by default (about nine in ten of the fixture's): the total counts every page.
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText(/^\d\.\d{3} de riscuri$/);
  const status = page.getByTestId('risk-filter-status');
  await status.hover();
  await status.locator('.ant-select-clear').click();
  // A page of 100, virtualised: the rows in view are rendered, the pager counts 100 pages.
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('10.000 de riscuri');
  await expect(page.locator('.ant-pagination-item-100:visible')).toBeVisible();
  // The server searches: case and diacritics aside, one risk among 10,000.
  await page.getByTestId('risk-search').locator('input').fill('RISCUL 4321: intarzieri');
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('1 risc');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('risk-row-R-04321')).toContainText('Riscul 4321: întârzieri');
});

test('the people trained: the first 100 of 40,000, with the total', async () => {
  await measureScreen('people (40,000)', 'nav-training-people', '[data-testid="person-row"]');
  // A page of 100, virtualised: the rows in view are rendered, the pager counts 400 pages.
  await expect(page.getByTestId('people-table').locator('[data-testid="person-row"]').first()).toBeVisible();
  await expect(page.locator('.ant-pagination-item-400:visible')).toBeVisible();
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('40.000 de persoane');
  await page.getByTestId('people-search').locator('input').fill('popescu');
  await expect(page.getByTestId('people-table').locator('[data-testid="person-row"]').first()).toContainText('Popescu');
});

test('the training sessions: the first 100 of 2,000 with their counts and the total; a search; then the programmes with their distinct people', async () => {
  await measureScreen('training sessions (2,000)', 'nav-training', '[data-testid^="session-row-"]');
  // A page of 100, virtualised: the pager counts every page of the 2,000 sessions.
  const rows = page.getByTestId('sessions-table').locator('[data-testid^="session-row-"]');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('2.000 de sesiuni');
  await expect(page.locator('.ant-pagination-item-20:visible')).toBeVisible();
  // The server searches: case aside, one session among 2,000.
  await page.getByTestId('session-search').locator('input').fill('SESIUNEA 1234');
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('1 sesiune');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Sesiunea 1234');
  await page.getByTestId('tab-programmes').click();
  await expect(page.getByTestId('programmes-table').locator('tr[data-testid="programme-row"]')).toHaveCount(20);
  // ← on the tab bar goes back to the sessions, which kept their search.
  await page.getByRole('tab', { name: 'Programe' }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Sesiuni' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Sesiuni' })).toBeFocused();
  await expect(page.getByTestId('session-search').locator('input')).toHaveValue('SESIUNEA 1234');
  await expect(rows).toHaveCount(1);
});

test('the stakeholder register: the first 100 of 5,000 organisations and the PLA actors, with the total; a search', async () => {
  await measureScreen('stakeholders (5,000)', 'nav-stakeholders', '[data-testid^="stakeholder-row-"]');
  const table = page.getByTestId('stakeholders-table');
  await expect(table).toBeVisible();
  // Name order ignores diacritics: the seeded AID-ONG ("Agenția …") comes first, before "Asociația Banat IT".
  await expect(table.locator('[data-testid^="stakeholder-row-"]').first()).toContainText('Agenția pentru Informarea');
  // A page of 100, virtualised: the pager counts every page of the 5,000 organisations and the 15 PLA actors.
  // Romanian counts ending in 01–19 take no "de": 5.015 părți interesate (as 15 părți), 5.020 de părți interesate.
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('5.015 părți interesate');
  await expect(page.locator('.ant-pagination-item-51:visible')).toBeVisible();
  // The server searches: case and diacritics aside, one organisation among 5,015.
  await page.getByTestId('stakeholder-search').locator('input').fill('ORGANIZATIA 4321');
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('1 parte interesată');
  await expect(table.locator('[data-testid^="stakeholder-row-"]')).toHaveCount(1);
  await expect(table.locator('[data-testid^="stakeholder-row-"]')).toContainText('Organizația 4321');
});

test('the register is worked from its headers and the keyboard: sort, filter, move between rows, open one, come back to the same view', async () => {
  await page.getByTestId('nav-risks').click();
  const grid = page.getByTestId('risks-table');
  const rows = grid.locator('tbody tr[data-row-index]');
  const total = page.locator('.ant-pagination-total-text:visible');
  // The register as the first test left it (kept while the user was elsewhere): no search, every status.
  await page.getByTestId('risk-search').locator('input').fill('');
  await expect(total).toHaveText('10.000 de riscuri');
  // A click on the inherent score's header sorts the 10,000 on the server: lowest first, then highest first.
  await grid.getByTestId('risks-table-sort-inherent').click();
  await expect(grid.locator('th[aria-sort="ascending"]')).toContainText('Inerent');
  await expect(rows.first()).toContainText('1 · Scăzut');
  await grid.getByTestId('risks-table-sort-inherent').click();
  await expect(grid.locator('th[aria-sort="descending"]')).toContainText('Inerent');
  await expect(rows.first()).toContainText('25 · Foarte ridicat');
  // The strategy column's menu keeps one strategy: the total shrinks and every row shown has it.
  const before = await total.textContent();
  await grid.getByTestId('risks-table-filter-strategy').click();
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: 'Tratare' }).click();
  await expect(total).not.toHaveText(before!);
  await expect(grid.getByTestId('risks-table-filter-strategy')).toHaveClass(/on/);
  for (const text of await rows.allTextContents()) expect(text).toContain('Tratare');
  // Arrow keys move between rows; End goes to the last row of the page (rendered only once the view scrolls to it).
  await rows.first().locator('td').nth(1).click();
  await expect(grid.locator('tr[data-row-index="0"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('tr[data-row-index="2"]')).toBeFocused();
  // (The fixture treats a few dozen risks: more than the rows in view, fewer than a page.)
  const treated = Number((await total.textContent())!.replace(/\D/g, ''));
  expect(treated).toBeGreaterThan(30);
  await page.keyboard.press('End');
  const last = grid.locator(`tr[data-row-index="${Math.min(100, treated) - 1}"]`);
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  // Enter opens the focused risk.
  const code = (await last.getAttribute('data-testid'))!.replace('risk-row-', '');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('risk-title')).toHaveText(code);
  // Back in the register: the sort, the filter and the total are as they were left.
  await page.getByTestId('nav-risks').click();
  await expect(grid.locator('th[aria-sort="descending"]')).toContainText('Inerent');
  await expect(grid.getByTestId('risks-table-filter-strategy')).toHaveClass(/on/);
  await expect(total).not.toHaveText(before!);
  // "Toate" in the column's menu drops the filter.
  await grid.getByTestId('risks-table-filter-strategy').click();
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: 'Toate' }).click();
  await expect(total).toHaveText(before!);
});

test('a double click opens a person from the people trained; the list, left and found again, keeps its search', async () => {
  await page.getByTestId('nav-training-people').click();
  const grid = page.getByTestId('people-table');
  await page.getByTestId('people-search').locator('input').fill('popescu');
  const first = grid.locator('[data-testid="person-row"]').first();
  await expect(first).toContainText('Popescu');
  const name = (await first.getAttribute('data-person'))!;
  await first.locator('td').nth(2).dblclick();
  await expect(page.getByTestId('person-detail-name')).toHaveText(name);
  await page.getByTestId('nav-training-people').click();
  await expect(page.getByTestId('people-search').locator('input')).toHaveValue('popescu');
  await expect(grid.locator('[data-testid="person-row"]').first()).toHaveAttribute('data-person', name);
});
