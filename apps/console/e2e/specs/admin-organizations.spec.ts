import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { portalUser } from "../support/portal.ts"
import { expect, signIn, test } from "../support/test.ts"

// Issue 19 item 3: organizations list and detail for tenant admins, with edit.
test("a tenant admin creates an organization, reads it in the list and its detail with members, and edits it", async ({
  page
}) => {
  test.setTimeout(180_000)
  const tenant = await createTenant("weevio")
  const admin = await adminSession(tenant)
  const api = client(admin.token)
  const existing = await ok(
    api.POST("/v1/organizations", {
      body: {
        name: "Fabrikam Dental",
        companyName: "Fabrikam Dental GmbH",
        taxId: "DE-811",
        pimsCustomerCode: "C-9"
      }
    })
  )

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)
  await page.getByRole("navigation").getByRole("link", { name: "Organizations" }).click()
  await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible()
  const table = page.getByRole("table", { name: "Organizations" })
  for (const header of [
    "Name",
    "Slug",
    "Company name",
    "Tax ID",
    "Status",
    "PIMS customer code",
    "PIMS customer name",
    "Price code"
  ])
    await expect(table.getByRole("columnheader", { name: header, exact: true })).toBeVisible()
  await expect(table.getByRole("row", { name: /Fabrikam Dental/ })).toContainText("fabrikam-dental")
  await expect(table.getByRole("row", { name: /Fabrikam Dental/ })).toContainText("DE-811")
  await expectAccessible(page, "the organizations list")

  // create: the slug is made from the name when left empty
  await page.getByRole("button", { name: "Create organization" }).click()
  const create = page.getByRole("dialog", { name: "New organization" })
  await create.getByRole("textbox", { name: "Name", exact: true }).fill("Northwind Clinic")
  await create.getByRole("textbox", { name: "Company name" }).fill("Northwind Clinic Ltd")
  await create.getByRole("textbox", { name: "Tax ID" }).fill("GB-123")
  await create.getByRole("combobox", { name: "Kind" }).selectOption("Individual")
  await expectAccessible(page, "the New organization dialog")
  await create.getByRole("button", { name: "Create organization" }).click()
  await expect(page.getByText("The organization Northwind Clinic was created.")).toBeVisible()
  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/)
  await expect(page.getByRole("heading", { name: "Northwind Clinic", level: 1 })).toBeVisible()
  await expect(page.getByText("northwind-clinic", { exact: true })).toBeVisible()
  await expect(page.getByText("Individual", { exact: true })).toBeVisible()

  // a taken slug is said next to the field
  await page.getByRole("button", { name: "Edit" }).click()
  const edit = page.getByRole("dialog", { name: "Edit Northwind Clinic" })
  await edit.getByRole("textbox", { name: "Slug" }).fill("fabrikam-dental")
  await edit.getByRole("button", { name: "Save" }).click()
  await expect(edit.getByText("Already taken by another organization")).toBeVisible()
  await edit.getByRole("textbox", { name: "Slug" }).fill("northwind")
  await edit.getByRole("combobox", { name: "Status" }).selectOption("Inactive")
  await edit.getByRole("textbox", { name: "Price code" }).fill("P-7")
  await expectAccessible(page, "the edit dialog")
  await edit.getByRole("button", { name: "Save" }).click()
  await expect(edit).toHaveCount(0)
  await expect(page.getByText("northwind", { exact: true })).toBeVisible()
  await expect(page.getByText("Inactive", { exact: true })).toBeVisible()
  await expect(page.getByText("P-7", { exact: true })).toBeVisible()

  // the other organization's members with role and expiry
  const anna = await portalUser(
    tenant,
    admin,
    { id: existing.id, name: existing.name, slug: existing.slug },
    {
      role: "Admin",
      firstName: "Anna",
      lastName: "Admin"
    }
  )
  await page.getByRole("link", { name: "All organizations" }).click()
  await page.getByRole("link", { name: "Open Fabrikam Dental" }).click()
  const members = page.getByRole("table", { name: "Members" })
  await expect(members.getByRole("row", { name: new RegExp(anna.email) })).toContainText("Admin")
  await expect(members.getByRole("row", { name: new RegExp(anna.email) })).toContainText("No expiry")
  await expectAccessible(page, "an organization's detail")
  await page.getByRole("link", { name: "Open the customer portal" }).click()
  await expect(page).toHaveURL(/\/portal\/fabrikam-dental$/)
  await expect(page.getByRole("heading", { name: "Users and Permissions" })).toBeVisible()
})
