import { expect, test, type Page, type Route } from '@playwright/test';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * Fast first load (issue 15 §9): the interface is split per screen. The sign-in form needs none of the screens' code
 * nor the charts library; each screen's code comes when it is first opened (or earlier, while the app is idle), with a
 * loading state that screen readers announce; a screen whose code cannot be fetched says so and offers to try again.
 * The timings themselves are measured by `npm run bench` (tests/bench/first-load.ts), not asserted here.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Încărcare', password: 'parola-incarcare-123' };

let server: WebServer;

test.beforeAll(async ({ browser }) => {
  server = await startWeb(tempDataDir('pla-e2e-first-load'));
  const page = await browser.newPage();
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await page.close();
});

test.afterAll(async () => {
  await server?.stop();
});

/** Holds back the scripts whose names match `re` until `release()` (the server being slow, or away: `fail()`). */
async function holdScripts(page: Page, re: RegExp) {
  const held: Route[] = [];
  let mode: 'hold' | 'pass' | 'fail' = 'hold';
  await page.route(
    (url) => re.test(new URL(url).pathname),
    (route) => (mode === 'hold' ? void held.push(route) : mode === 'fail' ? route.abort() : route.continue()),
  );
  return {
    held: () => held.map((r) => new URL(r.request().url()).pathname.replace(/^.*\//, '')),
    release: async () => {
      mode = 'pass';
      await Promise.all(held.splice(0).map((r) => r.continue()));
    },
    fail: async () => {
      mode = 'fail';
      await Promise.all(held.splice(0).map((r) => r.abort()));
    },
  };
}

async function signIn(page: Page) {
  await page.getByTestId('login-username').fill(COORD.username);
  await page.getByTestId('login-password').fill(COORD.password);
  await page.getByTestId('login-submit').click();
}

test('the sign-in form opens and works without the screens’ code or the charts library', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // the app's frame, the dashboard, the charts and every module's screens never arrive
  const screens = await holdScripts(page, /\/assets\/(AppLayout|Dashboard|vendor-charts|RisksList|ProgressReportPage|DatasetPage)-[\w-]+\.js$/);
  await page.goto(server.url);
  await expect(page.getByTestId('login-username')).toBeVisible();
  await page.getByTestId('login-username').fill(COORD.username);
  await page.getByTestId('login-password').fill(COORD.password);
  await expect(page.getByTestId('login-submit')).toBeEnabled();
  // what the page names for its first load: the sign-in screen's own scripts, no chart library, no screen
  const html = await (await page.request.get(new URL('/', server.url).href)).text();
  const first = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]);
  expect(first.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
  expect(first.filter((f) => /vendor-charts|Dashboard|AppLayout|RisksList/.test(f))).toEqual([]);
  // once signed in, the frame and the start page arrive (they were asked for while the user typed)
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('status')).toContainText('Se încarcă ecranul…');
  expect(screens.held()).toEqual(expect.arrayContaining([expect.stringMatching(/^AppLayout-/)]));
  await screens.release();
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await expect(page.getByTestId('screen-loading')).toHaveCount(0);
  await context.close();
});

test('a screen whose code is on its way shows an announced loading state, then the screen', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const report = await holdScripts(page, /\/assets\/ProgressReportPage-[\w-]+\.js$/);
  await page.goto(server.url);
  await signIn(page);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await page.evaluate(() => (window.location.hash = '#/reports'));
  const loading = page.getByRole('status').filter({ hasText: 'Se încarcă ecranul…' });
  await expect(loading).toBeVisible();
  await expect(loading).toHaveAttribute('aria-busy', 'true');
  await report.release();
  await expect(page.getByTestId('report-commitments')).toBeVisible();
  await expect(page.getByTestId('screen-loading')).toHaveCount(0);
  await context.close();
});

test('a screen whose code cannot be fetched says so, and opens when tried again', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const risks = await holdScripts(page, /\/assets\/RisksList-[\w-]+\.js$/);
  await page.goto(server.url);
  await signIn(page);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await risks.fail();
  await page.evaluate(() => (window.location.hash = '#/risks'));
  await expect(page.getByTestId('screen-load-failed')).toContainText('Ecranul nu a putut fi încărcat.');
  // the rest of the app still works: the menu, the header
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  await risks.release();
  await page.getByTestId('screen-load-failed').getByRole('button', { name: 'Reîncearcă' }).click();
  await expect(page.getByTestId('risk-search')).toBeVisible();
  await expect(page.getByTestId('screen-load-failed')).toHaveCount(0);
  await context.close();
});
