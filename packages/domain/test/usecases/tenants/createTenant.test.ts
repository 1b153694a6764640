import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  type CreateTenantInput,
  createTenant,
  PasswordHasher,
  type PresetName,
  platformActor,
  presets,
  RoleRepository,
  startSetup,
  type TenantSlug,
  UserRepository
} from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { now } from "../../../src/model/newId.ts"
import { enforcePassword } from "../../../src/password/index.ts"
import { holds } from "../../../src/rules/permissions.ts"
import { permissionsOf } from "../../../src/usecases/shared/ActorContext.ts"
import { auditTrail, email, provide, snapshot } from "../memberships/support.ts"
import { followSetupLink, theInvitationEmail, tokenOfLink } from "../users/setupMail.ts"

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

  it.effect(
    "with invite, the first admin is emailed a setup link, returned once, and completes setup (with the TOTP the role requires)",
    () =>
      Effect.gen(function* () {
        const created = yield* createTenant(platformActor, input("invited", "weavestream", { invite: true }))
        assert.isDefined(created.setupUrl)
        assert.isTrue(Redacted.isRedacted(created.setupUrl))
        assert.isTrue(created.emailSent)
        assert.strictEqual(
          created.expiresAt?.getTime(),
          created.tenant.createdAt.getTime() + presets.weavestream.invitationTtlHours * 3_600_000
        )
        const { mail, link } = yield* theInvitationEmail
        assert.strictEqual(mail.to, "grace.hopper@example.com")
        assert.strictEqual(link, Redacted.value(created.setupUrl!))
        const issued = (yield* auditTrail).find((e) => e.action === "invitation.issued")
        assert.deepStrictEqual([issued?.actorKind, issued?.targetId], ["platform", created.admin.id])

        const started = yield* startSetup({ token: tokenOfLink(link) })
        assert.isTrue(started.requiresTotp)
        const done = yield* followSetupLink(link)
        assert.strictEqual(done.userId, created.admin.id)
        const admin = Option.getOrThrow(
          yield* (yield* UserRepository).findById(created.tenant.id, created.admin.id)
        )
        assert.strictEqual(admin.status, "active")
        assert.isTrue(admin.totpEnabled)
      }).pipe(provide)
  )

  it.effect("without invite no email is sent and no link returned", () =>
    Effect.gen(function* () {
      const created = yield* createTenant(platformActor, input("plain", "weevio"))
      assert.isUndefined(created.setupUrl)
      assert.isUndefined(created.expiresAt)
      assert.lengthOf(yield* memory.Mailer.outbox, 0)
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
      assert.deepStrictEqual((yield* snapshot).get(memory.tables.Tenants).size, 0)
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

  it.effect(
    "with invite, the invitation is in the same transaction: failing to issue it leaves no tenant and no email",
    () =>
      Effect.gen(function* () {
        const log = yield* AuditLog
        const before = yield* snapshot
        const exit = yield* Effect.exit(
          createTenant(platformActor, input("half-invited", "weevio", { invite: true })).pipe(
            Effect.provideService(
              AuditLog,
              AuditLog.of({
                ...log,
                append: (event) =>
                  event.action === "invitation.issued"
                    ? Effect.die(new Error("disk full"))
                    : log.append(event)
              })
            )
          )
        )
        assert.isTrue(exit._tag === "Failure")
        assert.deepStrictEqual(yield* snapshot, before)
        assert.lengthOf(yield* memory.Mailer.outbox, 0)
      }).pipe(provide)
  )
})
