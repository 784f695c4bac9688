import { expect, test, type Page } from '@playwright/test';
import type { WebServer } from './server';
import { startSignedIn } from './ui';
import { seriousViolations } from './axe';

/**
 * One Setări screen (issue 15 §8): the plan's thresholds, the risk register's settings and the public site's, in
 * sections on one page that works from the keyboard; the old addresses and places lead to it.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Setări', password: 'parola-setari-123' };

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ server, page } = await startSignedIn(browser, { label: 'pla-e2e-settings', coord: COORD }));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

const goTo = async (hash: string) => {
  await page.evaluate((h) => (window.location.hash = h), hash);
};

test('the old address opens the one settings screen, with a section for the plan, the risk register and the public site', async () => {
  await goTo('#/admin/settings');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Setări' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Plan', 'Registrul de riscuri', 'Site public']);
  await expect(page.getByTestId('settings-threshold')).toBeVisible();
  await expect(page.getByTestId('risk-settings-toleranceLimit')).toBeVisible();
  await expect(page.getByTestId('site-contact-email')).toBeVisible();
  // the menu's "Setări" is this screen
  await expect(page.locator('a[aria-current="page"]').filter({ has: page.getByTestId('nav-settings') })).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
});

test('from the keyboard: jump to a section, change a value and save with Enter', async () => {
  await page.getByTestId('settings-jump-risks').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#settings-risks-title')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('risk-settings-toleranceLimit')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('14');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Setările registrului au fost salvate.')).toBeVisible();

  await page.getByTestId('settings-jump-site').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#settings-site-title')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('site-contact-email')).toBeFocused();
  await page.keyboard.type('transparenta@primariatm.example');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Setările site-ului au fost salvate.')).toBeVisible();

  await page.getByTestId('settings-threshold').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Modificările au fost salvate.')).toBeVisible();

  // saved: a reload shows the three values
  await page.reload();
  await expect(page.getByTestId('risk-settings-toleranceLimit')).toHaveValue('14');
  await expect(page.getByTestId('site-contact-email')).toHaveValue('transparenta@primariatm.example');
  await expect(page.getByTestId('settings-threshold')).toHaveValue('20');
});

test('the risk overview and the public site page show their settings and lead to their section', async () => {
  await goTo('#/risks-overview');
  const risks = page.getByTestId('risk-settings-pointer');
  await expect(risks).toContainText('Limita de toleranță: 14');
  await expect(page.getByTestId('risk-settings-toleranceLimit')).toHaveCount(0);
  await risks.getByTestId('risk-settings-open').click();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/settings?section=risks');
  await expect(page.locator('#settings-risks-title')).toBeFocused();

  await goTo('#/publishing/site');
  const site = page.getByTestId('site-settings-pointer');
  await expect(site.getByTestId('site-settings-summary')).toHaveText('Adresa de e-mail pentru feedback: transparenta@primariatm.example');
  await expect(page.getByTestId('site-contact-email')).toHaveCount(0);
  await site.getByTestId('site-settings-open').click();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/settings?section=site');
  await expect(page.locator('#settings-site-title')).toBeFocused();
});
