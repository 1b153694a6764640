import { describe, expect, it } from "vitest"
import { visibleNav } from "../src/app/navigation.ts"

describe("permission-aware navigation", () => {
  it("a user without users:read sees no administration", () => {
    const nav = visibleNav(["users:write"])
    expect(nav.admin).toEqual([])
    expect(nav.main.map((item) => item.to)).toEqual(["/"])
  })

  it("users:read shows the users page under administration", () => {
    expect(visibleNav(["users:read"]).admin.map((item) => item.to)).toEqual(["/users"])
  })

  it("settings show only with settings:manage; PIMS only where the preset keeps PIMS credentials; webhooks for every preset", () => {
    expect(visibleNav(["users:read", "audit:read"], "weevio").settings).toEqual([])
    expect(visibleNav(["settings:manage"], "weevio").settings.map((item) => item.to)).toEqual([
      "/settings/password-policy",
      "/settings/shopify",
      "/settings/pims",
      "/settings/account-recovery",
      "/settings/webhooks"
    ])
    expect(visibleNav(["settings:manage"], "wetrack").settings.map((item) => item.to)).not.toContain(
      "/settings/pims"
    )
  })

  it("the audit log shows only with audit:read", () => {
    expect(visibleNav(["users:read"], "wetrack").admin.map((item) => item.to)).not.toContain("/audit")
    expect(visibleNav(["audit:read"], "wetrack").admin.map((item) => item.to)).toEqual(["/audit"])
  })

  it("Memberships (003's Admin -> Memberships) shows with members:read where the product has the page", () => {
    const admin = (permissions: ReadonlyArray<string>, preset: "weavestream" | "weevio") =>
      visibleNav(permissions, preset).admin.map((item) => item.to)
    expect(admin(["users:read", "members:read"], "weavestream")).toContain("/memberships")
    // users:read alone does not read memberships tenant-wide
    expect(admin(["users:read"], "weavestream")).not.toContain("/memberships")
    expect(admin(["users:read", "members:read"], "weevio")).not.toContain("/memberships")
  })
})
