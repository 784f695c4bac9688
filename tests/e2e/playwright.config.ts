import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests (`npm run test:e2e`): Playwright drives Debian's Chromium (`/usr/bin/chromium`, or
 * CHROMIUM_PATH) against browser mode. Each spec starts its own server (`npm run web`) on a fresh data dir,
 * so nothing here needs a running app. Never `npx playwright install`: there is no network for it.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results/e2e',
  use: {
    browserName: 'chromium',
    locale: 'ro-RO',
    // tall enough for the whole side menu open (a 768-high screen opens only the groups that fit: navigation.spec.ts)
    viewport: { width: 1366, height: 1200 },
    acceptDownloads: true,
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
