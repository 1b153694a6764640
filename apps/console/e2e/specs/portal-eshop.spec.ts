import { ok } from "@gatehouse/client"
import type { Page } from "@playwright/test"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import {
  connectStore,
  createStoreOrganization,
  type FakeShopify,
  startShopify
} from "../support/fakeShopify.ts"
import { pressOn } from "../support/keyboard.ts"
import { annaAndPat, openPortal, portalUser, row } from "../support/portal.ts"
import { expect, test } from "../support/test.ts"

// 001 "Online Store Access": the eShop Access and eShop Status columns of the customer portal's Users and
// Permissions page, against the testkit's fake Shopify Admin API.

let fake: FakeShopify
test.beforeAll(async () => {
  fake = await startShopify()
})
test.afterAll(async () => {
  await fake.close()
})
// Invite and Copy Account Invite URL put the activation URL on the clipboard; the test reads it back.
test.use({ permissions: ["clipboard-read", "clipboard-write"] })

const status = (page: Page, email: string, word: string) => row(page, email).getByText(word, { exact: true })
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText())
const table = (page: Page) => page.getByRole("tabpanel", { name: "Active" })

/** A weevio tenant, an organization with customer code C100 and price code P7, its portal Admin and a Limited member. */
const portalWithMembers = async () => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const clinic = await createStoreOrganization(admin, {
    name: "Northwind Clinic",
    pimsCustomerCode: "C100",
    priceCode: "P7"
  })
  const { anna, pat } = await annaAndPat(tenant, admin, clinic)
  return { tenant, admin, clinic, anna, pat }
}

test("no eShop columns without a store; with one, Invite, Copy Account Invite URL, Resend and Revoke", async ({
  page
}) => {
  const { tenant, admin, clinic, anna, pat } = await portalWithMembers()
  // a disabled member: on the Disabled tab, whose statuses are not read while the Active tab is open
  const bob = await portalUser(tenant, admin, clinic, {
    role: "Limited",
    firstName: "Bob",
    lastName: "Baker"
  })
  await ok(
    client(admin.token).PATCH("/v1/organizations/{orgId}/members/{userId}", {
      params: { path: { orgId: clinic.id, userId: bob.id } },
      body: { active: false }
    })
  )

  // the tenant has no store yet: the page has no eShop columns, and nothing was asked of a store
  await openPortal(page, tenant, anna, clinic)
  await expect(row(page, pat.email)).toBeVisible()
  for (const header of ["Active", "Email", "Name", "Permissions"])
    await expect(table(page).getByRole("columnheader", { name: header })).toBeVisible()
  for (const header of ["eShop Access", "eShop Status"])
    await expect(page.getByRole("columnheader", { name: header })).toHaveCount(0)
  await expect(row(page, pat.email).getByRole("button", { name: "Invite" })).toHaveCount(0)
  await expectAccessible(page, "the Users and Permissions page without a store")
  const asked = fake.requests().length

  // the store is connected: both columns, every member No Account
  await connectStore(admin, fake)
  await page.reload()
  for (const header of ["eShop Access", "eShop Status"])
    await expect(table(page).getByRole("columnheader", { name: header })).toBeVisible()
  await expect(status(page, pat.email, "No Account")).toBeVisible()
  await expect(status(page, anna.email, "No Account")).toBeVisible()
  // one store lookup per member shown (Anna, Pat), none for the Disabled tab's Bob, none for the columns
  await expect.poll(() => fake.requests().length - asked).toBe(2)
  await expectAccessible(page, "the Users and Permissions page with the eShop columns")

  // Invite: the confirmation dialog, Send Invite, the activation URL on the clipboard, Invited
  await row(page, pat.email).getByRole("button", { name: "Invite" }).click()
  const invite = page.getByRole("dialog", { name: "Invite User" })
  await expect(invite).toContainText("An email invite will be sent to")
  await expect(invite).toContainText("Make orders and request quotes on your online store")
  await expect(invite).toContainText("Access special pricing (if applicable)")
  await expectAccessible(page, "the Invite User dialog")
  await invite.getByRole("button", { name: "Send Invite" }).click()
  await expect(
    page.getByText(
      `The invite email was sent to ${pat.email}. The account activation URL was copied to your clipboard.`
    )
  ).toBeVisible()
  await expect(invite).toHaveCount(0)
  await expect(status(page, pat.email, "Invited")).toBeVisible()
  const customer = fake.customerByEmail(pat.email)
  expect(customer?.tags).toEqual(expect.arrayContaining(["pims-customer:C100", "price-code:P7"]))
  const invited = await clipboard(page)
  expect(fake.activationUrlWorks(invited)).toBe(true)
  expect(fake.outbox().filter((mail) => mail.to === pat.email)).toHaveLength(1)

  // Copy Account Invite URL (options menu): a new activation URL, no email
  await row(page, pat.email)
    .getByRole("button", { name: `Options for ${pat.email}` })
    .click()
  const copyUrl = page.getByRole("menuitem", { name: "Copy Account Invite URL" })
  await expect(copyUrl).toBeVisible()
  await expectAccessible(page, "the options menu")
  await copyUrl.click()
  await expect(
    page.getByText("The account activation URL was copied to your clipboard.", { exact: true })
  ).toBeVisible()
  await expect.poll(() => clipboard(page)).not.toBe(invited)
  const copied = await clipboard(page)
  expect(fake.activationUrlWorks(copied)).toBe(true)
  expect(fake.outbox().filter((mail) => mail.to === pat.email)).toHaveLength(1)

  // Resend, with the keyboard alone: a second invite email
  await pressOn(page, row(page, pat.email).getByRole("button", { name: "Resend" }))
  await expect(page.getByText(`A new invitation email was sent to ${pat.email}.`)).toBeVisible()
  expect(fake.outbox().filter((mail) => mail.to === pat.email)).toHaveLength(2)
  await expect(status(page, pat.email, "Invited")).toBeVisible()

  // Pat activates the store account: Active, then Revoke takes this organization's tags away (Inactive)
  fake.activate(customer?.id ?? "")
  await page.reload()
  await expect(status(page, pat.email, "Active")).toBeVisible()
  await expect(row(page, pat.email).getByRole("button", { name: "Resend" })).toHaveCount(0)
  await row(page, pat.email).getByRole("button", { name: "Revoke" }).click()
  await expect(page.getByText(`The online store access of ${pat.email} was revoked.`)).toBeVisible()
  await expect(status(page, pat.email, "Inactive")).toBeVisible()
  await expect(row(page, pat.email).getByRole("button", { name: "Invite" })).toBeVisible()
  expect(fake.customerByEmail(pat.email)?.tags.some((tag) => tag.startsWith("pims-customer:"))).toBe(false)
})

test("when the browser refuses the clipboard, the Account Invite URL is shown to copy by hand", async ({
  page
}) => {
  const { tenant, admin, clinic, anna, pat } = await portalWithMembers()
  await connectStore(admin, fake)
  await ok(
    client(admin.token).POST("/v1/organizations/{orgId}/members/{userId}/eshop/invite", {
      params: { path: { orgId: clinic.id, userId: pat.id } }
    })
  )
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("refused", "NotAllowedError"))
  })

  await openPortal(page, tenant, anna, clinic)
  await expect(status(page, pat.email, "Invited")).toBeVisible()
  await row(page, pat.email)
    .getByRole("button", { name: `Options for ${pat.email}` })
    .click()
  await page.getByRole("menuitem", { name: "Copy Account Invite URL" }).click()
  const shown = page.getByRole("dialog", { name: "Account Invite URL" })
  await expect(shown).toContainText("could not be copied to your clipboard")
  const url = await shown.getByRole("textbox", { name: "Account activation URL" }).inputValue()
  expect(fake.activationUrlWorks(url)).toBe(true)
  await expectAccessible(page, "the Account Invite URL dialog")
  await shown.getByRole("button", { name: "OK" }).click()
  await expect(shown).toHaveCount(0)
})

test("an email tied to another organization's customer: the E-commerce Warning dialog, with the keyboard alone", async ({
  page
}) => {
  const { tenant, admin, clinic, anna } = await portalWithMembers()
  await connectStore(admin, fake)
  const taken = await portalUser(tenant, admin, clinic, {
    role: "Limited",
    firstName: "Tia",
    lastName: "Taken"
  })
  fake.seedCustomer({ email: taken.email, tags: ["pims-customer:C999"] })

  await openPortal(page, tenant, anna, clinic)
  await expect(status(page, taken.email, "Inactive")).toBeVisible()
  await pressOn(page, row(page, taken.email).getByRole("button", { name: "Invite" }))
  const invite = page.getByRole("dialog", { name: "Invite User" })
  await expect(invite.getByRole("button", { name: "Send Invite" })).toBeFocused()
  await page.keyboard.press("Enter")
  const warning = page.getByRole("dialog", { name: "E-commerce Warning" })
  await expect(warning).toContainText("This email address is tied to a different customer.")
  await expect(warning).toContainText("Contact your service provider")
  await expect(invite).toHaveCount(0)
  await expectAccessible(page, "the E-commerce Warning dialog")
  await expect(warning.getByRole("button", { name: "OK" })).toBeFocused()
  await page.keyboard.press("Enter")
  await expect(warning).toHaveCount(0)
  // nothing changed: the other organization's tag stays, the member stays Inactive
  expect(fake.customerByEmail(taken.email)?.tags).toEqual(["pims-customer:C999"])
  await expect(status(page, taken.email, "Inactive")).toBeVisible()
  const audit = await ok(
    client(admin.token).GET("/v1/audit-events", { params: { query: { target: taken.id } } })
  )
  expect(audit.items.map((event) => event.action)).not.toContain("eshop.invited")
})

test("any other failure is a notification with the problem's message (no customer code: ESHOP_CUSTOMER_CODE_MISSING)", async ({
  page
}) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  await connectStore(admin, fake)
  const created = await ok(
    client(admin.token).POST("/v1/organizations", { body: { name: "Codeless Clinic" } })
  )
  const clinic = { id: created.id, name: created.name, slug: created.slug }
  const { anna, pat } = await annaAndPat(tenant, admin, clinic)

  await openPortal(page, tenant, anna, clinic)
  await expect(status(page, pat.email, "No Account")).toBeVisible()
  await row(page, pat.email).getByRole("button", { name: "Invite" }).click()
  await page.getByRole("dialog", { name: "Invite User" }).getByRole("button", { name: "Send Invite" }).click()
  const problem = await client(admin.token)
    .POST("/v1/organizations/{orgId}/members/{userId}/eshop/invite", {
      params: { path: { orgId: clinic.id, userId: pat.id } }
    })
    .then((answer) => answer.error as { code?: string; detail?: string } | undefined)
  expect(problem?.code).toBe("ESHOP_CUSTOMER_CODE_MISSING")
  await expect(page.getByText(problem?.detail ?? "(no detail)")).toBeVisible()
  await expect(page.getByRole("dialog", { name: "E-commerce Warning" })).toHaveCount(0)
  await expect(status(page, pat.email, "No Account")).toBeVisible()
})
