import { ok } from "@gatehouse/client"
import { client, createTenant, enrolTotp, STRONG_PASSWORD } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

// Document 003 (weavestream, invite-only operators, contractors and client users).
test("003: a SUPER_ADMIN creates an operator, copies the setup URL, and grants an expiring membership", async ({
  page,
  context
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("weavestream", "Weavestream Ops")
  // the first admin's forced change and TOTP enrolment through the API; the browser then signs in with a fresh code
  const first = await ok(
    client().POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: tenant.adminEmail, password: tenant.temporaryPassword }
    })
  )
  await ok(
    client(first.token).POST("/v1/me/password", {
      body: { currentPassword: tenant.temporaryPassword, newPassword: STRONG_PASSWORD }
    })
  )
  const enrolling = await ok(
    client().POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: tenant.adminEmail, password: STRONG_PASSWORD }
    })
  )
  const { secret } = await enrolTotp(enrolling.token)

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: STRONG_PASSWORD })
  await page.getByRole("textbox", { name: "Authentication code" }).fill(totpCode(secret, 1))
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page).toHaveURL(/\/$/)

  // Admin -> Users -> New User: Email and Global role; a setup URL to copy
  await page.getByRole("link", { name: "Users", exact: true }).click()
  await expect(page.getByRole("columnheader", { name: "Global role" })).toBeVisible()
  await expectAccessible(page, "the users grid")
  await page.getByRole("button", { name: "New User" }).click()
  await expect(page.getByRole("heading", { name: "New User" })).toBeVisible()
  await expectAccessible(page, "the New User page")
  const email = `otto.operator@${tenant.slug}.test`
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("First Name").fill("Otto")
  await page.getByLabel("Last Name").fill("Operator")
  await page.getByRole("textbox", { name: "Global role" }).click()
  await page.getByRole("option", { name: "OPERATOR", exact: true }).click()
  await page.getByRole("button", { name: "Create user" }).click()
  const setupUrl = page.getByRole("textbox", { name: "Setup URL" })
  await expect(setupUrl).toHaveValue(/\/setup#token=/)
  await context.grantPermissions(["clipboard-read", "clipboard-write"])
  await page.getByRole("button", { name: "Copy the setup URL" }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await setupUrl.inputValue())
  await expectAccessible(page, "the setup URL")

  // the account page: setup pending, and the token can be regenerated
  await page.getByRole("link", { name: "Open the account" }).click()
  await expect(page.getByRole("heading", { name: "Otto Operator" })).toBeVisible()
  const before = await setupUrl.count()
  expect(before).toBe(0)
  await page.getByRole("button", { name: "Regenerate setup token" }).click()
  await expect(page.getByRole("textbox", { name: "Setup URL" })).toHaveValue(/\/setup#token=/)

  // Admin -> Memberships: a contractor's membership with an expiry in 10 days
  await page.getByRole("link", { name: "Memberships" }).click()
  await page.getByLabel("New organization").fill("Contoso")
  await page.getByRole("button", { name: "Create organization" }).click()
  await expect(page.getByRole("textbox", { name: "Organization", exact: true })).toHaveValue("Contoso")
  await page.getByLabel("Email").fill(email)
  await page.getByLabel("First Name").fill("Otto")
  await page.getByLabel("Last Name").fill("Operator")
  await page.getByRole("textbox", { name: "Role" }).click()
  await page.getByRole("option", { name: "OPERATOR_FULL" }).click()
  const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
  await page.getByLabel("expiresAt").fill(inTenDays)
  await page.getByRole("button", { name: "Add membership" }).click()
  await expect(page.getByText("The membership was added.")).toBeVisible()
  await expect(page.getByRole("row", { name: /Otto Operator/ })).toContainText(/expires in (10|11) days/)
  await expectAccessible(page, "the Memberships page")

  // the home page lists it among the memberships expiring in the next 14 days
  await page.getByRole("link", { name: "Home" }).click()
  await expect(page.getByRole("heading", { name: "Memberships expiring in the next 14 days" })).toBeVisible()
  await expect(page.getByRole("row", { name: /Otto Operator/ })).toContainText("Contoso")
  await expectAccessible(page, "the home page")
})
