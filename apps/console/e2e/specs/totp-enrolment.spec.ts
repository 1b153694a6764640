import { adminSession, createTenant, createUser, STRONG_PASSWORD } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

test("a user whose admin requires 2FA changes the first password, then must enrol TOTP before anything else", async ({
  page
}) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const user = await createUser(admin, {
    role: "Regular",
    firstName: "Tess",
    lastName: "Totp",
    requireTotp: true
  })

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: user.email, password: user.password })
  const dialog = page.getByRole("dialog", { name: "Change Password" })
  await dialog.getByRole("textbox", { name: "Current password" }).fill(user.password)
  await dialog.getByRole("textbox", { name: "New password", exact: true }).fill(STRONG_PASSWORD)
  await dialog.getByRole("textbox", { name: "Confirm new password" }).fill(STRONG_PASSWORD)
  await dialog.getByRole("button", { name: "Save" }).click()

  await signIn(page, { tenant: tenant.slug, email: user.email, password: STRONG_PASSWORD })
  await expect(page.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible()
  // nothing else is reachable meanwhile: no navigation
  await expect(page.getByRole("navigation")).toHaveCount(0)
  await expectAccessible(page, "the TOTP enrolment")
  const key = (await page.getByRole("textbox", { name: "Setup key" }).inputValue()).replaceAll(" ", "")
  await page.getByRole("textbox", { name: "Code from the app" }).fill(totpCode(key, -5))
  await page.getByRole("button", { name: "Confirm" }).click()
  await expect(page.getByText("The code is not correct. Enter the current code from the app.")).toBeVisible()
  await page.getByRole("textbox", { name: "Code from the app" }).fill(totpCode(key))
  await page.getByRole("button", { name: "Confirm" }).click()
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10)
  await page.getByRole("checkbox", { name: "I have saved my recovery codes" }).check()
  await page.getByRole("button", { name: "Continue to sign in" }).click()

  await expect(page).toHaveURL(/\/sign-in/)
  await signIn(page, { tenant: tenant.slug, email: user.email, password: STRONG_PASSWORD })
  await page.getByRole("textbox", { name: "Authentication code" }).fill(totpCode(key, 1))
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page.getByRole("heading", { name: "Welcome, Tess Totp" })).toBeVisible()
})
