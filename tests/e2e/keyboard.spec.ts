import { expect, test, type Locator, type Page } from '@playwright/test';
import { tempDataDir, type WebServer } from './server';
import { startSignedIn } from './ui';

/**
 * The keyboard alone (issue 15 §3): one workflow per module done without the mouse — the screen opened from the
 * command palette (Ctrl+K), every control reached with Tab, lists chosen with the arrow keys and Enter, dialogs
 * saved with Enter on their button — and after each dialog the focus is back on the button that opened it.
 * The focused control always shows a visible focus ring. The data folder is filled in every module
 * (publishing-fixture.ts); the mouse is never used after sign-in.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Tastatură', password: 'parola-tastatura-123' };

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ server, page } = await startSignedIn(browser, {
    label: 'pla-e2e-keyboard',
    coord: COORD,
    fixture: 'publishing-fixture.ts',
    viewport: { width: 1366, height: 900 },
  }));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);

/** Presses Tab (or Shift+Tab) until the focus is on `target` (or inside it); fails after `max` presses. */
async function tabTo(target: Locator, { max = 120, back = false } = {}) {
  await expect(target.first()).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target.first())) {
      await expectFocusRing();
      return;
    }
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach ${target} in ${max} presses (focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))})`);
}

/** The focused control shows where it is: an outline or a box shadow (antd's focus ring), not nothing. */
async function expectFocusRing() {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const seen = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    };
    // antd draws the ring on the control's wrapper for inputs and selects
    return seen(el) ||
      seen(el.closest('.ant-input-affix-wrapper, .ant-select-selector, .ant-picker, .ant-input-number, .ant-select')) ||
      seen(el.closest('.ant-select')?.querySelector('.ant-select-selector') ?? null)
      ? 'ring'
      : `none on ${el.outerHTML.slice(0, 160)}`;
  });
  expect(ring).toBe('ring');
}

/** Ctrl+K, then the query typed into the palette (typed again if the palette, still opening, cleared it). */
async function typeInPalette(query: string) {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await expect(async () => {
    if ((await input.inputValue()) !== query) {
      await page.keyboard.press('Control+a');
      await page.keyboard.type(query);
    }
    await expect(input).toHaveValue(query, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** Opens a screen from the command palette, as a keyboard user does (`title`: the screen's name, as listed). */
async function openScreen(query: string, title: string, hash: string | RegExp) {
  await typeInPalette(query);
  await expect(page.getByTestId('palette-result').first()).toHaveAttribute('data-kind', 'screen');
  await expect(page.getByTestId('palette-result').first()).toContainText(title);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(hash);
}

/** Chooses an option of an antd Select reached with Tab: ArrowDown opens the list, the arrows move, Enter chooses. */
async function choose(select: Locator, text: string) {
  await tabTo(select);
  await page.keyboard.press('ArrowDown');
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await expect(active).toBeVisible();
  for (let i = 0; i < 40 && !((await active.textContent()) ?? '').includes(text); i++) await page.keyboard.press('ArrowDown');
  await expect(active).toContainText(text);
  await page.keyboard.press('Enter');
  await expect(select).toContainText(text);
}

/** Chooses an option of a searchable antd Select reached with Tab: typed, then Enter on the option found. */
async function chooseTyped(select: Locator, typed: string, expected: string | RegExp) {
  await tabTo(select);
  await page.keyboard.type(typed);
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option-active')).toContainText(expected);
  await page.keyboard.press('Enter');
  await expect(select).toContainText(expected);
}

/** Opens a record from the command palette by code or name. */
async function openRecord(query: string, kind: string, hash: RegExp) {
  await typeInPalette(query);
  await expect(page.getByTestId('palette-result').first()).toHaveAttribute('data-kind', kind);
  await expect(page.getByTestId('palette-result').first()).toContainText(query.split(' ')[0], { ignoreCase: true });
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(hash);
}

/** Types into a field reached with Tab. */
async function typeInto(field: Locator, text: string) {
  await tabTo(field);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

/**
 * Saves the dialog with Enter on its button; the dialog closes and the focus returns to `focusAfter`: the button that
 * opened it, or the heading of the record's own page when saving opens it.
 */
async function save(submit: Locator, focusAfter: Locator) {
  await tabTo(submit);
  await page.keyboard.press('Enter');
  await expect(submit).toBeHidden();
  await expect.poll(() => isFocused(focusAfter)).toBe(true);
}

async function press(button: Locator) {
  await tabTo(button);
  await page.keyboard.press('Enter');
}

test('risks: a new risk is written, scored and saved with the keyboard', async () => {
  await openScreen('registrul riscurilor', 'Registrul riscurilor', /^#\/risks$/);
  const opener = page.getByTestId('risk-new');
  await press(opener);
  await typeInto(page.getByTestId('risk-code'), 'R-TAST');
  await typeInto(page.getByTestId('risk-description'), 'Risc scris doar cu tastatura');
  await choose(page.getByTestId('risk-category'), 'Financiar');
  await choose(page.getByTestId('risk-inherent-probability'), '4');
  await choose(page.getByTestId('risk-inherent-impact'), '5');
  // saving opens the risk's page, with the focus on its heading: code and level
  await save(page.getByTestId('risk-form-submit'), page.getByRole('heading', { name: /R-TAST/ }));
  await expect(page.getByRole('heading', { name: /R-TAST/ })).toContainText('Foarte ridicat');
});

test('stakeholders: a new organisation is added from the keyboard', async () => {
  await openScreen('parti interesate', 'Părți interesate', /^#\/stakeholders$/);
  const opener = page.getByTestId('stakeholder-new');
  await press(opener);
  await typeInto(page.getByTestId('stakeholder-name'), 'Asociația Tastaturii');
  // saving opens the organisation's page, with the focus on its name
  await save(page.getByTestId('stakeholder-form-submit'), page.getByRole('heading', { name: 'Asociația Tastaturii' }));
});

test('plan: a milestone is added to an action opened from the palette', async () => {
  await openRecord('A1.1', 'action', /^#\/actions\/[0-9a-f-]{36}$/);
  const opener = page.getByTestId('milestone-new');
  await press(opener);
  await typeInto(page.getByTestId('milestone-title'), 'Etapă adăugată de la tastatură');
  // Enter in the field saves the dialog
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('milestone-title')).toBeHidden();
  await expect.poll(() => isFocused(opener)).toBe(true);
  await expect(page.getByTestId('milestones')).toContainText('Etapă adăugată de la tastatură');
});

test('training: a programme is created on its tab, linked to an action by typing its code', async () => {
  await openScreen('instruiri', 'Instruiri', /^#\/training/);
  // tabs are one stop in the Tab order: the arrows move to the next tab, Enter opens it
  await tabTo(page.getByRole('tab', { selected: true }));
  const programmes = page.getByRole('tab', { name: 'Programe' });
  for (let i = 0; i < 6 && !(await isFocused(programmes)); i++) await page.keyboard.press('ArrowRight');
  await expect(programmes).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(programmes).toHaveAttribute('aria-selected', 'true');
  const opener = page.getByTestId('programme-new');
  await press(opener);
  await typeInto(page.getByTestId('programme-name'), 'Program de la tastatură');
  await chooseTyped(page.getByTestId('programme-action'), 'A4.3 ', /^A4\.3 /);
  await save(page.getByTestId('programme-form-submit'), opener);
  await expect(page.getByTestId('programmes-table')).toContainText('Program de la tastatură');
});

test('funding: a call is recorded with its budget in lei', async () => {
  await openScreen('apeluri de finantare', 'Apeluri de finanțare', /^#\/funding\/calls$/);
  await press(page.getByTestId('call-new'));
  await typeInto(page.getByTestId('call-code'), 'TAST/2026/1');
  await typeInto(page.getByTestId('call-title'), 'Apel înregistrat de la tastatură');
  await typeInto(page.getByTestId('call-form').getByLabel('Buget apel (lei)'), '250000');
  await typeInto(page.getByTestId('call-guide'), 'https://exemplu.ro/ghid');
  await save(page.getByTestId('call-form-submit'), page.getByRole('heading', { name: /TAST\/2026\/1/ }));
  await expect(page.getByTestId('call-budget-value')).toHaveText('250.000,00\u00a0lei');
});

test('budgeting: a proposal is added to a campaign opened from the palette', async () => {
  await openRecord('cetate parc', 'proposal', /^#\/budgeting\/campaigns\/[0-9a-f-]{36}$/);
  const opener = page.getByTestId('proposal-new');
  await press(opener);
  await typeInto(page.getByTestId('proposal-title'), 'Bănci noi în parc, propuse de la tastatură');
  await choose(page.getByTestId('proposal-zone'), 'Z1');
  await typeInto(page.getByTestId('proposal-body'), 'Zece bănci noi pe aleile parcului.');
  await save(page.getByTestId('proposal-form-submit'), opener);
  await expect(page.getByTestId('proposals-table')).toContainText('Bănci noi în parc');
});

test('datasets: a dataset enters the inventory with its frequency and high-value category', async () => {
  await openScreen('inventarul datelor', 'Inventarul datelor', /^#\/datasets$/);
  await press(page.getByTestId('dataset-new'));
  await typeInto(page.getByTestId('dataset-name'), 'Stații de tastare');
  await typeInto(page.getByTestId('dataset-holder'), 'Primăria Municipiului Timișoara');
  await typeInto(page.getByTestId('dataset-department'), 'Direcția Digitalizare');
  await typeInto(page.getByTestId('dataset-description'), 'Set înregistrat doar cu tastatura.');
  await choose(page.getByTestId('dataset-frequency'), 'Lunar');
  await choose(page.getByTestId('dataset-hvd'), 'Geospațiale');
  await save(page.getByTestId('dataset-form-submit'), page.getByRole('heading', { name: /Stații de tastare/ }));
});

test('publishing: a folder target is added to the public site', async () => {
  await openScreen('publicare', 'Publicare', /^#\/publishing\/sync$/);
  const opener = page.getByTestId('sync-target-new');
  await press(opener);
  await typeInto(page.getByTestId('sync-target-name'), 'Dosar tastatură');
  await press(page.getByTestId('sync-target-kind-folder'));
  await typeInto(page.getByTestId('sync-target-path'), tempDataDir('pla-e2e-keyboard-site'));
  await save(page.getByTestId('sync-target-form-submit'), opener);
  await expect(page.getByTestId('sync-target-Dosar tastatură')).toBeVisible();
});

test('reports: the report pack is exported with Enter', async () => {
  await openScreen('raport de progres', 'Raport de progres', /^#\/reports/);
  const button = page.getByTestId('report-pack');
  const download = page.waitForEvent('download');
  await press(button);
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  // the progress dialog goes, and the focus is back on the export button
  await expect(page.getByTestId('export-progress')).toBeHidden();
  await expect.poll(() => isFocused(button)).toBe(true);
});

test('administration: an evaluator account is created, the role chosen with the arrows', async () => {
  await openScreen('utilizatori', 'Utilizatori', /^#\/admin\/users$/);
  const opener = page.getByTestId('user-new');
  await press(opener);
  await typeInto(page.getByTestId('user-username'), 'eval.tastatura');
  await typeInto(page.getByTestId('user-display-name'), 'Evaluator Tastatură');
  await choose(page.getByTestId('user-role'), 'Evaluator');
  await typeInto(page.getByTestId('user-password'), 'parola-evaluator-123');
  await typeInto(page.getByTestId('user-form').getByLabel('Confirmați parola'), 'parola-evaluator-123');
  await save(page.getByTestId('user-form-submit'), opener);
  await expect(page.getByTestId('users-table')).toContainText('Evaluator Tastatură');
});
