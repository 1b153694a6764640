import { assert, describe, it } from "@effect/vitest"
import {
  type BootstrapTenantInput,
  bootstrapTenant,
  PasswordHasher,
  platformActor,
  type TenantSlug
} from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { email, provide, snapshot } from "../memberships/support.ts"

const STRONG = "correct-horse-battery-staple-42"

const input = (password: string, slug = "demo"): BootstrapTenantInput => ({
  slug: slug as TenantSlug,
  name: "Demo Company",
  preset: "weavestream",
  admin: {
    email: email("operator@example.com"),
    firstName: "Olive",
    lastName: "Operator",
    password: Redacted.make(password)
  }
})

describe("bootstrapTenant", () => {
  it.effect("creates an ACTIVE admin with the operator's password and no forced change", () =>
    Effect.gen(function* () {
      const result = yield* bootstrapTenant(platformActor, input(STRONG))
      if (!result.created) return assert.fail("expected the tenant to be created")
      assert.strictEqual(result.tenant.slug, "demo")
      assert.strictEqual(result.admin.status, "active")
      assert.isFalse(result.admin.mustChangePassword)
      assert.strictEqual(result.admin.role, "SUPER_ADMIN")
      const verified = yield* (yield* PasswordHasher).verify(
        result.admin.passwordHash ?? "",
        Redacted.make(STRONG)
      )
      assert.isTrue(verified.valid)
      const actions = (yield* snapshot)
        .get(memory.tables.Audit)
        .map((e) => e.action)
        .sort()
      assert.deepStrictEqual(actions, ["tenant.created", "user.created"])
    }).pipe(provide)
  )

  it.effect("is idempotent: a second start returns the existing tenant and writes nothing", () =>
    Effect.gen(function* () {
      const first = yield* bootstrapTenant(platformActor, input(STRONG))
      const before = yield* snapshot
      const second = yield* bootstrapTenant(platformActor, input("another-long-passphrase-77"))
      assert.isFalse(second.created)
      assert.strictEqual(second.tenant.id, first.tenant.id)
      assert.deepStrictEqual(yield* snapshot, before)
      // Even a password the policy refuses does nothing once the tenant exists.
      const third = yield* bootstrapTenant(platformActor, input("short"))
      assert.isFalse(third.created)
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("two nodes starting at once create one tenant and both get it", () =>
    Effect.gen(function* () {
      const results = yield* Effect.all(
        [bootstrapTenant(platformActor, input(STRONG)), bootstrapTenant(platformActor, input(STRONG))],
        { concurrency: 2 }
      )
      assert.deepStrictEqual(results.map((r) => r.created).sort(), [false, true])
      assert.strictEqual(results[0].tenant.id, results[1].tenant.id)
      assert.strictEqual((yield* snapshot).get(memory.tables.Tenants).size, 1)
    }).pipe(provide)
  )

  it.effect("an existing tenant created otherwise is returned as is", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ slug: "taken" as TenantSlug })
      const result = yield* bootstrapTenant(platformActor, input(STRONG, "taken"))
      assert.isFalse(result.created)
      assert.strictEqual(result.tenant.id, tenant.id)
    }).pipe(provide)
  )

  it.effect("checks the operator's password against the preset's policy", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(bootstrapTenant(platformActor, input("short")))
      assert.strictEqual(error._tag, "PasswordPolicyViolation")
      if (error._tag === "PasswordPolicyViolation") {
        assert.isTrue(error.failures.some((f) => f.rule === "minLength"))
      }
      assert.strictEqual((yield* snapshot).get(memory.tables.Tenants).size, 0)
    }).pipe(provide)
  )

  it.effect("only the platform bootstraps", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const error = yield* Effect.flip(bootstrapTenant(adminActor, input(STRONG, "other")))
      assert.strictEqual(error._tag, "Forbidden")
    }).pipe(provide)
  )
})
