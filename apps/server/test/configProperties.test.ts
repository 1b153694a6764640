import { ConfigError, type Env, loadConfig } from "@gatehouse/server"
import fc from "fast-check"
import { describe, expect, it } from "vitest"

const problemLines = (env: Env): ReadonlyArray<string> => {
  try {
    loadConfig(env)
    return []
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return error.message.split("\n")
  }
}

// "§" appears in no message: a value holding it can only show up in a line by being echoed.
const secretLike = fc.string({ minLength: 1, maxLength: 60 }).map((s) => `§${s}§`)

const SECRET_VARIABLES = [
  "DATABASE_URL",
  "GATEHOUSE_SECRET_KEY",
  "GATEHOUSE_PLATFORM_TOKEN",
  "SMTP_URL",
  "GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD"
]

describe("configuration properties", () => {
  it("PORT: every integer 0-65535 is accepted as itself, anything else is one PORT line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
        expect(loadConfig({ PORT: String(port) }).port).toBe(port)
      })
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 65536, max: 10_000_000 }).map(String),
          fc.integer({ min: -100_000, max: -1 }).map(String),
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== "" && !/^[0-9]+$/u.test(s))
        ),
        (text) => {
          const lines = problemLines({ PORT: text })
          expect(lines).toHaveLength(1)
          expect(lines[0]).toMatch(/^PORT: /)
        }
      )
    )
  })

  it("no problem line ever contains the value of a secret-bearing variable", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SECRET_VARIABLES), secretLike, (variable, value) => {
        const env: Env =
          variable === "GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD"
            ? { [variable]: value, GATEHOUSE_BOOTSTRAP_TENANT: "Bad Slug" }
            : { [variable]: value }
        const message = problemLines(env).join("\n")
        expect(message).not.toContain("§")
      }),
      { numRuns: 1000 }
    )
  })

  it("every problem line names one known variable, and a variable never gets two lines", () => {
    const variables = [
      "PORT",
      "HOST",
      "DATABASE_URL",
      "GATEHOUSE_PUBLIC_URL",
      "GATEHOUSE_LOG_LEVEL",
      "SMTP_URL",
      "GATEHOUSE_SECRET_KEY"
    ]
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...variables), fc.string({ maxLength: 20 })), (env) => {
        const named = problemLines(env).map((line) => line.slice(0, line.indexOf(":")))
        for (const name of named) expect(variables).toContain(name)
        expect(new Set(named).size).toBe(named.length)
      }),
      { numRuns: 300 }
    )
  })
})
