import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * Issue 15 §8, the plan's missing pieces, in browser mode and mostly by keyboard: the progress slider shows its
 * value; a progress update is corrected (with the conflict view on a stale save), deleted and brought back with
 * undo; the action's delete prompt says what goes with it; the RACI matrix is edited cell by cell with the keys,
 * refuses a second Accountable in words, and exports to Excel. axe-core checks each of these screens.
 */

const COORD = { username: 'coord', displayName: 'Ana Popescu', password: 'parola-coordonator-1' };
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ORG1 = 'Fundația Comunitară Timișoara';
const ORG2 = 'Agenția pentru Informarea și Dezvoltarea Organizațiilor Neguvernamentale (AID-ONG)';

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-plan-pieces');
  server = await startWeb(dataDir);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now (axe-core, as the route sweep runs it). */
async function axeFindings(p: Page): Promise<string[]> {
  await expect(p.locator('.ant-spin-spinning:visible, .ant-skeleton:visible')).toHaveCount(0, { timeout: 30_000 });
  await p.waitForTimeout(400);
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE);
  return p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ html: string }> }> }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
  });
}

async function openAction(p: Page, commitment: string, action: string) {
  await p.evaluate(() => (window.location.hash = '#/commitments'));
  await p.getByTestId(`commitment-row-${commitment}`).getByRole('link').first().click();
  await p.getByTestId(`action-row-${action}`).getByRole('link').first().click();
  await expect(p.getByTestId('action-heading')).toContainText(action);
}

async function signIn(p: Page) {
  await expect(p.getByTestId('login')).toBeVisible();
  await p.getByLabel('Utilizator', { exact: true }).fill(COORD.username);
  await p.getByLabel('Parolă', { exact: true }).fill(COORD.password);
  await p.getByLabel('Parolă', { exact: true }).press('Enter');
  await expect(p.getByTestId('user-name')).toHaveText(COORD.displayName);
}

async function secondSession(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(server.url);
  await signIn(p);
  return p;
}

test('the progress slider shows its value beside it and reads it out; the arrow keys move it', async () => {
  await openAction(page, 'A1', 'A1.1');
  const form = page.getByTestId('update-form');
  const handle = form.getByRole('slider', { name: 'Progres' });
  await expect(form.getByTestId('update-progress-value')).toHaveText('0\u00a0%');
  await expect(handle).toHaveAttribute('aria-valuetext', '0\u00a0%');
  await handle.focus();
  for (let i = 0; i < 8; i++) await handle.press('ArrowRight');
  await expect(form.getByTestId('update-progress-value')).toHaveText('40\u00a0%');
  await expect(handle).toHaveAttribute('aria-valuetext', '40\u00a0%');
  expect(await axeFindings(page)).toEqual([]);
});

test('a progress update added with the keyboard is corrected from its history entry', async () => {
  const form = page.getByTestId('update-form');
  await form.getByTestId('update-note').fill('Consultarea a început (greșit: 40 %).');
  await form.getByTestId('update-submit').focus();
  await page.keyboard.press('Enter');
  const item = page.getByTestId('update-item').first();
  await expect(item).toContainText('Consultarea a început (greșit: 40 %).');
  await expect(item).toContainText('40\u00a0%');
  await expect(page.getByTestId('action-progress')).toContainText('40');

  // Correct it: open with the keyboard, move the slider back to 25 %, new note, Enter in a field saves.
  await item.getByTestId('update-edit').focus();
  await page.keyboard.press('Enter');
  const edit = page.getByTestId('update-edit-form');
  await expect(edit).toBeVisible();
  const handle = edit.getByRole('slider', { name: 'Progres' });
  await handle.focus();
  for (let i = 0; i < 3; i++) await handle.press('ArrowLeft');
  await expect(edit.getByTestId('update-edit-progress-value')).toHaveText('25\u00a0%');
  await edit.getByTestId('update-edit-note').fill('Consultarea a început.');
  expect(await axeFindings(page)).toEqual([]);
  await page.getByTestId('update-edit-form-submit').click();
  await expect(edit).toBeHidden();
  await expect(item).toContainText('Consultarea a început.');
  await expect(item).toContainText('25\u00a0%');
  await expect(page.getByTestId('action-progress')).toContainText('25');
  await expect(page.getByTestId('update-item')).toHaveCount(1);
});

test('a correction saved over a colleague’s shows both versions; taking theirs shows their note', async ({ browser }) => {
  const item = page.getByTestId('update-item').first();
  await item.getByTestId('update-edit').click();
  const edit = page.getByTestId('update-edit-form');
  await edit.getByTestId('update-edit-note').fill('Nota mea, pe o versiune veche');

  const other = await secondSession(browser);
  await openAction(other, 'A1', 'A1.1');
  await other.getByTestId('update-item').first().getByTestId('update-edit').click();
  await other.getByTestId('update-edit-note').fill('Nota colegului');
  await other.getByTestId('update-edit-form-submit').click();
  await expect(other.getByTestId('update-edit-form')).toBeHidden();
  await other.context().close();

  await page.getByTestId('update-edit-form-submit').click();
  await expect(page.getByTestId('conflict-mine-note')).toHaveText('Nota mea, pe o versiune veche');
  await expect(page.getByTestId('conflict-theirs-note')).toHaveText('Nota colegului');
  await page.getByTestId('conflict-take-theirs').click();
  await expect(edit).toBeHidden();
  await expect(item).toContainText('Nota colegului');
});

test('a deleted update comes back with undo, and the action’s progress with it', async () => {
  const item = page.getByTestId('update-item').first();
  await item.getByTestId('update-delete').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-popconfirm')).toContainText('Progresul și situația acțiunii vor fi cele din cea mai recentă actualizare rămasă.');
  await page.getByTestId('update-delete-confirm').click();
  await expect(page.getByTestId('undo-message')).toContainText('a fost ștearsă');
  await expect(page.getByTestId('update-item')).toHaveCount(0);
  await expect(page.getByTestId('action-progress')).toContainText('0');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('update-item')).toHaveCount(1);
  await expect(page.getByTestId('update-item').first()).toContainText('Nota colegului');
  await expect(page.getByTestId('action-progress')).toContainText('25');
});

test('the delete prompt of an action says what goes with it; undo brings it all back', async () => {
  await page.getByTestId('milestone-new').click();
  await page.getByTestId('milestone-title').fill('Raport de consultare');
  await page.getByTestId('milestone-title').press('Enter');
  await expect(page.getByTestId('milestones')).toContainText('Raport de consultare');

  await page.getByTestId('action-delete').click();
  const impact = page.getByTestId('action-delete-impact');
  await expect(impact).toContainText('Se șterg împreună cu ea:');
  await expect(page.getByTestId('impact-progressUpdates')).toHaveText('actualizări de progres (istoricul): 1');
  await expect(page.getByTestId('impact-milestones')).toHaveText('repere: 1');
  await expect(impact).toContainText('„Anulează” aduce înapoi acțiunea');
  expect(await axeFindings(page)).toEqual([]);
  // Esc keeps everything.
  await page.keyboard.press('Escape');
  await expect(impact).toBeHidden();
  await expect(page.getByTestId('action-heading')).toContainText('A1.1');

  await page.getByTestId('action-delete').click();
  await page.getByTestId('action-delete-confirm').click();
  await expect(page.getByTestId('undo-message')).toContainText('Acțiunea A1.1 a fost ștearsă.');
  await expect(page.getByTestId('commitment-heading')).toContainText('A1');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('action-heading')).toContainText('A1.1');
  await expect(page.getByTestId('update-item')).toHaveCount(1);
  await expect(page.getByTestId('milestones')).toContainText('Raport de consultare');
});

test('the RACI matrix is edited with the keyboard, the one-Accountable rule is shown in words', async () => {
  await page.getByTestId('nav-stakeholders-raci').click();
  const grid = page.getByRole('grid', { name: 'Matrice RACI: acțiuni pe rânduri, părți interesate pe coloane' });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: ORG1 })).toBeVisible();
  const cell = (action: string, org: string) => page.getByTestId(`raci-cell-${action}-${org}`);
  // The first cell is the one in the tab order.
  await expect(cell('A1.1', ORG2)).toHaveAttribute('tabindex', '0');
  await cell('A1.1', ORG2).focus();
  await page.keyboard.press('ArrowLeft'); // stays at the edge
  await expect(cell('A1.1', ORG2)).toBeFocused();
  await page.keyboard.press('r');
  await expect(page.getByTestId('raci-error')).toContainText('Acțiunea A1.1 nu are încă un „A”');
  await page.keyboard.press('a');
  await expect(cell('A1.1', ORG2)).toHaveText('A');
  await expect(page.getByTestId('raci-acc-A1.1')).toHaveText(ORG2);
  await expect(page.getByTestId('raci-error')).toBeHidden();

  // A second A is refused, naming the action and its A; Shift+A moves it.
  await page.keyboard.press('ArrowRight');
  const right = page.locator('[role="gridcell"][tabindex="0"]');
  await expect(right).toBeFocused();
  const org = (await right.getAttribute('data-testid'))!.replace('raci-cell-A1.1-', '');
  await page.keyboard.press('a');
  await expect(page.getByTestId('raci-error')).toContainText(`Acțiunea A1.1 are deja un „A” (cine răspunde): ${ORG2}.`);
  await expect(right).toHaveText('');
  await page.keyboard.press('Shift+A');
  await expect(right).toHaveText('A');
  await expect(cell('A1.1', ORG2)).toHaveText('');
  await expect(page.getByTestId('raci-acc-A1.1')).toHaveText(org);

  // Back left: Consulted; down a row: no A there yet; Delete empties.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('c');
  await expect(cell('A1.1', ORG2)).toHaveText('C');
  await expect(page.getByTestId('raci-said')).toHaveText(`A1.1, ${ORG2}: C — Consultat.`);
  await page.keyboard.press('Delete');
  await expect(cell('A1.1', ORG2)).toHaveText('');
  await page.keyboard.press('ArrowDown');
  await expect(cell('A1.2', ORG2)).toBeFocused();
  await expect(page.getByTestId('raci-acc-A1.2')).toHaveText('Fără „A”');

  // The menu: Enter opens it on the focused cell; its items set the role too.
  await page.keyboard.press('Enter');
  await page.locator('.ant-dropdown:visible').getByTestId('raci-menu-A').click();
  await expect(cell('A1.2', ORG2)).toHaveText('A');
  await cell('A1.2', ORG1).click();
  await page.locator('.ant-dropdown:visible').getByTestId('raci-menu-I').click();
  await expect(cell('A1.2', ORG1)).toHaveText('I');
  await expect(cell('A1.2', ORG1)).toHaveAttribute('aria-label', `A1.2, ${ORG1}: I — Informat`);
  expect(await axeFindings(page)).toEqual([]);
});

test('screenshot of the RACI matrix (docs/screenshots)', async () => {
  await page.mouse.move(0, 0);
  await page.getByTestId('raci-cell-A1.2-' + ORG2).focus();
  await page.locator('.pla-raci-scroll').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: path.join(root, 'docs/screenshots/raci-matrix.png') });
});

test('the matrix filters actions by code, hides organisations without roles, and exports to Excel', async () => {
  await page.getByTestId('raci-filter').locator('input').fill('A1.2');
  await expect(page.getByTestId('raci-row-A1.1')).toHaveCount(0);
  await expect(page.getByTestId('raci-row-A1.2')).toBeVisible();
  await page.getByTestId('raci-only-with-roles').click();
  await expect(page.getByRole('columnheader')).toHaveCount(2 + 3);

  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('raci-export').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^Matrice-RACI-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(dataDir, 'raci.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const s = wb.getWorksheet('Matrice RACI')!;
  const header = (s.getRow(1).values as unknown[]).slice(1);
  const a12 = [...Array(s.rowCount).keys()].map((i) => s.getRow(i + 1)).find((r) => r.getCell(1).value === 'A1.2')!;
  expect(a12.getCell(3).value).toBe(ORG2);
  expect(a12.getCell(header.indexOf(ORG1) + 1).value).toBe('I');
});

test('in English the matrix and its rule read in English', async () => {
  await page.getByTestId('lang-switch').getByText('EN').click();
  await expect(page.getByRole('grid', { name: 'RACI matrix: actions in rows, stakeholders in columns' })).toBeVisible();
  await page.getByTestId('raci-filter').locator('input').fill('');
  await page.getByTestId('raci-cell-A1.2-' + ORG1).focus();
  await page.keyboard.press('a');
  await expect(page.getByTestId('raci-error')).toContainText(`Action A1.2 already has an “A” (accountable): ${ORG2}.`);
  expect(await axeFindings(page)).toEqual([]);
  await page.getByTestId('lang-switch').getByText('RO').click();
});
