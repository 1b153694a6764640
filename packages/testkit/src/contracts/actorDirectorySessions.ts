import { assert } from "@effect/vitest"
import {
  ActorDirectory,
  type SessionId,
  type SessionRecord,
  SessionRepository,
  Transactor,
  type User,
  UserRepository,
  type UserStatus
} from "@gatehouse/domain"
import { Effect, type Layer, Option } from "effect"
import { anId, aUser } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { aSession } from "./sessionRepository.ts"

/** `SessionRepository.findById` then `UserRepository.findById`, shaped as `findSession` answers. */
const twoReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* SessionRepository).findById(id)
    if (Option.isNone(found)) return Option.none<SessionRecord>()
    const session = found.value
    const user = yield* (yield* UserRepository).findById(session.tenantId, session.userId)
    return Option.some<SessionRecord>({
      session,
      userStatus: Option.isSome(user) ? user.value.status : undefined
    })
  })

/** Asserts that `findSession` answers exactly the two reads, and returns its answer. */
const findsAsTwoReads = (id: SessionId) =>
  Effect.gen(function* () {
    const found = yield* (yield* ActorDirectory).findSession(id)
    assert.deepStrictEqual(found, yield* twoReads(id))
    return found
  })

const withStatus = (user: User, status: UserStatus) =>
  Effect.flatMap(UserRepository, (users) =>
    users.update({ ...user, status }, user.version).pipe(Effect.orDie)
  )

/**
 * The ActorDirectory `findSession` guarantees: the session as `SessionRepository.findById` returns it
 * (revoked and expired ones too) with its user's current status, `undefined` once the user is gone, `None`
 * for an unknown id, and the transaction's own writes.
 */
export const actorDirectorySessionTests = (it: AuthContractIt): void => {
  it.effect("findSession equals findById and the user's status: active, disabled, revoked, expired", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(2)
      const [active, toDisable] = users as [User, User]
      const disabled = yield* withStatus(toDisable, "disabled")
      const live = aSession(active, { scope: "password_change", lastSeenAt: minute(3) })
      const revoked = aSession(active, { revokedAt: minute(5) })
      const expired = aSession(active, { createdAt: minute(-2000), expiresAt: minute(-1000) })
      const ofDisabled = aSession(disabled)
      for (const s of [live, revoked, expired, ofDisabled]) yield* sessions.insert(s)
      for (const [session, status] of [
        [live, "active"],
        [revoked, "active"],
        [expired, "active"],
        [ofDisabled, "disabled"]
      ] as const)
        assert.deepStrictEqual(
          yield* findsAsTwoReads(session.id),
          Option.some({ session, userStatus: status })
        )
      // The status now, not when the session was created.
      yield* withStatus(disabled, "deactivated")
      assert.strictEqual(Option.getOrThrow(yield* findsAsTwoReads(ofDisabled.id)).userStatus, "deactivated")
      // Touch and revocation show at once.
      yield* sessions.touch(live.tenantId, live.id, minute(9))
      yield* sessions.revoke(live.tenantId, live.id, minute(10))
      assert.deepStrictEqual(Option.getOrThrow(yield* findsAsTwoReads(live.id)).session, {
        ...live,
        lastSeenAt: minute(9),
        revokedAt: minute(10)
      })
    })
  )

  it.effect("None for an unknown id and a malformed id", () =>
    Effect.gen(function* () {
      const directory = yield* ActorDirectory
      const { users } = yield* tenantWithUsers(1)
      yield* (yield* SessionRepository).insert(aSession(users[0]!))
      assert.isTrue(Option.isNone(yield* directory.findSession(anId<SessionId>())))
      assert.isTrue(Option.isNone(yield* directory.findSession("not-a-uuid" as SessionId)))
    })
  )

  it.effect("once the user is deleted: as findById (a store may drop the session), never a status", () =>
    Effect.gen(function* () {
      const { tenant, users } = yield* tenantWithUsers(2)
      const [gone, stays] = users as [User, User]
      const session = aSession(gone)
      const neighbour = aSession(stays)
      for (const s of [session, neighbour]) yield* (yield* SessionRepository).insert(s)
      yield* (yield* UserRepository).delete(tenant.id, gone.id).pipe(Effect.orDie)
      const found = yield* findsAsTwoReads(session.id)
      if (Option.isSome(found)) {
        assert.deepStrictEqual(found.value.session, session)
        assert.isUndefined(found.value.userStatus)
      }
      assert.deepStrictEqual(
        yield* findsAsTwoReads(neighbour.id),
        Option.some({ session: neighbour, userStatus: "active" as const })
      )
    })
  )

  it.effect("inside a transaction, findSession sees the transaction's own writes", () =>
    Effect.gen(function* () {
      const { tenant } = yield* tenantWithUsers(0)
      const user = aUser({ tenantId: tenant.id, status: "pending" })
      const session = aSession(user)
      const inside = yield* (yield* Transactor).withTransaction(
        Effect.gen(function* () {
          const stored = yield* (yield* UserRepository).insert(user).pipe(Effect.orDie)
          yield* (yield* SessionRepository).insert(session)
          const before = yield* findsAsTwoReads(session.id)
          assert.deepStrictEqual(before, Option.some({ session, userStatus: "pending" as const }))
          yield* withStatus(stored, "active")
          yield* (yield* SessionRepository).revoke(tenant.id, session.id, minute(1))
          const after = yield* findsAsTwoReads(session.id)
          assert.deepStrictEqual(
            after,
            Option.some({ session: { ...session, revokedAt: minute(1) }, userStatus: "active" as const })
          )
          return after
        })
      )
      assert.deepStrictEqual(yield* (yield* ActorDirectory).findSession(session.id), inside)
    })
  )
}

/** Runs the ActorDirectory `findSession` contract against one implementation (built once for the suite). */
export const actorDirectorySessionContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void =>
  registerAuthContract(`ActorDirectory.findSession contract (${name})`, layer, actorDirectorySessionTests)
