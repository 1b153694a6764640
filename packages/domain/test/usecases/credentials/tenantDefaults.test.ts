import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  getExternalCredentialSettings,
  getMyExternalCredentials,
  PutVerifyUrlInput,
  platformActor,
  putExternalCredentialSettings,
  putMyExternalCredentials,
  requireExternalCredentials,
  setExternalCredentialsVerifyUrl
} from "@gatehouse/domain"
import { Effect, Redacted, Schema } from "effect"
import { LOCKED_MESSAGE, pims, provideWithVerifier, staffTenant } from "./fixtures.ts"

const defaults = { username: "shared", password: Redacted.make("shared-secret") }

describe("tenant settings and default credentials", () => {
  it.effect("default credentials lock users' own fields with the exact message; clearing them unlocks", () =>
    Effect.gen(function* () {
      const { adminActor, staffActor } = yield* staffTenant
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "own"))
      yield* putExternalCredentialSettings(adminActor, "pims", { defaultCredentials: defaults })

      const locked = yield* Effect.flip(putMyExternalCredentials(staffActor, "pims", pims("jdoe", "new")))
      assert.strictEqual(locked._tag, "CredentialsLocked")
      if (locked._tag === "CredentialsLocked") assert.strictEqual(locked.message, LOCKED_MESSAGE)
      const mine = yield* getMyExternalCredentials(staffActor, "pims")
      assert.isTrue(mine.locked)
      assert.strictEqual(mine.message, LOCKED_MESSAGE)

      // features work with the tenant's defaults while they are set
      const inUse = yield* requireExternalCredentials(staffActor, "pims", "orders")
      assert.strictEqual(inUse.source, "tenantDefault")
      assert.strictEqual(inUse.username, "shared")
      assert.strictEqual(Redacted.value(inUse.password), "shared-secret")

      yield* putExternalCredentialSettings(adminActor, "pims", { defaultCredentials: null })
      assert.isFalse((yield* getMyExternalCredentials(staffActor, "pims")).locked)
      const own = yield* requireExternalCredentials(staffActor, "pims", "orders")
      assert.strictEqual(own.source, "own")
      assert.strictEqual(Redacted.value(own.password), "own")
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "new"))
    }).pipe(provideWithVerifier)
  )

  it.effect("the default password is write-only: settings show its username, never the password", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* staffTenant
      yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", {
        verifyUrl: "https://pims.example.com/verify?key=abc"
      })
      const written = yield* putExternalCredentialSettings(adminActor, "pims", {
        defaultCredentials: defaults
      })
      const read = yield* getExternalCredentialSettings(adminActor, "pims")
      assert.deepStrictEqual(read, written)
      assert.deepStrictEqual(read, {
        system: "pims",
        verifyUrl: "https://pims.example.com/verify?key=abc",
        defaultCredentials: { username: "shared" }
      })
      // omitted fields stay as they were
      yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", { verifyUrl: null })
      assert.deepStrictEqual((yield* getExternalCredentialSettings(adminActor, "pims")).defaultCredentials, {
        username: "shared"
      })
      const audit = JSON.stringify((yield* (yield* AuditLog).query(tenant.id, { limit: 100 })).items)
      assert.notInclude(audit, "shared-secret")
      assert.notInclude(audit, "key=abc")
    }).pipe(provideWithVerifier)
  )

  it.effect("settings need settings:manage", () =>
    Effect.gen(function* () {
      const { staffActor } = yield* staffTenant
      const read = yield* Effect.flip(getExternalCredentialSettings(staffActor, "pims"))
      assert.strictEqual(read._tag, "Forbidden")
      const write = yield* Effect.flip(
        putExternalCredentialSettings(staffActor, "pims", { defaultCredentials: defaults })
      )
      assert.strictEqual(write._tag, "Forbidden")
    }).pipe(provideWithVerifier)
  )

  it("a verify URL must be http(s) without embedded credentials", () => {
    const decode = Schema.decodeUnknownExit(PutVerifyUrlInput)
    for (const url of ["https://pims.example.com/verify", "http://10.0.0.5:8080/check"]) {
      assert.isTrue(decode({ verifyUrl: url })._tag === "Success", url)
    }
    for (const url of [
      "ftp://pims.example.com",
      "javascript:alert(1)",
      "https://u:p@pims.example.com",
      "pims",
      ""
    ]) {
      assert.isTrue(decode({ verifyUrl: url })._tag === "Failure", url)
    }
  })
})

describe("requireExternalCredentials", () => {
  it.effect(
    "fails with the exact reason per feature when neither the user nor the tenant has credentials",
    () =>
      Effect.gen(function* () {
        const { staffActor } = yield* staffTenant
        const orders = yield* Effect.flip(requireExternalCredentials(staffActor, "pims", "orders"))
        assert.strictEqual(orders._tag, "ExternalCredentialsRequired")
        if (orders._tag === "ExternalCredentialsRequired") {
          assert.strictEqual(orders.reason, "To access Orders and SROs, sign in to PIMS.")
        }
        const dashboard = yield* Effect.flip(requireExternalCredentials(staffActor, "pims", "dashboard"))
        if (dashboard._tag !== "ExternalCredentialsRequired") assert.fail(dashboard._tag)
        else assert.strictEqual(dashboard.reason, "To access the home dashboard, sign in to PIMS.")
      }).pipe(provideWithVerifier)
  )

  it.effect("the user's own saved (not yet verified) credentials are enough", () =>
    Effect.gen(function* () {
      const { staffActor } = yield* staffTenant
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "own-pw"))
      const inUse = yield* requireExternalCredentials(staffActor, "pims", "dashboard")
      assert.deepStrictEqual(
        [inUse.source, inUse.username, Redacted.value(inUse.password)],
        ["own", "jdoe", "own-pw"]
      )
    }).pipe(provideWithVerifier)
  )
})
