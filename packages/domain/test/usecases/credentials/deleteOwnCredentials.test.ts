import { assert, describe, it } from "@effect/vitest"
import {
  deleteMyExternalCredentials,
  ExternalCredentialRepository,
  getMyExternalCredentials,
  getUserExternalCredentials,
  putExternalCredentialSettings,
  putMyExternalCredentials,
  type TenantId
} from "@gatehouse/domain"
import { MemoryStore, memory } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { pims, provideWithVerifier, staffTenant } from "./fixtures.ts"

const actionsOf = (tenantId: TenantId) =>
  Effect.map(
    Effect.flatMap(MemoryStore, (store) => store.snapshot),
    (state) =>
      state
        .get(memory.tables.Audit)
        .filter((e) => e.tenantId === tenantId)
        .map((e) => [e.action, e.details] as const)
  )

describe("deleting one's own external credentials", () => {
  it.effect("removes the stored login (the admin sees none), audited without username nor password", () =>
    Effect.gen(function* () {
      const { tenant, staff, staffActor, adminActor } = yield* staffTenant
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "pims-secret-1"))
      assert.isTrue(yield* deleteMyExternalCredentials(staffActor, "pims"))
      assert.isTrue(
        Option.isNone(yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims"))
      )
      const mine = yield* getMyExternalCredentials(staffActor, "pims")
      assert.deepStrictEqual([mine.present, mine.username, mine.status], [false, null, null])
      assert.isFalse((yield* getUserExternalCredentials(adminActor, staff.id, "pims")).present)
      const deleted = (yield* actionsOf(tenant.id)).filter(
        ([action]) => action === "external_credentials.deleted"
      )
      assert.deepStrictEqual(deleted, [["external_credentials.deleted", { system: "pims", status: "saved" }]])
      assert.notInclude(JSON.stringify(yield* actionsOf(tenant.id)), "jdoe")
    }).pipe(provideWithVerifier)
  )

  it.effect("nothing stored: no change, false, no audit event", () =>
    Effect.gen(function* () {
      const { tenant, staffActor } = yield* staffTenant
      assert.isFalse(yield* deleteMyExternalCredentials(staffActor, "pims"))
      const deleted = (yield* actionsOf(tenant.id)).filter(
        ([action]) => action === "external_credentials.deleted"
      )
      assert.deepStrictEqual(deleted, [])
    }).pipe(provideWithVerifier)
  )

  it.effect("only one's own: another user's credentials stay", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor, staffActor } = yield* staffTenant
      yield* putMyExternalCredentials(adminActor, "pims", pims("boss", "boss-secret"))
      assert.isFalse(yield* deleteMyExternalCredentials(staffActor, "pims"))
      assert.isTrue(
        Option.isSome(yield* (yield* ExternalCredentialRepository).find(tenant.id, admin.id, "pims"))
      )
    }).pipe(provideWithVerifier)
  )

  it.effect("an unknown system is refused; while the tenant's defaults lock the fields, so is deleting", () =>
    Effect.gen(function* () {
      const { tenant, staff, staffActor, adminActor } = yield* staffTenant
      assert.strictEqual(
        (yield* Effect.flip(deleteMyExternalCredentials(staffActor, "nope")))._tag,
        "ExternalSystemNotFound"
      )
      yield* putMyExternalCredentials(staffActor, "pims", pims("jdoe", "own"))
      yield* putExternalCredentialSettings(adminActor, "pims", {
        defaultCredentials: { username: "shared", password: Redacted.make("shared-secret") }
      })
      assert.strictEqual(
        (yield* Effect.flip(deleteMyExternalCredentials(staffActor, "pims")))._tag,
        "CredentialsLocked"
      )
      assert.isTrue(
        Option.isSome(yield* (yield* ExternalCredentialRepository).find(tenant.id, staff.id, "pims"))
      )
    }).pipe(provideWithVerifier)
  )
})
