import { Effect, Option, Redacted } from "effect"
import { constantTimeEqual } from "../../bytes/constantTimeEqual.ts"
import { now } from "../../model/newId.ts"
import type { Tenant } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { type Invitation, InvitationRepository } from "../../ports/InvitationRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { guardAttempts, recordFailedAttempt } from "../auth/throttling.ts"
import type { InvalidTotpCode } from "../mfa/errors.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { TokenExpired, TokenInvalid, TokenUsed } from "./errors.ts"
import { parseSetupToken, sha256Hex } from "./token.ts"

/** A valid token's invitation, its pending user and their tenant. */
export interface CheckedSetupToken {
  readonly invitation: Invitation
  readonly user: User
  readonly tenant: Tenant
}

/**
 * A failed secret check of a known user (wrong token secret, wrong TOTP code). It travels out of the
 * transaction, which rolls back, and is counted afterwards by `countingFailures`: a count written inside the
 * failing transaction would be rolled back with it.
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
 * Checks a presented setup token at `at`, inside the caller's transaction. Order matters: the throttle is
 * consulted before the secret, and the secret before the state, so nobody without the secret learns whether
 * the invitation was used, revoked or expired.
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

  yield* guardAttempts(invitation.tenantId, invitation.userId, at)
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
 * Runs a setup step (its own transaction inside) and, when it fails with a `CountedFailure`, records the
 * failure on the invitation's user and audits it in a transaction of its own, then fails with the error the
 * client sees. The step's rollback cannot undo the count (Keycloak CVE-2026-9798: every path is throttled).
 */
export const countingFailures = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.catchIf(
      (error): error is Extract<E, CountedFailure> => error instanceof CountedFailure,
      (failure) =>
        transactional(
          Effect.gen(function* () {
            const { tenantId, id } = failure.user
            const state = yield* recordFailedAttempt(tenantId, id, yield* now)
            yield* audit(
              { tenantId, actorKind: "anonymous", actorId: null },
              {
                action: "setup.check_failed",
                targetType: "user",
                targetId: id,
                details: { step: failure.step, reason: failure.error._tag, failures: state.failures }
              }
            )
          })
        ).pipe(Effect.andThen(Effect.fail(failure.error as Extract<E, CountedFailure>["error"])))
    )
  )
