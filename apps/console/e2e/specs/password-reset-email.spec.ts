import { ok } from "@gatehouse/client"
import { client, createTenant, createUser, enrolTotp, fullSession } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { linkInMail, mailsTo } from "../support/mailbox.ts"
import { useSession } from "../support/session.ts"
import { expect, signIn, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

const NEW_PASSWORD = "Hx7!Granite-Osprey-Lagoon"

// several argon2 sign-ins and an email round trip on a machine shared by many engineers
test.describe.configure({ timeout: 180_000 })

test("a forgotten password reset from the emailed link: the check-marks, the old session ended, TOTP still asked", async ({
  page,
  browser
}) => {
  const tenant = await createTenant("weevio")
  const admin = await fullSession(tenant.slug, tenant.adminEmail, tenant.temporaryPassword)
  const created = await createUser(admin, { role: "Regular", firstName: "Rosa", lastName: "Reset" })
  const first = await fullSession(tenant.slug, created.email, created.password)
  const { secret, recoveryCodes } = await enrolTotp(first.token)
  // the session the reset must end: signed in, with a code, in another browser
  const old = await ok(
    client().POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: created.email, password: first.password, totp: totpCode(secret, 1) }
    })
  )
  const elsewhere = await browser.newContext()
  await useSession(elsewhere, old.token)
  const oldPage = await elsewhere.newPage()
  await oldPage.goto("/")
  await expect(oldPage.getByRole("heading", { name: "Welcome, Rosa Reset" })).toBeVisible()

  // Forgot password? on the sign-in page; the email arrives through SMTP
  const before = mailsTo(created.email).length
  await page.goto("/sign-in")
  await page.getByRole("link", { name: "Forgot password?" }).click()
  // the sign-in page has a Tenant and an Email field too: fill the forgot-password page's, once it is shown
  await expect(page.getByRole("heading", { name: "Forgot password?" })).toBeVisible()
  await page.getByRole("textbox", { name: "Tenant" }).fill(tenant.slug)
  await page.getByRole("textbox", { name: "Email" }).fill(created.email)
  await expect(page.getByRole("textbox", { name: "Tenant" })).toHaveValue(tenant.slug)
  await page.getByRole("button", { name: "Send the link" }).click()
  await expect(page.getByRole("status")).toContainText("If an account matches")
  const link = await linkInMail(created.email, "password-reset", before)
  expect(new URL(link).origin).toBe(new URL(page.url()).origin)

  await page.goto(link)
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible()
  await expect(page.getByText(`Set a new password for ${created.email} at ${tenant.name}.`)).toBeVisible()
  await expectAccessible(page, "the password-reset page")

  // the live check-marks of the tenant's policy (000's words), Save disabled until all hold
  const save = page.getByRole("button", { name: "Save" })
  const rules = page.getByRole("list", { name: "Password rules" })
  const rule = (name: string) => rules.getByRole("listitem").filter({ hasText: name })
  await page.getByRole("textbox", { name: "New password", exact: true }).fill("rosa2")
  await expect(rule("At least 8 characters")).toHaveAttribute("data-passed", "false")
  await expect(rule("At least one uppercase letter")).toHaveAttribute("data-passed", "false")
  await expect(rule("At least one number (0-9)")).toHaveAttribute("data-passed", "true")
  await expect(save).toBeDisabled()
  await page.getByRole("textbox", { name: "New password", exact: true }).fill(NEW_PASSWORD)
  await expect(rule("At least 8 characters")).toHaveAttribute("data-passed", "true")
  await expect(rule("At least one uppercase letter")).toHaveAttribute("data-passed", "true")
  await expect(save).toBeDisabled()
  await page.getByRole("textbox", { name: "Confirm new password" }).fill(NEW_PASSWORD)
  await expect(save).toBeEnabled()
  await save.click()
  await expect(page.getByRole("status")).toContainText(
    "Your password was changed and every session has ended."
  )
  // the used token leaves the address bar
  await expect(page).toHaveURL(/\/password-reset$/)
  await expectAccessible(page, "the reset's confirmation")

  // the old session has ended: its next step lands on sign-in
  await oldPage.getByRole("link", { name: "My profile" }).click()
  await expect(oldPage).toHaveURL(/\/sign-in/)
  await expect(oldPage.getByText("Your session has ended. Please sign in again.")).toBeVisible()
  await elsewhere.close()

  // the link works once (a fresh page load: the same path with a fragment is no navigation)
  await page.goto("/sign-in")
  await page.goto(link)
  await expect(page.getByRole("alert")).toContainText("This password reset link has already been used.")

  // the old password is gone, the new one works, and TOTP is still asked
  await page.goto(`/sign-in?tenant=${tenant.slug}`)
  await signIn(page, { tenant: tenant.slug, email: created.email, password: first.password })
  await expect(page.getByText("The tenant, email or password is not correct")).toBeVisible()
  await signIn(page, { tenant: tenant.slug, email: created.email, password: NEW_PASSWORD })
  await expect(page.getByRole("textbox", { name: "Authentication code" })).toBeVisible()
  await page.getByRole("button", { name: "Use a recovery code instead" }).click()
  await page.getByRole("textbox", { name: "Recovery code" }).fill(recoveryCodes[0] ?? "")
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page.getByRole("heading", { name: "Welcome, Rosa Reset" })).toBeVisible()
})
