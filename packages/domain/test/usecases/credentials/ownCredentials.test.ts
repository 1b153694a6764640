import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  ExternalCredentialRepository,
  externalCredentialAad,
  getMyExternalCredentials,
  getUserExternalCredentials,
  platformActor,
  putMyExternalCredentials,
  SecretBox,
  setExternalCredentialsVerifyUrl,
  userActor
} from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { pims, provideWithVerifier, staffTenant } from "./fixtures.ts"

const { FakeCredentialsVerifier, accepting } = memory.CredentialsVerifier
const VERIFY_URL = "https://pims.example.com/api/verify"

describe("a user's own external credentials", () => {
  it.effect("saved without validation; the password is stored sealed and bound to its row", () =>
    Effect.gen(function* () {
      const { tenant, staff, staffActor, admin } = yield* staffTenant
      const saved = yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pims-secret-1"))
      assert.deepStrictEqual(saved, { status: "saved" })
      const mine = yield* getMyExternalCredentials(staffActor, "pims")
      assert.strictEqual(mine.present, true)
      assert.strictEqual(mine.username, "jdoe")
      assert.strictEqual(mine.status, "saved")
      assert.isFalse(mine.locked)
      assert.notInclude(JSON.stringify(mine), "pims-secret-1")

      const row = Option.getOrThrow(
        yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims")
      )
      assert.notInclude(row.sealedPassword, "pims-secret-1")
      const box = yield* SecretBox
      const opened = yield* box.open(row.sealedPassword, externalCredentialAad(tenant.id, staff.id, "pims"))
      assert.strictEqual(Redacted.value(opened), "pims-secret-1")
      // copied onto another user's row, the sealed password does not open
      const elsewhere = yield* Effect.flip(
        box.open(row.sealedPassword, externalCredentialAad(tenant.id, admin.id, "pims"))
      )
      assert.strictEqual(elsewhere._tag, "SecretBoxError")
    }).pipe(provideWithVerifier)
  )

  it.effect("validated and accepted: connected; the verifier is asked at the tenant's configured URL", () =>
    Effect.gen(function* () {
      const { tenant, staffActor } = yield* staffTenant
      yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", { verifyUrl: VERIFY_URL })
      const fake = yield* FakeCredentialsVerifier
      yield* fake.answer(accepting("jdoe", "right"))
      const result = yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "right", true))
      assert.deepStrictEqual(result, { status: "connected" })
      const received = yield* fake.received
      assert.lengthOf(received, 1)
      assert.strictEqual(received[0]!.url, VERIFY_URL)
      assert.strictEqual(received[0]!.system, "pims")
      assert.strictEqual((yield* getMyExternalCredentials(staffActor, "pims")).status, "connected")

      // status transitions: new credentials saved without validation are no longer "connected"
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "changed"))
      assert.strictEqual((yield* getMyExternalCredentials(staffActor, "pims")).status, "saved")
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "right", true))
      assert.strictEqual((yield* getMyExternalCredentials(staffActor, "pims")).status, "connected")
    }).pipe(provideWithVerifier)
  )

  it.effect(
    "refused by the system: CredentialsInvalid and nothing stored, earlier credentials untouched",
    () =>
      Effect.gen(function* () {
        const { tenant, staff, staffActor } = yield* staffTenant
        yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", { verifyUrl: VERIFY_URL })
        const fake = yield* FakeCredentialsVerifier
        yield* fake.answer(accepting("jdoe", "right"))
        yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "right", true))
        const before = yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims")

        const invalid = yield* Effect.flip(
          putMyExternalCredentials(staffActor, "pims", pims("jdoe", "wrong", true))
        )
        assert.strictEqual(invalid._tag, "CredentialsInvalid")
        const after = yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims")
        assert.deepStrictEqual(after, before)

        // and for a first attempt there is still nothing at all
        const { staffActor: other, staff: otherUser } = yield* staffTenant
        yield* Effect.flip(putMyExternalCredentials(other, "pims", pims("x", "y", true)))
        assert.isFalse((yield* getMyExternalCredentials(other, "pims")).present)
        assert.isTrue(
          Option.isNone(
            yield* (yield* ExternalCredentialRepository).find(otherUser.tenantId, otherUser.id, "pims")
          )
        )
      }).pipe(provideWithVerifier)
  )

  it.effect(
    "no verify URL: VerifierNotConfigured; system unavailable: VerifierUnavailable; nothing stored",
    () =>
      Effect.gen(function* () {
        const { tenant, staffActor } = yield* staffTenant
        const noUrl = yield* Effect.flip(
          putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pw", true))
        )
        assert.strictEqual(noUrl._tag, "VerifierNotConfigured")
        yield* setExternalCredentialsVerifyUrl(platformActor, tenant.slug, "pims", { verifyUrl: VERIFY_URL })
        yield* (yield* FakeCredentialsVerifier).answer("unavailable")
        const down = yield* Effect.flip(
          putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pw", true))
        )
        assert.strictEqual(down._tag, "VerifierUnavailable")
        assert.isFalse((yield* getMyExternalCredentials(staffActor, "pims")).present)
        // saving without validation still works while the system is down
        const saved = yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pw"))
        assert.strictEqual(saved.status, "saved")
      }).pipe(provideWithVerifier)
  )

  it.effect("only the owner writes: whoever calls, the row written is the caller's own", () =>
    Effect.gen(function* () {
      const { tenant, admin, staff, adminActor, staffActor } = yield* staffTenant
      yield* putMyExternalCredentials(staffActor, "pims", pims("staff-login", "staff-pw"))
      // an admin (every permission) writing "PIMS credentials" writes their own, never the staff member's
      yield* putMyExternalCredentials(adminActor, "pims", {
        ...pims("admin-login", "admin-pw"),
        ...({ userId: staff.id } as object)
      })
      const repository = yield* ExternalCredentialRepository
      assert.strictEqual(
        Option.getOrThrow(yield* repository.find(tenant.id, staff.id, "pims")).username,
        "staff-login"
      )
      assert.strictEqual(
        Option.getOrThrow(yield* repository.find(tenant.id, admin.id, "pims")).username,
        "admin-login"
      )
      // a restricted session cannot write anything
      const restricted = yield* Effect.flip(
        putMyExternalCredentials(userActor(tenant.id, staff.id, "password_change"), "pims", pims("a", "b"))
      )
      assert.strictEqual(restricted._tag, "Forbidden")
    }).pipe(provideWithVerifier)
  )

  it.effect("admins see presence, username and status, never the password", () =>
    Effect.gen(function* () {
      const { tenant, staff, adminActor, staffActor } = yield* staffTenant
      const none = yield* getUserExternalCredentials(adminActor, staff.id, "pims")
      assert.isFalse(none.present)
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pims-secret-2"))
      const view = yield* getUserExternalCredentials(adminActor, staff.id, "pims")
      assert.deepStrictEqual(Object.keys(view).sort(), [
        "present",
        "status",
        "system",
        "updatedAt",
        "username"
      ])
      assert.strictEqual(view.username, "jdoe")
      assert.strictEqual(view.status, "saved")
      const row = Option.getOrThrow(
        yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims")
      )
      assert.notInclude(JSON.stringify(view), "pims-secret-2")
      assert.notInclude(JSON.stringify(view), row.sealedPassword)
      const audit = yield* (yield* AuditLog).query(tenant.id, { limit: 100 })
      assert.notInclude(JSON.stringify(audit.items), "pims-secret-2")
      assert.include(
        audit.items.map((e) => e.action),
        "external_credentials.saved"
      )
    }).pipe(provideWithVerifier)
  )

  it.effect("reading another user's credentials needs users:read; another tenant's user is not found", () =>
    Effect.gen(function* () {
      const { admin, adminActor, staffActor } = yield* staffTenant
      const forbidden = yield* Effect.flip(getUserExternalCredentials(staffActor, admin.id, "pims"))
      assert.strictEqual(forbidden._tag, "Forbidden")
      const other = yield* staffTenant
      const notFound = yield* Effect.flip(getUserExternalCredentials(adminActor, other.staff.id, "pims"))
      assert.strictEqual(notFound._tag, "UserNotFound")
    }).pipe(provideWithVerifier)
  )

  it.effect("a tenant whose preset keeps no credentials for the system: ExternalSystemNotFound", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant({ preset: "wetrack" })
      const error = yield* Effect.flip(putMyExternalCredentials(adminActor, "pims", pims("a", "b")))
      assert.strictEqual(error._tag, "ExternalSystemNotFound")
      const { staffActor } = yield* staffTenant
      const unknown = yield* Effect.flip(getMyExternalCredentials(staffActor, "sap"))
      assert.strictEqual(unknown._tag, "ExternalSystemNotFound")
    }).pipe(provideWithVerifier)
  )
})
