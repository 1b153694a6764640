import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { adminSession, createTenant } from "../support/api.ts"
import { expectAccessible } from "../support/axe.ts"
import { pressOn, tabTo, typeInto } from "../support/keyboard.ts"
import { expect, signIn, test } from "../support/test.ts"

/** A receiver on 127.0.0.1 (the e2e server has GATEHOUSE_OUTBOUND_ALLOW=127.0.0.1): keeps what it got, answers 204. */
const startReceiver = async () => {
  const received: Array<{ readonly headers: IncomingHttpHeaders; readonly body: string }> = []
  const server = createServer((request, response) => {
    let body = ""
    request.setEncoding("utf8")
    request.on("data", (chunk: string) => {
      body += chunk
    })
    request.on("end", () => {
      received.push({ headers: request.headers, body })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return { received, url: `http://127.0.0.1:${port}/hooks`, close: () => server.close() }
}

test("Settings > Webhooks: add a webhook (its secret shown once), send a test, see it delivered", async ({
  page
}) => {
  test.setTimeout(180_000)
  const receiver = await startReceiver()
  try {
    const tenant = await createTenant("weevio", "Webhooks Inc")
    const admin = await adminSession(tenant)
    await page.goto("/sign-in")
    await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
    await page.getByRole("link", { name: "Webhooks" }).click()
    await expect(page).toHaveURL(/\/settings\/webhooks$/)
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible()
    await expect(page.getByText("No webhook yet.")).toBeVisible()
    await expectAccessible(page, "the webhooks page, empty")

    // a URL the server would not call is refused next to its field
    await page.getByRole("button", { name: "Add webhook" }).click()
    const add = page.getByRole("dialog", { name: "Add webhook" })
    await expectAccessible(page, "the Add webhook dialog")
    await add.getByRole("textbox", { name: "Endpoint URL" }).fill("https://169.254.169.254/latest")
    await add.getByRole("button", { name: "Create webhook" }).click()
    await expect(add.getByText(/non-public address/)).toBeVisible()

    await add.getByRole("textbox", { name: "Endpoint URL" }).fill(receiver.url)
    await add.getByRole("textbox", { name: "Description" }).fill("Our CRM")
    await add.getByRole("button", { name: "Create webhook" }).click()
    const secretDialog = page.getByRole("dialog", { name: "Signing secret" })
    await expect(secretDialog.getByText("it is shown once and never again")).toBeVisible()
    const secret = await secretDialog
      .getByRole("textbox", { name: "Signing secret (shown once)" })
      .inputValue()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    await expectAccessible(page, "the signing secret dialog")
    await secretDialog.getByRole("button", { name: "Done" }).click()
    await expect(secretDialog).toBeHidden()
    // never shown again
    await page.reload()
    await expect(page.getByText(secret)).toHaveCount(0)

    const webhook = page.getByRole("region", { name: receiver.url })
    await expect(webhook.getByText("Enabled")).toBeVisible()
    await webhook.getByRole("button", { name: "Send a test" }).click()
    await expect(page.getByText("Test event queued")).toBeVisible()
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0)
    const [first] = receiver.received
    expect(JSON.parse(first!.body)).toMatchObject({ type: "webhook.test" })
    expect(String(first!.headers["webhook-signature"])).toMatch(/^v1,/)

    const deliveries = webhook.getByRole("table", { name: `Deliveries of ${receiver.url}` })
    await expect
      .poll(
        async () => {
          await webhook.getByRole("button", { name: "Refresh" }).click()
          return deliveries.getByRole("row", { name: /webhook\.test/ }).textContent()
        },
        { timeout: 30_000 }
      )
      .toMatch(/Delivered/)
    await expect(deliveries.getByRole("row", { name: /webhook\.test/ })).toContainText("204")
    await expectAccessible(page, "the webhooks page with a delivery")

    // retry the delivered test: it is sent again under the same webhook-id
    await deliveries
      .getByRole("row", { name: /webhook\.test/ })
      .getByRole("button", { name: "Retry" })
      .click()
    await expect(page.getByText("Delivery queued again")).toBeVisible()
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(1)
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(first!.headers["webhook-id"])

    // rotate: a new secret, shown once
    await webhook.getByRole("button", { name: "Rotate secret" }).click()
    const rotated = page.getByRole("dialog", { name: "Signing secret" })
    const fresh = await rotated.getByRole("textbox", { name: "Signing secret (shown once)" }).inputValue()
    expect(fresh).toMatch(/^whsec_/)
    expect(fresh).not.toBe(secret)
    await rotated.getByRole("button", { name: "Done" }).click()
  } finally {
    receiver.close()
  }
})

// The Add webhook dialog with the keyboard alone: URL, two events instead of all, create, the secret read once, close.
test("Settings > Webhooks with the keyboard alone: add a webhook for two events, read its secret, close", async ({
  page
}) => {
  test.setTimeout(180_000)
  const receiver = await startReceiver()
  try {
    const tenant = await createTenant("weevio", "Webhooks Keys")
    const admin = await adminSession(tenant)
    await page.goto("/sign-in")
    await signIn(page, { tenant: tenant.slug, email: tenant.adminEmail, password: admin.password })
    await expect(page).toHaveURL(/\/$/)
    await pressOn(page, page.getByRole("link", { name: "Webhooks" }))
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible()

    const addButton = page.getByRole("button", { name: "Add webhook" })
    await pressOn(page, addButton)
    const add = page.getByRole("dialog", { name: "Add webhook" })
    await expect(add).toBeVisible()
    await typeInto(page, add.getByRole("textbox", { name: "Endpoint URL" }), receiver.url)
    // Events: Backspace takes "All events" away; each event typed, chosen with the arrow keys and Enter
    const events = add.getByRole("textbox", { name: "Events" })
    await tabTo(page, events)
    await page.keyboard.press("Backspace")
    for (const event of ["user.created", "user.deleted"]) {
      await page.keyboard.type(event)
      await page.keyboard.press("ArrowDown")
      await page.keyboard.press("Enter")
    }
    await typeInto(page, add.getByRole("textbox", { name: "Description" }), "Keyboard CRM")
    await pressOn(page, add.getByRole("button", { name: "Create webhook" }))

    // the secret, shown once: the focus is in its dialog; Tab reaches it, then Done
    const secretDialog = page.getByRole("dialog", { name: "Signing secret" })
    await expect(secretDialog.getByText("it is shown once and never again")).toBeVisible()
    const secretField = secretDialog.getByRole("textbox", { name: "Signing secret (shown once)" })
    await tabTo(page, secretField)
    expect(await secretField.inputValue()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    await expectAccessible(page, "the signing secret dialog, reached with the keyboard")
    await pressOn(page, secretDialog.getByRole("button", { name: "Done" }))
    await expect(secretDialog).toBeHidden()
    await expect(add).toBeHidden()

    const webhook = page.getByRole("region", { name: receiver.url })
    await expect(webhook).toContainText("Keyboard CRM")
    await expect(webhook).toContainText("user.created, user.deleted")
    // the focus is back on the page, on the button that started it, not lost to the document
    await expect(addButton).toBeFocused()
  } finally {
    receiver.close()
  }
})
