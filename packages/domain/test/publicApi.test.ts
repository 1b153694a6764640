import { readFileSync, writeFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Domain from "../src/index.ts"

// The reviewed list of exported values, one per line. After a deliberate change of the public API:
// UPDATE_API_REPORT=1 npx vitest run test/publicApi.test.ts, and review the diff of public-api.txt.
const REPORT = new URL("../public-api.txt", import.meta.url)

const exported = Object.keys(Domain).sort()

describe("the public API of @gatehouse/domain", () => {
  it("exports exactly the values listed in public-api.txt", () => {
    if (process.env.UPDATE_API_REPORT === "1") writeFileSync(REPORT, `${exported.join("\n")}\n`)
    const reviewed = readFileSync(REPORT, "utf8").trim().split("\n")
    assert.deepStrictEqual(exported, reviewed)
  })

  it("keeps the use cases' building blocks inside", () => {
    for (const inside of [
      "transactional",
      "audit",
      "appendChangeEvent",
      "newUuid",
      "now",
      "reserveAttempt",
      "issueSession",
      "requirePermission",
      "decodeInput",
      "constantTimeEqual"
    ]) {
      assert.notInclude(exported, inside)
    }
  })

  it("exports the use cases an embedding team calls, with their inputs", () => {
    for (const useCase of ["createUser", "login", "addMember", "requestPasswordReset", "createWebhook"]) {
      assert.include(exported, useCase)
      assert.isFunction((Domain as Record<string, unknown>)[useCase])
    }
    assert.include(exported, "CreateUserInput")
  })
})
