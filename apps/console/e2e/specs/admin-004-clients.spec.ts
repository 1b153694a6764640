import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant, STRONG_PASSWORD } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"

// Document 004 (puqcloud, users and clients).
test("004: an admin creates a user in two clients, opens the clients view, and toggles the verified flags", async ({
  page
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("puqcloud", "PUQ Panel")
  const admin = await adminSession(tenant)
  const api = client(admin.token)
  const orgs = await Promise.all(
    [{ name: "Globex", companyName: "Globex Corporation", taxId: "US-44-1234567" }, { name: "Initech" }].map(
      (body) => ok(api.POST("/v1/organizations", { body }))
    )
  )

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)
  await page.getByRole("link", { name: "Manage Users" }).click()
  await expect(page.getByRole("columnheader", { name: "Clients" })).toBeVisible()
  await expectAccessible(page, "Manage Users")

  // + Create: the Create User modal
  await page.getByRole("button", { name: "+ Create" }).click()
  const create = page.getByRole("dialog", { name: "Create User" })
  await expect(create).toBeVisible()
  await expectAccessible(page, "the Create User modal")
  const email = `carla.client@${tenant.slug}.test`
  await create.getByLabel("Email").fill(email)
  await create.getByRole("textbox", { name: "Password", exact: true }).fill(STRONG_PASSWORD)
  await create.getByLabel("Firstname").fill("Carla")
  await create.getByLabel("Lastname").fill("Client")
  await create.getByLabel("Phone Number").fill("+4930123456")
  await create.getByLabel("Admin Notes").fill("Requested by ticket 42")
  await create.getByRole("button", { name: "Save" }).click()
  await expect(create).toBeHidden()
  const row = page.getByRole("row", { name: /Carla Client/ })
  await expect(row).toContainText("ACTIVE")

  // associated with two clients (Client -> Users -> + Associate User, through the API here)
  for (const org of orgs)
    await ok(
      api.POST("/v1/organizations/{orgId}/members", {
        params: { path: { orgId: org.id } },
        body: { email, firstName: "Carla", lastName: "Client", role: "Owner" }
      })
    )
  await page.reload()
  await expect(row).toContainText("2")
  await row.getByRole("button", { name: "View the clients of Carla Client" }).click()
  const clients = page.getByRole("dialog", { name: "User Clients" })
  await expect(clients).toContainText("User Information")
  await expect(clients).toContainText(email)
  for (const header of ["Client Name", "Company Name", "Tax ID", "Status"])
    await expect(clients.getByRole("columnheader", { name: header })).toBeVisible()
  const globex = clients.getByRole("row", { name: /Globex/ })
  await expect(globex).toContainText("Globex Corporation")
  await expect(globex).toContainText("US-44-1234567")
  // 004's status badges: ACTIVE, OWNER
  await expect(globex).toContainText("ACTIVE")
  await expect(globex).toContainText("OWNER")
  await expect(clients.getByRole("row", { name: /Initech/ })).toBeVisible()
  await expectAccessible(page, "the User Clients modal")
  await page.keyboard.press("Escape")

  // Edit (pencil): the verified toggles
  await row.getByRole("button", { name: "Edit Carla Client" }).click()
  const edit = page.getByRole("dialog", { name: "Edit User" })
  await expect(edit.getByLabel("Email Verified")).not.toBeChecked()
  await edit.getByText("Email Verified", { exact: true }).click()
  await edit.getByText("Phone Verified", { exact: true }).click()
  await expect(edit.getByRole("switch", { name: "Email Verified" })).toBeChecked()
  await expectAccessible(page, "the Edit User modal")
  await edit.getByRole("button", { name: "Save" }).click()
  await expect(edit).toBeHidden()
  const users = await ok(api.GET("/v1/users", { params: { query: { q: "carla" } } }))
  expect(users.items[0]).toMatchObject({ emailVerified: true, phoneVerified: true, phone: "+4930123456" })
})
