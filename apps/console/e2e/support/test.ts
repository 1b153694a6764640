import { test as base, expect, type Page } from "@playwright/test"
import { expectAccessible } from "./axe.ts"

export { expect }

/**
 * Playwright's `test` with the harness's origin as `baseURL` (set by the global setup), axe run on the page a
 * test ends on (tests call `expectAccessible` on every page they pass on the way), and no CSP violation.
 */
export const test = base.extend<{ accessibleAtEnd: undefined; withinPolicy: undefined }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures
  baseURL: async ({}, use) => {
    await use(process.env.GATEHOUSE_E2E_URL)
  },
  accessibleAtEnd: [
    async ({ page }, use, testInfo) => {
      await use(undefined)
      if (testInfo.status === testInfo.expectedStatus && page.url().startsWith("http")) {
        await expectAccessible(page, `the end of "${testInfo.title}"`)
      }
    },
    { auto: true }
  ],
  // The console runs under the server's Content-Security-Policy (no inline script): nothing may be refused.
  withinPolicy: [
    async ({ page }, use) => {
      const refused: Array<string> = []
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy/iu.test(message.text()))
          refused.push(message.text())
      })
      await use(undefined)
      expect(refused, "Content-Security-Policy violations").toEqual([])
    },
    { auto: true }
  ]
})

/** Fills the sign-in form and submits it (the second step is the spec's). */
export const signIn = async (
  page: Page,
  credentials: { readonly tenant: string; readonly email: string; readonly password: string }
): Promise<void> => {
  await page.getByRole("textbox", { name: "Tenant" }).fill(credentials.tenant)
  await page.getByRole("textbox", { name: "Email" }).fill(credentials.email)
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(credentials.password)
  await page.getByRole("button", { name: "Sign in" }).click()
}
