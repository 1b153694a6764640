import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  checkPasswordForActor,
  getPasswordPolicy,
  nistPolicy,
  productPolicy,
  type RoleName,
  TenantRepository,
  type UpdatePasswordPolicyInput,
  updatePasswordPolicy,
  userActor
} from "@gatehouse/domain"
import { layerMemory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Option, Redacted } from "effect"

const provide = Effect.provide(Layer.fresh(layerMemory))

const storedTenant = (id: Parameters<TenantRepository["Service"]["findById"]>[0]) =>
  Effect.flatMap(TenantRepository, (tenants) => tenants.findById(id)).pipe(Effect.map(Option.getOrThrow))

const policyEvents = (tenantId: Parameters<AuditLog["Service"]["query"]>[0]) =>
  Effect.flatMap(AuditLog, (log) =>
    log.query(tenantId, { action: "tenant.password_policy_updated", limit: 50 })
  ).pipe(Effect.map((page) => page.items))

const custom = {
  minLength: 12,
  minLengthWithMfa: 10,
  maxLength: 200,
  requireLowercase: false,
  requireUppercase: false,
  requireDigit: true,
  requireSymbol: true,
  generatedLength: 24
}

describe("getPasswordPolicy", () => {
  it.effect("any active user reads their tenant's policy, also from a password_change session", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const regular = yield* seedUser(tenant, { role: "Regular" as RoleName })
      assert.deepStrictEqual(yield* getPasswordPolicy(userActor(tenant.id, regular.id)), productPolicy)
      assert.deepStrictEqual(
        yield* getPasswordPolicy(userActor(tenant.id, regular.id, "password_change")),
        productPolicy
      )
    }).pipe(provide)
  )

  it.effect("an mfa_enrollment session, a disabled user and the platform are refused", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const disabled = yield* seedUser(tenant, { status: "disabled" })
      for (const actor of [
        userActor(tenant.id, user.id, "mfa_enrollment"),
        userActor(tenant.id, disabled.id),
        { _tag: "Platform" } as const
      ]) {
        const error = yield* Effect.flip(getPasswordPolicy(actor))
        assert.strictEqual(error._tag, "Forbidden")
      }
    }).pipe(provide)
  )
})

describe("updatePasswordPolicy", () => {
  it.effect("an admin switches to the NIST preset: stored, version bumped, audited", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const policy = yield* updatePasswordPolicy(adminActor, { preset: "nist" })
      assert.deepStrictEqual(policy, nistPolicy)
      const stored = yield* storedTenant(tenant.id)
      assert.deepStrictEqual(stored.passwordPolicy, nistPolicy)
      assert.strictEqual(stored.version, tenant.version + 1)
      const events = yield* policyEvents(tenant.id)
      assert.strictEqual(events.length, 1)
      assert.strictEqual(events[0]!.actorId, admin.id)
      assert.strictEqual(events[0]!.targetId, tenant.id)
      assert.deepStrictEqual(events[0]!.details, { before: { ...productPolicy }, after: { ...nistPolicy } })
    }).pipe(provide)
  )

  it.effect("explicit rule values are stored as a custom policy; each update bumps the version", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const policy = yield* updatePasswordPolicy(adminActor, custom)
      assert.deepStrictEqual(policy, { preset: "custom", ...custom })
      yield* updatePasswordPolicy(adminActor, { preset: "product" })
      const stored = yield* storedTenant(tenant.id)
      assert.deepStrictEqual(stored.passwordPolicy, productPolicy)
      assert.strictEqual(stored.version, tenant.version + 2)
      assert.strictEqual((yield* policyEvents(tenant.id)).length, 2)
    }).pipe(provide)
  )

  it.effect("a Regular user is Forbidden and nothing changes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const regular = yield* seedUser(tenant, { role: "Regular" as RoleName })
      const error = yield* Effect.flip(
        updatePasswordPolicy(userActor(tenant.id, regular.id), { preset: "nist" })
      )
      assert.strictEqual(error._tag, "Forbidden")
      const stored = yield* storedTenant(tenant.id)
      assert.deepStrictEqual(stored.passwordPolicy, productPolicy)
      assert.strictEqual(stored.version, tenant.version)
      assert.strictEqual((yield* policyEvents(tenant.id)).length, 0)
    }).pipe(provide)
  )

  it.effect("an admin in a password_change session is Forbidden", () =>
    Effect.gen(function* () {
      const { tenant, admin } = yield* seedTenant()
      const actor = userActor(tenant.id, admin.id, "password_change")
      const error = yield* Effect.flip(updatePasswordPolicy(actor, { preset: "nist" }))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("a bad policy (maxLength 32) is refused with the failing field, and nothing changes", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const error = yield* Effect.flip(updatePasswordPolicy(adminActor, { ...custom, maxLength: 32 }))
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag !== "InvalidInput") return
      assert.deepStrictEqual(
        error.errors.map((e) => e.path),
        ["maxLength"]
      )
      const stored = yield* storedTenant(tenant.id)
      assert.deepStrictEqual(stored.passwordPolicy, productPolicy)
      assert.strictEqual(stored.version, tenant.version)
      assert.strictEqual((yield* policyEvents(tenant.id)).length, 0)
    }).pipe(provide)
  )

  it.effect("cross-field rules: min <= max, MFA minimum <= min, generatedLength <= max", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const cases: ReadonlyArray<[UpdatePasswordPolicyInput, string]> = [
        [{ ...custom, minLength: 100, maxLength: 64, generatedLength: 20 }, "minLength"],
        [{ ...custom, minLengthWithMfa: 13 }, "minLengthWithMfa"],
        [{ ...custom, maxLength: 64, generatedLength: 65 }, "generatedLength"],
        [{ ...custom, minLength: 7 }, "minLength"]
      ]
      for (const [input, path] of cases) {
        const error = yield* Effect.flip(updatePasswordPolicy(adminActor, input))
        assert.strictEqual(error._tag, "InvalidInput")
        if (error._tag === "InvalidInput")
          assert.deepStrictEqual(
            error.errors.map((e) => e.path),
            [path]
          )
      }
    }).pipe(provide)
  )

  it.effect("unknown properties and unknown presets are refused", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const extra = { preset: "nist", minLength: 3 } as unknown as UpdatePasswordPolicyInput
      const unknownPreset = { preset: "lax" } as unknown as UpdatePasswordPolicyInput
      const missing = { minLength: 12 } as unknown as UpdatePasswordPolicyInput
      for (const input of [extra, unknownPreset, missing, { ...custom, mode: "x" }]) {
        const error = yield* Effect.flip(updatePasswordPolicy(adminActor, input))
        assert.strictEqual(error._tag, "InvalidInput", JSON.stringify(input))
      }
    }).pipe(provide)
  )

  it.effect("a stale expected version is a VersionConflict and nothing changes", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      yield* updatePasswordPolicy(adminActor, { preset: "nist" }, { expectedVersion: tenant.version })
      const error = yield* Effect.flip(
        updatePasswordPolicy(adminActor, { preset: "product" }, { expectedVersion: tenant.version })
      )
      assert.strictEqual(error._tag, "VersionConflict")
      const stored = yield* storedTenant(tenant.id)
      assert.deepStrictEqual(stored.passwordPolicy, nistPolicy)
      assert.strictEqual(stored.version, tenant.version + 1)
    }).pipe(provide)
  )
})

describe("checkPasswordForActor", () => {
  it.effect("checks against the tenant policy with the actor's own context words", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ name: "Northwind Traders" })
      const user = yield* seedUser(tenant, { firstName: "Bartholomew", email: "bart@example.com" as never })
      const actor = userActor(tenant.id, user.id)
      const named = yield* checkPasswordForActor(actor, Redacted.make("Bartholomew1"))
      assert.isFalse(named.ok)
      assert.deepStrictEqual(
        named.results.filter((r) => !r.passed).map((r) => r.rule),
        ["noContextWords"]
      )
      const tenantWord = yield* checkPasswordForActor(actor, Redacted.make("Northwind9x"))
      assert.isFalse(tenantWord.ok)
      const fine = yield* checkPasswordForActor(actor, Redacted.make("Gatehou5e"))
      assert.isTrue(fine.ok)
      // Another user's name is not a context word for this actor.
      const other = yield* seedUser(tenant, { firstName: "Cornelius" })
      assert.isTrue((yield* checkPasswordForActor(actor, Redacted.make("Cornelius9x"))).ok)
      assert.isFalse(
        (yield* checkPasswordForActor(userActor(tenant.id, other.id), Redacted.make("Cornelius9x"))).ok
      )
    }).pipe(provide)
  )

  it.effect("follows a policy change at once, and the MFA minimum applies to a user with TOTP", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const plain = yield* seedUser(tenant)
      const withTotp = yield* seedUser(tenant, { totpEnabled: true })
      const password = Redacted.make("zebra-kite")
      assert.isFalse((yield* checkPasswordForActor(userActor(tenant.id, plain.id), password)).ok)
      yield* updatePasswordPolicy(adminActor, { preset: "nist" })
      const single = yield* checkPasswordForActor(userActor(tenant.id, plain.id), password)
      assert.deepStrictEqual(
        single.results.filter((r) => !r.passed).map((r) => r.rule),
        ["minLength"]
      )
      assert.isTrue((yield* checkPasswordForActor(userActor(tenant.id, withTotp.id), password)).ok)
    }).pipe(provide)
  )

  it.effect("allowed from a password_change session, refused from mfa_enrollment", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const user = yield* seedUser(tenant, { mustChangePassword: true })
      const result = yield* checkPasswordForActor(
        userActor(tenant.id, user.id, "password_change"),
        Redacted.make("Gatehou5e")
      )
      assert.isTrue(result.ok)
      const error = yield* Effect.flip(
        checkPasswordForActor(userActor(tenant.id, user.id, "mfa_enrollment"), Redacted.make("Gatehou5e"))
      )
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )
})
