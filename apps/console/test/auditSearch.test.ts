import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { apiQueryOf, auditSearch } from "../src/features/audit/search.ts"

describe("the audit log's filters", () => {
  it("keeps the known, non-empty filters and well-formed days from the URL", () => {
    expect(
      auditSearch({ actor: "a", target: "", action: "user.created", from: "2026-12-01", to: "soon", x: "y" })
    ).toEqual({ actor: "a", action: "user.created", from: "2026-12-01" })
  })

  it("asks the API for whole days: from the start of the first to the start of the day after the last", () => {
    const query = apiQueryOf({ from: "2026-12-01", to: "2026-12-01" })
    const from = new Date(query.from ?? "")
    const before = new Date(query.before ?? "")
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([2026, 11, 1, 0])
    expect([before.getFullYear(), before.getMonth(), before.getDate(), before.getHours()]).toEqual([
      2026, 11, 2, 0
    ])
    expect(apiQueryOf({ actor: "u" })).toEqual({ actor: "u" })
  })

  it("any day's window holds every instant of that day and none of the next (month and year ends too)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }),
        (at) => {
          const pad = (n: number) => String(n).padStart(2, "0")
          const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
          const { from, before } = apiQueryOf({ from: day, to: day })
          expect(Date.parse(from ?? "")).toBeLessThanOrEqual(at.getTime())
          expect(Date.parse(before ?? "")).toBeGreaterThan(at.getTime())
          expect(new Date(before ?? "").getDate()).not.toBe(at.getDate())
        }
      )
    )
  })
})
