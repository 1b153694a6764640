import { expect, type Locator, type Page } from "@playwright/test"

/**
 * Moves the focus with the Tab key alone until `target` has it (at most `limit` presses): a person without a
 * mouse reaches a control the same way.
 */
export const tabTo = async (page: Page, target: Locator, limit = 60): Promise<void> => {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
    await page.keyboard.press("Tab")
  }
  await expect(target, `reached with Tab within ${limit} presses`).toBeFocused()
}

/** Tabs to `target` and presses Enter (a button or a link). */
export const pressOn = async (page: Page, target: Locator, key = "Enter"): Promise<void> => {
  await tabTo(page, target)
  await page.keyboard.press(key)
}

/** Tabs to a text field and types into it. */
export const typeInto = async (page: Page, target: Locator, text: string): Promise<void> => {
  await tabTo(page, target)
  await page.keyboard.type(text)
}
