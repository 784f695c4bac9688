/**
 * End to end under Electron: a data dir prepared with the CLI, the built app launched on it, a
 * coordinator logs in and the plan opens. Also checks the security posture of the real window.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { METHOD_NAMES } from '../../electron/contract';
import { ROOT, electronSkipReason, findElectronBinary } from './electron-env';

const skipReason = electronSkipReason();
if (skipReason) console.log(`[electron] skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

const PASSWORD = 'parola-sigura-123';
const PLAN_TEXT = 'Creșterea gradului de implicare civică';

function cli(args: string[], input?: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'pla-desk.js'), ...args], {
    cwd: ROOT,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

/** A fresh data dir: database + seed (`init`) and one coordinator. */
function prepareDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-electron-'));
  cli(['init', '--data-dir', dir]);
  cli(['user', 'add', '--data-dir', dir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], `${PASSWORD}\n`);
  return dir;
}

test.describe.serial('PLA Desk under Electron', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    const mainJs = path.join(ROOT, 'out', 'main', 'index.js');
    if (!fs.existsSync(mainJs) || !fs.existsSync(path.join(ROOT, 'out', 'preload', 'index.cjs'))) {
      throw new Error('out/ is not built: run `npx electron-vite build` before the Electron suite');
    }
    dataDir = prepareDataDir();
    app = await electron.launch({
      executablePath: findElectronBinary()!,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, PLA_DESK_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });
    // Links must never reach a real browser during tests.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __plaOpened?: string[] }).__plaOpened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('a coordinator logs in and the plan opens', async () => {
    expect(page.url()).toMatch(/^app:\/\/pla-desk\//);
    await page.getByLabel('Utilizator').fill('coord');
    await page.getByLabel('Parolă').fill(PASSWORD);
    await page.getByRole('button', { name: 'Intră' }).click();
    await expect(page.getByText(PLAN_TEXT).first()).toBeVisible();
  });

  test('the page is sandboxed and sees only the contract API', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
        plaApi: Object.keys(w.plaApi as object).sort(),
        plaEvents: Object.keys(w.plaEvents as object),
      };
    });
    expect(seen.require).toBe('undefined');
    expect(seen.process).toBe('undefined');
    expect(seen.ipcRenderer).toBe('undefined');
    expect(seen.plaApi).toEqual([...METHOD_NAMES].sort());
    expect(seen.plaEvents).toEqual(['onEvent']);
  });

  test('main validates input and serves a strict CSP', async () => {
    const bad = await page.evaluate(() =>
      (window as unknown as { plaApi: Record<string, (i: unknown) => Promise<unknown>> }).plaApi['jobs.get']({ id: 'not-a-uuid' }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const csp = await page.evaluate(async () => (await fetch('app://pla-desk/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const traversal = await page.evaluate(async () => (await fetch('app://pla-desk/..%2f..%2fpackage.json')).status);
    expect(traversal).toBe(403);
  });

  test('new windows are denied; https links go to the system browser', async () => {
    const before = app.windows().length;
    const opened = await page.evaluate(() => window.open('https://www.opengovpartnership.org/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => window.open('file:///etc/passwd'));
    await expect.poll(() => app.evaluate(() => (globalThis as { __plaOpened?: string[] }).__plaOpened ?? [])).toEqual(['https://www.opengovpartnership.org/']);
    expect(app.windows().length).toBe(before);
  });
});
