import { ok } from "@gatehouse/client"
import { adminSession, client, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"

// Document 002 (wetrack, employees, departments, user groups and bulk operations).
test("002: import a CSV with one bad row (dry run, then the good rows), add and invite employees, delete two with the typed number", async ({
  page
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("wetrack", "WeTrack Field")
  const admin = await adminSession(tenant)
  const api = client(admin.token)
  await ok(api.POST("/v1/departments", { body: { name: "Field Service" } }))
  await ok(api.POST("/v1/groups", { body: { name: "Night Shift" } }))

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)

  // the import: dry run report row by row, then only the good rows
  await page.getByRole("link", { name: "Import users" }).click()
  await expect(page.getByRole("heading", { name: "Import users" })).toBeVisible()
  await expectAccessible(page, "the import page")
  const csv = [
    "email,firstName,lastName,role",
    `alan.a@${tenant.slug}.test,Alan,Archer,General`,
    "not-an-email,Bad,Row,General",
    `bea.b@${tenant.slug}.test,Bea,Baker,General`
  ].join("\n")
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(csv) })
  await expect(page.getByTestId("import-summary")).toHaveText("2 rows can be imported, 1 rows have problems.")
  const failed = page.getByRole("table", { name: "Rows with problems" })
  await expect(failed.getByRole("row")).toHaveCount(2)
  await expect(failed).toContainText("email")
  await expect(page.getByRole("button", { name: "Import all" })).toBeDisabled()
  await expectAccessible(page, "the dry run report")
  await page.getByRole("button", { name: "Import only the good rows" }).click()
  await expect(page.getByText("2 users were imported and invited.").first()).toBeVisible()

  // Employees: +Add opens the Add Employee drawer
  await page.getByRole("link", { name: "Employees" }).click()
  await expect(page.getByText("Total Users: 3")).toBeVisible()
  await page.getByRole("button", { name: "+Add" }).click()
  const drawer = page.getByRole("dialog", { name: "Add Employee" })
  await expect(drawer.getByLabel("Active User")).toBeChecked()
  await drawer.getByLabel("First name").fill("Cleo")
  await drawer.getByLabel("Surname").fill("Carter")
  await drawer.getByLabel("Email").fill(`cleo.c@${tenant.slug}.test`)
  await drawer.getByRole("textbox", { name: "Department" }).click()
  await page.getByRole("option", { name: "Field Service" }).click()
  await drawer.getByRole("button", { name: "Manage groups" }).click()
  const groups = page.getByRole("dialog", { name: "Add User Group to Employee" })
  await groups.getByLabel("Night Shift").check()
  await groups.getByRole("button", { name: "Save" }).click()
  await expect(drawer).toContainText("Night Shift")
  await drawer.getByLabel("Timesheets").check()
  await expectAccessible(page, "the Add Employee drawer")
  await drawer.getByRole("button", { name: "Save & Send Invite" }).click()
  await expect(drawer).toBeHidden()
  await expect(page.getByText("Total Users: 4")).toBeVisible()
  await expect(page.getByRole("row", { name: /Cleo Carter/ })).toContainText("Field Service")

  // Send invites to two checked employees; the per-user results
  await page.getByRole("checkbox", { name: "Select Alan Archer" }).check()
  await page.getByRole("checkbox", { name: "Select Bea Baker" }).check()
  await page.getByRole("button", { name: "Send invites" }).click()
  const results = page.getByRole("dialog", { name: "Results" })
  await expect(results.getByTestId("bulk-results").getByText(/done/)).toHaveCount(2)
  await expectAccessible(page, "the per-user results")
  await page.keyboard.press("Escape")

  // Delete two: the confirmation pop-up's number typed in the spaces
  await page.getByRole("checkbox", { name: "Select Alan Archer" }).check()
  await page.getByRole("checkbox", { name: "Select Bea Baker" }).check()
  await page.getByRole("button", { name: "Delete", exact: true }).click()
  const confirm = page.getByRole("dialog", { name: "Delete" })
  await expect(confirm.getByTestId("confirm-number")).toHaveText("2")
  await expect(confirm.getByRole("button", { name: "Confirm" })).toBeDisabled()
  await expectAccessible(page, "the confirmation pop-up")
  await confirm.getByLabel("Digit 1").fill("2")
  await confirm.getByRole("button", { name: "Confirm" }).click()
  await expect(page.getByText("Total Users: 2")).toBeVisible()
  await expect(page.getByRole("row", { name: /Alan Archer/ })).toHaveCount(0)
})
