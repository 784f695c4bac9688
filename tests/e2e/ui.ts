import { expect, type Page } from '@playwright/test';

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

/** The first-run form on a fresh data folder: creates the first coordinator account, which signs in. */
export async function createFirstCoordinator(p: Page, user: { username: string; displayName: string; password: string }) {
  await p.getByTestId('first-run-username').fill(user.username);
  await p.getByTestId('first-run-display-name').fill(user.displayName);
  await p.getByTestId('first-run-password').fill(user.password);
  await p.getByTestId('first-run-confirm').fill(user.password);
  await p.getByTestId('first-run-submit').click();
}
