/**
 * Boots the BUILT main process (out/main/index.js) in plain Node against the stub `electron`, with the
 * real core and database, then plays the renderer: IPC calls through the registered handlers and an
 * app:// request. Prints one JSON line (`RESULT {...}`) for main-bundle.spec.ts.
 * Usage: PLA_DESK_DATA_DIR=<dir> node --import ./register.mjs drive.mjs <username> <password>
 */
const stub = await import('./electron.mjs');
const [username, password] = process.argv.slice(2);
const quit = new Promise((resolve) => (globalThis.__stubQuit = resolve));

await import(new URL('../../../out/main/index.js', import.meta.url).href);
for (let i = 0; i < 100 && stub.windows.length === 0 && !stub.log.some((l) => l.startsWith('exit')); i++) {
  await new Promise((r) => setTimeout(r, 50));
}
const win = stub.windows[0];
const result = { log: stub.log, channels: [...stub.handlers.keys()] };
if (win) {
  const wc = win.webContents;
  const call = (method, input, frame = wc.mainFrame) => stub.handlers.get(`pla:${method}`)({ sender: wc, senderFrame: frame }, input);
  result.window = { url: win.url, title: win.options.title, webPreferences: win.options.webPreferences };
  result.statusBefore = await call('admin.status', {});
  result.badLogin = await call('admin.login', { username, password: 'definitely-wrong-1' });
  result.login = await call('admin.login', { username, password });
  result.commitments = await call('plan.listCommitments', {});
  result.validation = await call('jobs.get', { id: 'not-a-uuid' });
  result.foreignFrame = await call('admin.status', {}, { url: 'https://evil.example/', parent: null });
  const page = await stub.protocols.get('app')(new Request('app://pla-desk/index.html'));
  result.page = { status: page.status, csp: page.headers.get('content-security-policy'), length: (await page.text()).length };
  result.traversal = (await stub.protocols.get('app')(new Request('app://pla-desk/..%2f..%2fpackage.json'))).status;
}
stub.app.quit();
const code = await Promise.race([quit, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
result.quit = code === undefined ? 'clean' : String(code);
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
