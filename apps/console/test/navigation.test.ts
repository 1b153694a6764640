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
})
