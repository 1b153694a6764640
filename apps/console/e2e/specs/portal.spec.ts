import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { createOrganization, openPortal, portalUser, row } from "../support/portal.ts"
import { expect, test } from "../support/test.ts"

// 001: the customer portal's Users and Permissions page, for an organization's Admins.

test("an organization Admin adds a user, disables another, and cannot toggle or demote themselves", async ({
  page
}) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const clinic = await createOrganization(admin, "Northwind Clinic")
  const anna = await portalUser(tenant, admin, clinic, {
    role: "Admin",
    firstName: "Anna",
    lastName: "Admin"
  })
  const lena = await portalUser(tenant, admin, clinic, {
    role: "Limited",
    firstName: "Lena",
    lastName: "Limited"
  })
  const bob = await portalUser(tenant, admin, clinic, {
    role: "Limited",
    firstName: "Bob",
    lastName: "Baker"
  })

  await openPortal(page, tenant, anna, clinic)
  const active = page.getByRole("tabpanel", { name: "Active" })
  await expect(page.getByRole("tab", { name: "Active" })).toHaveAttribute("aria-selected", "true")
  for (const email of [anna.email, lena.email, bob.email]) await expect(row(page, email)).toBeVisible()
  for (const header of ["Active", "Email", "Name", "Permissions"])
    await expect(active.getByRole("columnheader", { name: header })).toBeVisible()
  await expect(page.getByText("Total Users: 3")).toBeVisible()
  await expectAccessible(page, "the Users and Permissions page")

  // the toggle and the dropdown are disabled for the signed-in user, not for the others
  await expect(page.getByRole("switch", { name: `Active: ${anna.email}` })).toBeDisabled()
  await expect(page.getByRole("combobox", { name: `Permissions of ${anna.email}` })).toBeDisabled()
  await expect(page.getByRole("switch", { name: `Active: ${bob.email}` })).toBeEnabled()
  await expect(page.getByRole("combobox", { name: `Permissions of ${lena.email}` })).toHaveValue("Limited")

  // Add User: First Name, Last Name, Email, Permission Level, Create
  await page.getByRole("button", { name: "Add User" }).click()
  const dialog = page.getByRole("dialog", { name: "Add User" })
  await dialog.getByRole("textbox", { name: "First Name" }).fill("Nora")
  await dialog.getByRole("textbox", { name: "Last Name" }).fill("New")
  await dialog.getByRole("textbox", { name: "Email" }).fill(`nora.new@${tenant.slug}.test`)
  await expect(dialog.getByRole("combobox", { name: "Permission Level" })).toHaveValue("Limited")
  await dialog.getByRole("combobox", { name: "Permission Level" }).selectOption("Admin")
  await expectAccessible(page, "the Add User dialog")
  await dialog.getByRole("button", { name: "Create" }).click()
  await expect(page.getByText(`The user nora.new@${tenant.slug}.test has been created.`)).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expect(row(page, `nora.new@${tenant.slug}.test`)).toContainText("Nora New")
  await expect(
    page.getByRole("combobox", { name: `Permissions of nora.new@${tenant.slug}.test` })
  ).toHaveValue("Admin")
  await expect(page.getByText("Total Users: 4")).toBeVisible()

  // an email already in the account: the form says so and stays open
  await page.getByRole("button", { name: "Add User" }).click()
  await dialog.getByRole("textbox", { name: "First Name" }).fill("Lena")
  await dialog.getByRole("textbox", { name: "Last Name" }).fill("Again")
  await dialog.getByRole("textbox", { name: "Email" }).fill(lena.email)
  await dialog.getByRole("button", { name: "Create" }).click()
  await expect(
    dialog.getByText("A user with this email address already exists in this account.")
  ).toBeVisible()
  await expect(dialog.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true")
  await expectAccessible(page, "the Add User dialog with the duplicate-email error")
  await dialog.getByRole("button", { name: "Cancel" }).click()
  await expect(page.getByText("Total Users: 4")).toBeVisible()

  // Lena becomes an Admin through the Permissions dropdown (the server says so too)
  await page.getByRole("combobox", { name: `Permissions of ${lena.email}` }).selectOption("Admin")
  await expect.poll(async () => (await members(admin.token, clinic.id, "active"))[lena.email]).toBe("Admin")

  // disabling Bob moves him to the Disabled tab
  // (Mantine's switch input is visually hidden behind its track: operated with the keyboard)
  await page.getByRole("switch", { name: `Active: ${bob.email}` }).focus()
  await page.keyboard.press("Space")
  await expect(row(page, bob.email)).toHaveCount(0)
  await page.getByRole("tab", { name: "Disabled" }).click()
  const disabled = page.getByRole("tabpanel", { name: "Disabled" })
  await expect(disabled.getByRole("row").filter({ hasText: bob.email })).toBeVisible()
  await expect(disabled.getByRole("switch", { name: `Active: ${bob.email}` })).not.toBeChecked()
  await expect(page.getByText("Total Users: 4")).toBeVisible()
  await expectAccessible(page, "the Disabled tab")
  expect(Object.keys(await members(admin.token, clinic.id, "disabled"))).toEqual([bob.email])
})

test("a Limited member is kept out; a client user of another organization cannot open this portal; a tenant admin opens any", async ({
  page
}) => {
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const clinic = await createOrganization(admin, "Northwind Clinic")
  const other = await createOrganization(admin, "Southside Vets")
  await portalUser(tenant, admin, clinic, { role: "Admin", firstName: "Anna", lastName: "Admin" })
  const lena = await portalUser(tenant, admin, clinic, {
    role: "Limited",
    firstName: "Lena",
    lastName: "Limited"
  })
  const carl = await portalUser(tenant, admin, other, {
    role: "Admin",
    firstName: "Carl",
    lastName: "Client"
  })

  await openPortal(page, tenant, lena, clinic)
  await expect(page.getByRole("alert")).toHaveText(
    "Only Admin permission level users can access the Users and Permissions page."
  )
  await expect(page.getByRole("table")).toHaveCount(0)
  await expect(page.getByRole("button", { name: "Add User" })).toHaveCount(0)
  await expectAccessible(page, "the portal refused to a Limited member")
  // and the API refuses her too
  const lenaToken = await ok(
    client().POST("/v1/auth/login", {
      body: { tenant: tenant.slug, email: lena.email, password: lena.password }
    })
  )
  const refused = await client(lenaToken.token).GET("/v1/organizations/{orgId}/members", {
    params: { path: { orgId: clinic.id } }
  })
  expect(refused.response.status).toBe(403)

  await page.getByRole("button", { name: "Logout" }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
  await openPortal(page, tenant, carl, clinic)
  await expect(page.getByRole("alert")).toBeVisible()
  await expect(page.getByRole("table")).toHaveCount(0)
  await expect(page.getByRole("button", { name: "Add User" })).toHaveCount(0)
  // his own organization's page is his
  await page.goto(`/portal/${other.slug}`)
  await expect(row(page, carl.email)).toBeVisible()
  await expect(page.getByText("Total Users: 1")).toBeVisible()

  // a tenant admin opens any organization's page
  await page.getByRole("button", { name: "Logout" }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
  await openPortal(page, tenant, { id: "", email: tenant.adminEmail, password: admin.password }, clinic)
  await expect(row(page, lena.email)).toBeVisible()
  await expect(page.getByText("Total Users: 2")).toBeVisible()
})

/** The organization's members in one tab, email -> role, as the API answers them. */
const members = async (
  token: string,
  orgId: string,
  status: "active" | "disabled"
): Promise<Record<string, string>> => {
  const page = await ok(
    client(token).GET("/v1/organizations/{orgId}/members", { params: { path: { orgId }, query: { status } } })
  )
  return Object.fromEntries(page.items.map((item) => [item.user.email, item.membership.role]))
}
