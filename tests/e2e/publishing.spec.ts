import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, startWeb, tempDataDir, type WebServer } from './server';

/**
 * The public site, as the coordinator builds it from the app: settings, the build job, then the built pages
 * opened from disk in Chromium — every page type passes axe-core (WCAG 2.1 A/AA, no serious or critical
 * violation) and the site reads and navigates with JavaScript turned off.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-site');
  // Records in every module, entered through core in a child process (tsx runs the app's TypeScript as the CLI does).
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e/publishing-fixture.ts'), dataDir], { cwd: root, stdio: 'inherit' });
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the coordinator sets the feedback e-mail and builds the site from the app, with progress and a summary', async () => {
  await page.goto(server.url);
  await page.getByTestId('first-run-username').fill(COORD.username);
  await page.getByTestId('first-run-display-name').fill(COORD.displayName);
  await page.getByTestId('first-run-password').fill(COORD.password);
  await page.getByTestId('first-run-confirm').fill(COORD.password);
  await page.getByTestId('first-run-submit').click();
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);

  await page.getByTestId('nav-publishing-site').click();
  await expect(page.getByTestId('site-last-build')).toHaveText('Site-ul nu a fost construit încă.');
  // Without the feedback e-mail the build is refused on that field.
  await page.getByTestId('site-build').click();
  await expect(page.getByText(/e-mail/i).first()).toBeVisible();
  await expect(page.getByTestId('site-build-result')).toHaveCount(0);

  await page.getByTestId('site-contact-email').fill('transparenta@primariatm.example');
  await page.getByTestId('site-risk-summary').click();
  await page.getByTestId('site-save').click();
  await expect(page.getByText('Setările site-ului au fost salvate.')).toBeVisible();
  await page.getByTestId('site-build').click();
  await expect(page.getByTestId('site-build-result')).toContainText(/Site construit: \d+ pagini/);
  await expect(page.getByTestId('site-build-result')).toContainText('budgeting');
  await expect(page.getByTestId('site-build-result')).toContainText('datasets');
  await expect(page.getByTestId('site-last-build')).toContainText('Ultima construire');
  expect(fs.existsSync(path.join(dataDir, 'site', 'index.html'))).toBe(true);
});

const site = (p: string) => pathToFileURL(path.join(dataDir, 'site', p)).href;

/** One page of each kind the site has. */
function pageTypes(): string[] {
  const dir = path.join(dataDir, 'site');
  const first = (sub: string, ext = '.html') => `${sub}/${fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith(ext)).sort()[0]}`;
  return [
    'index.html',
    first('angajamente'),
    first('actiuni'),
    'indicatori.html',
    first('indicatori'),
    'parteneri.html',
    'finantari.html',
    'instruire.html',
    'bugetare.html',
    first('bugetare'),
    'date-deschise.html',
    'date-deschise/parcuri/index.html',
    'riscuri.html',
    'accesibilitate.html',
  ];
}

async function axe(browser: Browser, p: string) {
  const ctx = await browser.newContext();
  const tab = await ctx.newPage();
  await tab.goto(site(p));
  await tab.addScriptTag({ path: AXE });
  const violations = (await tab.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  })) as Array<{ id: string; impact: string | null; nodes: string[] }>;
  await ctx.close();
  return violations;
}

test('every page type passes axe-core with no serious or critical violation', async ({ browser }) => {
  // The check bites: a page with an unlabelled image and no language is reported.
  const probe = path.join(dataDir, 'site', 'zz-axe-probe.html');
  fs.writeFileSync(probe, '<!DOCTYPE html><html><head><title>x</title></head><body><img src="x.png"></body></html>');
  expect((await axe(browser, 'zz-axe-probe.html')).map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'html-has-lang']));
  fs.rmSync(probe);
  const types = pageTypes();
  for (const p of types) expect(fs.existsSync(path.join(dataDir, 'site', p)), p).toBe(true);
  for (const p of types) {
    const bad = (await axe(browser, p)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad, `${p}: ${JSON.stringify(bad)}`).toEqual([]);
  }
});

test('with JavaScript turned off the site reads and navigates: home → commitment → action; a hostile title stays text', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const tab = await ctx.newPage();
  await tab.goto(site('index.html'));
  await expect(tab.locator('html')).toHaveAttribute('lang', 'ro');
  await expect(tab.getByRole('heading', { level: 2, name: 'Viziunea' })).toBeVisible();
  await expect(tab.getByText('Progresul general')).toBeVisible();
  await tab.getByRole('link', { name: /^A1\. / }).click();
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('A1.');
  await expect(tab.locator('figure.timeline svg')).toBeVisible();
  await tab.locator('main a[href^="../actiuni/"]').first().click();
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('A1.1.');
  await expect(tab.getByRole('heading', { level: 2, name: 'Actualizări și dovezi' })).toBeVisible();
  // Styles come from the one stylesheet, without script.
  expect(await tab.evaluate(() => getComputedStyle(document.querySelector('header.site')!).backgroundColor)).toBe('rgb(11, 58, 102)');
  await tab.goto(site('bugetare.html'));
  await tab.locator('a[href^="bugetare/"]').first().click();
  await expect(tab.getByText('<script>alert(1)</script>')).toBeVisible();
  await ctx.close();
});
