import { expect, test, type Download, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator, pickOption } from './ui';

/**
 * Participatory budgeting in browser mode, one fresh data dir: the coordinator imports the campaign definition,
 * creates two evaluators, imports proposals from a CSV, checks eligibility and assigns; evaluator 1 declares no
 * conflict, opens the proposals (author hidden: blind mode) and scores them in the app; evaluator 2's scores come back
 * through the offline workbook
 * (a tampered one refused with the cell named); votes from a CSV with the refusals counted by rule; results with
 * the winners and each proposal's reason, and the results workbook read back.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const EV1 = { username: 'evaluator1', displayName: 'Mihai Țurcanu', password: 'evaluator-unu-2026' };
const EV2 = { username: 'evaluator2', displayName: 'Ana Șerban', password: 'evaluator-doi-2026' };

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;
const downloads: Download[] = [];

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-budgeting');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  page.on('download', (d) => downloads.push(d));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(p: Page, who: { username: string; displayName: string; password: string }) {
  await expect(p.getByTestId('login')).toBeVisible();
  await p.getByLabel('Utilizator', { exact: true }).fill(who.username);
  await p.getByLabel('Parolă', { exact: true }).fill(who.password);
  await p.getByLabel('Parolă', { exact: true }).press('Enter');
  await expect(p.getByTestId('user-name')).toHaveText(who.displayName);
}
async function signOut(p: Page) {
  await p.getByTestId('user-menu').click();
  await p.getByTestId('logout').click();
  await expect(p.getByTestId('login')).toBeVisible();
}
/** Clicks a button that opens the file chooser and gives it the file. */
async function upload(testId: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(testId).click();
  await (await chooser).setFiles(file);
}
const tmp = (name: string) => path.join(dataDir, name);

/** A scoring workbook filled the way an evaluator would: "nu" for the conflict, a score per criterion. */
async function fillWorkbook(file: string, scores: number[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Evaluare')!;
  scores.forEach((row, i) => {
    ws.getCell(`C${5 + i}`).value = 'nu';
    row.forEach((s, j) => (ws.getCell(5 + i, 4 + j).value = s));
  });
  edit?.(ws);
  const out = file.replace(/\.xlsx$/, `-completat${edit ? '-modificat' : ''}.xlsx`);
  await wb.xlsx.writeFile(out);
  return out;
}

test('first run: the coordinator signs in and creates two evaluators', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('nav-budgeting-campaigns')).toHaveText('Campanii de bugetare');
  for (const ev of [EV1, EV2]) {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-new').click();
    const form = page.getByTestId('user-form');
    await form.getByTestId('user-username').fill(ev.username);
    await form.getByTestId('user-display-name').fill(ev.displayName);
    await pickOption(page, 'user-role', 'Evaluator');
    await form.getByTestId('user-password').fill(ev.password);
    await form.getByLabel('Confirmați parola').fill(ev.password);
    await page.getByTestId('user-form-submit').click();
    await expect(page.getByTestId('users-table')).toContainText(ev.displayName);
  }
});

test('the campaign comes from its JSON definition file; proposals from a CSV, checked first', async () => {
  await page.getByTestId('nav-budgeting-campaigns').click();
  await upload('campaign-import-json', path.join(root, 'tests/fixtures/budgeting/campaign.json'));
  await expect(page.getByTestId('campaign-title')).toHaveText('Timișoara Decide 2026');
  await expect(page.getByTestId('campaign-total-value')).toHaveText('4.000.000,00\u00a0lei');
  await expect(page.getByTestId('campaign-rule-value')).toHaveText('Timișoara: cu completare până la limită');

  // A bad row is named and nothing is written.
  const bad = tmp('propuneri-gresite.csv');
  fs.writeFileSync(bad, 'Cod,Titlu,Zonă,Cost estimat (lei)\nP-001,Parc de buzunar,Z1,200000\nP-002,,Z1,abc\n');
  await page.getByTestId('proposal-import').click();
  await upload('proposal-import-file', bad);
  await expect(page.getByTestId('proposal-import-errors')).toContainText('3');
  await expect(page.getByTestId('proposal-import-commit')).toBeDisabled();

  const good = tmp('propuneri.csv');
  fs.writeFileSync(
    good,
    'Cod,Titlu,Zonă,Cost estimat (lei),Autor\nP-001,Parc de buzunar în Cetate,Z1,300000,Elena Popescu\nP-002,Rastele pentru biciclete,Z1,150000,Dan Ionescu\nP-003,Bibliotecă de stradă,Z1,120000,Radu Marin\n',
  );
  await upload('proposal-import-file', good);
  await expect(page.getByTestId('proposal-import-report')).toContainText('3 propuneri noi');
  await page.getByTestId('proposal-import-commit').click();
  await expect(page.getByTestId('proposal-row-P-003')).toBeVisible();

  // Every criterion starts undecided: saving the form as it opens leaves the proposal unverified.
  await page.getByTestId('eligibility-P-001').click();
  await page.getByTestId('eligibility-form-submit').click();
  await expect(page.getByTestId('proposal-row-P-001').getByTestId('eligibility-status')).toHaveText('Neverificată');
  // Bulk eligibility: the button says why it is disabled until proposals are ticked.
  await expect(page.getByTestId('eligibility-bulk')).toBeDisabled();
  await expect(page.getByTestId('eligibility-bulk-why')).toBeVisible();
  for (const code of ['P-001', 'P-002', 'P-003']) await page.getByTestId(`proposal-row-${code}`).locator('input[type=checkbox]').check();
  await page.getByTestId('eligibility-bulk').click();
  await page.getByTestId('eligibility-bulk-submit').click();
  for (const code of ['P-001', 'P-002', 'P-003'])
    await expect(page.getByTestId(`proposal-row-${code}`).getByTestId('eligibility-status')).toHaveText('Eligibilă');
});

test('two evaluators are assigned to every proposal', async () => {
  await page.getByTestId('tab-evaluation').click();
  // "Repartizează automat" needs two evaluators, and says so beside it.
  await expect(page.getByTestId('assign-run')).toBeDisabled();
  await expect(page.getByTestId('assign-why')).toContainText('cel puțin doi evaluatori');
  await page.getByTestId('assign-evaluators').click();
  for (const ev of [EV1, EV2]) await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ev.displayName }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('assign-run').click();
  await expect(page.getByTestId('progress-proposal-P-001').getByTestId('progress-value')).toHaveText('0/2');
  await expect(page.getByTestId(`progress-evaluator-${EV1.displayName}`)).toContainText('0/3');
});

test('evaluator 1 sees only their proposals, declares no conflict first, and the author stays hidden', async () => {
  await signOut(page);
  await signIn(page, EV1);
  // an evaluator's start page is their assignments, and their group comes first in the menu
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/budgeting/my-evaluations');
  await expect(page.locator('[data-testid^="menu-group-toggle-"]').first()).toHaveText('Bugetare participativă');
  await expect(page.getByTestId('nav-budgeting-campaigns')).toHaveCount(0);
  await page.getByTestId('nav-budgeting-mine').click();
  await expect(page.getByTestId('my-assignments').locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(page.getByTestId('open-P-001')).toHaveCount(0);
  await page.getByTestId('declare-P-001').click();
  await page.getByTestId('declare-none').click();
  await page.getByTestId('declare-submit').click();
  await expect(page.getByTestId('my-proposal')).toBeVisible();
  await expect(page.getByTestId('my-proposal-author')).toHaveText('ascuns (evaluare anonimă)');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('my-row-P-001').getByTestId('my-status')).toHaveText('Deschisă');
  // the evaluator's start page, for the README (docs/screenshots)
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(root, 'docs/screenshots/start-evaluator.png') });
});

test('evaluator 1 scores every proposal in the app, on the anchored scales, and submits', async () => {
  const scores: Record<string, [number, number, number]> = { 'P-001': [5, 4, 5], 'P-002': [4, 4, 3], 'P-003': [3, 3, 4] };
  for (const [code, [impact, feasibility, sustainability]] of Object.entries(scores)) {
    if (code === 'P-001') await page.getByTestId('open-P-001').click();
    else {
      await page.getByTestId(`declare-${code}`).click();
      await page.getByTestId('declare-none').click();
      await page.getByTestId('declare-submit').click();
    }
    const form = page.getByTestId('score-form');
    await expect(form.getByText('5 — impact la nivelul orașului')).toBeVisible();
    // Submitting with a criterion left empty is stopped on that criterion.
    await form.getByTestId(`score-impact-${impact}`).click();
    await form.getByTestId(`score-feasibility-${feasibility}`).click();
    if (code === 'P-001') {
      await form.getByTestId('score-submit').click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Da/ }).click();
      await expect(form).toContainText('Câmp obligatoriu');
    }
    await form.getByTestId(`score-sustainability-${sustainability}`).click();
    await form.getByTestId('score-comment').fill('Punctaj motivat în fișa de evaluare.');
    await form.getByTestId('score-submit').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Da/ }).click();
    await expect(page.getByTestId('my-proposal')).toBeHidden();
    await expect(page.getByTestId(`my-row-${code}`).getByTestId('my-status')).toHaveText('Trimisă');
  }
  await signOut(page);
  await signIn(page, COORD);
});

test('the scores come back on the offline workbooks; a tampered workbook is refused with the cell named', async () => {
  await page.getByTestId('nav-budgeting-campaigns').click();
  await page.getByTestId('campaign-row-Timișoara Decide 2026').getByRole('link').click();
  await page.getByTestId('tab-evaluation').click();
  downloads.length = 0;
  await page.getByTestId('workbooks-download').click();
  await expect.poll(() => downloads.length).toBe(2);
  const files: Record<string, string> = {};
  for (const d of downloads) {
    const to = tmp(d.suggestedFilename());
    await d.saveAs(to);
    files[d.suggestedFilename()] = to;
  }
  const ev1File = Object.entries(files).find(([n]) => /Mihai/.test(n))![1];
  const ev2File = Object.entries(files).find(([n]) => /Ana/.test(n))![1];

  const tampered = await fillWorkbook(
    ev2File,
    [
      [5, 5, 5],
      [4, 4, 4],
      [3, 3, 3],
    ],
    (ws) => (ws.getCell('A6').value = 'P-999'),
  );
  await page.getByTestId('scores-import').click();
  await upload('scores-import-file', tampered);
  await expect(page.getByTestId('scores-import-errors')).toContainText('Evaluare!A6');
  await expect(page.getByTestId('scores-import-commit')).toBeDisabled();

  // Evaluator 1 scored in the app; evaluator 2's scores come back on the workbook.
  expect(ev1File).toBeTruthy();
  await upload(
    'scores-import-file',
    await fillWorkbook(ev2File, [
      [5, 5, 5],
      [4, 4, 4],
      [3, 3, 3],
    ]),
  );
  await expect(page.getByTestId('scores-import-report')).toContainText('3 evaluări de trimis');
  await page.getByTestId('scores-import-commit').click();
  await expect(page.getByTestId('scores-import-commit')).toBeHidden();
  await expect(page.getByTestId('progress-proposal-P-001').getByTestId('progress-value')).toHaveText('2/2');
});

test('votes from a CSV, the refusals counted by rule; the results name the winners and why; the workbook reads back', async () => {
  await page.getByTestId('tab-votes').click();
  const votes = tmp('voturi.csv');
  fs.writeFileSync(votes, 'voter_id,proposal_id\nV1,P-002\nV1,P-002\nV2,P-002\nV2,P-001\nV3,P-003\nV4,P-009\n');
  await upload('votes-import-file', votes);
  await expect(page.getByTestId('votes-report')).toContainText('4 voturi valabile de la 3 votanți');
  await expect(page.getByTestId('refused-duplicate')).toContainText('1');
  await expect(page.getByTestId('refused-unknown_proposal')).toContainText('1');
  // 2 of 6 rows refused is far above 1 % for a reason: stopped, with the reason beside the disabled button.
  await expect(page.getByTestId('votes-stopped')).toBeVisible();
  await expect(page.getByTestId('votes-import-commit')).toBeDisabled();
  await expect(page.getByTestId('votes-import-why')).toBeVisible();
  await page.getByTestId('votes-accept-refused').check();
  await page.getByTestId('votes-import-commit').click();
  await expect(page.getByTestId('votes-report')).toContainText('Import făcut');

  await page.getByTestId('tab-results').click();
  await page.getByTestId('results-compute').click();
  await expect(page.getByTestId('results-status')).toHaveAttribute('data-status', /provisional|final/);
  await expect(page.getByTestId('result-row-P-002').getByTestId('result-outcome')).toHaveText('Câștigă');
  await expect(page.getByTestId('result-row-P-002').getByTestId('result-reason')).not.toBeEmpty();
  await expect(page.getByTestId('results-participation')).toContainText('3 votanți');

  downloads.length = 0;
  await page.getByTestId('results-excel').click();
  await expect.poll(() => downloads.length).toBe(1);
  const out = tmp('rezultate.xlsx');
  await downloads[0].saveAs(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const text = wb.worksheets.map((ws) => ws.getSheetValues().flat(2).map(String).join(' ')).join(' ');
  expect(text).toContain('Rastele pentru biciclete');
  expect(text).toContain('P-002');
});

test('the first winner is tracked in implementation: progress 40 % and a paid amount show in the list', async () => {
  await page.getByTestId('tab-implementation').click();
  const winner = page.locator('[data-testid^="implementation-winner-"]').first();
  await expect(winner).toBeVisible();
  const code = (await winner.getAttribute('data-testid'))!.replace('implementation-winner-', '');
  await winner.getByTestId('implementation-start').click();
  const row = page.getByTestId(`project-row-${code}`);
  await expect(row.getByTestId('project-status')).toHaveText('Neînceput');
  await expect(page.getByTestId(`implementation-winner-${code}`)).toBeHidden();

  await row.getByTestId('project-edit').click();
  const form = page.getByTestId('project-form');
  await pickOption(page, 'project-form-status', 'În derulare');
  await form.getByLabel('Progres (%)').fill('40');
  await form.getByLabel('Angajat (lei)').fill('50000');
  await form.getByLabel('Plătit (lei)').fill('20000,50');
  await page.getByTestId('project-form-submit').click();
  await expect(form).toBeHidden();

  await expect(row.getByTestId('project-status')).toHaveText('În derulare');
  await expect(row.getByTestId('project-progress')).toHaveAttribute('data-value', '40');
  await expect(row.getByTestId('project-progress')).toContainText('40%');
  await expect(row.getByTestId('project-committed')).toHaveText('50.000,00\u00a0lei');
  await expect(row.getByTestId('project-paid')).toHaveText('20.000,50\u00a0lei');

  // A milestone with its evidence file; deleted by mistake and put back with undo; then the accountability CSV names it.
  await row.locator('.ant-table-row-expand-icon').click();
  await page.getByTestId('milestone-new').click();
  await page.getByTestId('milestone-title').fill('Proiectare tehnică');
  const pv = tmp('proces-verbal.pdf');
  fs.writeFileSync(pv, '%PDF-1.4 proces-verbal de recepție');
  await upload('milestone-evidence', pv);
  await page.getByTestId('milestone-form-submit').click();
  const milestones = page.getByTestId(`milestones-${code}`);
  await expect(milestones).toContainText('Proiectare tehnică');
  await expect(milestones).toContainText('proces-verbal.pdf');
  await milestones.getByTestId('milestone-delete').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Șterge' }).click();
  await expect(page.getByTestId('undo-message')).toContainText('Etapa „Proiectare tehnică” a fost ștearsă.');
  await expect(milestones).not.toContainText('Proiectare tehnică');
  await page.getByTestId('undo').click();
  await expect(milestones).toContainText('Proiectare tehnică');

  downloads.length = 0;
  await page.getByTestId('implementation-accountability').click();
  await expect.poll(() => downloads.length).toBe(1);
  const csv = tmp(downloads[0].suggestedFilename());
  await downloads[0].saveAs(csv);
  const text = fs.readFileSync(csv, 'utf8');
  expect(downloads[0].suggestedFilename()).toMatch(/^accountability-.*\.csv$/);
  expect(text).toContain(code);
  expect(text).toContain('Proiectare tehnică');
});
