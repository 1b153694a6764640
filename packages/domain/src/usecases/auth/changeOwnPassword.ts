import { Effect, Redacted, Schema } from "effect"
import { PasswordPolicyViolation, type RuleResult } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { PlainPassword } from "../../model/password.ts"
import { checkPassword } from "../../password/checkPassword.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { endAllSessions } from "../sessions/endAllSessions.ts"
import type { ActorContext } from "../shared/ActorContext.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { InvalidCurrentPassword } from "./errors.ts"
import { attemptKey, auditLockStarted, clearFailedAttempts, underReservation } from "./throttling.ts"

export const ChangeOwnPasswordInput = Schema.Struct({
  currentPassword: PlainPassword,
  newPassword: PlainPassword
})
export type ChangeOwnPasswordInput = typeof ChangeOwnPasswordInput.Type

const SCOPES = ["full", "password_change"] as const

/** The current password was wrong: a counted guess (any other refusal releases the reserved attempt). */
class WrongCurrentPassword {
  readonly _tag = "WrongCurrentPassword"
}

/** Sets the new password once the current one is known right (nothing here is a guess). */
const replacePassword = Effect.fnUntraced(function* (
  actor: Actor,
  context: ActorContext,
  input: ChangeOwnPasswordInput
) {
  const { tenant, user } = context
  const check = yield* checkPassword(tenant.passwordPolicy, input.newPassword, {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    tenantName: tenant.name,
    hasMfa: user.totpEnabled
  })
  const notCurrent: RuleResult = {
    rule: "notCurrent",
    passed: Redacted.value(input.newPassword) !== Redacted.value(input.currentPassword),
    message: "The new password must differ from the current one"
  }
  const failures = [...check.results, notCurrent].filter((r) => !r.passed)
  if (failures.length > 0) return yield* new PasswordPolicyViolation({ failures })
  const passwordHash = yield* (yield* PasswordHasher).hash(input.newPassword)

  return yield* transactional(
    Effect.gen(function* () {
      const current = yield* authenticate(actor, { allowScopes: SCOPES })
      // changed by someone else since it was verified: what was given is no longer the current password
      if (current.user.passwordHash !== user.passwordHash) return yield* new InvalidCurrentPassword()
      yield* (yield* UserRepository).update(
        { ...current.user, passwordHash, mustChangePassword: false, updatedAt: current.now },
        current.user.version
      )
      yield* clearFailedAttempts(tenant.id, user.id)
      const sessionsEnded = yield* endAllSessions(tenant.id, user.id)
      yield* auditBy(current, {
        action: "user.password_changed",
        targetType: "user",
        targetId: user.id,
        details: { by: "self", sessionsEnded }
      })
    })
  ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }))
})

/**
 * Changes the caller's own password (ASVS 6.2.3): the current one must be given and is checked under the
 * throttle of the account and the caller's address: the attempt is reserved before the hash is checked; a wrong
 * one stays counted, is audited and gives `InvalidCurrentPassword`; a right one refused for another reason
 * (the new password's policy) is released. The new one must pass the tenant's policy (with the user's context
 * words, and the MFA minimum when TOTP is on) and differ from the current one, reported with the policy's rules
 * as `notCurrent`. Clears a forced change. Afterwards EVERY session of the user has ended, the caller's too:
 * they log in again. Allowed in a `full` or `password_change` session.
 */
export const changeOwnPassword = Effect.fn("changeOwnPassword")(function* (
  actor: Actor,
  input: ChangeOwnPasswordInput,
  origin: RequestOrigin = {}
) {
  const context = yield* authenticate(actor, { allowScopes: SCOPES })
  const { tenant, user } = context
  const attempt = underReservation(
    attemptKey(tenant.id, user.id, origin),
    context.now,
    (granted) =>
      Effect.gen(function* () {
        const hasher = yield* PasswordHasher
        const valid =
          user.passwordHash === null
            ? yield* hasher.verifyDummy(input.currentPassword).pipe(Effect.as(false))
            : (yield* hasher.verify(user.passwordHash, input.currentPassword)).valid
        if (!valid) {
          yield* transactional(
            Effect.gen(function* () {
              yield* auditBy(context, {
                action: "user.password_change_failed",
                targetType: "user",
                targetId: user.id,
                details: { reason: "wrong_current_password", failures: granted.account.failures }
              })
              yield* auditLockStarted(granted)
            })
          )
          return yield* Effect.fail(new WrongCurrentPassword())
        }
        return yield* replacePassword(actor, context, input)
      }),
    { counts: (error) => error instanceof WrongCurrentPassword, releaseOnSuccess: false }
  )
  return yield* attempt.pipe(
    Effect.catchIf(
      (error): error is WrongCurrentPassword => error instanceof WrongCurrentPassword,
      () => Effect.fail(new InvalidCurrentPassword())
    )
  )
})
