import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';

/**
 * Each role's normal screens work (browser mode): a member, an evaluator and a viewer open every menu entry they
 * are offered and the detail pages behind them, and no read is refused by core and no error shows — the menu
 * offers a role only what the role table (electron/core/visibility.ts) lets it read.
 */

const PASSWORD = 'parolă-sigură-2026';
const USERS = {
  member: { username: 'membru', displayName: 'Radu Membru', role: 'member' },
  evaluator: { username: 'evaluator', displayName: 'Elena Evaluatoare', role: 'evaluator' },
  evaluator2: { username: 'evaluator2', displayName: 'Dan Evaluator', role: 'evaluator' },
  viewer: { username: 'cititor', displayName: 'Vlad Cititor', role: 'viewer' },
} as const;

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let ids: Record<string, string>;

/** The data dir through core in a child process (Playwright's loader cannot import core): one record in every module. */
function prepare(dir: string): Record<string, string> {
  const script = `
import { createCore, headlessPlatform } from ${JSON.stringify(path.join(root, 'electron/core/index.ts'))};
const SYSTEM = { sessionId: null, system: true };
const core = await createCore({ dataDir: ${JSON.stringify(dir)}, platform: headlessPlatform('cli') });
const call = async (method, input, conn = SYSTEM) => {
  const r = await core.call(method, input, conn);
  if (!r.ok) throw new Error(method + ': ' + r.error.message);
  return r.value;
};
const b64 = (s) => Buffer.from(s).toString('base64');
try {
  const users = {};
  for (const [k, u] of Object.entries(${JSON.stringify(USERS)})) users[k] = await call('admin.saveUser', { ...u, password: ${JSON.stringify(PASSWORD)}, active: true });
  const [a1] = await call('plan.listCommitments', {});
  const action = (await call('plan.listActions', {}))[0];
  const programme = await call('training.saveProgramme', { name: 'Guvernare deschisă', actionId: action.id });
  const session = await call('training.saveSession', { programmeId: programme.id, title: 'Sesiunea 1', targetGroup: 'civil_servants', startDate: '2026-03-01', hours: 6, trainer: 'Formator' });
  const person = await call('training.savePerson', { name: 'Ionescu Ana', email: 'ana@example.com', category: 'civil_servant' });
  await call('training.saveAttendance', { sessionId: session.id, personId: person.id, hoursAttended: 6, completed: true });
  const org = await call('stakeholders.save', { type: 'organisation', name: 'Asociația Code for Timișoara', sector: 'tech_community', plaRole: 'partner' });
  const fcall = await call('funding.saveCall', { programme: 'pnrr', managingBody: 'MDLPA', code: 'C10', title: 'Apel digitalizare', type: 'competitive', status: 'open' });
  const application = await call('funding.saveApplication', { callId: fcall.id, code: 'SMIS 1', title: 'Platforma date deschise', applicant: 'Primăria Municipiului Timișoara', requestedAmount: 10000000, ownContribution: 200000 });
  const dataset = await call('datasets.save', {
    name: 'Parcuri', slug: 'parcuri', holderInstitution: 'Primăria Municipiului Timișoara', holderDepartment: 'Mediu', description: 'Parcuri', legalBasis: 'Legea 24/2007',
    containsPersonalData: false, format: 'CSV', updateFrequency: 'monthly', publicationStatus: 'identified', scoreValue: 5, scoreDemand: 4, scoreReadiness: 3, scoreRisk: 2,
    hvdCategory: 'geospatial', responsiblePerson: 'Ana Ionescu', keywords: ['parcuri'], theme: 'ENVI', maintainer: 'Mediu', maintainerEmail: 'mediu@primariatm.ro', spatial: 'Timișoara',
    temporalStart: null, temporalEnd: null, publicBaseUrl: 'https://data.timisoara.ro/date/parcuri',
  });
  const rubric = { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null };
  const campaign = await call('budgeting.saveCampaign', { name: 'Timișoara Decide', totalBudget: 50000000, zones: [{ code: 'Z1', name: 'Centru', budget: 50000000 }], rubric, votesPerVoter: 3, population: 1000 });
  await call('budgeting.saveProposal', { campaignId: campaign.id, code: 'A', title: 'Parc A', zoneCode: 'Z1', costEstimate: 30000000, authorName: 'Ana Pop' });
  await call('budgeting.importVotes', { campaignId: campaign.id, fileName: 'v.csv', contentBase64: b64('voter_id,proposal_id,zone,voted_at\\nv1,A,Z1,\\n') });
  await call('budgeting.computeResults', { campaignId: campaign.id });
  await call('budgeting.assignEvaluators', { campaignId: campaign.id, evaluatorIds: [users.evaluator.id, users.evaluator2.id] });
  console.log('IDS ' + JSON.stringify({ commitment: a1.id, action: action.id, session: session.id, person: person.id, org: org.id, call: fcall.id, application: application.id, dataset: dataset.id, campaign: campaign.id }));
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

test.beforeAll(async () => {
  dataDir = tempDataDir('pla-e2e-roles');
  ids = prepare(dataDir);
  server = await startWeb(dataDir);
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in on a fresh page and records every API result core refused (method and code). */
async function signedIn(browser: Browser, user: { username: string; displayName: string }) {
  const page = await browser.newPage();
  const refused: string[] = [];
  page.on('response', async (res) => {
    const m = /\/api\/([A-Za-z.]+)$/.exec(new URL(res.url()).pathname);
    if (!m) return;
    const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: { code: string } } | null;
    // A role's refusal (an empty result, e.g. no results computed yet, is the screen's own business).
    if (body && body.ok === false && ['FORBIDDEN', 'UNAUTHENTICATED'].includes(body.error?.code ?? '')) refused.push(`${m[1]}: ${body.error?.code}`);
  });
  await page.goto(server.url);
  await page.getByLabel('Utilizator', { exact: true }).fill(user.username);
  await page.getByLabel('Parolă', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByTestId('user-name')).toHaveText(user.displayName);
  return { page, refused };
}

/** Waits for the screen to settle: no spinner, a moment for late queries. */
async function settle(page: Page) {
  await page.waitForTimeout(400);
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

async function expectClean(page: Page, refused: string[], where: string) {
  await settle(page);
  expect(refused, `refused reads on ${where}`).toEqual([]);
  await expect(page.locator('.ant-message-error, .ant-alert-error'), `error shown on ${where}`).toHaveCount(0);
}

/** Every menu entry the role is offered, then the given detail routes (and every tab on them). */
async function walk(page: Page, refused: string[], details: string[]) {
  const entries = await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  expect(entries.length).toBeGreaterThan(2);
  for (const testId of entries) {
    await page.getByTestId(testId).first().click();
    await expectClean(page, refused, testId);
  }
  for (const route of details) {
    await page.goto(`${server.url}#${route}`);
    await expectClean(page, refused, route);
    // Only the shown screen's tabs: kept screens (KeepAlive) stay in the page, hidden, with tabs of their own.
    const tabs = page.locator('[role="tab"]:visible');
    const count = await tabs.count();
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      const name = (await tab.textContent()) ?? '';
      await tab.click();
      await expectClean(page, refused, `${route} › ${name}`);
    }
  }
  return entries;
}

test('a viewer opens every screen offered, the details behind them and their tabs: nothing refused, no error, and no register of people, risks or scores is offered', async ({
  browser,
}) => {
  const { page, refused } = await signedIn(browser, USERS.viewer);
  const entries = await walk(page, refused, [
    `/commitments/${ids.commitment}`,
    `/actions/${ids.action}`,
    `/training/sessions/${ids.session}`,
    `/stakeholders/${ids.org}`,
    `/funding/calls/${ids.call}`,
    `/funding/applications/${ids.application}`,
    `/datasets/${ids.dataset}`,
    `/budgeting/campaigns/${ids.campaign}`,
  ]);
  for (const hidden of ['nav-risks', 'nav-risks-alerts', 'nav-training-people', 'nav-stakeholders-grid', 'nav-reports', 'nav-publishing-sync', 'nav-users'])
    expect(entries).not.toContain(hidden);
  expect(entries).toEqual(
    expect.arrayContaining(['nav-risks-overview', 'nav-training', 'nav-stakeholders', 'nav-funding-calls', 'nav-datasets', 'nav-budgeting-campaigns']),
  );
  await page.close();
});

test('an evaluator opens every screen offered (the plan, their evaluations, the public site): nothing refused, no error; no registry is offered', async ({
  browser,
}) => {
  const { page, refused } = await signedIn(browser, USERS.evaluator);
  const entries = await walk(page, refused, [`/commitments/${ids.commitment}`, `/actions/${ids.action}`]);
  expect(entries).toContain('nav-budgeting-mine');
  for (const hidden of [
    'nav-risks',
    'nav-risks-overview',
    'nav-training',
    'nav-stakeholders',
    'nav-funding-calls',
    'nav-datasets',
    'nav-reports',
    'nav-budgeting-campaigns',
  ])
    expect(entries).not.toContain(hidden);
  await page.close();
});

test('a member opens every screen offered and the details behind them: nothing refused, no error', async ({ browser }) => {
  const { page, refused } = await signedIn(browser, USERS.member);
  const entries = await walk(page, refused, [
    `/training/sessions/${ids.session}`,
    `/training/people/${ids.person}`,
    `/stakeholders/${ids.org}`,
    `/budgeting/campaigns/${ids.campaign}`,
  ]);
  expect(entries).toEqual(expect.arrayContaining(['nav-risks', 'nav-training-people', 'nav-reports', 'nav-stakeholders-grid']));
  await page.close();
});
