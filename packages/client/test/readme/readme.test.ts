import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { changeFirstPassword, makeApp, newTenant, type TestApp } from "../support/app.ts"
import { activeAdmins } from "./example.ts"

const readme = readFileSync(join(import.meta.dirname, "../../../../README.md"), "utf8")
const example = readFileSync(join(import.meta.dirname, "example.ts"), "utf8")

describe("the README's @gatehouse/client example", () => {
  let harness: TestApp
  let baseUrl: string

  beforeAll(async () => {
    harness = await makeApp()
    baseUrl = await harness.app.listen({ host: "127.0.0.1", port: 0 })
  })
  afterAll(() => harness.close())

  it("is this file, verbatim", () => {
    expect(readme).toContain(example.trim())
  })

  it("runs against a listening server: the tenant's active admins", async () => {
    const tenant = await changeFirstPassword(harness.app, await newTenant(harness.app, "readme-client"))
    expect(await activeAdmins(baseUrl, tenant.slug, tenant.email, tenant.password)).toEqual([tenant.email])
  })

  it("turns a wrong password into the thrown problem", async () => {
    const tenant = await newTenant(harness.app, "readme-wrong")
    await expect(activeAdmins(baseUrl, tenant.slug, tenant.email, "not-the-password")).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
      status: 401
    })
  })
})
