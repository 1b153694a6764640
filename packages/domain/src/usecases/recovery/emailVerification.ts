import { Effect, Redacted, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { Mailer } from "../../ports/Mailer.ts"
import { OneTimeTokenRepository } from "../../ports/OneTimeTokenRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { PublicUrl } from "../invitations/PublicUrl.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { audit, auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { checkToken, lostUse, reservingTokenAttempt } from "./checkToken.ts"
import { EmailVerificationEmailTemplate } from "./emails.ts"
import { RecoveryLimitSettings, reserveRequest } from "./quota.ts"
import { newOneTimeToken, OneTimeTokenInput, pageLink } from "./token.ts"

/** An email verification link works for 24 hours. */
export const EMAIL_VERIFICATION_TTL_MS = 24 * 3_600_000

/**
 * `POST /v1/me/email-verification`: emails the caller a link (`/verify-email#token=...`, 24 hours, single use;
 * the previous one stops working). Limited per user (`TooManyAttempts`, counted in a committed transaction).
 * The message is handed to the Mailer last, inside the transaction: a refusal (`MailDeliveryFailed`) undoes the
 * new token.
 */
export const requestEmailVerification = Effect.fn("requestEmailVerification")(function* (actor: Actor) {
  const context = yield* authenticate(actor)
  const { tenant, user } = context
  const limits = yield* RecoveryLimitSettings
  const refused = yield* transactional(
    reserveRequest("email-verification", tenant.id, user.id, limits.verificationPerUser, context.now)
  )
  if (refused !== undefined) return yield* refused
  return yield* transactional(
    Effect.gen(function* () {
      const at = yield* now
      const token = yield* newOneTimeToken
      const expiresAt = new Date(at.getTime() + EMAIL_VERIFICATION_TTL_MS)
      yield* (yield* OneTimeTokenRepository).issue({
        id: token.id,
        tenantId: tenant.id,
        userId: user.id,
        purpose: "email_verification",
        secretHash: token.secretHash,
        expiresAt,
        createdAt: at,
        usedAt: null
      })
      yield* auditBy(context, {
        action: "user.email_verification_requested",
        targetType: "user",
        targetId: user.id,
        details: { expiresAt: expiresAt.toISOString() }
      })
      const link = pageLink(yield* PublicUrl, "verify-email", Redacted.value(token.token))
      yield* (yield* Mailer).send((yield* EmailVerificationEmailTemplate)(tenant, user, link, expiresAt))
    })
  )
})

export const CompleteEmailVerificationInput = Schema.Struct({ token: OneTimeTokenInput })
export type CompleteEmailVerificationInput = typeof CompleteEmailVerificationInput.Type

/**
 * `POST /v1/email-verification/complete`: anonymous (the link may be opened anywhere); the token's user gets
 * `emailVerified`. Single use like the reset token; `TokenInvalid`, `TokenUsed`, `TokenExpired` or
 * `TooManyAttempts` otherwise, a wrong secret counted.
 */
export const completeEmailVerification = Effect.fn("completeEmailVerification")(function* (
  input: CompleteEmailVerificationInput,
  origin: RequestOrigin = {}
) {
  return yield* reservingTokenAttempt(
    input.token,
    "email_verification",
    origin,
    transactional(
      Effect.gen(function* () {
        const at = yield* now
        const checked = yield* checkToken(input.token, "email_verification", at)
        const { user, tenant } = checked
        if (!(yield* (yield* OneTimeTokenRepository).use(tenant.id, checked.token.id, at))) {
          return yield* lostUse(checked, at)
        }
        if (!user.emailVerified) {
          yield* (yield* UserRepository).update({ ...user, emailVerified: true, updatedAt: at }, user.version)
        }
        yield* audit(
          { tenantId: tenant.id, actorKind: "user", actorId: user.id },
          {
            action: "user.email_verified",
            targetType: "user",
            targetId: user.id,
            details: { via: "email_link" }
          }
        )
      })
    ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 })),
    { releaseOnSuccess: true }
  )
})
