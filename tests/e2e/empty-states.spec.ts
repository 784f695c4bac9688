import { expect, test, type Page } from '@playwright/test';
import type { WebServer } from './server';
import { goTo, startSignedIn } from './ui';
import { seriousViolations } from './axe';

/**
 * Empty states and disabled actions (issue 15 §5): on a fresh data folder an empty list says what to do next and
 * offers the button to do it, and a disabled button says why beside it — not only in a hover tooltip.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Gol', password: 'parola-gol-1234' };

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ server, page } = await startSignedIn(browser, { label: 'pla-e2e-empty', coord: COORD }));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

test('no campaign yet: the empty list says what comes next and offers "Campanie nouă"', async () => {
  await goTo(page, '#/budgeting/campaigns');
  const empty = page.getByTestId('campaigns-empty');
  await expect(empty).toContainText('Nicio campanie.');
  await expect(empty).toContainText('Creați prima campanie');
  await empty.getByTestId('campaign-new-empty').click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  // a search that finds nothing says so, without offering to create
  await page.getByTestId('campaign-search').locator('input').fill('nimic');
  await expect(empty).toContainText('Nimic nu corespunde căutării.');
  await expect(empty.getByTestId('campaign-new-empty')).toHaveCount(0);
});

test('no training programme yet: "Sesiune nouă" is disabled and says why beside it', async () => {
  await goTo(page, '#/training/sessions');
  await expect(page.getByTestId('session-new')).toBeDisabled();
  await expect(page.getByTestId('session-new-why')).toBeVisible();
  await expect(page.getByTestId('session-new-why')).toHaveText('Creați mai întâi un program de formare legat de o acțiune.');
});

/**
 * Every list screen that is empty on a fresh data folder (the stakeholders come with the PLA's seed): its empty
 * state, the sentence, what to do next, and the button that does it — and no serious or critical axe finding.
 */
const LISTS: Array<{ hash: string; empty: string; none: string; hint: string; action: string; opens: 'dialog' | string }> = [
  { hash: '#/risks', empty: 'risks-empty', none: 'Niciun risc.', hint: 'Înregistrați primul risc', action: 'risk-new-empty', opens: 'dialog' },
  {
    hash: '#/risks-reviews',
    empty: 'open-measures-empty',
    none: 'Nicio măsură de control.',
    hint: 'Măsurile de control se adaugă în fișa fiecărui risc',
    action: 'open-measures-register',
    opens: '#/risks',
  },
  { hash: '#/risks-alerts', empty: 'alerts-empty', none: 'Nicio alertă.', hint: 'Înregistrați o alertă la risc', action: 'alert-new-empty', opens: 'dialog' },
  {
    hash: '#/training/people',
    empty: 'people-empty',
    none: 'Nicio persoană înregistrată.',
    hint: 'Adăugați o persoană',
    action: 'person-new-empty',
    opens: 'dialog',
  },
  {
    hash: '#/training/sessions?tab=programmes',
    empty: 'programmes-empty',
    none: 'Niciun program de formare.',
    hint: 'Creați primul program de formare',
    action: 'programme-new-empty',
    opens: 'dialog',
  },
  {
    hash: '#/funding/calls',
    empty: 'calls-empty',
    none: 'Niciun apel înregistrat.',
    hint: 'Înregistrați primul apel de finanțare',
    action: 'call-new-empty',
    opens: 'dialog',
  },
  {
    hash: '#/funding/applications',
    empty: 'applications-empty',
    none: 'Nicio cerere.',
    hint: 'Înregistrați întâi apelul de finanțare',
    action: 'application-open-calls',
    opens: '#/funding/calls',
  },
  {
    hash: '#/funding/deadlines',
    empty: 'deadlines-upcoming-empty',
    none: 'Nimic în această perioadă.',
    hint: 'Termenele vin din apelurile de finanțare',
    action: 'deadlines-upcoming-open-calls',
    opens: '#/funding/calls',
  },
  {
    hash: '#/datasets',
    empty: 'datasets-empty',
    none: 'Niciun set de date în inventar.',
    hint: 'Adăugați primul set de date',
    action: 'dataset-new-empty',
    opens: 'dialog',
  },
  {
    hash: '#/datasets/overdue',
    empty: 'overdue-empty',
    none: 'Nicio revizuire întârziată.',
    hint: 'Fiecare set de date este revizuit la timp',
    action: 'overdue-open-inventory',
    opens: '#/datasets',
  },
  {
    hash: '#/publishing/sync',
    empty: 'sync-targets-empty',
    none: 'Nicio destinație de publicare.',
    hint: 'Adăugați un dosar',
    action: 'sync-target-new-empty',
    opens: 'dialog',
  },
];

for (const l of LISTS)
  test(`${l.hash}: the empty list says "${l.none}", what to do next, and its button does it`, async () => {
    await goTo(page, l.hash);
    const empty = page.getByTestId(l.empty);
    await expect(empty).toContainText(l.none);
    await expect(empty).toContainText(l.hint);
    expect(await seriousViolations(page)).toEqual([]);
    await empty.getByTestId(l.action).click();
    if (l.opens === 'dialog') {
      await expect(page.locator('.ant-modal:visible')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
    } else await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(l.opens);
  });

test('no training programme yet: the empty sessions list leads to a new programme', async () => {
  await goTo(page, '#/training/sessions');
  const empty = page.getByTestId('sessions-empty');
  await expect(empty).toContainText('Nicio sesiune înregistrată.');
  await expect(empty).toContainText('Creați mai întâi un program de formare');
  await empty.getByTestId('programme-new-from-sessions').click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
  await expect(page.getByTestId('programme-new')).toBeVisible(); // on the programmes tab
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
});

test('no call yet: "Cerere nouă" is disabled and says why beside it', async () => {
  await goTo(page, '#/funding/applications');
  await expect(page.getByTestId('application-new')).toBeDisabled();
  await expect(page.getByTestId('application-new-why')).toBeVisible();
  await expect(page.getByTestId('application-new-why')).toHaveText('Înregistrați întâi apelul de finanțare la care se depune cererea.');
});

test('no session yet: the attendance wizard says so instead of an empty dropdown, and "Înainte" says why it waits', async () => {
  await goTo(page, '#/training/sessions');
  await page.getByTestId('attendance-import').click();
  const wizard = page.locator('.ant-modal:visible');
  await expect(wizard.getByTestId('import-no-sessions')).toContainText('Nu există încă nicio sesiune: înregistrați întâi sesiunea de formare');
  await expect(wizard.getByTestId('import-next')).toBeDisabled();
  await expect(wizard.getByTestId('import-next-why')).toBeVisible();
  await expect(wizard.getByTestId('import-next-why')).toHaveText('Nicio sesiune de ales încă.');
  expect(await seriousViolations(page)).toEqual([]);
  await wizard.getByTestId('import-go-sessions').click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/training/sessions');
});
