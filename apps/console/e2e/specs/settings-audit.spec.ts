import { ok } from "@gatehouse/client"
import type { Page } from "@playwright/test"
import { adminSession, client, createTenant, createUser, fullSession } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { pressOn, tabTo, typeInto } from "../support/keyboard.ts"
import { expect, signIn, test } from "../support/test.ts"

const localDay = (offsetDays = 0): string => {
  const at = new Date()
  at.setDate(at.getDate() + offsetDays)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

const checkmark = (page: Page, rule: string) =>
  page.locator(`[data-testid="password-checklist"] [data-rule="${rule}"]`)

// Issue 19 item 4: the settings pages of a weevio tenant (000's PIMS, 001's Shopify integration), walked by its Admin.
test("settings: password policy with a live preview, Shopify integration, default PIMS credentials, account recovery", async ({
  page
}) => {
  test.setTimeout(180_000)
  const tenant = await createTenant("weevio", "Weevio Settings")
  const admin = await adminSession(tenant)
  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)

  // Password policy: the product's rules, read only, previewed by the domain's own rules
  await page.getByRole("link", { name: "Password policy" }).click()
  await expect(page.getByRole("heading", { name: "Password policy" })).toBeVisible()
  await expect(page.getByRole("radio", { name: "The product's rules" })).toBeChecked()
  await expect(page.getByRole("textbox", { name: "Minimum length", exact: true })).toHaveValue("8")
  await expect(page.getByRole("checkbox", { name: "Require an uppercase letter" })).toBeDisabled()
  const sample = page.getByLabel("Sample password")
  await sample.fill("quartzheron")
  await expect(checkmark(page, "requireUppercase")).toHaveAttribute("data-passed", "false")
  await expect(checkmark(page, "minLength")).toHaveAttribute("data-passed", "true")
  await expectAccessible(page, "the password policy page")

  // NIST: the same sample is now too short, unless the user has two-factor authentication
  await page.getByText("NIST SP 800-63B rules").click()
  await expect(page.getByRole("textbox", { name: "Minimum length", exact: true })).toHaveValue("15")
  await expect(checkmark(page, "minLength")).toHaveAttribute("data-passed", "false")
  await expect(checkmark(page, "requireUppercase")).toHaveCount(0)
  await page.getByRole("checkbox", { name: "The user has two-factor authentication" }).check()
  await expect(checkmark(page, "minLength")).toHaveAttribute("data-passed", "true")

  // Custom rules: a minimum the domain refuses comes back next to its field, and nothing is saved
  await page.getByText("Custom rules").click()
  const minimum = page.getByRole("textbox", { name: "Minimum length", exact: true })
  await minimum.fill("6")
  await page.getByRole("button", { name: "Save" }).click()
  await expect(minimum).toHaveAttribute("aria-invalid", "true")
  await expect(minimum).toHaveAccessibleDescription(/8/)
  expect((await ok(client(admin.token).GET("/v1/password-policy"))).preset).toBe("product")
  await expectAccessible(page, "the password policy with a field error")
  await minimum.fill("12")
  await page.getByRole("checkbox", { name: "Require a symbol or punctuation mark" }).check()
  await expect(checkmark(page, "requireSymbol")).toHaveAttribute("data-passed", "false")
  await sample.fill("quartz-heron!")
  await expect(checkmark(page, "requireSymbol")).toHaveAttribute("data-passed", "true")
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByText("The settings were saved.")).toBeVisible()
  const saved = await ok(client(admin.token).GET("/v1/password-policy"))
  expect(saved).toMatchObject({ preset: "custom", minLength: 12, requireSymbol: true, minLengthWithMfa: 8 })
  await page.reload()
  await expect(page.getByRole("radio", { name: "Custom rules" })).toBeChecked()
  await expect(page.getByRole("textbox", { name: "Minimum length", exact: true })).toHaveValue("12")

  // Shopify integration (001): not connected; the token is required, written once and never shown again
  await page.getByRole("link", { name: "Shopify integration" }).click()
  await expect(page.getByRole("heading", { name: "Shopify integration" })).toBeVisible()
  await expect(page.getByText("Not connected")).toBeVisible()
  await page.getByRole("textbox", { name: "Shop domain" }).fill("weevio-e2e.myshopify.com")
  await page.getByRole("button", { name: "Save" }).click()
  const token = page.getByLabel("Admin API access token")
  await expect(token).toHaveAttribute("aria-invalid", "true")
  await expect(token).toHaveAccessibleDescription(/Required for a newly connected store/)
  const customerCode = page.getByRole("textbox", { name: "PIMS Customer Code" })
  await expect(customerCode).toHaveValue("pims-customer:{value}")
  await customerCode.fill("{value}")
  await token.fill("shpat_e2e_secret_token")
  await page.getByRole("button", { name: "Save" }).click()
  await expect(customerCode).toHaveAttribute("aria-invalid", "true")
  await expect(customerCode).toHaveAccessibleDescription(/fixed text around \{value\}/)
  expect((await ok(client(admin.token).GET("/v1/settings/shopify"))).connected).toBe(false)
  await expectAccessible(page, "the Shopify integration with field errors")
  await customerCode.fill("pims:{value}")
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByText("The settings were saved.").first()).toBeVisible()
  await expect(page.getByText("Connected", { exact: true })).toBeVisible()
  await expect(token).toHaveValue("")
  await expect(page.getByText("A token is saved and never shown. Leave empty to keep it.")).toBeVisible()
  const shopify = await ok(client(admin.token).GET("/v1/settings/shopify"))
  expect(shopify).toMatchObject({
    connected: true,
    accessTokenSet: true,
    shopDomain: "weevio-e2e.myshopify.com"
  })
  expect(shopify.tagFormats.customerCode).toBe("pims:{value}")
  expect(await page.content()).not.toContain("shpat_e2e_secret_token")

  // Default PIMS credentials (000): the verify URL is the platform operator's, shown read only
  await page.getByRole("link", { name: "Default PIMS Credentials" }).click()
  await expect(page.getByRole("heading", { name: "PIMS credentials" })).toBeVisible()
  const verifyUrl = page.getByRole("textbox", { name: "Verify URL" })
  await expect(verifyUrl).toHaveAttribute("readonly", "")
  await expect(page.getByText("Not in use")).toBeVisible()
  await page.getByRole("textbox", { name: "PIMS Username" }).fill("shared-pims")
  await page.getByLabel("PIMS Password").fill("pims-shared-secret")
  await page.getByRole("button", { name: "Save" }).click()
  await expect(page.getByText("In use: shared-pims")).toBeVisible()
  await expect(page.getByLabel("PIMS Password")).toHaveValue("")
  await expectAccessible(page, "the default PIMS credentials page")
  await page.getByRole("button", { name: "Stop using the default credentials" }).click()
  await expect(page.getByText("Not in use")).toBeVisible()
  expect(
    (
      await ok(
        client(admin.token).GET("/v1/settings/external-credentials/{system}", {
          params: { path: { system: "pims" } }
        })
      )
    ).defaultCredentials
  ).toBeNull()

  // Account recovery: on by default; switched off, and it stays off
  await page.getByRole("link", { name: "Account recovery" }).click()
  const reset = page.getByRole("switch", { name: "Users may reset a forgotten password by email" })
  await expect(reset).toBeChecked()
  await expectAccessible(page, "the account recovery page")
  // with the keyboard: focus the switch, Space flips it
  await reset.focus()
  await page.keyboard.press("Space")
  await expect(reset).not.toBeChecked()
  await expect(page.getByText(/reset requests are answered as usual but send nothing/)).toBeVisible()
  await page.reload()
  await expect(
    page.getByRole("switch", { name: "Users may reset a forgotten password by email" })
  ).not.toBeChecked()
  expect((await ok(client(admin.token).GET("/v1/settings/account-recovery"))).passwordReset).toBe(false)
})

// Issue 19 item 5: the audit log filtered to one user's actions, and that user's timeline on their profile.
test("audit log: filtered to one admin's actions, by action and by day; a user's timeline; hidden from Regular users", async ({
  page,
  browser
}) => {
  test.setTimeout(180_000)
  const tenant = await createTenant("weevio", "Weevio Audit")
  const admin = await adminSession(tenant)
  // a second Admin, Ada, creates Bob; the first Admin creates Rita
  const adaUser = await createUser(admin, { role: "Admin", firstName: "Ada", lastName: "Second" })
  const ada = await fullSession(tenant.slug, adaUser.email, adaUser.password)
  const bob = await createUser(ada, { role: "Regular", firstName: "Bob", lastName: "Byada" })
  const rita = await createUser(admin, { role: "Regular", firstName: "Rita", lastName: "Regular" })
  const byAda = await ok(
    client(admin.token).GET("/v1/audit-events", { params: { query: { actor: adaUser.id } } })
  )
  expect(byAda.total).toBeGreaterThan(1)

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await page.getByRole("link", { name: "Audit log" }).click()
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible()
  const table = page.getByRole("table", { name: "Audit events" })
  // the tenant's first Admin, Ada, Bob and Rita
  await expect(table.getByRole("row").filter({ hasText: "User created" })).toHaveCount(4)
  await expectAccessible(page, "the audit log")

  // Actor: Ada, found by typing her name
  await page.getByRole("textbox", { name: "Actor" }).click()
  await page.getByRole("textbox", { name: "Actor" }).fill("Ada")
  await page.getByRole("option", { name: /Ada Second/ }).click()
  await expect(page).toHaveURL(new RegExp(`actor=${adaUser.id}`))
  await expect(page.getByText(`${byAda.total} events`)).toBeVisible()
  const rows = table.locator("tbody tr")
  await expect(rows).toHaveCount(byAda.total)
  for (const row of await rows.all()) await expect(row.locator("td").nth(1)).toHaveText("Ada Second")
  await expect(table).toContainText("Bob Byada")
  await expect(table).not.toContainText("Rita Regular")
  await expectAccessible(page, "the audit log filtered to Ada's actions")

  // and to one action
  await page.getByRole("textbox", { name: "Action" }).click()
  await page.getByRole("option", { name: "User created", exact: true }).click()
  await expect(page.getByText("1 event", { exact: true })).toBeVisible()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText("Bob Byada")

  const fromDay = page.getByRole("textbox", { name: "From", exact: true })
  const toDay = page.getByRole("textbox", { name: "To", exact: true })
  // by day: today holds it, tomorrow does not; a last day before the first is told next to the field
  await fromDay.fill(localDay())
  await expect(page.getByText("1 event", { exact: true })).toBeVisible()
  await fromDay.fill(localDay(1))
  await expect(page.getByText("0 events")).toBeVisible()
  await expect(page.getByText("No event matches these filters.")).toBeVisible()
  await toDay.fill(localDay())
  await expect(toDay).toHaveAttribute("aria-invalid", "true")
  await expect(toDay).toHaveAccessibleDescription("Must be later than from")
  await expectAccessible(page, "the audit log with a field error")
  await page.getByRole("button", { name: "Clear filters" }).click()
  await expect(page).toHaveURL(/\/audit$/)

  // Bob's timeline on his profile: created by Ada
  await page.goto(`/users/${bob.id}`)
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible()
  const timeline = page.getByRole("table", { name: "Timeline" })
  await expect(timeline.getByRole("row").filter({ hasText: "User created" })).toContainText("Ada Second")
  await expectAccessible(page, "a user's profile with the timeline")
  // Ada's timeline, by her: what she did
  await page.goto(`/users/${adaUser.id}`)
  await page.getByText("By this user").click()
  await expect(page.getByRole("table", { name: "Timeline" })).toContainText("Bob Byada")

  // Rita (Regular) sees neither the audit log nor the settings, and is sent to her own profile
  const regular = await fullSession(tenant.slug, rita.email, rita.password)
  const other = await browser.newContext({ baseURL: process.env.GATEHOUSE_E2E_URL ?? "" })
  const ritaPage = await other.newPage()
  await ritaPage.goto("/sign-in")
  await signIn(ritaPage, { tenant: tenant.slug, email: rita.email, password: regular.password })
  await expect(ritaPage).toHaveURL(/\/$/)
  await expect(ritaPage.getByRole("link", { name: "Audit log" })).toHaveCount(0)
  await expect(ritaPage.getByRole("link", { name: "Password policy" })).toHaveCount(0)
  for (const path of ["/audit", "/settings/password-policy", "/settings/shopify", "/settings/pims"]) {
    await ritaPage.goto(path)
    await expect(ritaPage).toHaveURL(/\/profile$/)
  }
  await expectAccessible(ritaPage, "the Regular user's own profile")
  await other.close()
})

// The audit log with the keyboard alone: an action and a day as filters, then a row's details and its links.
test("audit log with the keyboard alone: filter by action and by day, reach a row's details", async ({
  page
}) => {
  test.setTimeout(180_000)
  const tenant = await createTenant("weevio", "Weevio Audit Keys")
  const admin = await adminSession(tenant)
  await createUser(admin, { role: "Regular", firstName: "Kim", lastName: "Keys" })
  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)

  await pressOn(page, page.getByRole("link", { name: "Audit log" }))
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible()
  const table = page.getByRole("table", { name: "Audit events" })
  const rows = table.locator("tbody tr")

  // Action: typed, the option chosen with the arrow keys and Enter
  await typeInto(page, page.getByRole("textbox", { name: "Action" }), "User created")
  await page.keyboard.press("ArrowDown")
  await page.keyboard.press("Enter")
  await expect(page).toHaveURL(/action=user\.created/)
  await expect(page.getByText("2 events", { exact: true })).toBeVisible()

  // From: tomorrow holds nothing, today holds both (the date typed month, day, year: the en-US field)
  const typedDay = (day: string) => {
    const [year, month, date] = day.split("-")
    return `${month}${date}${year}`
  }
  await typeInto(page, page.getByRole("textbox", { name: "From", exact: true }), typedDay(localDay(1)))
  await expect(page).toHaveURL(new RegExp(`from=${localDay(1)}`))
  await expect(page.getByText("No event matches these filters.")).toBeVisible()
  // back to the month (Shift+Tab moves between the date's parts) and today typed over it
  await page.keyboard.press("Shift+Tab")
  await page.keyboard.press("Shift+Tab")
  await page.keyboard.type(typedDay(localDay()))
  await expect(page).toHaveURL(new RegExp(`from=${localDay()}`))
  await expect(rows).toHaveCount(2)

  // a row's details: Tab reaches the row (its target's name), whose details are in view beside it
  const kim = rows.filter({ hasText: "Kim Keys" })
  await tabTo(page, kim.getByRole("link", { name: "Kim Keys" }))
  const details = kim.locator("td").last()
  await expect(details).toContainText("role: Regular")
  await expect(details).toContainText("credential: password")
  await expect(details).toBeInViewport()
  await expectAccessible(page, "the audit log filtered with the keyboard")
  // and Enter opens that user's profile, where the same event is on their timeline
  await page.keyboard.press("Enter")
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible()
  await expect(
    page.getByRole("table", { name: "Timeline" }).getByRole("row").filter({ hasText: "User created" })
  ).toContainText("Olga Admin")
})
