import { ok } from "@gatehouse/client"
import { client, demoAdmin, STRONG_PASSWORD } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { expect, signIn, test } from "../support/test.ts"

test("a new admin's first login (000): the Change Password modal opens by itself and only Save closes it", async ({
  page
}) => {
  const demo = demoAdmin()
  const { token } = await ok(client().POST("/v1/auth/login", { body: demo }))
  const { tenant } = await ok(client(token).GET("/v1/me"))

  await page.goto("/")
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible()
  await expectAccessible(page, "the sign-in page")
  await signIn(page, demo)

  const dialog = page.getByRole("dialog", { name: "Change Password" })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(
    `Welcome to ${tenant.name}! To ensure your account is secure, please set a new password.`
  )
  await expectAccessible(page, "the first-login modal")

  // it cannot be dismissed: no close button, Escape and a click outside leave it open
  await expect(dialog.getByRole("button", { name: /close/i })).toHaveCount(0)
  await page.keyboard.press("Escape")
  await page.mouse.click(4, 4)
  await expect(dialog).toBeVisible()
  const save = dialog.getByRole("button", { name: "Save" })
  await expect(save).toBeDisabled()
  await expect(dialog.getByRole("button", { name: "Logout" })).toBeVisible()

  // live check-marks: the domain's rules in the browser, with 000's words
  await dialog.getByRole("textbox", { name: "Current password" }).fill(demo.password)
  await dialog.getByRole("textbox", { name: "New password", exact: true }).fill("abc")
  const rules = dialog.getByRole("list", { name: "Password rules" })
  const rule = (name: string) => rules.getByRole("listitem").filter({ hasText: name })
  await expect(rule("At least 8 characters")).toHaveAttribute("data-passed", "false")
  await expect(rule("At least one lowercase letter")).toHaveAttribute("data-passed", "true")
  await expect(rule("At least one uppercase letter")).toHaveAttribute("data-passed", "false")
  await expect(rule("At least one number (0-9)")).toHaveAttribute("data-passed", "false")
  await dialog.getByRole("textbox", { name: "New password", exact: true }).fill(STRONG_PASSWORD)
  for (const name of [
    "At least 8 characters",
    "At least one uppercase letter",
    "At least one number (0-9)"
  ]) {
    await expect(rule(name)).toHaveAttribute("data-passed", "true")
  }
  await expect(save).toBeDisabled()
  await dialog.getByRole("textbox", { name: "Confirm new password" }).fill(STRONG_PASSWORD)
  await expect(save).toBeEnabled()
  await save.click()

  // every session ended with the change: back to sign-in, then in with the new password
  await expect(page).toHaveURL(/\/sign-in/)
  await expect(page.getByText("Your password was changed. Sign in with your new password.")).toBeVisible()
  await signIn(page, { ...demo, password: STRONG_PASSWORD })
  await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible()
  await expect(page.getByRole("dialog")).toHaveCount(0)
  // an Admin of weevio sees 000's User Management
  await expect(page.getByRole("link", { name: "User Management" })).toBeVisible()
  await expectAccessible(page, "the home page")
})
