import { assert, describe, it } from "@effect/vitest"
import { login, regenerateRecoveryCodes, TotpRepository } from "@gatehouse/domain"
import { Effect, Option, Redacted } from "effect"
import * as TestClock from "effect/testing/TestClock"
import {
  auditOf,
  codeAt,
  credentials,
  enrollTotp,
  failuresOf,
  provide,
  STEP_MS,
  scopeOf,
  seedAccount
} from "../auth/support.ts"

const storedHashes = (user: { readonly tenantId: string; readonly id: string }) =>
  Effect.flatMap(TotpRepository, (totp) =>
    Effect.map(totp.find(user.tenantId as never, user.id as never), (found) =>
      Option.getOrThrow(found).recoveryCodeHashes.slice()
    )
  )

describe("regenerating one's own recovery codes", () => {
  it.effect(
    "with a fresh TOTP code: ten new codes shown once, the old ones stop working, sessions stay, audited",
    () =>
      Effect.gen(function* () {
        const { tenant, user, actor, password } = yield* seedAccount()
        const { secret, recoveryCodes: old } = yield* enrollTotp(actor)
        yield* TestClock.adjust(STEP_MS)
        const session = yield* login(credentials(tenant, user, password, yield* codeAt(secret)))
        yield* TestClock.adjust(STEP_MS)

        const fresh = (yield* regenerateRecoveryCodes(actor, {
          code: yield* codeAt(secret)
        })).recoveryCodes.map(Redacted.value)
        assert.strictEqual(fresh.length, 10)
        assert.strictEqual(new Set(fresh).size, 10)
        assert.deepStrictEqual(
          fresh.filter((code) => old.includes(code)),
          []
        )
        assert.strictEqual((yield* storedHashes(user)).length, 10)
        // the stored values are hashes, never the codes
        assert.deepStrictEqual(
          (yield* storedHashes(user)).filter((hash) => fresh.includes(hash)),
          []
        )
        assert.strictEqual(yield* scopeOf(session.token), "full", "the factor did not change: sessions stay")

        // an old code no longer signs in; a new one does, once
        yield* TestClock.adjust(STEP_MS)
        const withOld = yield* Effect.flip(login(credentials(tenant, user, password, old[0]!)))
        assert.strictEqual(withOld._tag, "InvalidCredentials")
        assert.strictEqual(
          (yield* login(credentials(tenant, user, password, fresh[0]!))).session.scope,
          "full"
        )
        const reused = yield* Effect.flip(login(credentials(tenant, user, password, fresh[0]!)))
        assert.strictEqual(reused._tag, "InvalidCredentials")

        const regenerated = (yield* auditOf(tenant)).filter(
          (a) => a.action === "mfa.recovery_codes_regenerated"
        )
        assert.deepStrictEqual(
          regenerated.map((a) => [a.actorId, a.targetId, a.details]),
          [[user.id, user.id, { method: "totp", count: 10 }]]
        )
        assert.notInclude(JSON.stringify(yield* auditOf(tenant)), fresh[1]!)
      }).pipe(provide)
  )

  it.effect("with the password instead of a code", () =>
    Effect.gen(function* () {
      const { tenant, user, actor, password } = yield* seedAccount()
      const { recoveryCodes: old } = yield* enrollTotp(actor)
      const before = yield* storedHashes(user)
      const { recoveryCodes } = yield* regenerateRecoveryCodes(actor, {
        currentPassword: Redacted.make(password)
      })
      assert.strictEqual(recoveryCodes.length, 10)
      assert.notDeepEqual(yield* storedHashes(user), before)
      const withOld = yield* Effect.flip(login(credentials(tenant, user, password, old[1]!)))
      assert.strictEqual(withOld._tag, "InvalidCredentials")
      const [event] = (yield* auditOf(tenant)).filter((a) => a.action === "mfa.recovery_codes_regenerated")
      assert.deepStrictEqual(event?.details, { method: "password", count: 10 })
    }).pipe(provide)
  )

  it.effect("a wrong code or password changes nothing, counts a failure and is audited", () =>
    Effect.gen(function* () {
      const { tenant, user, actor } = yield* seedAccount()
      const { secret } = yield* enrollTotp(actor)
      yield* TestClock.adjust(STEP_MS)
      const before = yield* storedHashes(user)
      const right = yield* codeAt(secret)
      const wrong = right === "000000" ? "000001" : "000000"
      assert.strictEqual(
        (yield* Effect.flip(regenerateRecoveryCodes(actor, { code: wrong })))._tag,
        "InvalidTotpCode"
      )
      assert.strictEqual(
        (yield* Effect.flip(
          regenerateRecoveryCodes(actor, { currentPassword: Redacted.make("Not-The-Password-99") })
        ))._tag,
        "InvalidCurrentPassword"
      )
      assert.strictEqual(yield* failuresOf(user), 2)
      assert.deepStrictEqual(yield* storedHashes(user), before)
      const actions = (yield* auditOf(tenant)).map((a) => a.action)
      assert.include(actions, "mfa.totp_code_failed")
      assert.include(actions, "user.password_check_failed")
      assert.notInclude(actions, "mfa.recovery_codes_regenerated")
      // the right code still works afterwards, and clears the count
      yield* regenerateRecoveryCodes(actor, { code: right })
      assert.strictEqual(yield* failuresOf(user), 0)
    }).pipe(provide)
  )

  it.effect("a TOTP code works once: the same code cannot regenerate twice", () =>
    Effect.gen(function* () {
      const { actor } = yield* seedAccount()
      const { secret } = yield* enrollTotp(actor)
      yield* TestClock.adjust(STEP_MS)
      const code = yield* codeAt(secret)
      yield* regenerateRecoveryCodes(actor, { code })
      assert.strictEqual(
        (yield* Effect.flip(regenerateRecoveryCodes(actor, { code })))._tag,
        "InvalidTotpCode"
      )
    }).pipe(provide)
  )

  it.effect("without TOTP on there is nothing to regenerate: TotpNotEnabled, nothing counted", () =>
    Effect.gen(function* () {
      const { user, actor, password } = yield* seedAccount()
      const error = yield* Effect.flip(
        regenerateRecoveryCodes(actor, { currentPassword: Redacted.make(password) })
      )
      assert.strictEqual(error._tag, "TotpNotEnabled")
      assert.strictEqual(yield* failuresOf(user), 0)
    }).pipe(provide)
  )
})
