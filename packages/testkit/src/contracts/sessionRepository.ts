import { assert } from "@effect/vitest"
import {
  type Session,
  type SessionId,
  SessionRepository,
  type TenantId,
  Transactor,
  type User
} from "@gatehouse/domain"
import { Data, Effect, type Layer, Option } from "effect"
import { anId } from "../builders.ts"
import {
  type AuthContractIt,
  type AuthRepositories,
  aHash,
  minute,
  registerAuthContract,
  tenantWithUsers
} from "./authSupport.ts"
import { race } from "./support.ts"

class Rollback extends Data.TaggedError("Rollback")<{}> {}

/** A session of `user`, created at minute 0 and valid for 12 hours unless overridden (shared by suites). */
export const aSession = (user: Pick<User, "tenantId" | "id">, overrides: Partial<Session> = {}): Session => ({
  id: anId<SessionId>(),
  tenantId: user.tenantId,
  userId: user.id,
  secretHash: aHash(),
  scope: "full",
  createdAt: minute(0),
  lastSeenAt: minute(0),
  expiresAt: minute(720),
  revokedAt: null,
  ...overrides
})

const stored = (id: SessionId) =>
  Effect.flatMap(SessionRepository, (sessions) => Effect.map(sessions.findById(id), Option.getOrThrow))

/**
 * The SessionRepository guarantees: rows read back whole, `touch` only forward, revocation final, one atomic
 * `revokeAllForUser` that joins the caller's transaction, newest-first listing, isolation by tenant (with
 * `findById` the one lookup by id alone).
 */
export const sessionRepositoryTests = (it: AuthContractIt): void => {
  it.effect("stores a session and reads it back whole, by id and in the user's list", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(1)
      const session = aSession(users[0]!, { scope: "password_change", lastSeenAt: minute(3) })
      yield* sessions.insert(session)
      assert.deepStrictEqual(yield* sessions.findById(session.id), Option.some(session))
      assert.deepStrictEqual(yield* sessions.listByUser(session.tenantId, session.userId), [session])
      assert.isTrue(Option.isNone(yield* sessions.findById(anId<SessionId>())))
    })
  )

  it.effect("touch only moves lastSeenAt forward", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(1)
      const session = aSession(users[0]!, { lastSeenAt: minute(10) })
      yield* sessions.insert(session)
      yield* sessions.touch(session.tenantId, session.id, minute(5))
      assert.deepStrictEqual((yield* stored(session.id)).lastSeenAt, minute(10))
      yield* sessions.touch(session.tenantId, session.id, minute(10))
      assert.deepStrictEqual((yield* stored(session.id)).lastSeenAt, minute(10))
      yield* sessions.touch(session.tenantId, session.id, minute(15))
      assert.deepStrictEqual(yield* stored(session.id), { ...session, lastSeenAt: minute(15) })
      yield* sessions.touch(session.tenantId, session.id, minute(12))
      assert.deepStrictEqual((yield* stored(session.id)).lastSeenAt, minute(15))
    })
  )

  it.effect("revocation is final: revoke succeeds once, then neither revoke nor touch changes the row", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(1)
      const session = aSession(users[0]!)
      yield* sessions.insert(session)
      assert.isTrue(yield* sessions.revoke(session.tenantId, session.id, minute(1)))
      assert.isFalse(yield* sessions.revoke(session.tenantId, session.id, minute(2)))
      yield* sessions.touch(session.tenantId, session.id, minute(3))
      assert.strictEqual(yield* sessions.revokeAllForUser(session.tenantId, session.userId, minute(4)), 0)
      assert.deepStrictEqual(yield* stored(session.id), { ...session, revokedAt: minute(1) })
      assert.isFalse(yield* sessions.revoke(session.tenantId, anId<SessionId>(), minute(5)))
    })
  )

  it.effect("of 20 concurrent revokes of one session exactly one gets true", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(1)
      const session = aSession(users[0]!)
      yield* sessions.insert(session)
      const { successes } = yield* race(20, (i) =>
        sessions.revoke(session.tenantId, session.id, minute(i + 1))
      )
      assert.strictEqual(successes.filter((revoked) => revoked).length, 1)
      const revokedAt = (yield* stored(session.id)).revokedAt
      assert.isNotNull(revokedAt)
    })
  )

  it.effect("revokeAllForUser revokes and counts only the user's unrevoked sessions", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const open = [aSession(user, { createdAt: minute(0) }), aSession(user, { createdAt: minute(1) })]
      const expired = aSession(user, { createdAt: minute(-2000), expiresAt: minute(-1000) })
      const revoked = aSession(user, { createdAt: minute(-60), revokedAt: minute(-30) })
      const othersSession = aSession(other)
      for (const s of [...open, expired, revoked, othersSession]) yield* sessions.insert(s)
      assert.strictEqual(yield* sessions.revokeAllForUser(user.tenantId, user.id, minute(9)), 3)
      for (const s of [...open, expired])
        assert.deepStrictEqual(yield* stored(s.id), { ...s, revokedAt: minute(9) })
      assert.deepStrictEqual(yield* stored(revoked.id), revoked)
      assert.deepStrictEqual(yield* stored(othersSession.id), othersSession)
      assert.strictEqual(yield* sessions.revokeAllForUser(user.tenantId, user.id, minute(10)), 0)
    })
  )

  it.effect("20 concurrent revokeAllForUser revoke each session exactly once (counts add up)", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(1)
      const user = users[0]!
      const rows = Array.from({ length: 7 }, (_, i) => aSession(user, { createdAt: minute(i) }))
      for (const s of rows) yield* sessions.insert(s)
      const { successes } = yield* race(20, (i) =>
        sessions.revokeAllForUser(user.tenantId, user.id, minute(100 + i))
      )
      assert.strictEqual(
        successes.reduce((sum, n) => sum + n, 0),
        rows.length
      )
      for (const s of yield* sessions.listByUser(user.tenantId, user.id)) assert.isNotNull(s.revokedAt)
    })
  )

  it.effect(
    "revokeAllForUser joins the caller's transaction: it sees its inserts and rolls back with it",
    () =>
      Effect.gen(function* () {
        const sessions = yield* SessionRepository
        const transactor = yield* Transactor
        const { users } = yield* tenantWithUsers(1)
        const user = users[0]!
        const before = aSession(user)
        yield* sessions.insert(before)
        const inside = aSession(user, { createdAt: minute(1) })
        const counted = yield* transactor.withTransaction(
          Effect.gen(function* () {
            yield* sessions.insert(inside)
            return yield* sessions.revokeAllForUser(user.tenantId, user.id, minute(2))
          })
        )
        assert.strictEqual(counted, 2)
        assert.deepStrictEqual(yield* stored(inside.id), { ...inside, revokedAt: minute(2) })

        const later = aSession(user, { createdAt: minute(3) })
        yield* sessions.insert(later)
        const failed = yield* Effect.flip(
          transactor.withTransaction(
            Effect.gen(function* () {
              assert.strictEqual(yield* sessions.revokeAllForUser(user.tenantId, user.id, minute(4)), 1)
              return yield* new Rollback()
            })
          )
        )
        assert.strictEqual(failed._tag, "Rollback")
        assert.deepStrictEqual(yield* stored(later.id), later)
      })
  )

  it.effect("listByUser returns every session of the user, revoked and expired too, newest first", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const { users } = yield* tenantWithUsers(2)
      const [user, other] = users as [User, User]
      const rows = [
        aSession(user, { createdAt: minute(5) }),
        aSession(user, { createdAt: minute(-100), expiresAt: minute(-50) }),
        aSession(user, { createdAt: minute(30), revokedAt: minute(31) }),
        aSession(user, { createdAt: minute(0) })
      ]
      // Two sessions created at the same instant: ordered by id, descending like the time.
      const tied = [aSession(user, { createdAt: minute(20) }), aSession(user, { createdAt: minute(20) })]
      for (const s of [...rows, ...tied, aSession(other)]) yield* sessions.insert(s)
      const expected = [...rows, ...tied].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)
      )
      const listed = yield* sessions.listByUser(user.tenantId, user.id)
      assert.deepStrictEqual(
        listed.map((s) => s.id),
        expected.map((s) => s.id)
      )
      assert.deepStrictEqual(listed, expected)
    })
  )

  it.effect("another tenant's session is found by id alone, but never listed, touched nor revoked", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const theirs = yield* tenantWithUsers(1)
      const mine = yield* tenantWithUsers(1)
      const session = aSession(theirs.users[0]!)
      yield* sessions.insert(session)
      const stranger: TenantId = mine.tenant.id
      yield* sessions.touch(stranger, session.id, minute(5))
      assert.isFalse(yield* sessions.revoke(stranger, session.id, minute(5)))
      assert.strictEqual(yield* sessions.revokeAllForUser(stranger, session.userId, minute(5)), 0)
      assert.deepStrictEqual(yield* sessions.listByUser(stranger, session.userId), [])
      assert.deepStrictEqual(yield* sessions.findById(session.id), Option.some(session))
      // And the other way round: the tenant's own calls reach only its own rows.
      const own = aSession(mine.users[0]!)
      yield* sessions.insert(own)
      assert.strictEqual(yield* sessions.revokeAllForUser(stranger, mine.users[0]!.id, minute(6)), 1)
      assert.deepStrictEqual(yield* stored(session.id), session)
    })
  )
}

/** Runs the SessionRepository contract against one implementation (built once for the suite). */
export const sessionRepositoryContract = (
  name: string,
  layer: Layer.Layer<AuthRepositories, unknown>
): void => registerAuthContract(`SessionRepository contract (${name})`, layer, sessionRepositoryTests)
