import { assert, describe, it } from "@effect/vitest"
import { getUser, putMyExternalCredentials } from "@gatehouse/domain"
import { Effect } from "effect"
import { pims, provideWithVerifier, staffTenant } from "./fixtures.ts"

describe("user details show the presence of external credentials", () => {
  it.effect("absent, then saved with its username: never the password", () =>
    Effect.gen(function* () {
      const { adminActor, staff, staffActor } = yield* staffTenant
      const before = yield* getUser(adminActor, staff.id)
      assert.deepStrictEqual(before.externalCredentials, [
        { system: "pims", present: false, username: null, status: null }
      ])
      yield* putMyExternalCredentials(staffActor, "pims", pims("jsmith", "S3cret-pims"))
      const after = yield* getUser(adminActor, staff.id)
      assert.deepStrictEqual(after.externalCredentials, [
        { system: "pims", present: true, username: "jsmith", status: "saved" }
      ])
      assert.notInclude(JSON.stringify(after), "S3cret-pims")
    }).pipe(provideWithVerifier)
  )
})
