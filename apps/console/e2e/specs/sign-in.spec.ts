import {
  adminSession,
  createTenant,
  createUser,
  enrolTotp,
  fullSession,
  STRONG_PASSWORD
} from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

test("sign in with the TOTP step, sign out, and sign in with a recovery code", async ({ page }) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const { secret, recoveryCodes } = await enrolTotp(admin.token)
  const credentials = { tenant: tenant.slug, email: tenant.adminEmail, password: STRONG_PASSWORD }

  await page.goto("/sign-in")
  await signIn(page, credentials)
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible()
  await expectAccessible(page, "the TOTP step")
  const code = page.getByRole("textbox", { name: "Authentication code" })
  await code.fill(totpCode(secret, -3))
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page.getByRole("alert")).toHaveText(
    "The code is not correct. Try again with the current code."
  )
  // the code after the one enrolment used
  await code.fill(totpCode(secret, 1))
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page.getByRole("heading", { name: "Welcome, Olga Admin" })).toBeVisible()

  // sign out (000 says Logout): back to sign-in, and the pages ask for a session again
  await page.getByRole("button", { name: "Logout" }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(page.getByText("You are signed out.")).toBeVisible()
  await page.goto("/profile")
  await expect(page).toHaveURL(/\/sign-in\?redirect=/)

  await signIn(page, credentials)
  await page.getByRole("button", { name: "Use a recovery code instead" }).click()
  await page.getByRole("textbox", { name: "Recovery code" }).fill(recoveryCodes[0] ?? "")
  await page.getByRole("button", { name: "Verify" }).click()
  // the redirect brings the person back where they were going
  await expect(page).toHaveURL(/\/profile$/)
  await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible()
})

test("a Regular user never sees the administration; an Admin does", async ({ page }) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const regular = await createUser(admin, { role: "Regular", firstName: "Rita", lastName: "Regular" })
  const session = await fullSession(tenant.slug, regular.email, regular.password)

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: regular.email, password: session.password })
  await expect(page.getByRole("heading", { name: "Welcome, Rita Regular" })).toBeVisible()
  const nav = page.getByRole("navigation", { name: "Navigation" })
  await expect(nav.getByRole("link", { name: "My profile" })).toBeVisible()
  await expect(nav.getByRole("link", { name: "User Management" })).toHaveCount(0)
  await expect(nav.getByText("Administration")).toHaveCount(0)
})

test("too many wrong passwords: the wait from Retry-After, counted down", async ({ page }) => {
  const tenant = await createTenant("wetrack")
  await adminSession(tenant)
  await page.goto("/sign-in")
  const wrong = { tenant: tenant.slug, email: tenant.adminEmail, password: "not-the-password" }
  // five mistakes cost nothing (the domain's throttle); then each attempt must wait, longer every time
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, wrong)
    await expect(page.getByRole("alert")).toContainText("not correct")
  }
  const wait = page.getByRole("status")
  for (let attempt = 1; attempt <= 4 && !(await wait.isVisible()); attempt++) {
    await signIn(page, wrong)
    await expect(page.getByRole("alert").or(wait)).toBeVisible()
  }
  await expect(wait).toContainText(/^Too many attempts\. Try again in \d+ seconds?\.$/)
  await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled()
  await expect(page.getByRole("status")).toHaveText("You can try again now.", { timeout: 20_000 })
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled()
})
