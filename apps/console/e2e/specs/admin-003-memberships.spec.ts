import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { tabTo } from "../support/keyboard.ts"
import { useSession } from "../support/session.ts"
import { expect, test } from "../support/test.ts"

const DAY = 86_400_000

// Document 003 (weavestream): "From Admin -> Memberships you can view all active memberships across all tenants
// ... set or update contractor expiry dates".
test("003: a SUPER_ADMIN sees contractors' memberships of every organization in Memberships, expiring ones first", async ({
  page,
  context
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("weavestream", "Weavestream Memberships")
  // the first admin's forced change and TOTP enrolment (weavestream requires it) through the API; the browser
  // then carries that session
  const session = await adminSession(tenant)
  const admin = client(session.token)

  // two contractors' memberships in two organizations: one due in 3 days, one in 20; an operator without expiry
  const north = await ok(admin.POST("/v1/organizations", { body: { name: "Northwind" } }))
  const south = await ok(admin.POST("/v1/organizations", { body: { name: "Southridge" } }))
  const grant = (orgId: string, firstName: string, role: string, days: number | null) =>
    ok(
      admin.POST("/v1/organizations/{orgId}/members", {
        params: { path: { orgId } },
        body: {
          email: `${firstName.toLowerCase()}@${tenant.slug}.test`,
          firstName,
          lastName: "Contractor",
          role,
          ...(days === null ? {} : { expiresAt: new Date(Date.now() + days * DAY).toISOString() })
        }
      })
    )
  await grant(north.id, "Casey", "OPERATOR_FULL", 3)
  await grant(south.id, "Robin", "OPERATOR_READONLY", 20)
  await grant(south.id, "Oscar", "OPERATOR_FULL", null)

  await useSession(context, session.token)
  await page.goto("/")
  await expect(page.getByRole("link", { name: "Memberships" })).toBeVisible()

  // Admin -> Memberships: every organization's memberships, soonest expiry first
  await page.getByRole("link", { name: "Memberships" }).click()
  await expect(page.getByRole("heading", { name: "Memberships", level: 1 })).toBeVisible()
  const grid = page.getByRole("table", { name: "All memberships" })
  for (const name of ["User", "Organization", "Role", "Expires"])
    await expect(grid.getByRole("columnheader", { name, exact: true })).toBeVisible()
  const casey = grid.getByRole("row", { name: /Casey Contractor/ })
  const robin = grid.getByRole("row", { name: /Robin Contractor/ })
  await expect(casey).toContainText("Northwind")
  await expect(casey).toContainText(/expires in (3|4) days/)
  await expect(robin).toContainText("Southridge")
  await expect(robin).toContainText(/expires in (20|21) days/)
  await expect(grid.getByRole("row", { name: /Oscar Contractor/ })).toContainText("No expiry")
  const rows = grid.getByRole("row")
  await expect(rows).toHaveCount(4)
  await expect(rows.nth(1)).toContainText("Casey Contractor")
  await expect(page.getByText("3 memberships")).toBeVisible()
  await expectAccessible(page, "the Memberships page")

  // Expiring within 7 days: only Casey's
  await page.getByRole("combobox", { name: "Expiring within" }).selectOption({ label: "7 days" })
  await expect(robin).toHaveCount(0)
  await expect(grid.getByRole("row", { name: /Oscar Contractor/ })).toHaveCount(0)
  await expect(casey).toContainText(/expires in (3|4) days/)
  await expect(page.getByText("1 membership", { exact: true })).toBeVisible()
  await expectAccessible(page, "Memberships expiring within 7 days")

  // the search finds by name or email
  await page.getByRole("combobox", { name: "Expiring within" }).selectOption({ label: "Any time" })
  await page.getByRole("textbox", { name: "Search" }).fill("robin@")
  await expect(robin).toBeVisible()
  await expect(casey).toHaveCount(0)
  await page.getByRole("textbox", { name: "Search" }).fill("")
  await expect(casey).toBeVisible()

  // the keyboard alone reaches Casey's row: the account link, then the expiry of that membership
  await page.getByRole("heading", { name: "Memberships", level: 1 }).click()
  const caseyLink = casey.getByRole("link", { name: "Casey Contractor" })
  await tabTo(page, caseyLink)
  await expect(caseyLink).toBeFocused()
  await page.keyboard.press("Tab")
  await expect(casey.getByRole("textbox", { name: "Expiry of Casey Contractor in Northwind" })).toBeFocused()
  await expectAccessible(page, "the Memberships page, focus in a row")
})
