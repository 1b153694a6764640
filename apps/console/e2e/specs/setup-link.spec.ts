import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant, STRONG_PASSWORD } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

test("a weavestream invitee (003) opens the setup link, enrols TOTP, keeps the recovery codes and signs in; the link then refuses", async ({
  page
}) => {
  const tenant = await createTenant("weavestream", "Weavestream Ops")
  const admin = await adminSession(tenant)
  const email = `otto.operator@${tenant.slug}.test`
  const { setupUrl } = await ok(
    client(admin.token).POST("/v1/users", {
      body: { email, firstName: "Otto", lastName: "Operator", role: "OPERATOR", invite: true }
    })
  )
  expect(setupUrl).toMatch(/\/setup#token=/)

  // 1. opens the setup URL
  await page.goto(setupUrl ?? "")
  await expect(page.getByRole("heading", { name: "Complete your account setup" })).toBeVisible()
  await expect(page.getByText(`Set up the account ${email} at Weavestream Ops.`)).toBeVisible()
  await expectAccessible(page, "the setup page")

  // 2. sets their display name and a password (NIST: 8 characters behind TOTP), with live check-marks
  await page.getByRole("textbox", { name: "Display name" }).fill("Otto O.")
  const password = page.getByRole("textbox", { name: "Password", exact: true })
  await password.fill("short")
  const minimum = page.getByRole("list", { name: "Password rules" }).getByRole("listitem").first()
  await expect(minimum).toHaveText(/At least 8 characters/)
  await expect(minimum).toHaveAttribute("data-passed", "false")
  await password.fill(STRONG_PASSWORD)
  await expect(minimum).toHaveAttribute("data-passed", "true")
  await page.getByRole("textbox", { name: "Confirm password" }).fill(STRONG_PASSWORD)

  // 3. scans the TOTP QR code (here: reads the key shown as text)
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible()
  const key = (await page.getByRole("textbox", { name: "Setup key" }).inputValue()).replaceAll(" ", "")
  expect(key).toMatch(/^[A-Z2-7]{16,}$/)

  // 4. enters a code to confirm enrollment
  const submit = page.getByRole("button", { name: "Complete setup" })
  await expect(submit).toBeDisabled()
  await page.getByRole("textbox", { name: "Code from the app" }).fill(totpCode(key))
  await submit.click()

  // the recovery codes, shown once
  await expect(page.getByText("Setup is complete. You can log in immediately.")).toBeVisible()
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")
  await expect(codes).toHaveCount(10)
  await expectAccessible(page, "the recovery codes")
  const next = page.getByRole("button", { name: "Continue to sign in" })
  await expect(next).toBeDisabled()
  await page.getByRole("checkbox", { name: "I have saved my recovery codes" }).check()
  await next.click()

  // logs in immediately, with the authenticator's next code
  await expect(page).toHaveURL(/\/sign-in\?tenant=/)
  await expect(page.getByRole("textbox", { name: "Tenant" })).toHaveValue(tenant.slug)
  await signIn(page, { tenant: tenant.slug, email, password: STRONG_PASSWORD })
  await page.getByRole("textbox", { name: "Authentication code" }).fill(totpCode(key, 1))
  await page.getByRole("button", { name: "Verify" }).click()
  await expect(page.getByRole("heading", { name: "Welcome, Otto O." })).toBeVisible()

  // the same link, a second time: refused, with what to do
  await page.goto(setupUrl ?? "")
  await expect(page.getByRole("alert")).toContainText("This setup link has already been used.")
  await expect(page.getByRole("link", { name: "Go to the sign-in page" })).toBeVisible()
})

test("an unknown or incomplete setup link says so", async ({ page }) => {
  await page.goto("/setup#token=not-a-real-token")
  await expect(page.getByRole("alert")).toContainText("This setup link is not valid.")
  await page.goto("/setup")
  await expect(page.getByRole("alert")).toContainText("This setup link is not valid.")
})
