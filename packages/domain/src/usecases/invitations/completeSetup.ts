import { Effect, Option, Redacted, Schema } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import type { Email } from "../../model/email.ts"
import type { UserId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { PlainPassword } from "../../model/password.ts"
import { PersonName, type User } from "../../model/user.ts"
import { enforcePassword } from "../../password/checkPassword.ts"
import { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { TotpRepository } from "../../ports/TotpRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { hashRecoveryCode, newRecoveryCodes } from "../../totp/recoveryCodes.ts"
import { verifyTotp } from "../../totp/totp.ts"
import { clearFailedAttempts } from "../auth/throttling.ts"
import { InvalidTotpCode } from "../mfa/errors.ts"
import { openTotpSecret } from "../mfa/totpSecret.ts"
import { loadRoles } from "../shared/ActorContext.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import {
  type CheckedSetupToken,
  CountedFailure,
  checkSetupToken,
  reservingSetupAttempt
} from "./checkSetupToken.ts"
import { TokenExpired, TokenInvalid, TokenUsed } from "./errors.ts"
import { totpRequiredFor } from "./setupTotp.ts"
import { SetupToken } from "./startSetup.ts"

export const CompleteSetupInput = Schema.Struct({
  token: SetupToken,
  displayName: PersonName,
  password: PlainPassword,
  /** Required when setup started with `requiresTotp`: a code of the authenticator just enrolled. */
  totpCode: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(20)))
})
export type CompleteSetupInput = typeof CompleteSetupInput.Type

export interface SetupCompleted {
  readonly userId: UserId
  readonly email: Email
  /** When TOTP was enrolled now: the single-use recovery codes, shown this once and stored only hashed. */
  readonly recoveryCodes?: ReadonlyArray<Redacted.Redacted<string>>
}

/** Why a conditional accept lost: another caller used the token, or it expired in between. */
const lostAccept = Effect.fnUntraced(function* (checked: CheckedSetupToken, at: Date) {
  const current = yield* (yield* InvitationRepository).findById(checked.invitation.id)
  if (Option.isSome(current) && current.value.state === "accepted") return yield* new TokenUsed()
  if (Option.isSome(current) && current.value.expiresAt.getTime() <= at.getTime())
    return yield* new TokenExpired()
  return yield* new TokenInvalid()
})

/** Checks the TOTP code against the user's enrolment and confirms it; the recovery codes when newly confirmed. */
const enrolTotp = Effect.fnUntraced(function* (user: User, code: string | undefined, at: Date) {
  if (code === undefined) {
    return yield* new InvalidInput({
      errors: [{ path: "totpCode", message: "A code from the authenticator app is required" }]
    })
  }
  const repository = yield* TotpRepository
  const enrollment = yield* repository.find(user.tenantId, user.id)
  if (Option.isNone(enrollment)) {
    return yield* new InvalidInput({
      errors: [{ path: "totpCode", message: "Start the setup first to get the authenticator secret" }]
    })
  }
  const key = yield* openTotpSecret(enrollment.value)
  const verification = yield* verifyTotp(key, code, at.getTime(), {
    window: 1,
    lastUsedStep: enrollment.value.lastUsedStep
  })
  if (!verification.valid) {
    return yield* Effect.fail(new CountedFailure(user, "complete", new InvalidTotpCode()))
  }
  const step = Number(verification.step)
  if (enrollment.value.confirmed) {
    // enrolled before (not through setup): the code proves possession and is used up
    if (!(yield* repository.useStep(user.tenantId, user.id, step))) {
      return yield* Effect.fail(new CountedFailure(user, "complete", new InvalidTotpCode()))
    }
    return [] as ReadonlyArray<Redacted.Redacted<string>>
  }
  const codes = yield* newRecoveryCodes()
  const hashes = yield* Effect.forEach(codes, (c) => hashRecoveryCode(c))
  if (!(yield* repository.confirm(user.tenantId, user.id, hashes, step))) {
    return yield* Effect.fail(new CountedFailure(user, "complete", new InvalidTotpCode()))
  }
  return codes.map((c) => Redacted.make(c))
})

/**
 * `POST /v1/setup/complete`: the pending user of the token becomes active with their display name and
 * password (per the tenant's policy), and with TOTP enrolled when required. A token completes setup exactly
 * once, also under concurrent attempts: the invitation's conditional accept picks one winner and the others
 * get `TokenUsed`. The token decides the user; nothing in the input can name another one. A policy violation
 * or a missing TOTP code leaves the token usable; a wrong secret or TOTP code counts as a failed attempt.
 */
export const completeSetup = Effect.fn("completeSetup")(function* (
  input: CompleteSetupInput,
  origin: RequestOrigin = {}
) {
  return yield* reservingSetupAttempt(
    input.token,
    origin,
    transactional(
      Effect.gen(function* () {
        const at = yield* now
        const checked = yield* checkSetupToken(input.token, at, "complete")
        const { user, tenant } = checked
        if (!(yield* (yield* InvitationRepository).accept(tenant.id, checked.invitation.id, at))) {
          return yield* lostAccept(checked, at)
        }
        const roles = yield* loadRoles(tenant.id)
        const totpRequired = totpRequiredFor(user, roles.tenant(user.role))
        yield* enforcePassword(tenant.passwordPolicy, input.password, {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          tenantName: tenant.name,
          hasMfa: totpRequired || user.totpEnabled
        })
        const recoveryCodes = totpRequired ? yield* enrolTotp(user, input.totpCode, at) : []
        const passwordHash = yield* (yield* PasswordHasher).hash(input.password)
        yield* (yield* UserRepository).update(
          {
            ...user,
            status: "active",
            awaitingSetup: false,
            displayName: input.displayName,
            passwordHash,
            mustChangePassword: false,
            // the link reached the user's inbox (it is emailed to them): the address is theirs
            emailVerified: true,
            totpEnabled: user.totpEnabled || totpRequired,
            updatedAt: at
          },
          user.version
        )
        yield* clearFailedAttempts(tenant.id, user.id)
        yield* audit(
          { tenantId: tenant.id, actorKind: "user", actorId: user.id },
          {
            action: "setup.completed",
            targetType: "user",
            targetId: user.id,
            details: { invitationId: checked.invitation.id, totpEnrolled: totpRequired }
          }
        )
        const completed: SetupCompleted = {
          userId: user.id,
          email: user.email,
          ...(recoveryCodes.length > 0 ? { recoveryCodes } : {})
        }
        return completed
      })
      // an admin editing the pending user at the same moment: the whole step runs again on fresh rows
    ).pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 })),
    // success cleared the counts in its transaction
    { releaseOnSuccess: false }
  )
})
