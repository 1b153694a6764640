import { createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, test } from "../support/test.ts"

test("Forgot password? on the sign-in page: the same answer whether or not the account exists", async ({
  page
}) => {
  const tenant = await createTenant("weevio")
  await page.goto("/sign-in")
  await page.getByRole("link", { name: "Forgot password?" }).click()
  await expect(page.getByRole("heading", { name: "Forgot password?" })).toBeVisible()
  await expectAccessible(page, "the forgot-password page")
  await page.getByRole("textbox", { name: "Tenant" }).fill(tenant.slug)
  await page.getByRole("textbox", { name: "Email" }).fill("nobody@nowhere.test")
  await page.getByRole("button", { name: "Send the link" }).click()
  await expect(page.getByRole("status")).toContainText(
    "If an account matches, an email with a link is on its way."
  )
})

test("an unknown password-reset or verification link says so", async ({ page }) => {
  // the link is checked as the page opens, before any password is typed
  await page.goto("/password-reset#token=not-a-real-token")
  await expect(page.getByRole("alert")).toContainText("This password reset link is not valid.")
  await expect(page.getByRole("textbox", { name: "New password", exact: true })).toHaveCount(0)
  await page.goto("/verify-email#token=not-a-real-token")
  await expect(page.getByRole("alert")).toContainText("This verification link is not valid.")
})
