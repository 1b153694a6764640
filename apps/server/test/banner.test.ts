import { readFileSync } from "node:fs"
import type { Email, Tenant } from "@gatehouse/domain"
import { type FirstStart, firstStartBanner } from "@gatehouse/server"
import { Redacted } from "effect"
import { describe, expect, it } from "vitest"

const BASE = "http://127.0.0.1:3000"
const tenant = { slug: "demo" } as unknown as Tenant
const demo: FirstStart = {
  _tag: "Demo",
  tenant,
  email: "admin@example.com" as Email,
  password: Redacted.make("thB2AyvW")
}

/** The banner's lines between its two rules. */
const body = (banner: string | undefined): Array<string> => {
  const lines = (banner ?? "").split("\n").filter((line) => line !== "")
  expect(lines[0]).toMatch(/^=+$/)
  expect(lines.at(-1)).toBe(lines[0])
  return lines.slice(1, -1)
}

describe("the first-start banner", () => {
  it("leads with the console's URL, then the credentials to type into it, then the API docs", () => {
    expect(body(firstStartBanner(demo, BASE))).toEqual([
      "Open the console: http://127.0.0.1:3000",
      "Sign in as the demo tenant's admin (shown ONCE, nowhere else):",
      "  tenant:   demo",
      "  email:    admin@example.com",
      "  password: thB2AyvW   (temporary: you choose your own at first sign-in)",
      "API docs: http://127.0.0.1:3000/docs (the OpenAPI document: /openapi.json)"
    ])
  })

  it("without a built console, points at the API's login instead", () => {
    const lines = body(firstStartBanner(demo, BASE, false))
    expect(lines[0]).toContain("No built console")
    expect(lines[0]).toContain("POST http://127.0.0.1:3000/v1/auth/login")
    expect(lines).toContain("  password: thB2AyvW   (temporary: you choose your own at first sign-in)")
  })

  it("names a scripted tenant, and the variable holding an operator-chosen password", () => {
    const lines = body(
      firstStartBanner(
        {
          _tag: "Bootstrapped",
          tenant: { slug: "acme" } as unknown as Tenant,
          email: "o@acme.test" as Email,
          password: undefined
        },
        BASE
      )
    )
    expect(lines[0]).toBe("Open the console: http://127.0.0.1:3000")
    expect(lines[1]).toContain('"acme"')
    expect(lines).toContain("  tenant:   acme")
    expect(lines).toContain("  password: the one in GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD")
  })

  it("is not printed when the start wrote nothing", () => {
    expect(firstStartBanner({ _tag: "Nothing" }, BASE)).toBeUndefined()
  })
})

describe("the README's sample banner", () => {
  it("is what a first start prints", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
    const sample = /```text\n(=+\nOpen the console:[^`]*?)```/u.exec(readme)?.[1]
    expect(sample).toBeDefined()
    expect(`\n${sample}`).toBe(firstStartBanner(demo, BASE))
  })
})
