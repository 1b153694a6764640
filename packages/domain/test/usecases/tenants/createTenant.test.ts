import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  type CreateTenantInput,
  createTenant,
  enforcePassword,
  holds,
  now,
  PasswordHasher,
  type PresetName,
  permissionsOf,
  platformActor,
  presets,
  RoleRepository,
  type TenantSlug
} from "@gatehouse/domain"
import { seedTenant } from "@gatehouse/testkit"
import { Effect, Redacted } from "effect"
import { auditTrail, email, provide, snapshot } from "../memberships/support.ts"

const input = (
  slug: string,
  preset: PresetName,
  extra: Partial<CreateTenantInput> = {}
): CreateTenantInput => ({
  slug: slug as TenantSlug,
  name: `Tenant ${slug}`,
  preset,
  admin: { email: email("grace.hopper@example.com"), firstName: "Grace", lastName: "Hopper" },
  ...extra
})

const PRESETS: ReadonlyArray<PresetName> = ["weevio", "wetrack", "weavestream", "puqcloud"]

describe("createTenant", () => {
  for (const preset of PRESETS) {
    it.effect(
      `${preset}: seeds the preset's roles and an admin with a policy-conformant temporary password`,
      () =>
        Effect.gen(function* () {
          const created = yield* createTenant(platformActor, input(`acme-${preset}`, preset))
          const { tenant, admin } = created

          assert.strictEqual(tenant.preset, preset)
          assert.deepStrictEqual(tenant.passwordPolicy, presets[preset].passwordPolicy)
          const roles = yield* (yield* RoleRepository).list(tenant.id)
          assert.deepStrictEqual(
            roles.map((r) => `${r.scope}:${r.name}`).sort(),
            presets[preset].roles.map((r) => `${r.scope}:${r.name}`).sort()
          )
          assert.isTrue(roles.every((r) => r.builtIn && r.tenantId === tenant.id))

          assert.strictEqual(admin.role, presets[preset].adminRole)
          assert.strictEqual(admin.status, "active")
          assert.isTrue(admin.mustChangePassword)
          assert.isTrue(holds(yield* permissionsOf(admin, yield* now), "users:roles"))

          const password = created.generatedPassword
          if (password === undefined) return assert.fail("expected a generated password")
          yield* enforcePassword(tenant.passwordPolicy, password, {
            email: admin.email,
            firstName: admin.firstName,
            lastName: admin.lastName,
            tenantName: tenant.name
          })
          assert.isNotNull(admin.passwordHash)
          const verified = yield* (yield* PasswordHasher).verify(admin.passwordHash ?? "", password)
          assert.isTrue(verified.valid)
          assert.notInclude(JSON.stringify(admin), Redacted.value(password))

          const events = yield* auditTrail
          assert.deepStrictEqual(events.map((e) => e.action).sort(), ["tenant.created", "user.created"])
          assert.isTrue(events.every((e) => e.actorKind === "platform" && e.actorId === null))
          assert.isTrue(events.every((e) => e.tenantId === tenant.id))
          assert.notInclude(JSON.stringify(events), Redacted.value(password))
        }).pipe(provide)
    )
  }

  it.effect("with invite, the first admin is pending and has no password", () =>
    Effect.gen(function* () {
      const created = yield* createTenant(platformActor, input("invited", "weavestream", { invite: true }))
      assert.isUndefined(created.generatedPassword)
      assert.strictEqual(created.admin.status, "pending")
      assert.isNull(created.admin.passwordHash)
      assert.isFalse(created.admin.mustChangePassword)
      assert.strictEqual(created.admin.role, "SUPER_ADMIN")
    }).pipe(provide)
  )

  it.effect("normalises the admin's email", () =>
    Effect.gen(function* () {
      const created = yield* createTenant(platformActor, {
        ...input("casing", "weevio"),
        admin: { email: "  Grace.Hopper@Example.COM " as never, firstName: "Grace", lastName: "Hopper" }
      })
      assert.strictEqual(created.admin.email, "grace.hopper@example.com")
    }).pipe(provide)
  )

  it.effect(
    "only the platform creates tenants: a tenant's own admin is Forbidden and nothing is written",
    () =>
      Effect.gen(function* () {
        const { adminActor } = yield* seedTenant()
        const before = yield* snapshot
        const error = yield* Effect.flip(createTenant(adminActor, input("sneaky", "weevio")))
        assert.strictEqual(error._tag, "Forbidden")
        assert.deepStrictEqual(yield* snapshot, before)
      }).pipe(provide)
  )

  it.effect("a taken slug is SlugTaken and writes nothing", () =>
    Effect.gen(function* () {
      yield* createTenant(platformActor, input("acme", "weevio"))
      const before = yield* snapshot
      const error = yield* Effect.flip(
        createTenant(platformActor, {
          ...input("acme", "wetrack"),
          admin: { email: email("other@example.com"), firstName: "Other", lastName: "Person" }
        })
      )
      assert.strictEqual(error._tag, "SlugTaken")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )

  it.effect("an invalid slug or name is InvalidInput", () =>
    Effect.gen(function* () {
      const badSlug = yield* Effect.flip(createTenant(platformActor, input("Not A Slug", "weevio")))
      assert.strictEqual(badSlug._tag, "InvalidInput")
      const badName = yield* Effect.flip(createTenant(platformActor, { ...input("ok", "weevio"), name: " " }))
      assert.strictEqual(badName._tag, "InvalidInput")
      if (badName._tag === "InvalidInput") assert.strictEqual(badName.errors[0]?.path, "name")
      assert.deepStrictEqual((yield* snapshot).tenants.size, 0)
    }).pipe(provide)
  )

  it.effect("runs in one transaction: a failure after the tenant was inserted leaves no trace", () =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      const before = yield* snapshot
      const exit = yield* Effect.exit(
        createTenant(platformActor, input("half-done", "weevio")).pipe(
          Effect.provideService(
            AuditLog,
            AuditLog.of({
              ...log,
              append: (event) =>
                event.action === "user.created" ? Effect.die(new Error("disk full")) : log.append(event)
            })
          )
        )
      )
      assert.isTrue(exit._tag === "Failure")
      assert.deepStrictEqual(yield* snapshot, before)
    }).pipe(provide)
  )
})
