import { assert, describe, it } from "@effect/vitest"
import {
  completePasswordReset,
  requestPasswordReset,
  startPasswordReset,
  type Tenant,
  type User
} from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { auditOf, enrollTotp, failuresOf, reload, seedAccount } from "../auth/support.ts"
import { lastLink, NEW_PASSWORD, provide } from "./support.ts"

const resetLinkFor = (tenant: Pick<Tenant, "slug">, user: Pick<User, "email">) =>
  Effect.gen(function* () {
    yield* requestPasswordReset({ tenant: tenant.slug, email: user.email })
    return (yield* lastLink("password-reset")).token
  })

const failureOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (e) => e._tag)

describe("startPasswordReset", () => {
  it.effect(
    "answers whose account and the tenant's policy, and leaves the token and the user as they were",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        const token = yield* resetLinkFor(tenant, user)
        const before = yield* reload(user)
        const events = (yield* auditOf(tenant)).length
        const started = yield* startPasswordReset({ token })
        assert.strictEqual(started.email, user.email)
        assert.strictEqual(started.firstName, user.firstName)
        assert.deepStrictEqual(started.tenant, {
          name: tenant.name,
          slug: tenant.slug,
          preset: tenant.preset
        })
        assert.deepStrictEqual(started.passwordPolicy, tenant.passwordPolicy)
        assert.isFalse(started.hasMfa)
        assert.deepStrictEqual(yield* reload(user), before)
        assert.strictEqual((yield* auditOf(tenant)).length, events)
        // a read: the link still completes afterwards
        yield* completePasswordReset({ token, newPassword: Redacted.make(NEW_PASSWORD) })
        assert.strictEqual(yield* failureOf(startPasswordReset({ token })), "TokenUsed")
      }).pipe(provide)
  )

  it.effect("hasMfa when TOTP is on (the policy's MFA minimum applies to the check-marks)", () =>
    Effect.gen(function* () {
      const { tenant, user, actor } = yield* seedAccount()
      yield* enrollTotp(actor)
      yield* TestClock.adjust("1 minute")
      assert.isTrue((yield* startPasswordReset({ token: yield* resetLinkFor(tenant, user) })).hasMfa)
    }).pipe(provide)
  )

  it.effect(
    "expired is TokenExpired; unknown and wrong-secret are TokenInvalid, a wrong secret counted",
    () =>
      Effect.gen(function* () {
        const { tenant, user } = yield* seedAccount()
        const token = Redacted.value(yield* resetLinkFor(tenant, user))
        const [id, secret] = token.split(".") as [string, string]
        assert.strictEqual(
          yield* failureOf(
            startPasswordReset({ token: Redacted.make(`${globalThis.crypto.randomUUID()}.${secret}`) })
          ),
          "TokenInvalid"
        )
        const wrong = `${id}.${secret[0] === "A" ? "B" : "A"}${secret.slice(1)}`
        assert.strictEqual(
          yield* failureOf(startPasswordReset({ token: Redacted.make(wrong) })),
          "TokenInvalid"
        )
        assert.strictEqual(yield* failuresOf(user), 1)
        yield* TestClock.adjust("30 minutes")
        assert.strictEqual(
          yield* failureOf(startPasswordReset({ token: Redacted.make(token) })),
          "TokenExpired"
        )
      }).pipe(provide)
  )
})
