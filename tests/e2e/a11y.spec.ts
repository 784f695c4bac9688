import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator } from './ui';
import { routeTable } from './routes';

/**
 * WCAG 2.1 AA on every screen (issue 15 §3): a coordinator goes through every route of the app — read from the
 * route table, so a new screen is swept without touching this file — and every tab of each, in Romanian and in
 * English, on a data folder filled in every module (publishing-fixture.ts). axe-core (the engine of Lighthouse and
 * the browsers' accessibility audits) checks each against the WCAG 2.1 A and AA rules; no serious or critical
 * violation may remain. The per-route counts are written to test-results/axe-routes.json.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Acces', password: 'parola-acces-123' };
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}
interface RouteResult {
  route: string;
  lang: 'ro' | 'en';
  serious: number;
  critical: number;
  findings: Finding[];
}

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  const dataDir = tempDataDir('pla-e2e-a11y');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e/publishing-fixture.ts'), dataDir], { cwd: root, stdio: 'inherit' });
  server = await startWeb(dataDir);
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

async function settle(p: Page) {
  await expect(p.locator('.ant-spin-spinning:visible, .ant-skeleton:visible')).toHaveCount(0, { timeout: 30_000 });
  // antd's tabs and dialogs animate in: colours mid-fade would be measured half-transparent
  await p.waitForTimeout(400);
}

/** axe-core on the page as it is now: the serious and critical WCAG 2.1 A/AA violations. */
async function audit(p: Page): Promise<Finding[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE); // through the debugger, as @axe-core/playwright does: the app's CSP allows no inline script
  return p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }> }>;
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact!,
        help: v.help,
        // where it is: the selector, the nearest test id (the component) and what is wrong
        nodes: v.nodes.map((n) => {
          const el = document.querySelector(String(n.target[0]));
          const owner = el?.closest('[data-testid]')?.getAttribute('data-testid');
          return `${n.target.join(' ')}${owner ? ` in [${owner}]` : ''} ${n.html.slice(0, 160)} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`;
        }),
      }));
  });
}

test('every route, in Romanian and in English, has no serious or critical WCAG 2.1 AA violation', async () => {
  test.setTimeout(1_200_000);
  const routes = routeTable();
  expect(routes.length, 'routes read from the route table').toBeGreaterThan(25);
  const results: RouteResult[] = [];
  const record = async (route: string, lang: 'ro' | 'en') => {
    await settle(page);
    const findings = await audit(page);
    const count = (impact: string) => findings.filter((f) => f.impact === impact).reduce((n, f) => n + f.nodes.length, 0);
    results.push({ route, lang, serious: count('serious'), critical: count('critical'), findings });
  };

  await page.goto(server.url);
  await expect(page.getByTestId('first-run-username')).toBeVisible();
  await record('(first run)', 'ro');
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();

  for (const lang of ['ro', 'en'] as const) {
    if (lang === 'en') {
      await page.getByTestId('lang-switch').getByText('EN').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    const hrefs = new Set<string>();
    const visit = async (target: string) => {
      await page.evaluate((h) => (window.location.hash = h), `#${target}`);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#${target}`);
      await record(target, lang);
      for (const h of await page.locator('a[href*="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))
        hrefs.add(h.slice(h.indexOf('#/') + 1));
      const tabs = page.locator('[role="tab"]:visible');
      const n = await tabs.count();
      for (let i = 1; i < n; i++) {
        await tabs.nth(i).click();
        await record(`${target} › ${((await tabs.nth(i).textContent()) ?? '').trim()}`, lang);
      }
    };
    const fixed = routes.filter((r) => !r.path.includes(':'));
    for (const r of fixed) await visit(r.path);
    const missing: string[] = [];
    for (const r of routes.filter((x) => x.path.includes(':'))) {
      const re = new RegExp(`^${r.path.replace(/:\w+/g, '[^/?#]+')}$`);
      const target = [...hrefs].find((h) => re.test(h) && !fixed.some((f) => f.path === h));
      if (target) await visit(target);
      else missing.push(r.path);
    }
    expect(missing, 'routes no visited page links to (the seed should fill them)').toEqual([]);
  }

  // the sign-in form, after signing out
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-username')).toBeVisible();
  await record('(sign in)', 'en');

  const out = path.join(root, 'test-results', 'axe-routes.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`a11y: ${results.length} screens audited (${routes.length} routes × ro, en, with their tabs); results in ${path.relative(root, out)}`);
  const failing = results
    .filter((r) => r.serious + r.critical > 0)
    .map((r) => `${r.lang} ${r.route}: ${r.findings.map((f) => `${f.rule} (${f.impact}, ${f.nodes.length}) ${f.nodes.join(' | ')}`).join('; ')}`);
  expect(failing).toEqual([]);
});
