import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator, pickOption } from './ui';

/**
 * The training register in browser mode, on one fresh data dir: a programme linked to action A4.3 and a session,
 * an attendance list of three employees (two completed) imported through the wizard's preview, indicator I4.3
 * counting the two on the plan's indicator list with the people as its records, the same list imported again
 * changing nothing, a likely duplicate decided "aceeași persoană", and a bad list (a CNP-looking name, hours
 * "multe") naming the bad cells and writing nothing.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const NBSP = '\u00a0';
/** Screenshots for a person to look at, when TRAINING_SHOTS names a folder. */
const SHOTS = process.env.TRAINING_SHOTS;

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;
let sessionUrl = '';

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-training');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

const pick = pickOption;

/** An attendance list as the HR office keeps it. */
async function attendanceList(rows: Array<[string, string, string, string, number | string, string]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Prezență');
  ws.addRow(['Nume și prenume', 'Departament', 'Funcția', 'E-mail', 'Ore', 'Finalizat']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LIST: Array<[string, string, string, string, number, string]> = [
  ['Ana Popescu', 'Direcția Comunicare', 'Consilier', 'ana.popescu@primariatm.ro', 8, 'da'],
  ['Mihai Ionescu', 'Serviciul Resurse Umane', 'Referent', 'mihai.ionescu@primariatm.ro', 8, 'da'],
  ['Elena Dobre', 'Direcția Fiscală', 'Inspector', 'elena.dobre@primariatm.ro', 4, 'nu'],
];

async function upload(p: Page, name: string, content: Buffer) {
  await p
    .getByTestId('import-file')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: content });
}

async function openSessionImport(p: Page) {
  await p.goto(sessionUrl);
  await p.getByTestId('session-import').click();
  await expect(p.getByTestId('import-session-name')).toContainText('Guvernare deschisă — grupa 1');
}

test('first run: the coordinator signs in and sees the training register in the menu', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await expect(page.getByTestId('nav-training')).toHaveText('Instruiri');
  await expect(page.getByTestId('nav-training-people')).toHaveText('Persoane instruite');
});

test('a programme linked to A4.3 and a session with its cost in lei', async () => {
  await page.getByTestId('nav-training').click();
  await page.getByTestId('tab-programmes').click();
  await page.getByTestId('programme-new').click();
  await page.getByTestId('programme-name').fill('Guvernare deschisă pentru angajați');
  await pickOption(page, 'programme-action', /^A4\.3 /, { type: 'A4.3 ' });
  await page.getByTestId('programme-form-submit').click();
  const row = page.getByTestId('programmes-table').locator('tbody tr[data-testid="programme-row"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Guvernare deschisă pentru angajați');
  await expect(row).toContainText('A4.3');

  await page.getByTestId('tab-sessions').click();
  await page.getByTestId('session-new').click();
  await page.getByTestId('session-title').fill('Guvernare deschisă — grupa 1');
  await pick(page, 'session-target-group', 'Funcționari publici');
  await page.getByTestId('session-hours').fill('8');
  await page.getByTestId('session-cost').fill('1500,50');
  await page.getByTestId('session-start').click();
  await page.getByTestId('session-start').fill('06.10.2025');
  // Enter takes the typed date and submits the form.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-detail-title')).toHaveText('Guvernare deschisă — grupa 1');
  await expect(page.getByTestId('session-cost-value')).toHaveText(`1.500,50${NBSP}lei`);
  await expect(page.getByTestId('attendance-table')).toContainText('Nimeni pe lista de prezență.');
  sessionUrl = page.url();
});

test('an attendance list of three, two completed: previewed, imported, and I4.3 counts the two', async () => {
  await openSessionImport(page);
  await upload(page, 'prezenta-grupa1.xlsx', await attendanceList(LIST));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toHaveText('Rânduri: 3 · persoane noi: 3 · participări noi: 3, modificate: 0, neschimbate: 0');
  for (const n of [2, 3, 4]) await expect(page.getByTestId(`import-row-${n}`)).toHaveAttribute('data-status', 'new');
  await shot('training-import-preview');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toHaveText('Import încheiat · persoane noi: 3 · participări adăugate: 3, modificate: 0, neschimbate: 0');
  await page.getByTestId('import-close').click();

  await expect(page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]')).toHaveCount(3);
  await expect(page.getByTestId('session-completed-count')).toHaveText('2');
  await shot('training-session');

  await page.getByTestId('nav-indicators').click();
  await expect(page.getByTestId('indicator-row-I4.3').getByTestId('indicator-latest')).toHaveText('2');
  await page.getByTestId('indicator-row-I4.3').getByTestId('indicator-link').click();
  const records = page.getByTestId('indicator-computed');
  await expect(records).toContainText('Ana Popescu');
  await expect(records).toContainText('Mihai Ionescu');
  await expect(records).not.toContainText('Elena Dobre');
  await expect(records.locator('tbody tr.ant-table-row')).toHaveCount(2);
});

test('the same list imported again matches everyone and changes nothing', async () => {
  await openSessionImport(page);
  await upload(page, 'prezenta-grupa1.xlsx', await attendanceList(LIST));
  await expect(page.getByTestId('import-summary')).toHaveText('Rânduri: 3 · persoane noi: 0 · participări noi: 0, modificate: 0, neschimbate: 3');
  for (const n of [2, 3, 4]) await expect(page.getByTestId(`import-row-${n}`)).toHaveAttribute('data-status', 'matched');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toHaveText('Import încheiat · persoane noi: 0 · participări adăugate: 0, modificate: 0, neschimbate: 3');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]')).toHaveCount(3);

  await page.getByTestId('nav-training-people').click();
  await expect(page.getByTestId('people-table').locator('tbody tr[data-testid="person-row"]')).toHaveCount(3);
  await page.getByTestId('nav-indicators').click();
  await expect(page.getByTestId('indicator-row-I4.3').getByTestId('indicator-latest')).toHaveText('2');
});

test('a likely duplicate (same name, another e-mail) waits for a decision; "aceeași persoană" keeps one person', async () => {
  await openSessionImport(page);
  await upload(page, 'prezenta-corectata.xlsx', await attendanceList([['Elena Dobre', 'Direcția Fiscală', 'Inspector', 'e.dobre@primariatm.ro', 8, 'da']]));
  const row = page.getByTestId('import-row-2');
  await expect(row).toHaveAttribute('data-status', 'duplicate');
  await expect(row).toContainText('Posibil duplicat');
  await expect(row).toContainText('elena.dobre@primariatm.ro');
  await expect(row).toContainText('același nume');
  await expect(page.getByTestId('import-undecided')).toHaveText('Rânduri încă nedecise: 1.');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await shot('training-import-duplicate');
  await page.getByTestId('decision-same-2').click();
  // Decided: the preview now counts her as the person already known, whose attendance changes.
  await expect(page.getByTestId('import-summary')).toHaveText('Rânduri: 1 · persoane noi: 0 · participări noi: 0, modificate: 1, neschimbate: 0');
  await expect(page.getByTestId('import-undecided')).toHaveCount(0);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toHaveText('Import încheiat · persoane noi: 0 · participări adăugate: 0, modificate: 1, neschimbate: 0');
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('session-completed-count')).toHaveText('3');

  await page.getByTestId('nav-training-people').click();
  await expect(page.getByTestId('people-table').locator('tbody tr[data-testid="person-row"]')).toHaveCount(3);
  await page.locator('tr[data-person="Elena Dobre"]').getByTestId('person-link').click();
  await expect(page.getByTestId('person-detail-name')).toHaveText('Elena Dobre');
  await expect(page.getByTestId('person-history')).toContainText('Guvernare deschisă — grupa 1');
  await shot('training-person');
});

test('a bad list (a CNP-looking name, hours "multe") names the bad cells and writes nothing', async () => {
  await openSessionImport(page);
  await upload(
    page,
    'prezenta-gresita.xlsx',
    await attendanceList([
      ['Ion Vasile 1850101123456', 'Direcția Tehnică', 'Inginer', '', 8, 'da'],
      ['Maria Stan', 'Direcția Tehnică', 'Referent', '', 'multe', 'da'],
    ]),
  );
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Nume și prenume, rândul 2 — pare un cod numeric personal (CNP)');
  await expect(errors).toContainText('Ore, rândul 3 — trebuie să fie un număr');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await shot('training-import-errors');
  await page.keyboard.press('Escape');

  await expect(page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]')).toHaveCount(3);
  await page.getByTestId('nav-training-people').click();
  await expect(page.getByTestId('people-table').locator('tbody tr[data-testid="person-row"]')).toHaveCount(3);
  await expect(page.getByTestId('people-table')).not.toContainText('Maria Stan');
});

test('an attendance deleted from the list comes back with "Anulează"', async () => {
  await page.goto(sessionUrl);
  const rows = page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]');
  await expect(rows).toHaveCount(3);
  await page.locator('tr[data-person="Mihai Ionescu"]').getByTestId('attendance-delete').click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /OK|Da/ }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('session-completed-count')).toHaveText('2');
  await page.getByTestId('undo').click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('session-completed-count')).toHaveText('3');
});

test('the registry exported to Excel and imported back changes nothing', async () => {
  await page.getByTestId('nav-training').click();
  const session = page.getByTestId('sessions-table').locator('tbody tr[data-testid^="session-row-"]');
  await expect(session).toHaveCount(1);
  await expect(page.locator('.ant-pagination-total-text:visible')).toHaveText('1 sesiune');
  await expect(session.getByTestId('session-completed')).toHaveText('3');
  await expect(session).toContainText(`1.500,50${NBSP}lei`);
  await shot('training-sessions');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('training-export').click()]);
  const file = path.join(dataDir, 'formare.xlsx');
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^Formare-PLA-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Programe', 'Sesiuni', 'Persoane', 'Participări']);
  expect(wb.getWorksheet('Persoane')!.actualRowCount).toBe(4);
  expect(wb.getWorksheet('Participări')!.actualRowCount).toBe(4);

  await page.locator('.ant-upload input[type=file]').first().setInputFiles(file);
  await expect(page.getByTestId('training-import-report')).toContainText(
    'programe 0 noi / 0 modificate; sesiuni 0 / 0; persoane 0 / 0; participări 0 / 0; neschimbate 8',
  );
  await page.getByTestId('training-import-confirm').click();
  await expect(page.getByText('Importat: programe 0 noi / 0 modificate')).toBeVisible();
});

test('a person is added to a session by hand: created from the form, then found by a search without diacritics', async () => {
  await page.goto(sessionUrl);
  const rows = page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('attendance-add').click();
  await page.getByTestId('attendance-new-person').click();
  await page.getByTestId('person-name').fill('Ștefan Țurcanu');
  await page.getByTestId('person-email').fill('stefan.turcanu@primariatm.ro');
  await page.getByTestId('person-form-submit').click();
  await expect(page.getByTestId('person-form')).toBeHidden();
  await expect(page.getByTestId('attendance-form')).toContainText('Ștefan Țurcanu');
  await page.getByTestId('attendance-form-submit').click();
  await expect(page.getByTestId('attendance-form')).toBeHidden();
  await expect(rows).toHaveCount(4);

  // The picker asks the server: "turcanu" finds Ștefan Țurcanu among everyone the register knows.
  await page.getByTestId('attendance-add').click();
  await page.getByTestId('attendance-person').click();
  await page.keyboard.type('turcanu');
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveText([/Ștefan Țurcanu/]);
  await page.keyboard.press('Escape');
  await page.locator('.ant-modal:visible .ant-modal-close').click();
  await expect(page.getByTestId('attendance-form')).toBeHidden();
});

test('a workbook with one sheet per session, a title block above each list: each sheet goes to its session, the second to one made on the spot', async () => {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('Grupa 1');
  a.addRows([
    ['Listă de prezență — Guvernare deschisă, grupa 1'],
    [],
    ['Nr. crt.', 'Nume și prenume', 'E-mail', 'Ore', 'Absolvit (Da/Nu)'],
    [1, 'Ana Popescu', 'ana.popescu@primariatm.ro', 8, 'Da'],
  ]);
  const b = wb.addWorksheet('Grupa 2 — aprilie');
  b.addRows([
    ['Listă de prezență — grupa 2'],
    ['Nume și prenume', 'E-mail', 'Ore', 'Absolvit (Da/Nu)'],
    ['Radu Mureșan', 'radu.muresan@primariatm.ro', 8, 'Da'],
    ['Ioana Șerban', '', 6, 'Nu'],
  ]);
  await openSessionImport(page);
  await upload(page, 'prezenta-pe-sesiuni.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const sheets = page.getByTestId('import-sheets');
  await expect(sheets).toContainText('Grupa 1');
  await expect(sheets).toContainText('Grupa 2 — aprilie');
  await expect(page.getByTestId('import-sheet-target-Grupa 2 — aprilie')).toContainText('Sesiune nouă „Grupa 2 — aprilie”');
  await page.getByTestId('import-sheets-next').click();
  await expect(page.getByTestId('import-current-sheet')).toContainText('Foaia „Grupa 1” → Guvernare deschisă — grupa 1');
  await expect(page.getByTestId('import-summary')).toContainText('Rânduri: 1');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-current-sheet')).toContainText('Foaia „Grupa 2 — aprilie” → Sesiune nouă „Grupa 2 — aprilie”');
  await expect(page.getByTestId('import-summary')).toContainText('Rânduri: 2');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toBeVisible();
  await page.getByTestId('import-open-session').click();
  await expect(page.getByText('Grupa 2 — aprilie').first()).toBeVisible();
  await expect(page.getByTestId('attendance-table').locator('tbody tr[data-testid="attendance-row"]')).toHaveCount(2);
});
