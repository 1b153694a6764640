import { Effect, Option, Redacted } from "effect"
import { constantTimeEqual } from "../../bytes/constantTimeEqual.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { type Invitation, InvitationRepository } from "../../ports/InvitationRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { attemptKey, underAnonymousReservation } from "../auth/throttling.ts"
import type { InvalidTotpCode } from "../mfa/errors.ts"
import { TokenExpired, TokenInvalid, TokenUsed } from "./errors.ts"
import { parseSetupToken, sha256Hex } from "./token.ts"

/** A valid token's invitation, its pending user and their tenant. */
export interface CheckedSetupToken {
  readonly invitation: Invitation
  readonly user: User
  readonly tenant: Tenant
}

/**
 * A failed secret check of a known user (wrong token secret, wrong TOTP code): a guess. It travels out of the
 * transaction, which rolls back; the attempt, reserved before in a transaction of its own, stays counted and is
 * audited by `reservingSetupAttempt`.
 */
export class CountedFailure<out F extends TokenInvalid | InvalidTotpCode = TokenInvalid | InvalidTotpCode> {
  readonly _tag = "CountedFailure"
  constructor(
    readonly user: Pick<User, "tenantId" | "id">,
    readonly step: "start" | "complete",
    readonly error: F
  ) {}
}

/**
 * Checks a presented setup token at `at`, inside the caller's transaction, under the attempt
 * `reservingSetupAttempt` reserved. Order matters: the secret is checked before the state, so nobody without
 * the secret learns whether the invitation was used, revoked or expired.
 */
export const checkSetupToken = Effect.fnUntraced(function* (
  token: Redacted.Redacted<string>,
  at: Date,
  step: "start" | "complete"
) {
  const parsed = parseSetupToken(Redacted.value(token))
  if (Option.isNone(parsed)) return yield* new TokenInvalid()
  const found = yield* (yield* InvitationRepository).findById(parsed.value.id)
  if (Option.isNone(found)) return yield* new TokenInvalid()
  const invitation = found.value
  const owner = { tenantId: invitation.tenantId, id: invitation.userId }

  const secretHash = yield* sha256Hex(parsed.value.secret)
  if (!constantTimeEqual(secretHash, invitation.secretHash)) {
    return yield* Effect.fail(new CountedFailure(owner, step, new TokenInvalid()))
  }

  if (invitation.state === "accepted") return yield* new TokenUsed()
  if (invitation.state === "revoked") return yield* new TokenInvalid()
  if (invitation.state === "expired" || invitation.expiresAt.getTime() <= at.getTime()) {
    return yield* new TokenExpired()
  }
  const tenant = yield* (yield* TenantRepository).findById(invitation.tenantId)
  const user = yield* (yield* UserRepository).findById(invitation.tenantId, invitation.userId)
  if (Option.isNone(tenant) || Option.isNone(user) || user.value.status !== "pending") {
    return yield* new TokenInvalid()
  }
  const checked: CheckedSetupToken = { invitation, user: user.value, tenant: tenant.value }
  return checked
})

/**
 * Runs a setup step (its own transaction inside) under an attempt reserved for the token's user from `origin`
 * (`underReservation`: committed before the step checks the secret, so concurrent wrong tokens get at most the
 * free number of checks). A `CountedFailure` (wrong secret or TOTP code) stays counted and is audited in a
 * transaction of its own, then fails with the error the client sees; any other refusal is no guess and
 * releases the attempt (a valid link of a disabled user changes nothing), and so does success unless the step
 * cleared the counts itself (`releaseOnSuccess: false`). An unknown token is refused before anything is
 * reserved (Keycloak CVE-2026-9798: every path is throttled).
 */
export const reservingSetupAttempt = <A, E, R>(
  token: Redacted.Redacted<string>,
  origin: RequestOrigin,
  effect: Effect.Effect<A, E, R>,
  options: { readonly releaseOnSuccess: boolean }
) =>
  Effect.gen(function* () {
    const parsed = parseSetupToken(Redacted.value(token))
    if (Option.isNone(parsed)) return yield* new TokenInvalid()
    const found = yield* (yield* InvitationRepository).findById(parsed.value.id)
    if (Option.isNone(found)) return yield* new TokenInvalid()
    const { tenantId, userId } = found.value
    const isCounted = (error: unknown): error is Extract<E, CountedFailure> => error instanceof CountedFailure
    return yield* underAnonymousReservation(attemptKey(tenantId, userId, origin), yield* now, effect, {
      counts: isCounted,
      releaseOnSuccess: options.releaseOnSuccess,
      action: "setup.check_failed",
      details: (failure, granted) => ({
        step: failure.step,
        reason: failure.error._tag,
        failures: granted.account.failures
      })
    }).pipe(
      Effect.catchIf(isCounted, (failure) =>
        Effect.fail(failure.error as Extract<E, CountedFailure>["error"])
      )
    )
  })
