import { ok } from "@gatehouse/client"
import type { Page } from "@playwright/test"
import { client, createTenant, createUser, fullSession, type Session } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { useSession } from "../support/session.ts"
import { expect, test } from "../support/test.ts"
import { totpCode } from "../support/totp.ts"

// several argon2 sign-ins per test on a machine shared by many engineers
test.describe.configure({ timeout: 180_000 })

/** A weevio tenant's Regular user with a full session. */
const person = async () => {
  const tenant = await createTenant("weevio")
  const admin = await fullSession(tenant.slug, tenant.adminEmail, tenant.temporaryPassword)
  const created = await createUser(admin, { role: "Regular", firstName: "Paula", lastName: "Profile" })
  const session = await fullSession(tenant.slug, created.email, created.password)
  return { tenant, created, session }
}

const openProfile = async (page: Page, session: Session): Promise<void> => {
  await useSession(page.context(), session.token)
  await page.goto("/profile")
  await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible()
}

test("new recovery codes from the two-factor section: confirmed with the password, shown once, the old ones stop working", async ({
  page
}) => {
  const { tenant, created, session } = await person()
  // TOTP on (through the API, as the enrolment's own spec walks the page), then signed in with a code
  const { secret } = await ok(client(session.token).POST("/v1/me/mfa/totp"))
  const { recoveryCodes: old } = await ok(
    client(session.token).POST("/v1/me/mfa/totp/confirm", { body: { code: totpCode(secret) } })
  )
  const signIn = (totp: string) =>
    client().POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: created.email, password: session.password, totp }
    })
  const again = await ok(signIn(totpCode(secret, 1)))
  await openProfile(page, { ...session, token: again.token })
  await expect(page.getByText("Two-factor authentication is on.")).toBeVisible()

  await page.getByRole("button", { name: "Get new recovery codes" }).click()
  const dialog = page.getByRole("dialog", { name: "Get new recovery codes" })
  await expect(dialog.getByText("Your current recovery codes stop working")).toBeVisible()
  await expectAccessible(page, "the new recovery codes dialog")
  await dialog.getByRole("button", { name: "Use your password instead" }).click()
  await dialog.getByLabel("Your password").fill("Not-The-Password-99")
  await dialog.getByRole("button", { name: "Show new codes" }).click()
  await expect(dialog.getByText("The password is not correct.")).toBeVisible()
  await dialog.getByLabel("Your password").fill(session.password)
  await dialog.getByRole("button", { name: "Show new codes" }).click()

  const list = dialog.getByRole("list", { name: "Recovery codes" })
  await expect(list.getByRole("listitem")).toHaveCount(10)
  const fresh = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim())
  expect(fresh.filter((code) => old.includes(code))).toEqual([])
  await expectAccessible(page, "the new recovery codes, shown once")
  await dialog.getByRole("checkbox", { name: "I have saved my recovery codes" }).check()
  await dialog.getByRole("button", { name: "Done" }).click()
  await expect(dialog).toHaveCount(0)
  // the session stays: still on the profile, and the codes are not shown again
  await page.reload()
  await expect(page.getByRole("heading", { name: "My profile" })).toBeVisible()
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0)

  expect((await signIn(old[0]!)).response.status).toBe(401)
  expect((await signIn(fresh[0]!)).response.status).toBe(200)
})

test("Delete PIMS Credentials asks first; Cancel keeps them, Delete removes them", async ({ page }) => {
  const { session } = await person()
  await ok(
    client(session.token).PUT("/v1/me/external-credentials/{system}", {
      params: { path: { system: "pims" } },
      body: { username: "rita.pims", password: "pims-secret-1" }
    })
  )
  await openProfile(page, session)
  const pims = page.getByRole("region", { name: "PIMS Integration" })
  await expect(pims.getByText("Credentials Saved to Profile")).toBeVisible()

  await pims.getByRole("button", { name: "Delete PIMS Credentials" }).click()
  const dialog = page.getByRole("dialog", { name: "Delete PIMS Credentials" })
  await expect(dialog.getByText("Are you sure you want to delete your PIMS credentials?")).toBeVisible()
  await expectAccessible(page, "the delete PIMS credentials dialog")
  await dialog.getByRole("button", { name: "Cancel" }).click()
  await expect(dialog).toHaveCount(0)
  await expect(pims.getByText("Credentials Saved to Profile")).toBeVisible()

  await pims.getByRole("button", { name: "Delete PIMS Credentials" }).click()
  await dialog.getByRole("button", { name: "Delete", exact: true }).click()
  await expect(page.getByText("Your PIMS credentials were deleted")).toBeVisible()
  await expect(pims.getByText("Not connected")).toBeVisible()
  await expect(pims.getByRole("textbox", { name: "PIMS Username" })).toHaveValue("")
  await expect(pims.getByRole("button", { name: "Delete PIMS Credentials" })).toHaveCount(0)
  const stored = await ok(
    client(session.token).GET("/v1/me/external-credentials/{system}", {
      params: { path: { system: "pims" } }
    })
  )
  expect(stored.present).toBe(false)
})
