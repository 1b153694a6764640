import { Effect, Option, Redacted } from "effect"
import { constantTimeEqual } from "../../bytes/constantTimeEqual.ts"
import { sha256Hex } from "../../bytes/encoding.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import {
  type OneTimeToken,
  type OneTimeTokenPurpose,
  OneTimeTokenRepository
} from "../../ports/OneTimeTokenRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { attemptKey, underAnonymousReservation } from "../auth/throttling.ts"
import { TokenExpired, TokenInvalid, TokenUsed } from "../invitations/errors.ts"
import { passwordResetEnabled } from "./settings.ts"
import { parseOneTimeToken } from "./token.ts"

/** A valid token's row, its active user and their tenant. */
export interface CheckedToken {
  readonly token: OneTimeToken
  readonly user: User
  readonly tenant: Tenant
}

/**
 * A wrong secret for a known token id: a guess. It travels out of the transaction, which rolls back; the
 * attempt, reserved before in a transaction of its own, stays counted and is audited by `reservingTokenAttempt`.
 */
export class WrongTokenSecret {
  readonly _tag = "WrongTokenSecret"
  constructor(
    readonly user: Pick<User, "tenantId" | "id">,
    readonly purpose: OneTimeTokenPurpose
  ) {}
}

/**
 * Checks a presented token of `purpose` at `at`, inside the caller's transaction, under the attempt
 * `reservingTokenAttempt` reserved. The secret is checked before the state, so nobody without the secret learns
 * whether the token was used or expired. A token of another purpose, of a user who is no longer active, or (for
 * a password reset) of a tenant that switched resets off is `TokenInvalid`, like an unknown one.
 */
export const checkToken = Effect.fnUntraced(function* (
  presented: Redacted.Redacted<string>,
  purpose: OneTimeTokenPurpose,
  at: Date
) {
  const parsed = parseOneTimeToken(Redacted.value(presented))
  if (Option.isNone(parsed)) return yield* new TokenInvalid()
  const found = yield* (yield* OneTimeTokenRepository).findById(parsed.value.id)
  if (Option.isNone(found) || found.value.purpose !== purpose) return yield* new TokenInvalid()
  const token = found.value

  const secretHash = yield* sha256Hex(parsed.value.secret)
  if (!constantTimeEqual(secretHash, token.secretHash)) {
    return yield* Effect.fail(new WrongTokenSecret({ tenantId: token.tenantId, id: token.userId }, purpose))
  }
  if (token.usedAt !== null) return yield* new TokenUsed()
  if (token.expiresAt.getTime() <= at.getTime()) return yield* new TokenExpired()

  const tenant = yield* (yield* TenantRepository).findById(token.tenantId)
  const user = yield* (yield* UserRepository).findById(token.tenantId, token.userId)
  if (Option.isNone(tenant) || Option.isNone(user) || user.value.status !== "active") {
    return yield* new TokenInvalid()
  }
  if (purpose === "password_reset" && !passwordResetEnabled(tenant.value)) return yield* new TokenInvalid()
  const checked: CheckedToken = { token, user: user.value, tenant: tenant.value }
  return checked
})

/** Why a conditional `use` lost: another caller used the token, it expired in between, or it was replaced. */
export const lostUse = Effect.fnUntraced(function* (checked: CheckedToken, at: Date) {
  const current = yield* (yield* OneTimeTokenRepository).findById(checked.token.id)
  if (Option.isNone(current)) return yield* new TokenInvalid()
  if (current.value.usedAt !== null) return yield* new TokenUsed()
  if (current.value.expiresAt.getTime() <= at.getTime()) return yield* new TokenExpired()
  return yield* new TokenInvalid()
})

/**
 * Runs a token step (its own transaction inside) under an attempt reserved for the token's user from `origin`
 * (`underReservation`: committed before the step checks the secret). A `WrongTokenSecret` stays counted, is
 * audited in a transaction of its own and fails with `TokenInvalid`; any other refusal is no guess and releases
 * the attempt, and so does success unless the step cleared the counts itself (`releaseOnSuccess: false`). An
 * unknown token, or one of another purpose, is refused before anything is reserved (Keycloak CVE-2026-9798:
 * every path is throttled).
 */
export const reservingTokenAttempt = <A, E, R>(
  presented: Redacted.Redacted<string>,
  purpose: OneTimeTokenPurpose,
  origin: RequestOrigin,
  effect: Effect.Effect<A, E, R>,
  options: { readonly releaseOnSuccess: boolean }
) =>
  Effect.gen(function* () {
    const parsed = parseOneTimeToken(Redacted.value(presented))
    if (Option.isNone(parsed)) return yield* new TokenInvalid()
    const found = yield* (yield* OneTimeTokenRepository).findById(parsed.value.id)
    if (Option.isNone(found) || found.value.purpose !== purpose) return yield* new TokenInvalid()
    const { tenantId, userId } = found.value
    const isWrong = (error: unknown): error is Extract<E, WrongTokenSecret> =>
      error instanceof WrongTokenSecret
    return yield* underAnonymousReservation(attemptKey(tenantId, userId, origin), yield* now, effect, {
      counts: isWrong,
      releaseOnSuccess: options.releaseOnSuccess,
      action: "user.token_check_failed",
      details: (_failure, granted) => ({
        purpose,
        reason: "wrong_secret",
        failures: granted.account.failures
      })
    }).pipe(Effect.catchIf(isWrong, () => Effect.fail(new TokenInvalid())))
  })
