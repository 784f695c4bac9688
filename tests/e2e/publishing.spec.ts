import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';

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
  for (const d of targetDirs) fs.rmSync(d, { recursive: true, force: true });
});

test('the coordinator sets the feedback e-mail and builds the site from the app, with progress and a summary', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);

  await page.getByTestId('nav-publishing-site').click();
  await expect(page.getByTestId('site-last-build')).toHaveText('Site-ul nu a fost construit încă.');
  // Without the feedback e-mail the build is refused on that field.
  await page.getByTestId('site-build').click();
  await expect(page.getByText(/e-mail/i).first()).toBeVisible();
  await expect(page.getByTestId('site-build-result')).toHaveCount(0);

  // The site's settings are a section of the one Setări screen; the site page leads there.
  await expect(page.getByTestId('site-settings-summary')).toContainText('nu este setată');
  await page.getByTestId('site-settings-open').click();
  await page.getByTestId('site-contact-email').fill('transparenta@primariatm.example');
  await page.getByTestId('site-risk-summary').click();
  await page.getByTestId('site-save').click();
  await expect(page.getByText('Setările site-ului au fost salvate.')).toBeVisible();
  await page.getByTestId('nav-publishing-site').click();
  await expect(page.getByTestId('site-settings-summary')).toHaveText('Adresa de e-mail pentru feedback: transparenta@primariatm.example');
  await page.getByTestId('site-build').click();
  await expect(page.getByTestId('site-build-result')).toContainText(/Site construit: \d+ pagini/);
  await expect(page.getByTestId('site-build-result')).toContainText('bugetarea participativă');
  await expect(page.getByTestId('site-build-result')).toContainText('seturile de date');
  await expect(page.getByTestId('site-last-build')).toContainText('Ultima construire');
  expect(fs.existsSync(path.join(dataDir, 'site', 'index.html'))).toBe(true);
});

const site = (p: string) => pathToFileURL(path.join(dataDir, 'site', p)).href;

/** One page of each kind the site has. */
function pageTypes(): string[] {
  const dir = path.join(dataDir, 'site');
  const first = (sub: string, ext = '.html') =>
    `${sub}/${
      fs
        .readdirSync(path.join(dir, sub))
        .filter((f) => f.endsWith(ext))
        .sort()[0]
    }`;
  return [
    'index.html',
    first('angajamente'),
    first('actiuni'),
    'indicatori.html',
    first('indicatori/angajamente'),
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
    'noutati.html',
  ];
}

async function axe(browser: Browser, p: string) {
  const ctx = await browser.newContext();
  const tab = await ctx.newPage();
  await tab.goto(site(p));
  await tab.addScriptTag({ path: AXE });
  const violations = (await tab.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run(o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe.run({
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

/** The live site on a folder target: what `current` points to, read from disk. */
const liveFile = (target: string, p: string) => fs.readFileSync(path.join(target, 'current', p), 'utf8');
let folderTarget: string;
const targetDirs: string[] = [];

async function addFolderTarget(name: string, dir: string) {
  await page.getByTestId('sync-target-new').click();
  const form = page.getByTestId('sync-target-form');
  await form.getByTestId('sync-target-name').fill(name);
  await form.getByTestId('sync-target-kind-folder').click();
  await form.getByTestId('sync-target-path').fill(dir);
  await page.getByTestId('sync-target-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId(`sync-target-${name}`)).toBeVisible();
}

test('a folder target: "Ce se va schimba" before anything is sent, then the publication as a job, live under current', async () => {
  folderTarget = tempDataDir('pla-e2e-target');
  targetDirs.push(folderTarget);
  await page.getByTestId('nav-publishing-sync').click();
  await expect(page.getByTestId('sync-targets')).toContainText('Nicio destinație');
  // A relative folder is refused on its field, and nothing is saved.
  await page.getByTestId('sync-target-new').click();
  const form = page.getByTestId('sync-target-form');
  await form.getByTestId('sync-target-name').fill('Partajare');
  await form.getByTestId('sync-target-path').fill('site-pla');
  await page.getByTestId('sync-target-form-submit').click();
  await expect(form.locator('.ant-form-item-explain-error')).toContainText(/calea completă/);
  await form.getByTestId('sync-target-path').fill(folderTarget);
  await page.getByTestId('sync-target-form-submit').click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('sync-target-Partajare');
  await expect(row).toContainText(folderTarget);
  await expect(row).toContainText('Niciodată');

  await row.getByTestId('sync-preview-button').click();
  await expect(page.getByTestId('sync-preview')).toContainText('Prima publicare pe această destinație.');
  await expect(page.getByTestId('sync-preview-summary')).toHaveText(/^\d+ de pagini noi, 1 set de date nou, \d+ fișiere noi$/);
  expect(fs.readdirSync(folderTarget)).toEqual([]); // the preview sent nothing

  await page.getByTestId('sync-preview-publish').click();
  await expect(page.getByTestId('sync-outcome')).toContainText(/Publicat: \d+ de pagini noi, 1 set de date nou/);
  expect(fs.readlinkSync(path.join(folderTarget, 'current'))).toMatch(/^releases\//);
  expect(liveFile(folderTarget, 'index.html')).toBe(fs.readFileSync(path.join(dataDir, 'site', 'index.html'), 'utf8'));
  expect(fs.existsSync(path.join(folderTarget, 'current', 'date-deschise', 'parcuri', 'datapackage.json'))).toBe(true);
  await expect(row).not.toContainText('Niciodată');
  await expect(page.getByTestId('sync-log').getByTestId('sync-log-published')).toHaveCount(1);
});

test('after a measurement is recorded in the app and the site rebuilt, the preview names only a few pages and the re-publication sends only them', async () => {
  await page.getByTestId('nav-indicators').click();
  const indRow = page.getByTestId('indicators-table').locator('tbody tr', { hasText: /cel puțin 3 resurse ale orașului/ });
  await indRow.getByTestId('indicator-link').click();
  await page.getByTestId('measurement-new').click();
  const form = page.getByTestId('measurement-form');
  await form.getByRole('spinbutton').fill('2');
  await form.getByTestId('measurement-note').fill('Două resurse publicate.');
  await page.getByTestId('measurement-form-submit').click();
  await expect(form).toBeHidden();

  await page.getByTestId('nav-publishing-site').click();
  await page.getByTestId('site-build').click();
  await expect(page.getByTestId('site-build-result')).toBeVisible();

  await page.getByTestId('nav-publishing-sync').click();
  const row = page.getByTestId('sync-target-Partajare');
  await row.getByTestId('sync-preview-button').click();
  await expect(page.getByTestId('sync-preview')).toContainText('Comparat cu site-ul publicat pe destinație.');
  const summary = (await page.getByTestId('sync-preview-summary').innerText()).trim();
  const changed = Number(/^(\d+) pagini modificate/.exec(summary)?.[1] ?? (summary.startsWith('1 pagină modificată') ? 1 : NaN));
  expect(changed, summary).toBeGreaterThan(0);
  expect(changed, summary).toBeLessThan(10);
  expect(summary).not.toMatch(/nou|șters/);
  const totalPages = fs.readdirSync(path.join(dataDir, 'site'), { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
  expect(totalPages).toBeGreaterThan(changed * 3);

  await page.getByTestId('sync-preview-publish').click();
  await expect(page.getByTestId('sync-outcome')).toContainText(`Publicat: ${summary}`);
  await expect(page.getByTestId('sync-log').getByTestId('sync-log-published')).toHaveCount(2);
  expect(liveFile(folderTarget, 'index.html')).toBe(fs.readFileSync(path.join(dataDir, 'site', 'index.html'), 'utf8'));
  expect(fs.readdirSync(path.join(folderTarget, 'releases'))).toHaveLength(2); // the previous release kept for a rollback
});

test('the coordinator puts the previous release back live from the app, and undoes it the same way', async () => {
  await page.getByTestId('nav-publishing-sync').click();
  const card = page.getByTestId('sync-releases');
  await expect(card.getByTestId('sync-release-live')).toHaveCount(1);
  await expect(card.getByTestId('sync-release-earlier')).toHaveCount(1);
  const live = fs.readlinkSync(path.join(folderTarget, 'current'));
  const earlier = (await card.getByTestId('sync-release-earlier').locator('code').innerText()).trim();
  await card.getByTestId('sync-release-earlier').getByTestId('sync-rollback').click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Revino la această versiune' }).click();
  await expect(page.getByText(/este din nou live/)).toBeVisible();
  expect(fs.readlinkSync(path.join(folderTarget, 'current'))).toBe(`releases/${earlier}`);
  await expect(page.getByTestId('sync-log')).toContainText(`Revenire la versiunea ${earlier}`);
  // Undo: the replaced release is still there and goes back live the same way.
  await expect(card.getByTestId('sync-release-live').locator('code')).toHaveText(earlier);
  await card.getByTestId('sync-release-earlier').getByTestId('sync-rollback').click();
  await page.getByRole('tooltip').getByRole('button', { name: 'Revino la această versiune' }).click();
  await expect.poll(() => fs.readlinkSync(path.join(folderTarget, 'current'))).toBe(live);
});

test('an unreachable target: the publication waits in the queue with its reason and since when; once fixed, one click publishes it', async () => {
  const mnt = tempDataDir('pla-e2e-mnt');
  targetDirs.push(mnt);
  const share = path.join(mnt, 'partajare-nemontata');
  await page.getByTestId('nav-publishing-sync').click();
  await addFolderTarget('Rețea', share);
  const row = page.getByTestId('sync-target-Rețea');
  await row.getByTestId('sync-preview-button').click();
  await expect(page.getByTestId('sync-preview-unreachable')).toContainText('nu este accesibilă');
  await row.getByTestId('sync-publish-button').click();
  await expect(page.getByTestId('sync-outcome')).toContainText('publicarea așteaptă în coadă');
  const queued = page.getByTestId('sync-queue').getByTestId('sync-queue-row');
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText('Rețea');
  await expect(queued).toContainText('inaccesibilă');
  await expect(queued.getByTestId('sync-queue-reason')).toContainText(share);
  await expect(page.getByTestId('sync-log').getByTestId('sync-log-failed')).toHaveCount(1);
  // Retrying while it is still missing keeps it waiting (one more attempt).
  await queued.getByTestId('sync-queue-retry').click();
  await expect(page.getByTestId('sync-outcome')).toContainText('publicarea așteaptă în coadă');
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText('2');

  fs.mkdirSync(share); // the share is mounted again
  await queued.getByTestId('sync-queue-retry').click();
  await expect(page.getByTestId('sync-outcome')).toContainText('Publicat:');
  await expect(page.getByTestId('sync-queue')).toContainText('Nicio publicare în așteptare.');
  expect(liveFile(share, 'index.html')).toBe(fs.readFileSync(path.join(dataDir, 'site', 'index.html'), 'utf8'));
});

test('a password is write-only: saved for an SFTP target, never shown back; a closed port queues the publication', async () => {
  await page.getByTestId('sync-target-new').click();
  const form = page.getByTestId('sync-target-form');
  await form.getByTestId('sync-target-name').fill('Server');
  await form.getByTestId('sync-target-kind-sftp').click();
  await form.getByTestId('sync-target-path').fill('/var/www/pla');
  await form.getByTestId('sync-target-host').fill('127.0.0.1');
  await form.getByTestId('sync-target-port').fill('1');
  await form.getByTestId('sync-target-username').fill('pla');
  await form.getByTestId('sync-target-auth-password').click();
  await form.getByTestId('sync-target-password').fill('secret-parola-42');
  await page.getByTestId('sync-target-form-submit').click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('sync-target-Server');
  await expect(row).toContainText('pla@127.0.0.1:1/var/www/pla');
  await row.getByTestId('sync-target-edit').click();
  await expect(form.getByText('O parolă este salvată')).toBeVisible();
  await expect(form.getByTestId('sync-target-password')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  await row.getByTestId('sync-publish-button').click();
  await expect(page.getByTestId('sync-outcome')).toContainText('publicarea așteaptă în coadă');
  const queued = page.getByTestId('sync-queue').getByTestId('sync-queue-row');
  await expect(queued).toHaveCount(1);
  await expect(queued).toContainText('Server');
  await expect(page.locator('body')).not.toContainText('secret-parola-42');
  // Cancelled, it leaves the queue.
  await queued.getByTestId('sync-queue-cancel').click();
  await page.getByRole('button', { name: 'Da', exact: true }).click();
  await expect(page.getByTestId('sync-queue')).toContainText('Nicio publicare în așteptare.');
});
