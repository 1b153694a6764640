import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant, createUser } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"

/** The account locks at this many consecutive failures (the domain's `defaultThrottlePolicy.lockAfter`). */
const LOCK_AFTER = 100

/** One login from `address`, as a proxy forwards it (the e2e server trusts loopback proxies). */
const loginFrom = (address: string, body: { tenant: string; email: string; password: string }) =>
  client().POST("/v1/auth/login", { body, headers: { "x-forwarded-for": address } })

// Issue 12 item 3: wrong passwords from many places lock the account; the admin sees it and ends it with a reset.
test("sign-in lock: after 100 wrong passwords from many addresses the admin sees the lock on the profile; a password reset ends it", async ({
  page
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("weevio", "Weevio Lock")
  const admin = await adminSession(tenant)
  const rita = await createUser(admin, { role: "Regular", firstName: "Rita", lastName: "Locked" })
  const wrong = { tenant: tenant.slug, email: rita.email, password: "not-the-password" }

  const lockOf = async () =>
    (await ok(client(admin.token).GET("/v1/users/{id}", { params: { path: { id: rita.id } } }))).signInLock

  // wrong passwords number `first` to `last`, each from its own address, ten at a time
  const wrongPasswords = async (first: number, last: number) => {
    for (let n = first; n <= last; n += 10) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(10, last - n + 1) }, (_, i) => loginFrom(`198.51.100.${n + i}`, wrong))
      )
      for (const answer of answers) expect(answer.response.status).toBe(401)
    }
  }
  // no address waits (5 free failures each); the account counts them all: 99 do not lock it, the 100th does
  const started = Date.now()
  await wrongPasswords(1, LOCK_AFTER - 1)
  expect(await lockOf()).toBeNull()
  await wrongPasswords(LOCK_AFTER, LOCK_AFTER)
  console.log(`${LOCK_AFTER} wrong passwords through the API in ${Date.now() - started} ms`)
  expect(await lockOf()).toMatchObject({ failures: LOCK_AFTER })
  // now even the right password from a new address is refused, without checking it
  const refused = await loginFrom("203.0.113.7", { ...wrong, password: rita.password })
  expect(refused.response.status).toBe(429)
  expect(refused.error).toMatchObject({ code: "TOO_MANY_ATTEMPTS" })

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)
  await page.goto(`/users/${rita.id}`)
  const lock = page.getByRole("alert").filter({ hasText: "Sign-in locked" })
  await expect(lock).toBeVisible()
  await expect(lock).toContainText(
    `After ${LOCK_AFTER} failed sign-in attempts, signing in to this account is locked until`
  )
  await expect(lock).toContainText(
    "except from the places the user signed in from before. The lock ends by itself; resetting the password ends it now."
  )
  await expectAccessible(page, "a locked user's profile")

  // the admin's password reset (000's Change Password) ends the lock
  await page.getByRole("button", { name: "Change Password" }).click()
  const dialog = page.getByRole("dialog", { name: "Change Password" })
  await dialog.getByRole("button", { name: /Generate password/i }).click()
  const newPassword = await dialog.getByLabel(/New password/i).inputValue()
  await dialog.getByRole("button", { name: "Save" }).click()
  await expect(dialog).toBeHidden()
  await expect(lock).toHaveCount(0)
  await expectAccessible(page, "the user's profile after the reset")
  const again = await ok(client(admin.token).GET("/v1/users/{id}", { params: { path: { id: rita.id } } }))
  expect(again.signInLock).toBeNull()
  // and Rita signs in from the address the lock refused, with the new password (to be changed at once)
  const unlocked = await loginFrom("203.0.113.7", { ...wrong, password: newPassword })
  expect(unlocked.response.status).toBe(200)
  expect(unlocked.data?.session.scope).toBe("password_change")
})
