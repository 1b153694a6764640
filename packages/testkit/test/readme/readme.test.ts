import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { quickstart } from "./quickstart.ts"

const readme = readFileSync(join(import.meta.dirname, "../../../../README.md"), "utf8")
const example = readFileSync(join(import.meta.dirname, "quickstart.ts"), "utf8")

describe("the README's example", () => {
  it("is this file, verbatim", () => {
    expect(readme).toContain(example.trim())
  })

  it("runs: emails are normalised and generated passwords follow the preset", async () => {
    const result = await Effect.runPromise(quickstart)
    expect(result).toEqual({ email: "alice@example.com", mustChangePassword: true, passwordLength: 8 })
  })
})
