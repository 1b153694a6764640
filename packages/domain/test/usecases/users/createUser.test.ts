import { assert, describe, it } from "@effect/vitest"
import {
  createUser,
  type Email,
  InvitationRepository,
  login,
  type RoleName,
  startSetup,
  UserRepository
} from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option, Redacted } from "effect"
import { followSetupLink, SETUP_PASSWORD, theInvitationEmail, tokenOfLink } from "./setupMail.ts"
import { failsUnchanged, provide, snapshot } from "./support.ts"

describe("createUser", () => {
  it.effect("an admin creates a user with a generated password, who must change it", () =>
    Effect.gen(function* () {
      const { tenant, adminActor } = yield* seedTenant()
      const created = yield* createUser(adminActor, {
        email: "new@example.com" as Email,
        firstName: "New",
        lastName: "User",
        role: "Regular" as RoleName,
        credential: { _tag: "Generate" }
      })
      assert.isDefined(created.generatedPassword)
      assert.isTrue(created.user.mustChangePassword)
      assert.isFalse("passwordHash" in created.user)
      const stored = yield* (yield* UserRepository).findById(tenant.id, created.user.id)
      assert.isTrue(Option.isSome(stored))
    }).pipe(provide)
  )

  it.effect("writes its audit events (the user, then the invitation); a duplicate email writes nothing", () =>
    Effect.gen(function* () {
      const { admin, adminActor } = yield* seedTenant()
      const input = {
        email: "dup@example.com" as Email,
        firstName: "Dup",
        lastName: "User",
        role: "Regular" as RoleName,
        credential: { _tag: "Invite" }
      } as const
      const before = (yield* snapshot).get(memory.tables.Audit).length
      const created = yield* createUser(adminActor, input)
      const events = (yield* snapshot).get(memory.tables.Audit).slice(before)
      assert.deepStrictEqual(
        events.map((e) => [e.action, e.targetId, e.actorId]),
        [
          ["user.created", created.user.id, admin.id],
          ["invitation.issued", created.user.id, admin.id]
        ]
      )
      const error = yield* failsUnchanged(createUser(adminActor, input))
      assert.strictEqual(error._tag, "EmailTaken")
    }).pipe(provide)
  )

  it.effect(
    "an invitation is issued in the same call: one email with the link, returned once; the invited user completes setup and becomes active",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const created = yield* createUser(adminActor, {
          email: "invitee@example.com" as Email,
          firstName: "Ivy",
          lastName: "Invitee",
          role: "Regular" as RoleName,
          credential: { _tag: "Invite" }
        })
        assert.strictEqual(created.user.status, "pending")
        assert.isUndefined(created.generatedPassword)
        assert.isDefined(created.setupUrl)
        assert.isTrue(Redacted.isRedacted(created.setupUrl))
        assert.isTrue(created.emailSent)
        assert.strictEqual(
          created.expiresAt?.getTime(),
          created.user.createdAt.getTime() + tenant.settings.invitationTtlHours! * 3_600_000
        )
        const { mail, link } = yield* theInvitationEmail
        assert.strictEqual(mail.to, "invitee@example.com")
        assert.strictEqual(link, Redacted.value(created.setupUrl!))
        const pending = yield* (yield* InvitationRepository).listByUser(tenant.id, created.user.id)
        assert.deepStrictEqual(
          pending.map((i) => i.state),
          ["pending"]
        )

        const started = yield* startSetup({ token: tokenOfLink(link) })
        assert.strictEqual(started.email, "invitee@example.com")
        yield* followSetupLink(link)
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, created.user.id))
        assert.strictEqual(stored.status, "active")
        const session = yield* login({
          tenant: tenant.slug,
          email: "invitee@example.com",
          password: SETUP_PASSWORD
        })
        assert.strictEqual(session.user.id, created.user.id)
      }).pipe(provide)
  )

  it.effect("a typed or generated password sends no email and returns no link", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const generated = yield* createUser(adminActor, {
        email: "gen@example.com" as Email,
        firstName: "Gen",
        lastName: "Erated",
        role: "Regular" as RoleName,
        credential: { _tag: "Generate" }
      })
      assert.isUndefined(generated.setupUrl)
      assert.isUndefined(generated.expiresAt)
      assert.lengthOf(yield* memory.Mailer.outbox, 0)
    }).pipe(provide)
  )
})
