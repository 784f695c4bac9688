import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import { pickOption } from './ui';
import { startWeb, tempDataDir, type WebServer } from './server';

/**
 * Editing paths in browser mode: what the user sees on bad input, on a stale save (CONFLICT), on delete
 * and undo, with evidence files, and with a member's narrower menu. One server, one fresh data dir.
 */

const COORD = { username: 'coord', displayName: 'Ana Popescu', password: 'parola-coordonator-1' };
const MEMBER = { username: 'membru.unu', displayName: 'Mihai Ionescu', password: 'parola-membru-12' };

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

async function signIn(p: Page, who: { username: string; displayName: string; password: string }) {
  await expect(p.getByTestId('login')).toBeVisible();
  await p.getByLabel('Utilizator', { exact: true }).fill(who.username);
  await p.getByLabel('Parolă', { exact: true }).fill(who.password);
  await p.getByLabel('Parolă', { exact: true }).press('Enter');
  await expect(p.getByTestId('user-name')).toHaveText(who.displayName);
}

async function signOut(p: Page) {
  await p.getByTestId('user-menu').click();
  await p.getByTestId('logout').click();
  await expect(p.getByTestId('login')).toBeVisible();
}

/** A second, independent user session (own tab storage, own client id). */
async function secondSession(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(server.url);
  await signIn(p, COORD);
  return p;
}

async function openCommitment(p: Page, code: string) {
  await p.getByTestId('nav-commitments').click();
  await p.getByTestId(`commitment-row-${code}`).getByRole('link').first().click();
  await expect(p.getByTestId('commitment-heading')).toContainText(code);
}

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-edit');
  server = await startWeb(dataDir);
  page = await browser.newPage();
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

test('a bad commitment code is marked on its field; Esc closes; a good one saves', async () => {
  await page.getByTestId('nav-commitments').click();
  await page.getByTestId('commitment-new').click();
  const form = page.getByTestId('commitment-form');
  await form.getByTestId('commitment-code').fill('X9');
  await form.getByTestId('commitment-title').fill('Angajament de probă');
  await form.getByTestId('commitment-title').press('Enter');
  await expect(form.getByText('Codul are forma A1.')).toBeVisible();
  // Nothing was written.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('commitment-row-X9')).toHaveCount(0);

  await page.getByTestId('commitment-new').click();
  await form.getByTestId('commitment-code').fill('A5');
  await form.getByTestId('commitment-title').fill('Angajament de probă');
  await page.getByTestId('commitment-form-submit').click();
  await expect(page.getByTestId('commitment-heading')).toHaveText('A5 · Angajament de probă');
});

test('delete asks first; "Anulează" on the message restores the commitment', async () => {
  await page.getByTestId('commitment-delete').click();
  await page.locator('.ant-popover').getByRole('button', { name: 'Șterge' }).click();
  await expect(page.getByTestId('commitments-table')).toBeVisible();
  await expect(page.getByTestId('commitment-row-A5')).toHaveCount(0);
  await expect(page.getByTestId('undo-message')).toContainText('Angajamentul A5 a fost șters.');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('commitment-heading')).toHaveText('A5 · Angajament de probă');
  await page.getByTestId('nav-commitments').click();
  await expect(page.getByTestId('commitment-row-A5')).toBeVisible();
});

test('a stale save is refused, both versions are shown side by side, and nothing is overwritten', async ({ browser }) => {
  await openCommitment(page, 'A5');
  await page.getByTestId('commitment-edit').click();
  const form = page.getByTestId('commitment-form');
  await expect(form).toBeVisible();

  // Meanwhile, someone else saves the same commitment.
  const other = await secondSession(browser);
  await openCommitment(other, 'A5');
  await other.getByTestId('commitment-edit').click();
  await other.getByTestId('commitment-title').fill('Titlu salvat de altcineva');
  await other.getByTestId('commitment-form-submit').click();
  await expect(other.getByTestId('commitment-heading')).toHaveText('A5 · Titlu salvat de altcineva');

  await form.getByTestId('commitment-title').fill('Titlul meu, pe o versiune veche');
  await page.getByTestId('commitment-form-submit').click();
  // The conflict view: the user's unsaved title next to the one saved meanwhile.
  const view = page.getByTestId('conflict-body');
  await expect(view).toContainText('Un coleg a salvat această înregistrare după ce ați deschis-o.');
  await expect(page.getByTestId('conflict-mine-title')).toHaveText('Titlul meu, pe o versiune veche');
  await expect(page.getByTestId('conflict-theirs-title')).toHaveText('Titlu salvat de altcineva');
  await page.getByTestId('conflict-take-theirs').click();
  await expect(view).toBeHidden();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('commitment-heading')).toHaveText('A5 · Titlu salvat de altcineva');
  await other.context().close();
});

test('a progress update with an evidence file shows in the history and downloads', async () => {
  await openCommitment(page, 'A1');
  await page.getByTestId('action-row-A1.1').getByRole('link').first().click();
  await expect(page.getByTestId('action-heading')).toContainText('A1.1');
  const form = page.getByTestId('update-form');
  await form.getByTestId('update-note').fill('Strategia a fost pusă în consultare publică.');
  await form
    .locator('input[type=file]')
    .setInputFiles({ name: 'dovadă consultare.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% PLA Desk test\n') });
  await expect(form).toContainText('dovadă consultare.pdf');
  await form.getByTestId('update-submit').click();
  const item = page.getByTestId('update-item').first();
  await expect(item).toContainText('Strategia a fost pusă în consultare publică.');
  await expect(item).toContainText(COORD.displayName);
  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: /dovadă consultare\.pdf/ }).click();
  expect((await download).suggestedFilename()).toBe('dovadă consultare.pdf');
});

test('settings: a save on a stale version shows both versions, and taking the colleague’s shows their values', async ({ browser }) => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-threshold')).toBeVisible();
  // The user starts typing; a colleague's save meanwhile does not wipe it (the page refreshes live).
  await page.getByTestId('settings-threshold').fill('10');

  const other = await secondSession(browser);
  await other.getByTestId('nav-settings').click();
  await other.getByTestId('settings-threshold').fill('25');
  await other.getByTestId('settings-save').click();
  await expect(other.getByText('Modificările au fost salvate.')).toBeVisible();
  await other.context().close();

  await page.waitForTimeout(1_500);
  await expect(page.getByTestId('settings-threshold')).toHaveValue('10');
  await page.getByTestId('settings-save').click();
  // Both versions side by side; taking the colleague's shows their values.
  await expect(page.getByTestId('conflict-mine-atRiskThreshold')).toHaveText('10');
  await expect(page.getByTestId('conflict-theirs-atRiskThreshold')).toHaveText('25');
  await page.getByTestId('conflict-take-theirs').click();
  await expect(page.getByTestId('settings-threshold')).toHaveValue('25');
});

test('indicator: edit the target, delete it and undo; action: a milestone is ticked done', async () => {
  await page.getByTestId('nav-indicators').click();
  await page.getByTestId('indicator-row-I1.3').getByTestId('indicator-link').click();
  await expect(page.getByTestId('indicator-heading')).toContainText('I1.3');
  await page.getByTestId('indicator-edit').click();
  const form = page.getByTestId('indicator-form');
  await form.getByTestId('indicator-target').fill('4');
  await page.getByTestId('indicator-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('indicator-target-value')).toContainText('4');
  await page.getByTestId('indicator-delete').click();
  await page.locator('.ant-popover').getByRole('button', { name: 'Șterge' }).click();
  await expect(page.getByTestId('indicators-table')).toBeVisible();
  await expect(page.getByTestId('indicator-row-I1.3')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('indicator-heading')).toContainText('I1.3');
  await page.getByTestId('nav-indicators').click();
  await expect(page.getByTestId('indicator-row-I1.3')).toContainText('4');

  await openCommitment(page, 'A2');
  await page.getByTestId('action-row-A2.2').getByRole('link').first().click();
  await page.getByTestId('milestone-new').click();
  await page.getByTestId('milestone-title').fill('Regulament aprobat în Consiliul Local');
  await page.getByTestId('milestone-title').press('Enter');
  const row = page.getByTestId('milestones').locator('tbody tr', { hasText: 'Regulament aprobat' });
  await expect(row).toBeVisible();
  await row.getByRole('checkbox').click();
  await expect(row.getByRole('checkbox')).toBeChecked();
  // Done today: the done date is filled in.
  await expect(row).toContainText(/\d{2}\.\d{2}\.\d{4}/);
});

test('the coordinator records the IRM assessment of a commitment', async () => {
  await openCommitment(page, 'A3');
  await page.getByTestId('assessment-edit').click();
  const card = page.getByTestId('assessment');
  await pickOption(page, 'assessment-completion', 'Substanțial');
  await card.getByLabel('Lecții învățate').fill('Publicarea a cerut curățarea datelor din trei surse.');
  await page.getByTestId('assessment-save').click();
  await expect(card).toContainText('Substanțial');
  await expect(card).toContainText('Publicarea a cerut curățarea datelor din trei surse.');
});

test('a member signs in and sees the plan without the administration menu', async () => {
  await page.getByTestId('nav-users').click();
  await page.getByTestId('user-new').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-username').fill(MEMBER.username);
  await form.getByTestId('user-display-name').fill(MEMBER.displayName);
  await form.getByTestId('user-password').fill(MEMBER.password);
  await form.getByLabel('Confirmați parola').fill(MEMBER.password);
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByTestId('users-table')).toContainText(MEMBER.displayName);

  await signOut(page);
  await signIn(page, MEMBER);
  await expect(page.getByTestId('nav-commitments')).toBeVisible();
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  await page.getByTestId('nav-commitments').click();
  await expect(page.getByTestId('commitment-new')).toBeVisible();

  // The member changes their own password; a wrong current password is marked on its field.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('change-password').click();
  const pw = page.getByTestId('password-form');
  await pw.getByLabel('Parola actuală').fill('not-my-password');
  await pw.getByLabel('Parolă nouă').fill('parola-noua-membru-1');
  await pw.getByLabel('Confirmați parola').fill('parola-noua-membru-1');
  await pw.getByLabel('Confirmați parola').press('Enter');
  await expect(pw.getByText('Parola actuală nu este corectă.')).toBeVisible();
  await pw.getByLabel('Parola actuală').fill(MEMBER.password);
  await page.getByTestId('password-form-submit').click();
  await expect(pw).toBeHidden();
  await signOut(page);
  await signIn(page, { ...MEMBER, password: 'parola-noua-membru-1' });
  await signOut(page);
  await signIn(page, COORD);
});
