import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { pressOn, tabTo, typeInto } from "../support/keyboard.ts"
import { createOrganization, portalUser } from "../support/portal.ts"
import { expect, signIn, test } from "../support/test.ts"

// 003: a client user reaches only /portal/<company-slug> of their own organizations; 001's page with the
// keyboard alone.

test("a client user opens their own portal from the navigation and adds a user with the keyboard alone; an old /portal/<id> link moves to the slug", async ({
  page
}) => {
  test.setTimeout(180_000)
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const clinic = await createOrganization(admin, "Northwind Clinic")
  const other = await createOrganization(admin, "Southside Vets")
  expect(clinic.slug).toBe("northwind-clinic")
  const anna = await portalUser(tenant, admin, clinic, {
    role: "Admin",
    firstName: "Anna",
    lastName: "Admin"
  })

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: anna.email, password: anna.password })
  await expect(page).toHaveURL(/\/$/)
  const navigation = page.getByRole("navigation")
  // her own organization only: no link to another client's portal, none to the admin pages
  await expect(navigation.getByRole("link", { name: "Northwind Clinic" })).toBeVisible()
  await expect(navigation.getByRole("link", { name: "Southside Vets" })).toHaveCount(0)
  await expect(navigation.getByRole("link", { name: "Organizations" })).toHaveCount(0)

  // the keyboard alone, from the navigation to a created user
  await pressOn(page, navigation.getByRole("link", { name: "Northwind Clinic" }))
  await expect(page).toHaveURL(/\/portal\/northwind-clinic$/)
  await expect(page.getByRole("heading", { name: "Users and Permissions" })).toBeVisible()
  await pressOn(page, page.getByRole("button", { name: "Add User" }))
  const dialog = page.getByRole("dialog", { name: "Add User" })
  await expect(dialog).toBeVisible()
  await typeInto(page, dialog.getByRole("textbox", { name: "First Name" }), "Kira")
  await typeInto(page, dialog.getByRole("textbox", { name: "Last Name" }), "Keys")
  await typeInto(page, dialog.getByRole("textbox", { name: "Email" }), `kira.keys@${tenant.slug}.test`)
  await tabTo(page, dialog.getByRole("combobox", { name: "Permission Level" }))
  await expect(dialog.getByRole("combobox", { name: "Permission Level" })).toHaveValue("Limited")
  await pressOn(page, dialog.getByRole("button", { name: "Create" }))
  await expect(page.getByText(`The user kira.keys@${tenant.slug}.test has been created.`)).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole("row").filter({ hasText: `kira.keys@${tenant.slug}.test` })).toContainText(
    "Kira Keys"
  )
  await expect(page.getByText("Total Users: 2")).toBeVisible()
  await expectAccessible(page, "the portal reached by keyboard")

  // an old link by id lands on the slug
  await page.goto(`/portal/${clinic.id}`)
  await expect(page).toHaveURL(/\/portal\/northwind-clinic$/)
  await expect(page.getByRole("heading", { name: "Users and Permissions" })).toBeVisible()
  // another client's portal, by slug or by id, is not hers
  for (const address of [`/portal/${other.slug}`, `/portal/${other.id}`]) {
    await page.goto(address)
    await expect(page.getByRole("alert")).toHaveText(
      "This organization does not exist or you are not one of its members."
    )
    await expect(page.getByRole("table")).toHaveCount(0)
  }

  // an inactive organization grants nothing: the link goes, the page refuses
  await ok(
    client(admin.token).PATCH("/v1/organizations/{orgId}", {
      params: { path: { orgId: clinic.id } },
      body: { status: "inactive" }
    })
  )
  await page.goto("/")
  await expect(page.getByRole("navigation").getByRole("link", { name: "Northwind Clinic" })).toHaveCount(0)
  await page.goto(`/portal/${clinic.slug}`)
  await expect(page.getByRole("alert")).toBeVisible()
  await expect(page.getByRole("table")).toHaveCount(0)
})
