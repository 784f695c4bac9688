import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

/**
 * A coordinator's start page (issue 15 §2): signing in lands on "Ce am de făcut", which lists what is late and what
 * falls due this week across modules, each item linking to its record, with counters beside the menu groups.
 * Planted: an open funding call three days past its deadline and one due in two days (agenda-fixture.ts).
 */

const COORD = { username: 'coord', displayName: 'Coordonator Agendă', password: 'parola-agenda-123' };

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  const dataDir = tempDataDir('pla-e2e-agenda');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e/agenda-fixture.ts'), dataDir], { cwd: root, stdio: 'inherit' });
  server = await startWeb(dataDir);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

test('a coordinator lands on "Ce am de făcut": the late call under "Întârziate", the other under this week', async () => {
  await expect(page.getByRole('heading', { name: 'Ce am de făcut' })).toBeVisible();
  expect(await page.evaluate(() => window.location.hash)).toBe('#/agenda');
  const late = page.getByTestId('agenda-late');
  await expect(late.getByTestId('agenda-item-funding_deadline-AG/LATE/1')).toContainText('Apel cu termen depășit');
  await expect(late.getByTestId('agenda-item-funding_deadline-AG/LATE/1')).toContainText('Finanțări');
  await expect(late.getByTestId('agenda-item-funding_deadline-AG/LATE/1')).toContainText('termen depășit');
  await expect(page.getByTestId('agenda-week').getByTestId('agenda-item-funding_deadline-AG/WEEK/1')).toContainText('Termenul-limită al apelului');
  await expect(page.getByTestId('agenda-count-late')).not.toHaveText('(0)');
  // the registers' group (funding lives there) carries the count of its items
  await expect(page.getByTestId('menu-count-registries')).toContainText('2');
  await expect(page.getByTestId('menu-count-registries')).toContainText('De făcut: 2');
});

test('"Ce s-a schimbat" tells, in words, what others changed since the last visit (a first visit: the past week)', async () => {
  const changes = page.getByTestId('changes');
  await expect(changes.getByRole('heading')).toContainText('Ce s-a schimbat');
  await expect(changes.getByTestId('change-entry').filter({ hasText: 'a adăugat: Apel de finanțare' })).toHaveCount(2);
});

test('screenshot of the start page (docs/screenshots)', async () => {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(root, 'docs/screenshots/start-agenda.png') });
});

test("an item's link opens its record", async () => {
  await page.getByTestId('agenda-link-funding_deadline-AG/WEEK/1').click();
  await expect(page).toHaveURL(/#\/funding\/calls\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Apel cu termen săptămâna aceasta').first()).toBeVisible();
  await page.getByTestId('nav-agenda').click();
  await expect(page.getByTestId('agenda-late')).toBeVisible();
});

test('after a reload, the visit before counts as the last one: nothing new', async () => {
  await page.reload();
  await expect(page.getByTestId('changes-none')).toHaveText('Nimic nou de la ultima vizită.');
});
