import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';
import { routeTable } from './routes';

/**
 * Romanian everywhere in Romanian mode (issue 11 §4): a coordinator goes through every route of the app —
 * the list is read from the route table (renderer/src/app/AppLayout.tsx and each feature's manifest.tsx), so a
 * new route is covered without touching this file — on a data folder filled in every module
 * (publishing-fixture.ts), opens every tab, and no visible text may be an i18n key, an internal code or a
 * common English interface word.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Limbă', password: 'parola-limba-123' };

/** Common interface words that must not show in Romanian mode (whole words, case as written). */
const ENGLISH = [
  'Save',
  'Cancel',
  'Delete',
  'Edit',
  'Error',
  'Loading',
  'uploaded',
  'Search',
  'Settings',
  'Submit',
  'Close',
  'Upload',
  'Download',
  'Add',
  'Remove',
  'Back',
  'Next',
  'Previous',
  'Yes',
  'Actions',
  'Name',
  'Failed',
  'failed',
  'Success',
  'Warning',
  'Required',
  'Invalid',
  'Unknown',
  'Processing',
  'processed',
  'pending',
  'Refresh',
  'Reload',
  'Retry',
  'Confirm',
  'View',
  'Details',
  'Filter',
  'Select',
  'None',
  'Please',
  'Done',
  'items',
  'rows',
  'No data',
  'Updated',
  'Created',
  'Deleted',
  'Title',
  'Description',
  'Overview',
  'Dashboard',
  'Users',
  'Reports',
  'Budget',
  'Campaign',
  'Proposals',
  'Results',
  'Votes',
  'bytes',
  'Too small',
  'Too big',
  'expected',
];
const ENGLISH_RE = new RegExp(`(?<![\\p{L}\\d_-])(${ENGLISH.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\d_-])`, 'u');
/** Codes the core and the validator use internally. */
const CODES_RE =
  /(?<![\p{L}\d_.@/-])(VALIDATION|NOT_FOUND|CONFLICT|FORBIDDEN|UNAUTHENTICATED|INTERNAL|type-error|constraint-error|blank-row|duplicate-row|extra-cell|missing-cell|unique-error|foreign-key-error|primary-key-error|encoding-error|blank-header|duplicate-label|incorrect-label|missing-label|extra-label|[a-z]+(?:_[a-z0-9]+)+)(?![\p{L}\d_.@/-])/u;

/** Visible text of the page (text nodes, placeholders, aria labels), with where it sits. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element | null) =>
      !!el &&
      (el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) !== false &&
      !(el as HTMLElement).closest('[aria-hidden="true"], [hidden]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, code, pre, [data-format-example]')) continue;
      if (visible(el)) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
      // a JSON format example (the schema's foreign keys) is code, not interface text
      if (!visible(el) || el.closest('[data-format-example]')) continue;
      for (const a of ['placeholder', 'aria-label']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

let server: WebServer;
let page: Page;
let namespaces: string[];

test.beforeAll(async ({ browser }) => {
  const dataDir = tempDataDir('pla-e2e-language');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e/publishing-fixture.ts'), dataDir], { cwd: root, stdio: 'inherit' });
  server = await startWeb(dataDir);
  page = await browser.newPage();
  // the i18n namespaces: every top-level key of the catalogues and every module's name
  // (a module's texts: features/<module>/i18n.ts, under its name, or at the root when it says `mount = 'root'`)
  const topKeys = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1]);
  const features = path.join(root, 'renderer/src/features');
  const modules = fs.readdirSync(features).filter((d) => fs.existsSync(path.join(features, d, 'i18n.ts')));
  const rootMounted = (d: string) => /^export const mount = 'root'/m.test(fs.readFileSync(path.join(features, d, 'i18n.ts'), 'utf8'));
  namespaces = [
    ...new Set([
      ...topKeys(path.join(root, 'renderer/src/i18n/ro.ts')),
      ...modules.flatMap((d) => (rootMounted(d) ? topKeys(path.join(features, d, 'i18n.ts')) : [d])),
    ]),
  ];
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

async function settle(p: Page) {
  await expect(p.locator('.ant-spin-spinning:visible, .ant-skeleton:visible')).toHaveCount(0, { timeout: 30_000 });
  await p.waitForTimeout(250);
}

test('every route in Romanian shows no i18n key, internal code or English interface word', async () => {
  test.setTimeout(600_000);
  const routes = routeTable();
  expect(routes.length, 'routes read from the route table').toBeGreaterThan(25);
  const keyRe = new RegExp(`(?<![\\p{L}\\d_.@/-])(?:${namespaces.join('|')})\\.[a-zA-Z_][\\w]*(?:\\.[\\w]+)*(?![\\p{L}\\d_@/-])`, 'u');

  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();

  const findings = new Set<string>();
  const hrefs = new Set<string>();
  const check = async (where: string) => {
    await settle(page);
    for (const text of await visibleTexts(page)) {
      const key = keyRe.exec(text);
      if (key && !/\.(csv|xlsx|json|html|xml|txt|pdf|zip|ro|md)$/i.test(key[0])) findings.add(`${where}: i18n key «${key[0]}» in «${text}»`);
      const code = CODES_RE.exec(text);
      if (code) findings.add(`${where}: internal code «${code[1]}» in «${text}»`);
      const word = ENGLISH_RE.exec(text);
      if (word) findings.add(`${where}: English «${word[1]}» in «${text}»`);
    }
    for (const h of await page.locator('a[href*="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
      hrefs.add(h.slice(h.indexOf('#/') + 1));
  };
  const visit = async (target: string) => {
    await page.evaluate((h) => (window.location.hash = h), `#${target}`);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#${target}`);
    await check(target);
    // every tab of the page
    const tabs = page.locator('[role="tab"]:visible');
    const n = await tabs.count();
    for (let i = 1; i < n; i++) {
      await tabs.nth(i).click();
      await check(`${target} › ${((await tabs.nth(i).textContent()) ?? '').trim()}`);
    }
  };

  const fixed = routes.filter((r) => !r.path.includes(':'));
  const withParams = routes.filter((r) => r.path.includes(':'));
  const visited: string[] = [];
  for (const r of fixed) {
    await visit(r.path);
    visited.push(r.path);
  }
  const missing: string[] = [];
  for (const r of withParams) {
    const re = new RegExp(`^${r.path.replace(/:\w+/g, '[^/?#]+')}$`);
    const target = [...hrefs].find((h) => re.test(h) && !fixed.some((f) => f.path === h));
    if (!target) {
      missing.push(r.path);
      continue;
    }
    await visit(target);
    visited.push(`${r.path} (${target})`);
  }
  console.log(`language: visited ${visited.length} of ${routes.length} routes in Romanian as a coordinator`);
  expect(missing, 'routes no visited page links to (the seed should fill them)').toEqual([]);
  expect([...findings]).toEqual([]);
});
