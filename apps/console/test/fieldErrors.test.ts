import { GatehouseProblem } from "@gatehouse/client"
import type { TFunction } from "i18next"
import { describe, expect, it, vi } from "vitest"

const shown: Array<string> = []
vi.mock("../src/lib/notify.ts", () => ({ notify: (_: string, message: string) => shown.push(message) }))
const { showProblem } = await import("../src/features/settings/fieldErrors.ts")

const t = ((key: string) => key) as unknown as TFunction
const validation = (errors: ReadonlyArray<{ path: string; message: string }>) =>
  new GatehouseProblem({ code: "VALIDATION", status: 400, title: "Invalid", detail: "Invalid input", errors })

describe("a settings form's problem", () => {
  it("puts each field error next to its field, nested paths included, and notifies nothing", () => {
    shown.length = 0
    const placed: Record<string, string> = {}
    showProblem(
      validation([
        { path: "tagFormats.customerCode", message: "Needs fixed text" },
        { path: "accessToken", message: "Required" },
        { path: "preset", message: "Expected product or nist" }
      ]),
      ["accessToken", "tagFormats.customerCode"],
      (path, message) => {
        placed[path] = message
      },
      t
    )
    expect(placed).toEqual({ "tagFormats.customerCode": "Needs fixed text", accessToken: "Required" })
    expect(shown).toEqual([])
  })

  it("a problem about no field of the form is a notification with its detail", () => {
    shown.length = 0
    const placed: Array<string> = []
    showProblem(validation([{ path: "other", message: "x" }]), ["accessToken"], (p) => placed.push(p), t)
    expect(placed).toEqual([])
    expect(shown).toEqual(["Invalid input"])
  })
})
