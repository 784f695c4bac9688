import { expect, test, type Page } from '@playwright/test';
import { startWeb, tempDataDir, type WebServer } from './server';

/**
 * The first-run form (issue 15 §8): its title reads whole, every mistake shows at once on one submit (not one
 * group of fields after another), and the password rule "Cel puțin 10 caractere" is written once.
 */

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  server = await startWeb(tempDataDir('pla-e2e-firstrun'));
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await expect(page.getByTestId('first-run-username')).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

/** A field's error texts (antd's help list under the field; an old message leaves it with an animation). */
const errorOf = (name: string) => page.locator(`#${name}_help .ant-form-item-explain-error:not(.ant-form-show-help-item-leave)`);

test('the title is read whole, not cut with an ellipsis', async () => {
  const title = page.getByTestId('first-run-title');
  await expect(title).toHaveText('Creați primul cont de coordonator');
  await expect(page.getByRole('heading', { level: 1, name: 'Creați primul cont de coordonator' })).toBeVisible();
  const fits = await title.evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis');
  expect(fits).toBe(true);
});

test('an empty form says at once that every field is required', async () => {
  await page.getByTestId('first-run-submit').click();
  for (const name of ['username', 'displayName', 'password', 'confirm']) await expect(errorOf(name)).toHaveText('Câmp obligatoriu.');
  // nothing was created: the form is still there
  await expect(page.getByTestId('first-run')).toBeVisible();
});

test('every mistake shows on the same submit, and "Cel puțin 10 caractere" is written once', async () => {
  await page.getByTestId('first-run-username').fill('a b');
  await page.getByTestId('first-run-display-name').fill('Ana Coordonatoare');
  await page.getByTestId('first-run-password').fill('scurta');
  await page.getByTestId('first-run-confirm').fill('alta');
  await page.getByTestId('first-run-submit').click();
  await expect(errorOf('username')).toHaveText('Doar litere fără diacritice, cifre, punct, cratimă și liniuță jos.');
  await expect(errorOf('displayName')).toHaveCount(0);
  await expect(errorOf('password')).toHaveText('Textul este prea scurt; numărul minim de caractere: 10.');
  await expect(errorOf('confirm')).toHaveText('Parolele nu coincid.');
  await expect(page.getByText('Cel puțin 10 caractere', { exact: false })).toHaveCount(1);
  await expect(page.getByTestId('first-run')).toBeVisible();
});

test('once corrected, the account is created and signs in', async () => {
  await page.getByTestId('first-run-username').fill('ana.coord');
  await page.getByTestId('first-run-display-name').fill('Ana Coordonatoare');
  await page.getByTestId('first-run-password').fill('parola-lunga-123');
  await page.getByTestId('first-run-confirm').fill('parola-lunga-123');
  await page.getByTestId('first-run-confirm').press('Enter');
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveText('Ana Coordonatoare');
});
