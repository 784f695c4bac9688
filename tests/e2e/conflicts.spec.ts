import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';

/**
 * Two people edit the same record (issue 13): whichever edit form it is, the second save gets CONFLICT and the
 * screen shows both versions side by side; "Păstrez versiunea mea" saves the user's values over the colleague's
 * version, "Iau versiunea colegului" drops the user's edit and saves nothing of it. One server, two coordinators
 * (two browser contexts, each signed in once), one record edit form per module.
 */

const PASSWORD = 'parolă-sigură-2026';
const USERS = {
  a: { username: 'elena', displayName: 'Elena Coordonatoare', role: 'coordinator' },
  b: { username: 'radu', displayName: 'Radu Coordonator', role: 'coordinator' },
} as const;

/** Two accounts and one record of each kind the seed does not bring, through core in a child process. */
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
  for (const u of Object.values(${JSON.stringify(USERS)})) await call('admin.saveUser', { ...u, password: ${JSON.stringify(PASSWORD)}, active: true });
  const actions = await call('plan.listActions', {});
  const action = actions.find((a) => a.code === 'A1.1');
  const stakeholder = (await call('stakeholders.list', { offset: 0, limit: 1 })).rows[0];
  const fundingCall = await call('funding.saveCall', { programme: 'pnrr', code: 'PNRR-C10', title: 'Fondul local' });
  const programme = await call('training.saveProgramme', { name: 'Comunicarea cu cetățeanul', actionId: action.id });
  const session = await call('training.saveSession', { programmeId: programme.id, title: 'Grupa 1', targetGroup: 'civil_servants', startDate: '2025-03-10', endDate: '2025-03-11', hours: 8, cost: 150000 });
  const dataset = await call('datasets.save', { name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria Municipiului Timișoara' });
  const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
  const campaign = await call('budgeting.saveCampaign', { name: 'Timișoara Decide', totalBudget: 50000000, zones: [{ code: 'Z1', name: 'Centru', budget: 50000000 }], rubric, votesPerVoter: 3, population: 1000 });
  const target = await call('publishing.saveTarget', { name: 'Dosar comun', kind: 'folder', path: ${JSON.stringify(`${dir}-site`)} });
  const risk = await call('risks.save', { code: 'R-001', description: 'Întârzieri la achiziția platformei', owner: 'Direcția IT', category: 'operational', inherentProbability: 3, inherentImpact: 3 });
  await call('risks.saveMeasure', { riskId: risk.id, description: 'Calendar de achiziție', owner: 'Ion Ionescu', deadline: '2026-09-30' });
  const alert = await call('risks.saveAlert', { activity: 'Achiziții publice', risk: 'Contestații la licitația platformei', identifiedBy: 'Ion Ionescu', identifiedDate: '2026-03-02', probability: 3, impact: 4 });
  console.log('IDS ' + JSON.stringify({ action: action.id, stakeholder: stakeholder.id, call: fundingCall.id, session: session.id, dataset: dataset.id, campaign: campaign.id, target: target.id, risk: risk.id, alert: alert.id }));
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

/** A contract call from the page, with its own token and session cookie. */
async function read(page: Page, method: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await page.evaluate(
    async ([m, i]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('pla.token') ?? ''}` },
        body: JSON.stringify(i),
      });
      return (await res.json()) as { ok: boolean; value?: unknown };
    },
    [method, input] as const,
  );
  expect(r.ok).toBe(true);
  return r.value as Record<string, unknown>;
}

interface Case {
  module: string;
  /** The page the record is on (hash route). */
  route: (ids: Record<string, string>) => string;
  /** Opens the edit form (none: the form is on the page). */
  open?: (page: Page) => Promise<void>;
  /** The form's test id (its submit button is `<form>-submit`); settings: the page's save button. */
  form?: string;
  submit?: string;
  input: string;
  field: string;
  values: [string, string];
  /** The field as saved now. */
  saved: (page: Page, ids: Record<string, string>) => Promise<unknown>;
  resolve: 'mine' | 'theirs';
}

const byTestId = (id: string) => async (page: Page) => page.getByTestId(id).click();

const CASES: Case[] = [
  {
    module: 'plan: action',
    route: (ids) => `/actions/${ids.action}`,
    open: byTestId('action-edit'),
    form: 'action-form',
    input: 'action-title',
    field: 'title',
    values: ['Strategie revizuită (Elena)', 'Strategie revizuită (Radu)'],
    saved: async (p, ids) => ((await read(p, 'plan.listActions', {})) as unknown as { id: string; title: string }[]).find((x) => x.id === ids.action)!.title,
    resolve: 'mine',
  },
  {
    module: 'stakeholders',
    route: (ids) => `/stakeholders/${ids.stakeholder}`,
    open: byTestId('stakeholder-edit'),
    form: 'stakeholder-form',
    input: 'stakeholder-name',
    field: 'name',
    values: ['Asociația Elena', 'Asociația Radu'],
    saved: async (p, ids) => (await read(p, 'stakeholders.get', { id: ids.stakeholder })).name,
    resolve: 'theirs',
  },
  {
    module: 'funding: call',
    route: (ids) => `/funding/calls/${ids.call}`,
    open: byTestId('call-edit'),
    form: 'call-form',
    input: 'call-title',
    field: 'title',
    values: ['Fondul local — apel 2', 'Fondul local — apel 2 (corectat)'],
    saved: async (p, ids) => (await read(p, 'funding.getCall', { id: ids.call })).title,
    resolve: 'mine',
  },
  {
    module: 'training: session',
    route: (ids) => `/training/sessions/${ids.session}`,
    open: byTestId('session-edit'),
    form: 'session-form',
    input: 'session-title',
    field: 'title',
    values: ['Grupa 1 — dimineața', 'Grupa 1 — după-amiaza'],
    saved: async (p, ids) => (await read(p, 'training.getSession', { id: ids.session })).title,
    resolve: 'theirs',
  },
  {
    module: 'datasets',
    route: (ids) => `/datasets/${ids.dataset}`,
    open: byTestId('dataset-edit'),
    form: 'dataset-form',
    input: 'dataset-name',
    field: 'name',
    values: ['Parcuri și grădini', 'Parcuri publice'],
    saved: async (p, ids) => (await read(p, 'datasets.get', { id: ids.dataset })).name,
    resolve: 'mine',
  },
  {
    module: 'budgeting: campaign',
    route: (ids) => `/budgeting/campaigns/${ids.campaign}`,
    open: byTestId('campaign-edit'),
    form: 'campaign-form',
    input: 'campaign-name',
    field: 'name',
    values: ['Timișoara Decide 2026', 'Timișoara Decide — ediția a doua'],
    saved: async (p, ids) => (await read(p, 'budgeting.getCampaign', { id: ids.campaign })).name,
    resolve: 'theirs',
  },
  {
    module: 'publishing: sync target',
    route: () => '/publishing/sync',
    open: byTestId('sync-target-edit'),
    form: 'sync-target-form',
    input: 'sync-target-name',
    field: 'name',
    values: ['Dosarul primăriei', 'Dosarul comun al echipei'],
    saved: async (p, ids) =>
      ((await read(p, 'publishing.listTargets', {})) as unknown as { id: string; name: string }[]).find((x) => x.id === ids.target)!.name,
    resolve: 'mine',
  },
  {
    module: 'risks: control measure',
    route: (ids) => `/risks/${ids.risk}`,
    open: async (p) => p.getByTestId('measures-table').getByRole('button', { name: 'Modifică' }).click(),
    form: 'measure-form',
    input: 'measure-description',
    field: 'description',
    values: ['Calendar de achiziție aprobat', 'Calendar de achiziție cu rezerve'],
    saved: async (p, ids) => ((await read(p, 'risks.get', { id: ids.risk })).measures as { description: string }[])[0].description,
    resolve: 'theirs',
  },
  {
    module: 'risks: decision on an alert',
    route: () => '/risks-alerts',
    open: byTestId('alert-decide'),
    form: 'decision-form',
    input: 'decision-note',
    field: 'note',
    values: ['De investigat de direcția juridică', 'De trecut în registru'],
    saved: async (p, ids) =>
      ((await read(p, 'risks.listAlerts', {})) as unknown as { id: string; decisionNote: string }[]).find((x) => x.id === ids.alert)!.decisionNote,
    resolve: 'mine',
  },
  {
    module: 'risks: review',
    route: (ids) => `/risks/${ids.risk}`,
    open: async (p) => {
      await p.getByTestId('review-new').click();
      await p.getByTestId('review-reviewer').fill('Comitetul de risc');
    },
    form: 'review-form',
    input: 'review-note',
    field: 'note',
    values: ['Măsurile merg; rămâne la fel', 'De redus până în iunie'],
    // The newest review's note (none yet: '').
    saved: async (p, ids) =>
      ((await read(p, 'risks.get', { id: ids.risk })).reviews as { note: string; createdAt: string }[]).reduce(
        (a, r) => (!a || r.createdAt > a.createdAt ? r : a),
        null as { note: string; createdAt: string } | null,
      )?.note ?? '',
    resolve: 'theirs',
  },
  {
    module: 'admin: settings',
    route: () => '/settings',
    submit: 'settings-save',
    input: 'settings-threshold',
    field: 'atRiskThreshold',
    values: ['20', '12'],
    saved: async (p) => String((await read(p, 'admin.getSettings', {})).atRiskThreshold),
    resolve: 'mine',
  },
];

test.describe('the conflict view on every kind of record form', () => {
  test.describe.configure({ mode: 'serial' });

  let dataDir: string;
  let server: WebServer;
  let ids: Record<string, string>;
  let a: Page;
  let b: Page;
  const contexts: BrowserContext[] = [];

  async function signIn(browser: Browser, who: keyof typeof USERS) {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`[pageerror ${who}] ${e.message}`));
    await page.goto(server.url);
    await page.getByTestId('login-username').fill(USERS[who].username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('user-name')).toHaveText(USERS[who].displayName);
    return page;
  }

  test.beforeAll(async ({ browser }) => {
    dataDir = tempDataDir('pla-e2e-conflicts');
    ids = prepare(dataDir);
    server = await startWeb(dataDir);
    a = await signIn(browser, 'a');
    b = await signIn(browser, 'b');
  });

  test.afterAll(async () => {
    for (const c of contexts) await c.close();
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    test(`${c.module}: the second save shows both versions; ${c.resolve === 'mine' ? '"Păstrez versiunea mea" saves his values over the new version' : '"Iau versiunea colegului" saves nothing of theirs'}`, async () => {
      const [theirs, mine] = c.values;
      for (const p of [a, b]) {
        await p.goto(`${server.origin}/#${c.route(ids)}`);
        await c.open?.(p);
        if (c.form) await expect(p.getByTestId(c.form)).toBeVisible();
      }
      const submit = c.submit ?? `${c.form}-submit`;
      // Radu types first; Elena saves the same record meanwhile.
      await b.getByTestId(c.input).fill(mine);
      await a.getByTestId(c.input).fill(theirs);
      await a.getByTestId(submit).click();
      if (c.form) await expect(a.getByTestId(c.form)).toBeHidden();
      await expect.poll(() => c.saved(a, ids)).toBe(theirs);

      // Radu saves on the version he opened: CONFLICT, both versions side by side.
      await b.getByTestId(submit).click();
      const view = b.getByTestId('conflict-body');
      await expect(view).toBeVisible();
      await expect(view).toContainText('Un coleg a salvat această înregistrare după ce ați deschis-o.');
      await expect(b.getByTestId(`conflict-mine-${c.field}`)).toHaveText(mine);
      await expect(b.getByTestId(`conflict-theirs-${c.field}`)).toHaveText(theirs);
      // Nothing of Radu's is saved before he chooses.
      expect(await c.saved(b, ids)).toBe(theirs);

      if (c.resolve === 'mine') {
        await expect(b.getByTestId('conflict-keep-mine')).toHaveText('Păstrez versiunea mea');
        await b.getByTestId('conflict-keep-mine').click();
        await expect(view).toBeHidden();
        if (c.form) await expect(b.getByTestId(c.form)).toBeHidden();
        await expect.poll(() => c.saved(b, ids)).toBe(mine);
      } else {
        await expect(b.getByTestId('conflict-take-theirs')).toHaveText('Iau versiunea colegului');
        await b.getByTestId('conflict-take-theirs').click();
        await expect(view).toBeHidden();
        if (c.form) await expect(b.getByTestId(c.form)).toBeHidden();
        await expect(b.getByText('A rămas versiunea salvată de coleg; modificările dumneavoastră nu au fost salvate.')).toBeVisible();
        expect(await c.saved(b, ids)).toBe(theirs);
      }
    });
  }
});
