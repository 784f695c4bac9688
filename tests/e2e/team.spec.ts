import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { pickOption } from './ui';
import { selfSignedCertificate } from '../certificates';

/**
 * Team mode, two real browser sessions (two contexts, two people) against one server. The same flow runs against
 * local browser mode (127.0.0.1, the per-run token) and against a team server as city IT starts it (HTTPS with the
 * city's self-signed certificate, accounts, Secure cookies):
 * - a coordinator saves a risk; a member's open register shows it within seconds, without reloading;
 * - both edit one risk; the second save shows both versions side by side, and the member merges field by field;
 * - the link drops: the app says so, keeps what was typed, says the save did not happen, and saves once it is back;
 * - a member's call to a coordinator-only method is refused by the server; an evaluator reaches only their own
 *   assignments; the session cookie carries HttpOnly, SameSite=Strict (and Secure over HTTPS).
 */

const PASSWORD = 'parolă-sigură-2026';
const USERS = {
  coord: { username: 'coord', displayName: 'Elena Coordonatoare', role: 'coordinator' },
  member: { username: 'membru', displayName: 'Radu Membru', role: 'member' },
  evaluator: { username: 'evaluator', displayName: 'Ioana Evaluatoare', role: 'evaluator' },
  evaluator2: { username: 'evaluator2', displayName: 'Dan Evaluator', role: 'evaluator' },
} as const;
type UserKey = keyof typeof USERS;

/** Accounts, one risk and a campaign with its evaluators, through core in a child process (Playwright's loader cannot import core). */
function prepare(dir: string): Record<string, string> {
  const script = `
import { createCore, headlessPlatform } from ${JSON.stringify(path.join(root, 'electron/core/index.ts'))};
const SYSTEM = { sessionId: null, system: true };
const core = await createCore({ dataDir: ${JSON.stringify(dir)}, platform: headlessPlatform('cli') });
const call = async (method, input) => {
  const r = await core.call(method, input, SYSTEM);
  if (!r.ok) throw new Error(method + ': ' + r.error.message);
  return r.value;
};
try {
  const users = {};
  for (const [k, u] of Object.entries(${JSON.stringify(USERS)})) users[k] = await call('admin.saveUser', { ...u, password: ${JSON.stringify(PASSWORD)}, active: true });
  const risk = await call('risks.save', { code: 'R-001', description: 'Întârzieri la achiziția platformei', owner: 'Direcția IT', category: 'operational', inherentProbability: 3, inherentImpact: 3 });
  const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
  const campaign = await call('budgeting.saveCampaign', { name: 'Timișoara Decide', totalBudget: 50000000, zones: [{ code: 'Z1', name: 'Centru', budget: 50000000 }], rubric, votesPerVoter: 3, population: 1000 });
  await call('budgeting.saveProposal', { campaignId: campaign.id, code: 'A', title: 'Parc A', zoneCode: 'Z1', costEstimate: 30000000, authorName: 'Ana Pop' });
  await call('budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: [users.evaluator.id, users.evaluator2.id] });
  console.log('IDS ' + JSON.stringify({ risk: risk.id, campaign: campaign.id, evaluator: users.evaluator.id, evaluator2: users.evaluator2.id }));
} finally {
  await core.close();
}
`;
  const file = path.join(dir, '..', `${path.basename(dir)}-prepare.mts`);
  fs.writeFileSync(file, script);
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`preparing the data dir failed:\n${r.stdout}\n${r.stderr}`);
    return JSON.parse(/^IDS (.*)$/m.exec(r.stdout)![1]) as Record<string, string>;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The city's self-signed certificate, as IT would make it with openssl. */
function cityCertificate(dir: string) {
  return selfSignedCertificate(dir, 'DNS:pla.primariatm.local,IP:127.0.0.1');
}

/**
 * A contract call from the page, as its own script could make it: same origin, its session cookie, and the per-run
 * token (local mode) or its session's CSRF token (a team server, opened at its plain address).
 */
function apiFrom(page: Page, method: string, input: unknown) {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('pla.token');
      const csrf = token ? null : (await fetch('/api/csrf')).headers.get('x-pla-csrf');
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : { 'x-pla-csrf': csrf ?? '' }) },
        body: JSON.stringify(i),
      });
      return (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    [method, input] as const,
  );
}

for (const mode of ['local', 'team'] as const) {
  test.describe(mode === 'local' ? 'local browser mode (per-run token)' : 'team server (HTTPS, self-signed certificate, accounts)', () => {
    test.describe.configure({ mode: 'serial' });

    let dataDir: string;
    let server: WebServer;
    let ids: Record<string, string>;
    const contexts: BrowserContext[] = [];

    test.beforeAll(async () => {
      dataDir = tempDataDir(`pla-e2e-team-${mode}`);
      ids = prepare(dataDir);
      server = await startWeb(dataDir, 180_000, mode === 'team' ? { tls: cityCertificate(dataDir) } : {});
    });

    test.afterAll(async () => {
      for (const c of contexts) await c.close();
      await server?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** A person at their own PC: a separate browser context (own cookies and storage), signed in. */
    async function colleague(browser: Browser, who: UserKey) {
      // The team server's certificate is the city's own (self-signed): the test browser accepts it as a user would once.
      const context = await browser.newContext({ ignoreHTTPSErrors: mode === 'team' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.log(`[pageerror ${who}] ${e.message}`));
      await page.goto(server.url);
      await page.getByTestId('login-username').fill(USERS[who].username);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await expect(page.getByTestId('user-name')).toHaveText(USERS[who].displayName);
      return { context, page };
    }

    let a: { context: BrowserContext; page: Page };
    let b: { context: BrowserContext; page: Page };

    test('A saves a risk; B, with the register open, sees it within seconds without reloading', async ({ browser }) => {
      a = await colleague(browser, 'coord');
      b = await colleague(browser, 'member');
      await b.page.getByTestId('nav-risks').click();
      await expect(b.page.getByTestId('risk-row-R-001')).toBeVisible();
      await expect(b.page.getByTestId('risk-row-R-002')).toHaveCount(0);

      await a.page.getByTestId('nav-risks').click();
      await a.page.getByTestId('risk-new').click();
      const form = a.page.getByTestId('risk-form');
      await form.getByTestId('risk-code').fill('R-002');
      await form.getByTestId('risk-description').fill('Date personale publicate din greșeală');
      await pickOption(a.page, 'risk-inherent-probability', /^2$/);
      await pickOption(a.page, 'risk-inherent-impact', /^5$/);
      await a.page.getByTestId('risk-form-submit').click();
      await expect(form).toBeHidden();
      const savedAt = Date.now();

      // "Within a few seconds": on a quiet machine it is well under one (the notice waits 150 ms on the server and
      // 300 ms in the page, then the list refetches); the bound leaves room for a loaded test machine.
      await expect(b.page.getByTestId('risk-row-R-002')).toContainText('Date personale publicate din greșeală', { timeout: 10_000 });
      console.log(`[team ${mode}] B saw A's save ${Date.now() - savedAt} ms after A's form closed`);
    });

    test('both edit one risk: B gets both versions side by side, merges field by field, and saves over the new version', async () => {
      for (const p of [a.page, b.page]) {
        await p.goto(`${server.origin}/#/risks/${ids.risk}`);
        await expect(p.getByTestId('risk-title')).toHaveText('R-001');
        await p.getByTestId('risk-edit').click();
        await expect(p.getByTestId('risk-form')).toBeVisible();
      }
      // A changes the owner and saves first.
      await a.page.getByTestId('risk-owner').fill('Serviciul Achiziții');
      await a.page.getByTestId('risk-form-submit').click();
      await expect(a.page.getByTestId('risk-form')).toBeHidden();

      // B, on a version that is now old, rewrites the description and area and saves: CONFLICT, shown as two versions.
      await b.page.getByTestId('risk-description').fill('Platforma nu este achiziționată la timp');
      await b.page.getByTestId('risk-area').fill('Transformare digitală');
      await b.page.getByTestId('risk-form-submit').click();
      const view = b.page.getByTestId('conflict-body');
      await expect(view).toBeVisible();
      await expect(view.locator('[data-testid^="conflict-row-"]')).toHaveCount(3);
      await expect(b.page.getByTestId('conflict-mine-description')).toHaveText('Platforma nu este achiziționată la timp');
      await expect(b.page.getByTestId('conflict-theirs-description')).toHaveText('Întârzieri la achiziția platformei');
      await expect(b.page.getByTestId('conflict-mine-owner')).toHaveText('Direcția IT');
      await expect(b.page.getByTestId('conflict-theirs-owner')).toHaveText('Serviciul Achiziții');
      await expect(b.page.getByTestId('conflict-theirs-area')).toHaveText('(gol)');

      // B keeps their description and area, takes A's owner.
      await b.page.getByTestId('conflict-pick-owner').getByText('a colegului').click();
      await b.page.getByTestId('conflict-merge').click();
      await expect(view).toBeHidden();
      await expect(b.page.getByTestId('risk-form')).toBeHidden();
      const card = b.page.locator('.ant-descriptions');
      await expect(card).toContainText('Platforma nu este achiziționată la timp');
      await expect(card).toContainText('Serviciul Achiziții');
      await expect(card).toContainText('Transformare digitală');
      // A's open risk refreshes by itself with the merged record.
      await expect(a.page.locator('.ant-descriptions')).toContainText('Platforma nu este achiziționată la timp', { timeout: 10_000 });
    });

    test('the same conflict view on a commitment: B takes the colleague’s version, and nothing of theirs is saved', async () => {
      const ids2 = await apiFrom(a.page, 'plan.listCommitments', {});
      const a2 = (ids2.value as { id: string; code: string; title: string }[]).find((x) => x.code === 'A2')!;
      for (const p of [a.page, b.page]) {
        await p.goto(`${server.origin}/#/commitments/${a2.id}`);
        await expect(p.getByTestId('commitment-heading')).toContainText('A2');
        await p.getByTestId('commitment-edit').click();
        await expect(p.getByTestId('commitment-form')).toBeVisible();
      }
      await a.page.getByTestId('commitment-title').fill('Titlul salvat de coordonatoare');
      await a.page.getByTestId('commitment-form-submit').click();
      await expect(a.page.getByTestId('commitment-form')).toBeHidden();

      await b.page.getByTestId('commitment-title').fill('Titlul lui Radu');
      await b.page.getByTestId('commitment-form-submit').click();
      await expect(b.page.getByTestId('conflict-body')).toBeVisible();
      await expect(b.page.getByTestId('conflict-mine-title')).toHaveText('Titlul lui Radu');
      await expect(b.page.getByTestId('conflict-theirs-title')).toHaveText('Titlul salvat de coordonatoare');
      await b.page.getByTestId('conflict-take-theirs').click();
      await expect(b.page.getByTestId('commitment-form')).toBeHidden();
      await expect(b.page.getByTestId('commitment-heading')).toContainText('Titlul salvat de coordonatoare');
      const after = await apiFrom(a.page, 'plan.getCommitment', { id: a2.id });
      expect((after.value as { title: string }).title).toBe('Titlul salvat de coordonatoare');
    });

    test('a form open while a colleague saves the record does not overwrite their save: the refreshed record makes it a CONFLICT', async () => {
      const list = await apiFrom(a.page, 'stakeholders.list', { offset: 0, limit: 1 });
      const st = (list.value as { rows: { id: string; name: string }[] }).rows[0];
      for (const p of [a.page, b.page]) {
        await p.goto(`${server.origin}/#/stakeholders/${st.id}`);
        await expect(p.getByTestId('stakeholder-title')).toHaveText(st.name);
        await p.getByTestId('stakeholder-edit').click();
        await expect(p.getByTestId('stakeholder-form')).toBeVisible();
      }
      await a.page.getByTestId('stakeholder-name').fill(`${st.name} (A)`);
      await a.page.getByTestId('stakeholder-form-submit').click();
      await expect(a.page.getByTestId('stakeholder-form')).toBeHidden();
      // B's page has refreshed the stakeholder underneath the open form (live); B's save is still on the old version.
      await expect(b.page.getByTestId('stakeholder-title')).toHaveText(`${st.name} (A)`, { timeout: 10_000 });
      await b.page.getByTestId('stakeholder-name').fill(`${st.name} (B)`);
      await b.page.getByTestId('stakeholder-form-submit').click();
      await expect(b.page.getByTestId('conflict-mine-name')).toHaveText(`${st.name} (B)`);
      await expect(b.page.getByTestId('conflict-theirs-name')).toHaveText(`${st.name} (A)`);
      const now = await apiFrom(a.page, 'stakeholders.get', { id: st.id });
      expect((now.value as { name: string }).name).toBe(`${st.name} (A)`);
      await b.page.getByTestId('conflict-take-theirs').click();
      await expect(b.page.getByTestId('stakeholder-form')).toBeHidden();
    });

    test('the link drops: the app says so, keeps what was typed, says nothing was saved, and saves once the link is back', async () => {
      const p = b.page;
      await p.goto(`${server.origin}/#/risks/${ids.risk}`);
      await expect(p.getByTestId('risk-title')).toHaveText('R-001');
      await p.getByTestId('risk-edit').click();
      await p.getByTestId('risk-causes').fill('Licitația a fost contestată');
      await b.context.route('**/api/**', (route) => route.abort('internetdisconnected'));
      await p.getByTestId('risk-form-submit').click();
      await expect(p.locator('.ant-message-error')).toContainText('nu s-a salvat nimic');
      await expect(p.getByTestId('offline-banner')).toContainText('Serverul PLA Desk nu poate fi contactat.');
      await expect(p.getByTestId('offline-banner')).toContainText('Ce ați scris rămâne în formular');
      await expect(p.getByTestId('risk-form')).toBeVisible();
      await expect(p.getByTestId('risk-causes')).toHaveValue('Licitația a fost contestată');

      // "Reîncearcă acum" while the link is still down: it asks again, says the same, and keeps the form.
      const asked = p.waitForRequest((r) => r.url().endsWith('/api/admin.status'));
      await p.getByTestId('offline-retry').click();
      await asked;
      await expect(p.getByTestId('offline-banner')).toBeVisible();
      await expect(p.getByTestId('risk-form')).toBeVisible();

      // The link comes back: the app notices by itself (its retries) and the banner goes.
      await b.context.unroute('**/api/**');
      await expect(p.getByTestId('offline-banner')).toBeHidden({ timeout: 35_000 });
      await expect(p.getByTestId('risk-causes')).toHaveValue('Licitația a fost contestată');
      await p.getByTestId('risk-form-submit').click();
      await expect(p.getByTestId('risk-form')).toBeHidden();
      await expect(p.locator('.ant-descriptions')).toContainText('Licitația a fost contestată');
    });

    test('a member cannot call a coordinator-only method: the server refuses it and nothing is written', async () => {
      expect(await apiFrom(b.page, 'admin.listUsers', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const made = await apiFrom(b.page, 'admin.saveUser', {
        username: 'intrus',
        displayName: 'Intrus',
        role: 'coordinator',
        password: PASSWORD,
        active: true,
      });
      expect(made).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const users = await apiFrom(a.page, 'admin.listUsers', {});
      expect(users.ok).toBe(true);
      expect((users.value as { username: string }[]).map((u) => u.username)).not.toContain('intrus');
    });

    test('an evaluator reaches only their own assignments', async ({ browser }) => {
      const ev = await colleague(browser, 'evaluator');
      await ev.page.getByTestId('nav-budgeting-mine').click();
      await expect(ev.page.getByTestId('my-row-A')).toBeVisible();
      const mine = await apiFrom(ev.page, 'budgeting.myAssignments', {});
      expect(mine.ok).toBe(true);
      const own = mine.value as { id: string; evaluatorId: string }[];
      expect(own.length).toBeGreaterThan(0);
      expect(new Set(own.map((x) => x.evaluatorId))).toEqual(new Set([ids.evaluator]));
      const all = await apiFrom(a.page, 'budgeting.listAssignments', { campaignId: ids.campaign });
      const theirs = (all.value as { id: string; evaluatorId: string }[]).find((x) => x.evaluatorId === ids.evaluator2)!;
      expect(theirs).toBeTruthy();
      expect(await apiFrom(ev.page, 'budgeting.listAssignments', { campaignId: ids.campaign })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const other = await apiFrom(ev.page, 'budgeting.openProposal', { assignmentId: theirs.id });
      expect(other.ok).toBe(false);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(other.error!.code);
    });

    test('the session cookie is HttpOnly and SameSite=Strict, and Secure over HTTPS', async () => {
      const cookies = (await b.context.cookies()).filter((c) => c.name.startsWith('pla_sid'));
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: mode === 'team', path: '/' });
      expect(await b.page.evaluate(() => document.cookie)).not.toContain('pla_sid');
    });
  });
}
