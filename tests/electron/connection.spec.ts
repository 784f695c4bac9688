/**
 * The desktop app's connection choice under real Electron: on first run the app asks where the data lives; the
 * user picks "Conectare la serverul echipei", types the address, compares the certificate's SHA-256 fingerprint
 * with the one from IT and confirms; the app then works against the team server, its title says so, and the choice
 * is remembered. A server that later shows another certificate is refused with a Romanian message.
 * (In plain Node, main-bundle.spec.ts drives the built main in team mode on a stub Electron.)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { selfSignedCertificate } from '../certificates';
import { ROOT, electronSkipReason, findElectronBinary } from './electron-env';

const skipReason = electronSkipReason();
if (skipReason) console.log(`[electron] connection choice skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

const PASSWORD = 'parola-sigura-123';
const cli = (args: string[], input?: string) =>
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'pla-desk.js'), ...args], { cwd: ROOT, input, stdio: 'pipe', timeout: 60_000 });

/** One certificate per folder (the city's, then another one), made as the other team-server tests make theirs. */
function certificate(dir: string, name: string) {
  const own = path.join(dir, name);
  fs.mkdirSync(own, { recursive: true });
  return selfSignedCertificate(own);
}

async function serve(dataDir: string, listen: string, tls: { cert: string; key: string }): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'pla-desk.js'),
      'serve',
      '--listen',
      listen,
      '--tls-cert',
      tls.cert,
      '--tls-key',
      tls.key,
      '--data-dir',
      dataDir,
      '--static-dir',
      path.join(ROOT, 'out', 'renderer'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /PLA Desk: (https:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
  });
  return { child, url };
}

const stopped = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

test.describe.serial('connecting the desktop app to a team server', () => {
  let serverDir: string;
  let profile: string;
  let city: ReturnType<typeof certificate>;
  let server: { child: ChildProcess; url: string };
  let app: ElectronApplication | null = null;
  const launch = () =>
    electron.launch({
      executablePath: findElectronBinary()!,
      args: [ROOT, `--user-data-dir=${profile}`],
      cwd: ROOT,
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 60_000,
    });

  test.beforeAll(async () => {
    serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-electron-team-server-'));
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-electron-team-profile-'));
    cli(['init', '--data-dir', serverDir]);
    cli(['user', 'add', '--data-dir', serverDir, '--username', 'coord', '--role', 'coordinator', '--password-stdin'], `${PASSWORD}\n`);
    city = certificate(serverDir, 'city');
    server = await serve(serverDir, '127.0.0.1:0', city);
  });

  test.afterAll(async () => {
    await app?.close();
    if (server) await stopped(server.child);
    for (const d of [serverDir, profile]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  test('first run asks; the fingerprint shown is the certificate’s; the app then works on the server and says so', async () => {
    app = await launch();
    const chooser = await app.firstWindow();
    expect(chooser.url()).toBe('app://pla-desk/connect.html');
    // The chooser's page gets two functions and none of the contract's.
    expect(
      await chooser.evaluate(() => ({
        api: typeof (window as unknown as { plaApi?: unknown }).plaApi,
        connect: Object.keys((window as unknown as { plaConnect: object }).plaConnect).sort(),
      })),
    ).toEqual({ api: 'undefined', connect: ['choose', 'probe'] });

    await chooser.getByTestId('connect-address').fill('http://127.0.0.1:1');
    await chooser.getByTestId('connect-continue').click();
    await expect(chooser.getByTestId('connect-error')).toContainText('doar prin HTTPS');

    await chooser.getByTestId('connect-address').fill(server.url);
    await chooser.getByTestId('connect-continue').click();
    await expect(chooser.getByTestId('connect-fingerprint')).toHaveText(city.fingerprint);
    const next = app.waitForEvent('window');
    await chooser.getByTestId('connect-trust').click();
    const page = await next;
    await page.waitForLoadState('domcontentloaded');
    const host = new URL(server.url).host;
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()))).toContain(`PLA Desk — server echipă ${host}`);
    await page.getByLabel('Utilizator').fill('coord');
    await page.getByLabel('Parolă').fill(PASSWORD);
    await page.getByRole('button', { name: 'Intră' }).click();
    await expect(page.getByTestId('team-server-tag')).toHaveText(`server echipă ${host}`);
    await expect(page.getByText('Creșterea gradului de implicare civică').first()).toBeVisible();
    await app.close();
    app = null;
    expect(JSON.parse(fs.readFileSync(path.join(profile, 'connection.json'), 'utf8'))).toMatchObject({
      mode: 'team',
      origin: `https://${host}`,
      fingerprint: city.fingerprint,
    });
  });

  test('the choice is remembered; a server that shows another certificate is refused, in Romanian', async () => {
    const listen = new URL(server.url).host;
    await stopped(server.child);
    server = await serve(serverDir, listen, certificate(serverDir, 'other'));
    app = await launch();
    await app.evaluate(({ dialog }) => {
      const shown: string[] = [];
      (globalThis as { __plaErrors?: string[] }).__plaErrors = shown;
      dialog.showErrorBox = (title: string, body: string) => void shown.push(`${title}\n${body}`);
    });
    const page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/pla-desk\/index\.html/);
    await expect(page.getByTestId('status-error')).toBeVisible();
    await expect
      .poll(() => app!.evaluate(() => (globalThis as { __plaErrors?: string[] }).__plaErrors ?? []))
      .toEqual([expect.stringContaining('alt certificat decât cel confirmat la prima conectare')]);
  });
});
