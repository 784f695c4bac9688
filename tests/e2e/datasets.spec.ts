import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { root, startWeb, tempDataDir, type WebServer } from './server';
import { createFirstCoordinator, pickOption } from './ui';

/**
 * Open data in browser mode, on one fresh data dir: a dataset is added to the inventory; a messy Windows-1250
 * file (";", decimal commas, dd.mm.yyyy dates, cedilla letters, stray spaces) is imported and its encoding
 * confirmed from the evidence; validation finds the errors; cleaning steps fix them (preview first); the file
 * validates clean; "ready" waits for the personal-data review; the export's files and metadata are on disk.
 */

const COORD = { username: 'coordonator', displayName: 'Ioana Ștefănescu', password: 'parolă-sigură-2026' };
const MESSY = path.join(root, 'tests/fixtures/datasets-module/parcuri-2023-cp1250.csv');

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  dataDir = tempDataDir('pla-e2e-datasets');
  server = await startWeb(dataDir);
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Picks options of a multiple select, then closes its dropdown. */
async function pickMany(p: Page, testId: string, options: string[]) {
  await p.getByTestId(testId).click();
  for (const o of options) await p.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: o }).first().click();
  await p.keyboard.press('Escape');
}

async function addStep(p: Page, op: string, fields: string[], extra?: () => Promise<void>) {
  await pickOption(p, 'step-op', op);
  if (fields.length) await pickMany(p, 'step-fields', fields);
  await extra?.();
  await p.getByTestId('step-add').click();
}

async function validate(p: Page) {
  await p.getByTestId('tab-import').click();
  await p.getByTestId('import-process').click();
  await expect(p.getByTestId('import-process')).not.toHaveClass(/ant-btn-loading/, { timeout: 60_000 });
}

test('first run: the coordinator signs in and finds open data in the menu', async () => {
  await page.goto(server.url);
  await createFirstCoordinator(page, COORD);
  await expect(page.getByTestId('user-name')).toHaveText(COORD.displayName);
  await expect(page.getByTestId('nav-datasets')).toHaveText('Inventarul datelor');
});

test('a dataset is added to the inventory and ranked', async () => {
  await page.getByTestId('nav-datasets').click();
  await page.getByTestId('dataset-new').click();
  await page.getByTestId('dataset-name').fill('Parcuri și grădini publice');
  await expect(page.getByTestId('dataset-slug')).toHaveValue('parcuri-si-gradini-publice');
  await page.getByTestId('dataset-holder').fill('Primăria Municipiului Timișoara');
  await page.getByTestId('dataset-department').fill('Direcția de Mediu');
  await page.getByTestId('dataset-description').fill('Parcurile, scuarurile și grădinile publice ale orașului.');
  await pickOption(page, 'dataset-frequency', 'Lunar');
  await pickOption(page, 'dataset-hvd', 'Geospațiale');
  await page.getByTestId('dataset-form-submit').click();
  await expect(page.getByTestId('dataset-title')).toContainText('Parcuri și grădini publice');
  await expect(page.getByTestId('dataset-title')).toContainText('Identificat');
  await page.getByTestId('nav-datasets').click();
  await expect(page.getByTestId('dataset-row-parcuri-si-gradini-publice').getByTestId('dataset-rank')).toHaveText('1');
  // the inventory goes out as an Excel workbook, Romanian headers, the dataset ranked first
  const download = page.waitForEvent('download');
  await page.getByTestId('datasets-export-inventory').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Inventar-date-deschise-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const saved = path.join(dataDir, 'inventar-check.xlsx');
  await file.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const inv = wb.getWorksheet('Inventar date deschise')!;
  expect(inv.getRow(1).getCell(1).value).toBe('Rang');
  expect(inv.getRow(2).getCell(7).value).toBe('Parcuri și grădini publice');
  expect(inv.getRow(2).getCell(17).value).toBe('Geospațiale');
  await page.getByTestId('dataset-row-parcuri-si-gradini-publice').getByRole('link', { name: 'Parcuri și grădini publice' }).click();
});

test('the messy file is imported; the encoding is shown with its evidence and confirmed; validation finds the problems', async () => {
  await page.getByTestId('tab-import').click();
  await page.locator('[data-testid="import-panel"] input[type=file]').setInputFiles(MESSY);
  await expect(page.getByTestId('encoding-detected')).toContainText('windows-1250');
  await expect(page.getByTestId('encoding-detected')).toContainText('„;”');
  await expect(page.getByTestId('encoding-samples')).toContainText('Grădina Botanică');
  await expect(page.getByTestId('encoding-select')).toContainText('windows-1250');
  // the evidence is Romanian, not the detector's English ("non-ASCII bytes", "not UTF-8")
  await expect(page.getByTestId('encoding-evidence')).toContainText('nu este UTF-8; windows-1250 și iso-8859-16 au același scor (12)');
  await validate(page);
  // without a schema the file is not simply valid: the area column is mostly numbers, one cell is not
  await expect(page.getByTestId('report-valid-warnings')).toHaveText('Fișierul este valid, cu 1 avertisment de verificat.');
  await expect(page.getByTestId('warning-mostly-number')).toHaveText(
    'coloana «suprafata_mp»: 88 % numere; 1 celulă nu este număr: rândul 3 (de ex. «  8200,75 »)',
  );
  await expect(page.getByTestId('report-valid')).toHaveCount(0);
  // the schema is inferred from the file, then tightened: the area is a number, the inventory date a date
  await page.getByRole('tab', { name: 'Schemă' }).click();
  await page.getByTestId('schema-infer').click();
  await expect(page.getByTestId('schema-name-3')).toHaveValue('suprafata_mp');
  await pickOption(page, 'schema-type-3', /^Număr \(number\)$/);
  await pickOption(page, 'schema-type-4', /^Dată \(date\)$/);
  await page.getByTestId('schema-format-4').fill(''); // published dates are ISO (the draft read them as %d.%m.%Y)
  await page.getByTestId('schema-enum-2').fill('Cetate|Elisabetin|Fabric|Iosefin|Freidorf');
  await page.getByTestId('schema-save').click();
  await expect(page.getByText('Schema a fost salvată.')).toBeVisible();
  await validate(page);
  await expect(page.getByTestId('report-invalid')).toBeVisible();
  await expect(page.getByTestId('count-type-error')).toHaveText('Tip greșit: 13'); // 9 dd.mm.yyyy dates + 4 decimal commas
  await expect(page.getByTestId('count-constraint-error')).toBeVisible();
  await expect(page.getByTestId('report-invalid')).toContainText('15 erori · 9 rânduri');
  // the errors read in Romanian, the frictionless codes are not shown as they are
  const table = page.getByTestId('validation-report').locator('table');
  await expect(table).toContainText('Valoarea «31.12.2023» din rândul 2, câmpul «data_inventar» (coloana 5) nu este dată');
  await expect(table).not.toContainText('type-error');
  await expect(table).not.toContainText('Type error');
  // not ready while the file has errors
  await page.getByTestId('dataset-mark-ready').click();
  await expect(page.getByTestId('not-ready-error')).toContainText('ultimul fișier are erori de validare');
});

test('cleaning steps, previewed first, fix the file and it validates clean', async () => {
  await page.getByTestId('tab-cleaning').click();
  await addStep(page, 'Spații la capete și duble', []);
  await addStep(page, 'Litere cu sedilă', []);
  await addStep(page, 'Număr → zecimale cu punct', ['suprafata_mp']);
  await addStep(page, 'Dată → ISO', ['data_inventar']);
  await expect(page.getByTestId('preview-after')).toContainText('⟨12500.5⟩');
  await expect(page.getByTestId('preview-after')).toContainText('⟨2023-12-31⟩');
  await expect(page.getByTestId('preview-before')).toContainText('⟨31.12.2023⟩');
  await expect(page.getByTestId('step-log')).toContainText('ţ→ț: 2');
  // the near-duplicate "fabric" is merged into "Fabric" once a person approves it
  await pickOption(page, 'cluster-field', 'cartier');
  await page.getByTestId('cluster-run').click();
  await page.getByTestId('cluster-approve').click();
  await expect(page.getByTestId('step-4')).toContainText('fabric → Fabric');
  await page.getByTestId('steps-save').click();
  await expect(page.getByText('Pașii au fost salvați.')).toBeVisible();
  await validate(page);
  await expect(page.getByTestId('report-valid')).toBeVisible();
  await expect(page.getByTestId('step-log')).toContainText('ţ→ț: 2');
});

test('a slow preview answer never replaces the preview of a later change', async () => {
  // the first preview of the steps is held back until the next one has answered, as on a busy server
  let held = false;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route('**/api/datasets.previewSteps', async (route) => {
    const { limit } = route.request().postDataJSON() as { limit: number };
    if (limit > 1 && !held) {
      held = true;
      await released;
    }
    await route.continue();
  });
  await page.getByTestId('tab-cleaning').click();
  await page.getByTestId('steps-preview').click();
  await expect.poll(() => held).toBe(true);
  await addStep(page, 'Elimină coloane', ['email_contact']);
  await expect(page.getByTestId('preview-after')).not.toContainText('email_contact');
  const late = page.waitForResponse('**/api/datasets.previewSteps');
  release();
  await (await late).finished();
  await page.waitForTimeout(500);
  expect(await page.getByTestId('preview-after').textContent()).not.toContain('email_contact');
  await page.unroute('**/api/datasets.previewSteps');
});

test('ready for publication only once the personal data is reviewed; then the export writes the files and metadata', async () => {
  await page.getByTestId('dataset-mark-ready').click();
  await expect(page.getByTestId('not-ready-error')).toContainText('date personale neverificate');
  await page.getByTestId('tab-import').click();
  await page.getByTestId('flag-note').fill('Adresă de serviciu a administratorului parcului');
  await page.getByTestId('flag-review').click();
  await expect(page.getByTestId('flag-reviewed')).toBeVisible();
  await page.getByTestId('dataset-mark-ready').click();
  await expect(page.getByTestId('dataset-title')).toContainText('Gata de publicare');

  await page.getByTestId('tab-export').click();
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-files')).toContainText('datapackage.json');
  const folder = (await page.getByTestId('export-folder').textContent())!.trim();
  expect(folder.startsWith(dataDir)).toBe(true);
  expect(fs.readdirSync(folder).sort()).toEqual([
    'ckan.json',
    'datapackage.json',
    'dcat.jsonld',
    'parcuri-si-gradini-publice-excel.csv',
    'parcuri-si-gradini-publice.csv',
    'schema.json',
  ]);
  const csv = fs.readFileSync(path.join(folder, 'parcuri-si-gradini-publice.csv'), 'utf8');
  expect(csv.split('\n')[1]).toBe('1,Parcul Central,Cetate,12500.5,2023-12-31,');
  expect(csv).toContain('Parcul Justiției');
  const dp = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8'));
  expect(dp.resources[0].bytes).toBe(Buffer.byteLength(csv));
  expect(dp.resources[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  const ckan = JSON.parse(fs.readFileSync(path.join(folder, 'ckan.json'), 'utf8'));
  expect(ckan).toMatchObject({ name: 'parcuri-si-gradini-publice', license_id: 'CC-BY-4.0', resources: [{ format: 'CSV' }, { format: 'CSV' }] });
  const dcat = JSON.parse(fs.readFileSync(path.join(folder, 'dcat.jsonld'), 'utf8'));
  expect(dcat['@graph'][0]['dcatap:hvdCategory']).toEqual({ '@id': 'http://data.europa.eu/bna/c_ac64a52d' });
  // the source file stays in the dataset's data folder
  const datasetFolder = path.dirname(folder);
  const imports = fs.readdirSync(path.join(datasetFolder, 'imports'));
  expect(imports).toHaveLength(1);
  expect(fs.readFileSync(path.join(datasetFolder, 'imports', imports[0]!, 'source.csv'))).toEqual(fs.readFileSync(MESSY));
});
