import { expect, type Page } from "@playwright/test";

/**
 * The page is no wider than the window: no sideways scrolling, nothing cut off at the right edge.
 * Wide tables scroll inside their own box instead.
 */
export async function expectFitsWidth(page: Page, what: string) {
  // clientWidth is the window less a vertical scrollbar, if one is shown: what content may fill.
  const { scrollWidth, viewport, window } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    window: globalThis.innerWidth,
  }));
  expect(scrollWidth, `${what}: page width in a ${window} px window`).toBeLessThanOrEqual(viewport);
}

/** The data is in: no loading skeleton left (the widest content is the data's). */
export async function waitForData(page: Page) {
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /Loading/ }),
  ).toHaveCount(0);
}
