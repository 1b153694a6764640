import { assert, describe, it } from "@effect/vitest"
import {
  type Session,
  type SessionId,
  SessionRepository,
  sessionIdOfToken,
  type TenantId,
  type UserId
} from "@gatehouse/domain"
import { anId } from "@gatehouse/testkit"
import { Effect, Option } from "effect"
import fc from "fast-check"
import { constantTimeEqualBytes } from "../../../src/bytes/constantTimeEqual.ts"
import { parseSessionToken } from "../../../src/usecases/sessions/index.ts"
import { provide } from "../auth/support.ts"

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes))

const aSession = (overrides: Partial<Session> = {}): Session => ({
  id: anId<SessionId>(),
  tenantId: anId<TenantId>(),
  userId: anId<UserId>(),
  secretHash: "ab".repeat(32),
  scope: "full",
  createdAt: at(0),
  lastSeenAt: at(0),
  expiresAt: at(720),
  revokedAt: null,
  ...overrides
})

describe("SessionRepository guarantees (in-memory)", () => {
  it.effect("isolation: touch, revoke and revokeAllForUser never change another tenant's session", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const session = aSession()
      yield* sessions.insert(session)
      const stranger = anId<TenantId>()
      yield* sessions.touch(stranger, session.id, at(5))
      assert.isFalse(yield* sessions.revoke(stranger, session.id, at(5)))
      assert.strictEqual(yield* sessions.revokeAllForUser(stranger, session.userId, at(5)), 0)
      assert.deepStrictEqual(yield* sessions.listByUser(stranger, session.userId), [])
      assert.deepStrictEqual(Option.getOrThrow(yield* sessions.findById(session.id)), session)
    }).pipe(provide)
  )

  it.effect("revocation is final: revoke once, then touch and revoke change nothing", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const session = aSession()
      yield* sessions.insert(session)
      assert.isTrue(yield* sessions.revoke(session.tenantId, session.id, at(1)))
      assert.isFalse(yield* sessions.revoke(session.tenantId, session.id, at(2)))
      yield* sessions.touch(session.tenantId, session.id, at(3))
      const stored = Option.getOrThrow(yield* sessions.findById(session.id))
      assert.deepStrictEqual([stored.revokedAt, stored.lastSeenAt], [at(1), at(0)])
    }).pipe(provide)
  )

  it.effect("touch only moves lastSeenAt forward", () =>
    Effect.gen(function* () {
      const sessions = yield* SessionRepository
      const session = aSession({ lastSeenAt: at(10) })
      yield* sessions.insert(session)
      yield* sessions.touch(session.tenantId, session.id, at(5))
      assert.deepStrictEqual(Option.getOrThrow(yield* sessions.findById(session.id)).lastSeenAt, at(10))
      yield* sessions.touch(session.tenantId, session.id, at(15))
      assert.deepStrictEqual(Option.getOrThrow(yield* sessions.findById(session.id)).lastSeenAt, at(15))
    }).pipe(provide)
  )

  it.effect(
    "revokeAllForUser revokes the user's unrevoked sessions, counts them, and spares other users",
    () =>
      Effect.gen(function* () {
        const sessions = yield* SessionRepository
        const first = aSession({ createdAt: at(0) })
        const second = aSession({ tenantId: first.tenantId, userId: first.userId, createdAt: at(1) })
        const revoked = aSession({
          tenantId: first.tenantId,
          userId: first.userId,
          createdAt: at(-60),
          revokedAt: at(0)
        })
        const other = aSession({ tenantId: first.tenantId })
        for (const s of [first, second, revoked, other]) yield* sessions.insert(s)
        assert.strictEqual(yield* sessions.revokeAllForUser(first.tenantId, first.userId, at(9)), 2)
        const listed = yield* sessions.listByUser(first.tenantId, first.userId)
        assert.deepStrictEqual(
          listed.map((s) => [s.id, s.revokedAt]),
          [
            [second.id, at(9)],
            [first.id, at(9)],
            [revoked.id, at(0)]
          ]
        )
        assert.isNull(Option.getOrThrow(yield* sessions.findById(other.id)).revokedAt)
      }).pipe(provide)
  )
})

describe("token helpers", () => {
  it("constant-time byte equality agrees with ordinary equality (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const expected = a.length === b.length && a.every((x, i) => x === b[i])
        assert.strictEqual(constantTimeEqualBytes(a, b), expected)
        assert.isTrue(constantTimeEqualBytes(a, Uint8Array.from(a)))
      })
    )
  })

  it("parses only <uuid>.<43 base64url characters>", () => {
    const id = crypto.randomUUID()
    const secret = "a".repeat(43)
    assert.isTrue(Option.isSome(parseSessionToken(`${id}.${secret}`)))
    assert.deepStrictEqual(sessionIdOfToken(`${id}.${secret}`), Option.some(id as SessionId))
    for (const bad of [
      `${id}.${secret}=`,
      `${id}.${"a".repeat(42)}`,
      `${id}.${"a".repeat(42)}+`,
      `x.${secret}`,
      `${id}${secret}`
    ]) {
      assert.isTrue(Option.isNone(parseSessionToken(bad)), bad)
    }
  })
})
