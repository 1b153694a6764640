import { assert, describe, it } from "@effect/vitest"
import {
  completeSetup,
  createUser,
  disableUser,
  type Email,
  enableUser,
  InvitationRepository,
  listUsers,
  login,
  type RoleName,
  regenerateSetupLink,
  startSetup,
  UserRepository,
  updateUser
} from "@gatehouse/domain"
import { memory, seedTenant } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import { followSetupLink, SETUP_PASSWORD, theInvitationEmail, tokenOfLink } from "./setupMail.ts"
import { failsUnchanged, provide, seedActor, snapshot } from "./support.ts"

const person = (email: string) =>
  ({ email: email as Email, firstName: "Ina", lastName: "Active", role: "Regular" as RoleName }) as const

describe("inactive users before setup (issue 13 item 1)", () => {
  it.effect(
    "a pending user disabled cannot start nor complete setup (nothing changes); enabled, they are pending and the same link works",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const created = yield* createUser(adminActor, {
          ...person("later@example.com"),
          credential: { _tag: "Invite" }
        })
        const { link } = yield* theInvitationEmail
        const disabled = yield* disableUser(adminActor, created.user.id)
        assert.strictEqual(disabled.status, "disabled")
        assert.isTrue(disabled.awaitingSetup)

        const token = tokenOfLink(link)
        const before = yield* snapshot
        assert.strictEqual((yield* Effect.flip(startSetup({ token })))._tag, "TokenInvalid")
        const refused = yield* Effect.flip(
          completeSetup({ token, displayName: "Ina", password: SETUP_PASSWORD })
        )
        assert.strictEqual(refused._tag, "TokenInvalid")
        const after = yield* snapshot
        assert.deepStrictEqual(after.get(memory.tables.Users), before.get(memory.tables.Users))
        assert.deepStrictEqual(after.tables, before.tables)
        assert.deepStrictEqual(after.get(memory.tables.Audit), before.get(memory.tables.Audit))
        // nor can the admin send them a new link while they are disabled
        assert.strictEqual(
          (yield* failsUnchanged(regenerateSetupLink(adminActor, created.user.id)))._tag,
          "UserNotPending"
        )

        const enabled = yield* enableUser(adminActor, created.user.id)
        assert.strictEqual(enabled.status, "pending")
        yield* followSetupLink(link)
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, created.user.id))
        assert.strictEqual(stored.status, "active")
        assert.isFalse(stored.awaitingSetup)
        // set up now: disabling and enabling again returns them to active
        yield* disableUser(adminActor, created.user.id)
        assert.strictEqual((yield* enableUser(adminActor, created.user.id)).status, "active")
      }).pipe(provide)
  )

  it.effect(
    "active: false creates a disabled user: invited (link working once enabled) or with a password (active once enabled)",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const invited = yield* createUser(adminActor, {
          ...person("off@example.com"),
          active: false,
          credential: { _tag: "Invite" }
        })
        assert.strictEqual(invited.user.status, "disabled")
        assert.isTrue(invited.user.awaitingSetup)
        const { link } = yield* theInvitationEmail
        assert.strictEqual(
          (yield* Effect.flip(startSetup({ token: tokenOfLink(link) })))._tag,
          "TokenInvalid"
        )
        assert.strictEqual((yield* enableUser(adminActor, invited.user.id)).status, "pending")
        assert.strictEqual((yield* startSetup({ token: tokenOfLink(link) })).email, "off@example.com")

        const typed = yield* createUser(adminActor, {
          ...person("typed@example.com"),
          active: false,
          credential: { _tag: "Generate" }
        })
        assert.strictEqual(typed.user.status, "disabled")
        assert.isFalse(typed.user.awaitingSetup)
        const password = typed.generatedPassword!
        const blocked = yield* Effect.flip(
          login({ tenant: tenant.slug, email: "typed@example.com", password })
        )
        assert.strictEqual(blocked._tag, "InvalidCredentials")
        assert.strictEqual((yield* enableUser(adminActor, typed.user.id)).status, "active")
        const session = yield* login({ tenant: tenant.slug, email: "typed@example.com", password })
        assert.strictEqual(session.user.id, typed.user.id)
      }).pipe(provide)
  )

  it.effect(
    "sendInvitation: false creates the pending user with no link and no email; the invitation is sent later",
    () =>
      Effect.gen(function* () {
        const { tenant, adminActor } = yield* seedTenant()
        const created = yield* createUser(adminActor, {
          ...person("quiet@example.com"),
          sendInvitation: false,
          credential: { _tag: "Invite" }
        })
        assert.strictEqual(created.user.status, "pending")
        assert.isUndefined(created.setupUrl)
        assert.lengthOf(yield* memory.Mailer.outbox, 0)
        assert.lengthOf(yield* (yield* InvitationRepository).listByUser(tenant.id, created.user.id), 0)
        yield* regenerateSetupLink(adminActor, created.user.id)
        const { mail } = yield* theInvitationEmail
        assert.strictEqual(mail.to, "quiet@example.com")
      }).pipe(provide)
  )

  it.effect("sendInvitation with a password is a validation error and creates nothing", () =>
    Effect.gen(function* () {
      const { adminActor } = yield* seedTenant()
      const error = yield* failsUnchanged(
        createUser(adminActor, {
          ...person("pw@example.com"),
          sendInvitation: true,
          credential: { _tag: "Generate" }
        })
      )
      assert.strictEqual(error._tag, "InvalidInput")
      if (error._tag === "InvalidInput") assert.strictEqual(error.errors[0]?.path, "sendInvitation")
    }).pipe(provide)
  )
})

describe("external users (issue 13 item 3)", () => {
  it.effect("kind is set at creation (default employee), changed by an admin, and filters the list", () =>
    Effect.gen(function* () {
      const { tenant, admin, adminActor } = yield* seedTenant()
      const employee = yield* createUser(adminActor, {
        ...person("emp@example.com"),
        credential: { _tag: "Generate" }
      })
      const external = yield* createUser(adminActor, {
        ...person("ext@example.com"),
        kind: "external",
        credential: { _tag: "Generate" }
      })
      assert.strictEqual(employee.user.kind, "employee")
      assert.strictEqual(external.user.kind, "external")
      const ids = (kind: "employee" | "external") =>
        Effect.map(listUsers(adminActor, { kind }), (page) => page.items.map((u) => u.id).sort())
      assert.deepStrictEqual(yield* ids("external"), [external.user.id])
      assert.deepStrictEqual(yield* ids("employee"), [admin.id, employee.user.id].sort())

      const moved = yield* updateUser(adminActor, employee.user.id, { kind: "external" }, 1)
      assert.strictEqual(moved.kind, "external")
      assert.deepStrictEqual(yield* ids("external"), [employee.user.id, external.user.id].sort())
      const events = (yield* snapshot).get(memory.tables.Audit).filter((e) => e.action === "user.updated")
      assert.deepStrictEqual(events.at(-1)?.details, { fields: ["kind"] })

      // kind is an admin's field: a user cannot move themselves
      const self = yield* seedActor(tenant)
      const refused = yield* failsUnchanged(updateUser(self.actor, self.user.id, { kind: "external" }, 1))
      assert.strictEqual(refused._tag, "Forbidden")
      const bad = yield* Effect.flip(listUsers(adminActor, { kind: "contractor" as never }))
      assert.strictEqual(bad._tag, "InvalidInput")
    }).pipe(provide)
  )
})
