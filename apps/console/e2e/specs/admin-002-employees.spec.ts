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
  await expect(results).toBeHidden()

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

// Document 002's Active User, Save User / Save & Send Invite, and the Employees and External Users tabs.
test("002: Active User unchecked creates an inactive user; Save User invites nobody, Save & Send Invite does; the Employees and External Users tabs", async ({
  page
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("wetrack", "WeTrack Kinds")
  const admin = await adminSession(tenant)
  const api = client(admin.token)
  const userByEmail = async (email: string) => {
    const found = await ok(api.GET("/v1/users", { params: { query: { q: email } } }))
    expect(found.items).toHaveLength(1)
    return found.items[0]!
  }
  const invitationsOf = async (id: string) =>
    (
      await ok(
        api.GET("/v1/audit-events", { params: { query: { target: id, action: "invitation.issued" } } })
      )
    ).items.length

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await page.getByRole("link", { name: "Employees" }).click()
  const employeesTab = page.getByRole("tab", { name: "Employees" })
  const externalTab = page.getByRole("tab", { name: "External Users" })
  await expect(employeesTab).toHaveAttribute("aria-selected", "true")
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expectAccessible(page, "the Employees tab")

  // Active User unchecked, an external user, Save User: inactive, nobody invited
  await page.getByRole("button", { name: "+Add" }).click()
  const drawer = page.getByRole("dialog", { name: "Add Employee" })
  await drawer.getByLabel("Active User").uncheck()
  await drawer.getByLabel("First name").fill("Dana")
  await drawer.getByLabel("Surname").fill("Doyle")
  await drawer.getByLabel("Email").fill(`dana.d@${tenant.slug}.test`)
  await drawer.getByRole("textbox", { name: "Kind of user" }).click()
  await page.getByRole("option", { name: "External user" }).click()
  await drawer.getByRole("button", { name: "Save User" }).click()
  await expect(drawer).toBeHidden()
  const dana = await userByEmail(`dana.d@${tenant.slug}.test`)
  expect([dana.status, dana.kind]).toEqual(["disabled", "external"])
  expect(await invitationsOf(dana.id)).toBe(0)
  // not on the Employees tab: on External Users, inactive
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expect(page.getByRole("row", { name: /Dana Doyle/ })).toHaveCount(0)
  await externalTab.click()
  await expect(externalTab).toHaveAttribute("aria-selected", "true")
  await expect(page.getByRole("row", { name: /Dana Doyle/ })).toContainText("No")
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expectAccessible(page, "the External Users tab")

  // from the External Users tab the drawer proposes an external user; Save User: pending, no invitation yet
  await page.getByRole("button", { name: "+Add" }).click()
  await expect(drawer.getByRole("textbox", { name: "Kind of user" })).toHaveValue("External user")
  await expect(drawer.getByLabel("Active User")).toBeChecked()
  await drawer.getByLabel("First name").fill("Eli")
  await drawer.getByLabel("Surname").fill("Evans")
  await drawer.getByLabel("Email").fill(`eli.e@${tenant.slug}.test`)
  await drawer.getByRole("button", { name: "Save User" }).click()
  await expect(drawer).toBeHidden()
  const eli = await userByEmail(`eli.e@${tenant.slug}.test`)
  expect([eli.status, eli.kind]).toEqual(["pending", "external"])
  expect(await invitationsOf(eli.id)).toBe(0)
  await expect(page.getByText("Total Users: 2")).toBeVisible()
  await expect(page.getByRole("row", { name: /Eli Evans/ })).toContainText("Yes")
  // "You will be able to send the invitation later": Send invites on the checked row
  await page.getByRole("checkbox", { name: "Select Eli Evans" }).check()
  await page.getByRole("button", { name: "Send invites" }).click()
  const results = page.getByRole("dialog", { name: "Results" })
  await expect(results.getByTestId("bulk-results").getByText(/done/)).toHaveCount(1)
  await page.keyboard.press("Escape")
  expect(await invitationsOf(eli.id)).toBe(1)

  // Save & Send Invite, with the keyboard alone from the Employees tab
  await employeesTab.click()
  await page.getByRole("button", { name: "+Add" }).click()
  await expect(drawer.getByRole("textbox", { name: "Kind of user" })).toHaveValue("Employee")
  await drawer.getByLabel("First name").fill("Fay")
  await drawer.getByLabel("Surname").fill("Fox")
  await drawer.getByLabel("Email").fill(`fay.f@${tenant.slug}.test`)
  await drawer.getByRole("button", { name: "Save & Send Invite" }).focus()
  await page.keyboard.press("Enter")
  await expect(drawer).toBeHidden()
  const fay = await userByEmail(`fay.f@${tenant.slug}.test`)
  expect([fay.status, fay.kind]).toEqual(["pending", "employee"])
  expect(await invitationsOf(fay.id)).toBe(1)
  await expect(page.getByText("Total Users: 2")).toBeVisible()

  // the profile lets an admin move a user between the tabs
  await externalTab.click()
  await page.getByRole("row", { name: /Eli Evans/ }).click()
  await expect(page.getByRole("heading", { name: "Eli Evans" })).toBeVisible()
  await page.getByRole("textbox", { name: "Kind of user" }).click()
  await page.getByRole("option", { name: "Employee" }).click()
  await expectAccessible(page, "the profile with the kind of user")
  await page.getByRole("button", { name: "Save profile" }).click()
  await expect.poll(async () => (await userByEmail(`eli.e@${tenant.slug}.test`)).kind).toBe("employee")
  // Dana, inactive before setup, is activated: back to pending (NEW), her link to come
  await ok(api.POST("/v1/users/{id}/enable", { params: { path: { id: dana.id } } }))
  expect((await userByEmail(`dana.d@${tenant.slug}.test`)).status).toBe("pending")
  await page.getByRole("link", { name: "Employees" }).click()
  await expect(page.getByRole("row", { name: /Eli Evans/ })).toBeVisible()
  await expect(page.getByText("Total Users: 3")).toBeVisible()
})
