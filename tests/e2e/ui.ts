import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { root, startWeb, tempDataDir, type WebServer } from './server';

/**
 * Picks an option of an antd Select by its label, the way a user clicks it. The dropdown animates in and out,
 * and a click that lands mid-animation is lost, so the pick is retried until the dropdown has closed with the
 * option chosen.
 */
export async function pickOption(p: Page, testId: string, option: string | RegExp, opts: { type?: boolean | string } = {}) {
  const open = p.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    if ((await open.count()) === 0) {
      await p.getByTestId(testId).click();
      if (typeof opts.type === 'string') await p.keyboard.type(opts.type);
      else if (opts.type && typeof option === 'string') await p.keyboard.type(option);
    }
    await open.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 3_000 });
    await expect(open).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Runs `run` with every animation frame of the page `ms` late, as on a busy office PC, so a race between a component's
 * delayed step and the next key happens on every run. A frame cancelled while it waits does not run (animations cancel
 * theirs). The page's own frames come back afterwards, whatever `run` did.
 */
export async function withLateFrames(p: Page, ms: number, run: () => Promise<void>) {
  await p.evaluate((delay) => {
    const w = window as unknown as Window & { plaFrames?: [typeof requestAnimationFrame, typeof cancelAnimationFrame] };
    w.plaFrames = [w.requestAnimationFrame, w.cancelAnimationFrame];
    const [raf, caf] = [w.requestAnimationFrame.bind(w), w.cancelAnimationFrame.bind(w)];
    const waiting = new Map<number, { frame: number; timer?: ReturnType<typeof setTimeout> }>();
    let next = 1;
    w.requestAnimationFrame = (cb) => {
      const id = next++;
      const e: { frame: number; timer?: ReturnType<typeof setTimeout> } = { frame: 0 };
      e.frame = raf(() => {
        e.timer = setTimeout(() => {
          waiting.delete(id);
          cb(performance.now());
        }, delay);
      });
      waiting.set(id, e);
      return id;
    };
    w.cancelAnimationFrame = (id) => {
      const e = waiting.get(id);
      if (!e) return;
      caf(e.frame);
      clearTimeout(e.timer);
      waiting.delete(id);
    };
  }, ms);
  try {
    await run();
  } finally {
    await p.evaluate(() => {
      const w = window as unknown as Window & { plaFrames?: [typeof requestAnimationFrame, typeof cancelAnimationFrame] };
      if (w.plaFrames) [w.requestAnimationFrame, w.cancelAnimationFrame] = w.plaFrames;
    });
  }
}

/** The first-run form on a fresh data folder: creates the first coordinator account, which signs in. */
export async function createFirstCoordinator(p: Page, user: { username: string; displayName: string; password: string }) {
  await p.getByTestId('first-run-username').fill(user.username);
  await p.getByTestId('first-run-display-name').fill(user.displayName);
  await p.getByTestId('first-run-password').fill(user.password);
  await p.getByTestId('first-run-confirm').fill(user.password);
  await p.getByTestId('first-run-submit').click();
}

/**
 * A spec's usual start: a fresh data folder (filled by `fixture`, a script under tests/e2e taking the folder, when
 * given), browser mode on it, one page (of `viewport`) that logs the page's errors, and the first coordinator created
 * and signed in on the dashboard.
 */
export async function startSignedIn(
  browser: Browser,
  opts: { label: string; coord: { username: string; displayName: string; password: string }; fixture?: string; viewport?: { width: number; height: number } },
): Promise<{ server: WebServer; page: Page }> {
  const dataDir = tempDataDir(opts.label);
  if (opts.fixture) execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'tests/e2e', opts.fixture), dataDir], { cwd: root, stdio: 'inherit' });
  const server = await startWeb(dataDir);
  const page = await browser.newPage(opts.viewport ? { viewport: opts.viewport } : {});
  page.on('pageerror', (e) => console.log(`page error: ${e.message}\n${e.stack}`));
  page.on(
    'console',
    async (m) =>
      m.type() === 'error' &&
      console.log(`console: ${(await Promise.all(m.args().map((a) => a.jsonValue().catch(() => '?')))).map(String).join(' | ').slice(0, 400)}`),
  );
  await page.goto(server.url);
  await createFirstCoordinator(page, opts.coord);
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  return { server, page };
}

/** Opens a screen by its address (the menu's groups may be folded), and waits until the address is taken. */
export async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(hash);
}
