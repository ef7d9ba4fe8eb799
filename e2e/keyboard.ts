import { expect, type Locator, type Page } from "@playwright/test";

/** Presses Tab until the element has focus: proves it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, maxTabs = 250) {
  for (let i = 0; i < maxTabs; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

export const keyboard = (page: Page) => ({
  async type(target: Locator, text: string) {
    await tabTo(page, target);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(text);
  },
  /** Picks the n-th (0-based) radio of a group that has nothing chosen yet. */
  async radio(first: Locator, index: number) {
    await tabTo(page, first);
    if (index === 0) await page.keyboard.press("Space");
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
  },
  async check(target: Locator) {
    await tabTo(page, target);
    await page.keyboard.press("Space");
    await expect(target).toBeChecked();
  },
  async press(target: Locator, key = "Enter") {
    await tabTo(page, target);
    await page.keyboard.press(key);
  },
});
