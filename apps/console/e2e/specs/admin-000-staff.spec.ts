import type { Request } from "@playwright/test"
import { adminSession, createTenant, fullSession } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { pressOn, tabTo, typeInto } from "../support/keyboard.ts"
import { expect, signIn, test } from "../support/test.ts"

// Document 000 (weevio, staff User Management), walked with the keyboard alone: Tab, typing, Enter and Space.
test("000: an Admin adds a Regular user with a generated password, finds them, and deletes them through the dialog", async ({
  page,
  browser
}) => {
  test.setTimeout(240_000)
  const tenant = await createTenant("weevio", "Weevio Staff")
  const admin = await adminSession(tenant)

  await page.goto("/sign-in")
  await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
  await expect(page).toHaveURL(/\/$/)

  // User Management in the navigation, reached with the keyboard; the route's loader fetches the first page,
  // and the page uses it: one list request, no second one when the page renders (issue 18's budget)
  const lists: Array<string> = []
  const noteList = (request: Request) => {
    const url = new URL(request.url())
    if (request.method() === "GET" && url.pathname === "/v1/users") lists.push(url.search)
  }
  page.on("request", noteList)
  await pressOn(page, page.getByRole("link", { name: "User Management" }))
  await expect(page.getByRole("heading", { name: "User Management" })).toBeVisible()
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expect(page.getByRole("row", { name: /Admin/ })).toBeVisible()
  page.off("request", noteList)
  expect(lists).toEqual(["?sort=name&limit=50"])
  await expect(page.getByRole("columnheader", { name: "Permissions" })).toBeVisible()
  await expectAccessible(page, "the users grid")

  // Add User: a blank User Profile with a "New User" header
  await pressOn(page, page.getByRole("button", { name: "Add User" }))
  await expect(page.getByRole("heading", { name: "New User" })).toBeVisible()
  const create = page.getByRole("button", { name: "Create User" })
  await expect(create).toBeDisabled()
  await expectAccessible(page, "the Add User page")

  // Generate Password: a password that meets every rule; the eye icon reveals it
  await pressOn(page, page.getByRole("button", { name: "Generate Password" }))
  const password = page.getByRole("textbox", { name: "Password", exact: true })
  await expect(password).toHaveAttribute("type", "password")
  await pressOn(page, page.getByRole("button", { name: "Show password" }), "Space")
  await expect(password).toHaveAttribute("type", "text")
  const generated = await password.inputValue()
  expect(generated).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8}$/)
  await expect(page.locator('[data-testid="password-checklist"] [data-passed="false"]')).toHaveCount(0)
  await expect(page.getByRole("button", { name: "Copy password" })).toBeEnabled()

  // Create User before the required fields are filled: they turn red
  await pressOn(page, create)
  await expect(page.getByLabel("First Name")).toHaveAttribute("aria-invalid", "true")
  await expect(page.getByLabel("Last Name")).toHaveAttribute("aria-invalid", "true")
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true")
  await expectAccessible(page, "the Add User page with required fields in red")

  const email = `rita.regular@${tenant.slug}.test`
  await typeInto(page, page.getByLabel("First Name"), "Rita")
  await typeInto(page, page.getByLabel("Last Name"), "Regular")
  await typeInto(page, page.getByLabel("Email address"), email)
  await pressOn(page, create)
  await expect(page.getByText("The user was created.")).toBeVisible()
  await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/)
  await expect(page.getByRole("heading", { name: "Rita Regular" })).toBeVisible()
  await expectAccessible(page, "the new user's profile")

  // the grid finds her by search, and the footer counts the filter
  await page.goto("/users")
  await typeInto(page, page.getByRole("searchbox", { name: "Search" }), "rita")
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expect(page.getByRole("row", { name: /Rita Regular/ })).toContainText("Regular")

  // the Regular user signs in (first login: their own new password) and lands on their own profile
  const regular = await fullSession(tenant.slug, email, generated)
  const other = await browser.newContext({ baseURL: process.env.GATEHOUSE_E2E_URL ?? "" })
  const regularPage = await other.newPage()
  await regularPage.goto("/sign-in")
  await signIn(regularPage, { tenant: tenant.slug, email, password: regular.password })
  await expect(regularPage).toHaveURL(/\/$/)
  await expect(regularPage.getByRole("link", { name: "User Management" })).toHaveCount(0)
  await regularPage.goto("/users")
  await expect(regularPage).toHaveURL(/\/profile$/)
  await expect(regularPage.getByText("Permissions")).toHaveCount(0)
  await expectAccessible(regularPage, "the Regular user's own profile")
  await other.close()

  // the Admin deletes her through the Delete User dialog; the total drops
  await page.goto("/users")
  await expect(page.getByText("Total Users: 2")).toBeVisible()
  await pressOn(page, page.getByRole("button", { name: "Delete Rita Regular" }))
  const dialog = page.getByRole("dialog", { name: "Delete User" })
  await expect(dialog).toContainText("Are you sure you want to delete Rita Regular?")
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeVisible()
  await expectAccessible(page, "the Delete User dialog")
  await tabTo(page, dialog.getByRole("button", { name: "Delete" }))
  await page.keyboard.press("Enter")
  await expect(dialog).toBeHidden()
  await expect(page.getByText("Total Users: 1")).toBeVisible()
  await expect(page.getByRole("row", { name: /Rita Regular/ })).toHaveCount(0)
})
