import { expect, test, type Page } from '@playwright/test';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * Empty states and disabled actions (issue 15 §5): on a fresh data folder an empty list says what to do next and
 * offers the button to do it, and a disabled button says why beside it — not only in a hover tooltip.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Gol', password: 'parola-gol-1234' };

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  server = await startWeb(tempDataDir('pla-e2e-empty'));
  page = await browser.newPage();
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

const goTo = async (hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(hash);
};

test('no campaign yet: the empty list says what comes next and offers "Campanie nouă"', async () => {
  await goTo('#/budgeting/campaigns');
  const empty = page.getByTestId('campaigns-empty');
  await expect(empty).toContainText('Nicio campanie.');
  await expect(empty).toContainText('Creați prima campanie');
  await empty.getByTestId('campaign-new-empty').click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  // a search that finds nothing says so, without offering to create
  await page.getByTestId('campaign-search').locator('input').fill('nimic');
  await expect(empty).toContainText('Nimic nu corespunde căutării.');
  await expect(empty.getByTestId('campaign-new-empty')).toHaveCount(0);
});

test('no training programme yet: "Sesiune nouă" is disabled and says why beside it', async () => {
  await goTo('#/training/sessions');
  await expect(page.getByTestId('session-new')).toBeDisabled();
  await expect(page.getByTestId('session-new-why')).toBeVisible();
  await expect(page.getByTestId('session-new-why')).toHaveText('Creați mai întâi un program de formare legat de o acțiune.');
});
