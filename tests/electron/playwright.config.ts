import { defineConfig } from '@playwright/test';

/**
 * The Electron suite (`npm run test:electron`): Playwright's `_electron` drives the BUILT app in out/
 * (run `npx electron-vite build` first), so it covers the real preload, app:// protocol and CSP.
 * Skips — with the reason printed — when the Electron binary (or a display) is absent, e.g. on CI.
 */
// The skip decision and its printed reason live in app.spec.ts (electron-env.ts decides).

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
