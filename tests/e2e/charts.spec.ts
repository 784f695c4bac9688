import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { root, type WebServer } from './server';
import { goTo, startSignedIn } from './ui';

/**
 * Charts that explain (issue 15 §7), on a data folder filled in every module (publishing-fixture.ts: the seed plan,
 * a budgeting campaign with counted votes and final results): targets drawn as lines, ticks at round values, 0 %
 * bars that stay visible and labelled, no chart repeating a table, a results chart per budgeting zone with the
 * budget line and funded / not funded projects, every chart a <figure> named by a sentence, and every series
 * told apart without colour (patterns and words). Screenshots of the charts go to docs/screenshots/.
 */

const COORD = { username: 'coord', displayName: 'Coordonator Grafice', password: 'parola-grafice-123' };
const NBSP = '\u00a0';
const SHOTS = path.join(root, 'docs/screenshots');
test.describe.configure({ mode: 'serial' });

let server: WebServer;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ server, page } = await startSignedIn(browser, {
    label: 'pla-e2e-charts',
    coord: COORD,
    fixture: 'publishing-fixture.ts',
    viewport: { width: 1440, height: 900 },
  }));
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
});

/** The texts of a chart's axis ticks. */
const tickTexts = (chart: Locator, axis: 'x' | 'y') => chart.locator(`.recharts-${axis}Axis-tick-labels text`).allTextContents();

/** Every tick label lies inside its chart's <svg> (none cut at the edge, as "L50 %" was). */
async function ticksInside(chart: Locator) {
  return chart
    .locator('svg.recharts-surface')
    .first()
    .evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('.recharts-cartesian-axis-tick-labels text')].every((t) => {
        const r = t.getBoundingClientRect();
        return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      });
    });
}

test('the dashboard: one commitments chart, no list repeating it; 0 % bars visible and labelled; round ticks; a named figure', async () => {
  await page.getByTestId('nav-dashboard').click();
  const card = page.getByTestId('commitment-chart');
  const chart = card.getByTestId('commitment-progress');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // a figure named by its caption, which says what the chart shows
  await expect(card.getByRole('figure', { name: /^4 angajamente: progresul realizat/ })).toBeVisible();
  // the chart is the listing: each commitment's code and title a link, no second list under it
  const links = chart.locator('a[href^="#/commitments/"]');
  const n = await links.count();
  expect(n).toBeGreaterThan(0);
  await expect(card.locator('[data-testid^="dashboard-commitment-"]')).toHaveCount(0);
  // each bar ends with its percentage and status in words (readable without colour)
  const labels = chart.locator('text[data-label]');
  await expect(labels).toHaveCount(n);
  for (const text of await labels.allTextContents())
    expect(text).toMatch(new RegExp(`^\\d+(,\\d)?${NBSP}%(Întârziat|La risc|În grafic|Finalizat|Neînceput|Fără date)$`));
  expect(await tickTexts(chart, 'x')).toEqual(['0', '25', '50', '75', '100'].map((v) => `${v}${NBSP}%`));
  expect(await ticksInside(chart)).toBe(true);
  // the expected series is hatched (a pattern), so it reads apart from the real progress in black and white
  const expectedFill = await chart.locator('.recharts-bar').nth(1).locator('.recharts-bar-rectangle path').first().getAttribute('fill');
  expect(expectedFill).toMatch(/^url\(#/);
  await expect(chart.locator('pattern[data-pattern="expected"]')).toHaveCount(1);
  await card.screenshot({ path: path.join(SHOTS, 'charts-dashboard.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('the progress report: indicators against a 100 % target line on a 0–25–50–75–100 % axis, nothing clipped', async () => {
  await goTo(page, '#/reports');
  const chart = page.getByTestId('report-indicators-chart');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('report-indicators').getByRole('figure', { name: /indicatori au măsurători/ })).toBeVisible();
  const target = chart.locator('.recharts-reference-line');
  await expect(target.locator('line.recharts-reference-line-line')).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: `Țintă 100${NBSP}%` })).toHaveCount(1);
  const ticks = await tickTexts(chart, 'x');
  expect(ticks.slice(0, 5)).toEqual(['0', '25', '50', '75', '100'].map((v) => `${v}${NBSP}%`));
  for (const v of ticks) expect(Number(v.replace(/\D/g, '')) % 25).toBe(0);
  expect(await ticksInside(chart)).toBe(true);
  // the target line stands at the 100 % tick
  const lineX = await target.locator('line').first().getAttribute('x1');
  const tick100 = chart.locator('.recharts-xAxis-tick-labels text', { hasText: `100${NBSP}%` });
  expect(Math.abs(Number(lineX) - Number(await tick100.getAttribute('x')))).toBeLessThan(1);
  // every bar, 0 % included, is drawn (a visible stub) and labelled with its real percentage
  const bars = chart.locator('.recharts-bar-rectangle path');
  const labels = chart.locator('text[data-label]');
  await expect(labels).toHaveCount(await bars.count());
  for (const w of await bars.evaluateAll((ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox().width))) expect(w).toBeGreaterThanOrEqual(3);
});

test('the progress report: commitments listed once, by the chart; the actions split by status as one segmented bar', async () => {
  await goTo(page, '#/reports');
  const commitments = page.getByTestId('report-commitments');
  await expect(commitments.locator('table')).toHaveCount(0);
  await expect(commitments.locator('a[href^="#/commitments/"]')).toHaveCount(4);
  // 0 % bars keep a visible stub and say "0 %"
  const zero = commitments.locator('text[data-label]', { hasText: new RegExp(`^0${NBSP}%`) });
  expect(await zero.count()).toBeGreaterThan(0);
  for (const w of await commitments
    .locator('.recharts-bar')
    .first()
    .locator('.recharts-bar-rectangle path')
    .evaluateAll((ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox().width)))
    expect(w).toBeGreaterThanOrEqual(3);

  const actions = page.getByTestId('report-action-status');
  await expect(actions.getByRole('figure', { name: /^Acțiuni: \d+ în total/ })).toBeVisible();
  // one stacked bar: a segment per status that occurs, each in the legend with its count and share
  const segments = actions.locator('.recharts-bar');
  const legend = actions.locator('li[data-legend]');
  await expect(legend.first()).toBeVisible();
  await expect(segments).toHaveCount(await legend.count());
  await expect(actions.getByTestId('report-action-status-late')).toContainText(/Întârziat: \d+ \(\d+(,\d)?\u00a0%\)/);
  // hovering a segment gives its count and exact share
  await actions.locator('.recharts-bar-rectangle path').first().hover();
  await expect(actions.locator('.recharts-tooltip-wrapper')).toContainText(/Întârziat\s*:\s*\d+ \(\d+(,\d)?\u00a0%\)/);
  await page.mouse.move(0, 0);
  await expect(actions.locator('.recharts-tooltip-wrapper')).toBeHidden();
  await page.getByTestId('report-commitments').scrollIntoViewIfNeeded();
  await page.getByTestId('report-commitments').screenshot({ path: path.join(SHOTS, 'charts-report-commitments.png') });
  await page.getByTestId('report-indicators-chart').screenshot({ path: path.join(SHOTS, 'charts-report-indicators.png') });
  await page.getByTestId('report-action-status').screenshot({ path: path.join(SHOTS, 'charts-report-status.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test('a budgeting campaign: votes and funded / not funded per zone against the budget line', async () => {
  await goTo(page, '#/budgeting/campaigns');
  await page.getByRole('link', { name: 'Timișoara Decide 2026' }).click();
  await page.getByTestId('tab-results').click();
  const zone = page.getByTestId('results-chart-Z1');
  await expect(zone.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(
    page
      .getByTestId('results-chart')
      .getByRole('figure', { name: /^Centru: buget 500\.000,00\slei, folosit 450\.000,00\slei; 2 proiecte finanțate, 1 nefinanțate; 6 voturi\.$/ }),
  ).toBeVisible();
  const budget = zone.locator('.recharts-reference-line');
  await expect(budget.locator('line.recharts-reference-line-line')).toHaveCount(1);
  await expect(zone.locator('svg text', { hasText: `Buget 500.000,00${NBSP}lei` })).toHaveCount(1);
  // greedy: A (3 votes, 300.000 lei) is funded, B (2 votes, 250.000 lei) does not fit, C (1 vote, 150.000 lei) does
  await expect(zone.locator('text[data-label="A"]')).toHaveText('Voturi: 3 · Finanțat');
  await expect(zone.locator('text[data-label="B"]')).toHaveText('Voturi: 2 · Nefinanțat');
  await expect(zone.locator('text[data-label="C"]')).toHaveText('Voturi: 1 · Finanțat');
  // B's bar starts where A's ends and runs past the budget line; C's starts there too and stays under it
  const boxes = await zone
    .locator('.recharts-bar')
    .nth(1)
    .locator('.recharts-bar-rectangle path')
    .evaluateAll((ps) => ps.map((p) => (p as SVGGraphicsElement).getBBox()).map((b) => ({ x: b.x, right: b.x + b.width })));
  const lineX = Number(await budget.locator('line').first().getAttribute('x1'));
  expect(boxes).toHaveLength(3);
  expect(boxes[1].x).toBeCloseTo(boxes[0].right, 0);
  expect(boxes[1].right).toBeGreaterThan(lineX);
  expect(boxes[2].right).toBeLessThanOrEqual(lineX + 0.5);
  // not funded is hatched, funded solid: the two read apart in black and white
  const fills = await zone
    .locator('.recharts-bar')
    .nth(1)
    .locator('.recharts-bar-rectangle path')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
  expect(fills[0]).not.toMatch(/^url/);
  expect(fills[1]).toMatch(/^url\(#/);
  // the tooltip gives the exact amount in lei, the votes and the outcome
  await zone.locator('.recharts-bar').nth(1).locator('.recharts-bar-rectangle path').first().hover();
  await expect(zone.locator('.recharts-tooltip-wrapper')).toContainText(`300.000,00${NBSP}lei · Voturi: 3 · Finanțat`);
  // round amounts of lei on the axis
  for (const v of await tickTexts(zone, 'x')) expect(Number(v.replace(/\D/g, '')) % 50_000).toBe(0);
  expect(await ticksInside(zone)).toBe(true);
  await page.mouse.move(0, 0);
  await expect(zone.locator('.recharts-tooltip-wrapper')).toBeHidden();
  await page.getByTestId('results-chart').screenshot({ path: path.join(SHOTS, 'charts-budgeting-results.png') });
  expect(await seriousViolations(page)).toEqual([]);
});

test("an indicator's measurements: the target as a line, round ticks, the values with their unit", async () => {
  // an indicator measured by hand ("at least 3 city resources mapped"): one measurement recorded from its page
  await goTo(page, '#/indicators');
  const row = page.getByTestId('indicators-table').locator('tbody tr', { hasText: /cel puțin 3 resurse ale orașului/ });
  await row.getByTestId('indicator-link').click();
  await page.getByTestId('measurement-new').click();
  const form = page.getByTestId('measurement-form');
  await form.getByRole('spinbutton').fill('2');
  await form.getByRole('spinbutton').press('Enter');
  await expect(form).toBeHidden();
  const chart = page.getByTestId('measurement-chart');
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(1);
  await expect(page.getByRole('figure', { name: /față de țintă/ })).toBeVisible();
  await expect(chart.locator('line.recharts-reference-line-line')).toHaveCount(1);
  await expect(chart.locator('svg text', { hasText: /^Țintă / })).toHaveCount(1);
  const ticks = (await tickTexts(chart, 'y')).map((v) => Number(v.replace(/\./g, '').replace(',', '.')));
  expect(ticks[0]).toBe(0);
  const step = ticks[1];
  for (const [i, v] of ticks.entries()) expect(v).toBeCloseTo(i * step, 6);
  expect([1, 2, 2.5, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
  expect(await ticksInside(chart)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});
