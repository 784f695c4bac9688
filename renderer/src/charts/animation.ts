/** Chart animations are off under automation (Playwright sets navigator.webdriver) so screenshots and assertions are stable. */
export const chartsAnimated = (): boolean => !(typeof navigator !== 'undefined' && navigator.webdriver);
