import { assert, describe, it } from "@effect/vitest"
import {
  AuditLog,
  MailDeliveryFailed,
  Mailer,
  type RoleName,
  regenerateSetupLink,
  revokeSetupLink,
  startSetup,
  userActor
} from "@gatehouse/domain"
import { layerMemory, memory, seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect, Layer, Redacted } from "effect"
import { invitedUser, tokenOf } from "./fixtures.ts"

const provide = Effect.provide(Layer.fresh(layerMemory))

describe("regenerateSetupLink and revokeSetupLink", () => {
  it.effect("an admin regenerates: a new email goes out and the audit trail records the replacement", () =>
    Effect.gen(function* () {
      const { tenant, user, adminActor } = yield* invitedUser()
      const link = yield* regenerateSetupLink(adminActor, user.id)
      const outbox = yield* memory.Mailer.outbox
      assert.lengthOf(outbox, 2)
      assert.include(outbox[1]!.text, Redacted.value(link.setupUrl))
      const issued = (yield* (yield* AuditLog).query(tenant.id, { limit: 10, action: "invitation.issued" }))
        .items
      assert.lengthOf(issued, 2)
      assert.deepInclude(
        issued.map((e) => e.details.replaced),
        1
      )
    }).pipe(provide)
  )

  it.effect("a user without users:write or users:invite is Forbidden", () =>
    Effect.gen(function* () {
      const { tenant, user } = yield* invitedUser()
      const regular = yield* seedUser(tenant, { role: "Regular" as RoleName })
      const error = yield* Effect.flip(regenerateSetupLink(userActor(tenant.id, regular.id), user.id))
      assert.strictEqual(error._tag, "Forbidden")
      const revoke = yield* Effect.flip(revokeSetupLink(userActor(tenant.id, regular.id), user.id))
      assert.strictEqual(revoke._tag, "Forbidden")
    }).pipe(provide)
  )

  it.effect("users:invite suffices for a role the inviter holds, never for one above it", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant({ preset: "weavestream" })
      const operator = yield* seedUser(tenant, { role: "OPERATOR" as RoleName })
      const actor = userActor(tenant.id, operator.id)
      const client = yield* seedUser(tenant, { role: "CLIENT_USER" as RoleName, status: "pending" })
      const link = yield* regenerateSetupLink(actor, client.id)
      assert.isTrue(Redacted.value(link.setupUrl).includes("#token="))
      const superAdmin = yield* seedUser(tenant, { role: "SUPER_ADMIN" as RoleName, status: "pending" })
      const error = yield* Effect.flip(regenerateSetupLink(actor, superAdmin.id))
      assert.strictEqual(error._tag, "RoleEscalation")
    }).pipe(provide)
  )

  it.effect("only pending users get links; another tenant's user is not found", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* invitedUser()
      const active = yield* seedUser(tenant)
      const notPending = yield* Effect.flip(regenerateSetupLink(adminActor, active.id))
      assert.strictEqual(notPending._tag, "UserNotPending")
      const other = yield* invitedUser()
      const notFound = yield* Effect.flip(regenerateSetupLink(adminActor, other.user.id))
      assert.strictEqual(notFound._tag, "UserNotFound")
    }).pipe(provide)
  )

  it.effect("a revoked link stops working", () =>
    Effect.gen(function* () {
      const { user, adminActor, link } = yield* invitedUser()
      const { revoked } = yield* revokeSetupLink(adminActor, user.id)
      assert.strictEqual(revoked, 1)
      const error = yield* Effect.flip(startSetup({ token: tokenOf(link) }))
      assert.strictEqual(error._tag, "TokenInvalid")
    }).pipe(provide)
  )

  it.effect("a refused email does not undo the invitation: the admin still has a working link", () =>
    Effect.gen(function* () {
      const { user, link } = yield* invitedUser()
      assert.isFalse(link.emailSent)
      assert.lengthOf(yield* memory.Mailer.outbox, 0)
      const started = yield* startSetup({ token: tokenOf(link) })
      assert.strictEqual(started.email, user.email)
    }).pipe(
      Effect.provideService(
        Mailer,
        Mailer.of({ send: () => Effect.fail(new MailDeliveryFailed({ reason: "SMTP refused" })) })
      ),
      provide
    )
  )
})
