import { assert, describe, it } from "@effect/vitest"
import {
  completeSetup,
  decodeBase32,
  FailedAttempts,
  generateTotp,
  type RoleName,
  startSetup,
  TotpRepository,
  UserRepository
} from "@gatehouse/domain"
import { layerMemory } from "@gatehouse/testkit"
import { Clock, Effect, Layer, Option, Redacted } from "effect"
import { TestClock } from "effect/testing"
import { totpStep } from "../../../src/totp/index.ts"
import { goodPassword, invitedUser, tokenOf } from "./fixtures.ts"

const provide = Effect.provide(Layer.fresh(layerMemory))
const START = Date.parse("2026-05-04T08:00:00Z")

const codeFor = (secret: Redacted.Redacted<string>, offsetSteps = 0) =>
  Effect.gen(function* () {
    const key = yield* decodeBase32(Redacted.value(secret))
    return yield* generateTotp(key, (yield* Clock.currentTimeMillis) + offsetSteps * 30_000)
  })

describe("setup with TOTP", () => {
  it.effect(
    "a role that requires TOTP: start hands out a pending secret, complete confirms it with a code",
    () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(START)
        const { tenant, user, link } = yield* invitedUser(
          { preset: "weavestream" },
          { role: "CLIENT_USER" as RoleName }
        )
        const started = yield* startSetup({ token: tokenOf(link) })
        assert.isTrue(started.requiresTotp)
        const totp = started.totp!
        assert.match(Redacted.value(totp.otpauthUri), /^otpauth:\/\/totp\//)
        assert.include(Redacted.value(totp.otpauthUri), `secret=${Redacted.value(totp.secret)}`)

        // reloading the setup page keeps the secret the user may already have scanned
        const again = yield* startSetup({ token: tokenOf(link) })
        assert.strictEqual(Redacted.value(again.totp!.secret), Redacted.value(totp.secret))

        const code = yield* codeFor(totp.secret)
        const done = yield* completeSetup({
          token: tokenOf(link),
          displayName: "Client",
          password: goodPassword,
          totpCode: code
        })
        assert.lengthOf(done.recoveryCodes ?? [], 10)
        const enrollment = Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id))
        assert.isTrue(enrollment.confirmed)
        assert.lengthOf(enrollment.recoveryCodeHashes, 10)
        // the code's step is used up: it cannot log in a second time
        assert.strictEqual(enrollment.lastUsedStep, Number(totpStep(START)))
        const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
        assert.isTrue(stored.totpEnabled)
        assert.strictEqual(stored.status, "active")
      }).pipe(provide)
  )

  it.effect("a missing or wrong code leaves the token usable; a wrong code is a counted failure", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(START)
      const { tenant, user, link } = yield* invitedUser({}, { requireTotp: true })
      const started = yield* startSetup({ token: tokenOf(link) })
      assert.isTrue(started.requiresTotp)
      const missing = yield* Effect.flip(
        completeSetup({ token: tokenOf(link), displayName: "Ada", password: goodPassword })
      )
      assert.strictEqual(missing._tag, "InvalidInput")

      const right = yield* codeFor(started.totp!.secret)
      const wrongCode = right === "000000" ? "000001" : "000000"
      const wrong = yield* Effect.flip(
        completeSetup({
          token: tokenOf(link),
          displayName: "Ada",
          password: goodPassword,
          totpCode: wrongCode
        })
      )
      assert.strictEqual(wrong._tag, "InvalidTotpCode")
      assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, 1)
      const stored = Option.getOrThrow(yield* (yield* UserRepository).findById(tenant.id, user.id))
      assert.strictEqual(stored.status, "pending")
      assert.isFalse(Option.getOrThrow(yield* (yield* TotpRepository).find(tenant.id, user.id)).confirmed)

      // a code two steps away is outside the +-1 window
      const far = yield* codeFor(started.totp!.secret, 2)
      const outside = yield* Effect.flip(
        completeSetup({ token: tokenOf(link), displayName: "Ada", password: goodPassword, totpCode: far })
      )
      assert.strictEqual(outside._tag, "InvalidTotpCode")

      yield* completeSetup({
        token: tokenOf(link),
        displayName: "Ada",
        password: goodPassword,
        totpCode: right
      })
      assert.strictEqual((yield* (yield* FailedAttempts).get(tenant.id, user.id)).failures, 0)
    }).pipe(provide)
  )

  it.effect("no TOTP for a role and user that do not require it", () =>
    Effect.gen(function* () {
      const { tenant, user, link } = yield* invitedUser()
      const started = yield* startSetup({ token: tokenOf(link) })
      assert.isFalse(started.requiresTotp)
      assert.isTrue(Option.isNone(yield* (yield* TotpRepository).find(tenant.id, user.id)))
    }).pipe(provide)
  )
})
