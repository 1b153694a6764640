import { assert, describe, it } from "@effect/vitest"
import {
  type Actor,
  authenticateSession,
  deactivateUser,
  deleteUser,
  disableUser,
  enableUser,
  login,
  resetPassword,
  restoreUser,
  type UserId
} from "@gatehouse/domain"
import type { layerMemory } from "@gatehouse/testkit"
import { Effect, type Layer, Redacted } from "effect"
import {
  type Account,
  auditOf,
  credentials,
  failuresOf,
  lockAccount,
  rejectionOf,
  seedAccount
} from "../auth/support.ts"
import { provide } from "./support.ts"

const NEW_PASSWORD = "Copper-Meadow-Violin-81"

/** The admin operations that must end every session of their target (ASVS 7.4.2, 7.4.3). */
const OPERATIONS: ReadonlyArray<{
  readonly name: string
  readonly action: string
  readonly run: (
    actor: Actor,
    userId: UserId
  ) => Effect.Effect<unknown, unknown, Layer.Success<typeof layerMemory>>
}> = [
  { name: "disable", action: "user.disabled", run: disableUser },
  { name: "deactivate", action: "user.deactivated", run: deactivateUser },
  { name: "delete", action: "user.deleted", run: deleteUser },
  {
    name: "reset password",
    action: "user.password_reset",
    run: (actor, userId) => resetPassword(actor, userId, { password: Redacted.make(NEW_PASSWORD) })
  }
]

/** Two live sessions of the account's user and one of its admin, all checked to work. */
const openSessions = (account: Account) =>
  Effect.gen(function* () {
    const { tenant, user, admin, password } = account
    const mine = [
      yield* login(credentials(tenant, user, password)),
      yield* login(credentials(tenant, user, password))
    ]
    const theirs = yield* login(credentials(tenant, admin, password))
    for (const { token } of [...mine, theirs]) yield* authenticateSession(token)
    return { mine, theirs }
  })

describe("admin operations end the target's sessions", () => {
  it.effect("regression: admin password reset left sessions alive (Better Auth #9855)", () =>
    Effect.gen(function* () {
      for (const operation of OPERATIONS) {
        const account = yield* seedAccount()
        const { mine, theirs } = yield* openSessions(account)
        yield* operation.run(account.adminActor, account.user.id)
        for (const { token } of mine) {
          // "revoked", not just refused because of the account's status: the sessions are gone for good (with a
          // deleted user, gone altogether: the store deletes their sessions with them, so the token names nothing).
          const gone = operation.name === "delete" ? "unknown" : "revoked"
          assert.strictEqual(yield* rejectionOf(token), gone, operation.name)
        }
        // Only the target's sessions end; the acting admin's go on.
        yield* authenticateSession(theirs.token)
        const event = (yield* auditOf(account.tenant)).find((e) => e.action === operation.action)
        assert.strictEqual(event?.details.sessionsEnded, 2, operation.name)
      }
    }).pipe(provide)
  )

  it.effect("re-enabling or restoring the user does not bring an ended session back", () =>
    Effect.gen(function* () {
      const account = yield* seedAccount()
      const { mine } = yield* openSessions(account)
      yield* disableUser(account.adminActor, account.user.id)
      yield* enableUser(account.adminActor, account.user.id)
      for (const { token } of mine) assert.strictEqual(yield* rejectionOf(token), "revoked")

      const again = yield* login(credentials(account.tenant, account.user, account.password))
      yield* deactivateUser(account.adminActor, account.user.id)
      yield* restoreUser(account.adminActor, account.user.id)
      assert.strictEqual(yield* rejectionOf(again.token), "revoked")
      // The user logs in afresh and gets a new session.
      const fresh = yield* login(credentials(account.tenant, account.user, account.password))
      yield* authenticateSession(fresh.token)
    }).pipe(provide)
  )

  it.effect("after a reset the old password fails, the new one gives a password_change session", () =>
    Effect.gen(function* () {
      const account = yield* seedAccount()
      const { tenant, user, password, adminActor } = account
      yield* resetPassword(adminActor, user.id, { password: Redacted.make(NEW_PASSWORD) })
      const old = yield* Effect.flip(login(credentials(tenant, user, password)))
      assert.strictEqual(old._tag, "InvalidCredentials")
      const fresh = yield* login(credentials(tenant, user, NEW_PASSWORD))
      assert.strictEqual(fresh.session.scope, "password_change")
    }).pipe(provide)
  )

  it.effect("a password reset ends a sign-in lock before it ends by itself, and clears the counter", () =>
    Effect.gen(function* () {
      const account = yield* seedAccount()
      const { tenant, user, adminActor } = account
      yield* lockAccount(user)
      const locked = yield* Effect.flip(login(credentials(tenant, user, account.password)))
      assert.strictEqual(locked._tag, "TooManyAttempts")
      if (locked._tag === "TooManyAttempts") assert.isTrue(locked.locked)

      yield* resetPassword(adminActor, user.id, { password: Redacted.make(NEW_PASSWORD) })
      assert.strictEqual(yield* failuresOf(user), 0)
      const session = yield* login(credentials(tenant, user, NEW_PASSWORD))
      assert.strictEqual(session.user.id, user.id)
    }).pipe(provide)
  )

  it.effect("a failed operation ends nothing: a refused disable leaves the sessions alive", () =>
    Effect.gen(function* () {
      const account = yield* seedAccount()
      const { mine } = yield* openSessions(account)
      // The user (Regular) may not disable the admin; and nobody disables themselves.
      const denied = yield* Effect.flip(disableUser(account.actor, account.admin.id))
      assert.strictEqual(denied._tag, "Forbidden")
      const self = yield* Effect.flip(disableUser(account.adminActor, account.admin.id))
      assert.strictEqual(self._tag, "CannotDisableSelf")
      for (const { token } of mine) yield* authenticateSession(token)
    }).pipe(provide)
  )
})
