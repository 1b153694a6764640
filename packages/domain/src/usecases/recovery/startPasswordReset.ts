import { Effect, Schema } from "effect"
import type { Email } from "../../model/email.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import type { PresetName, TenantSlug } from "../../model/tenant.ts"
import type { PasswordPolicy } from "../../password/PasswordPolicy.ts"
import { transactional } from "../shared/transaction.ts"
import { checkToken, reservingTokenAttempt } from "./checkToken.ts"
import { OneTimeTokenInput } from "./token.ts"

export const StartPasswordResetInput = Schema.Struct({ token: OneTimeTokenInput })
export type StartPasswordResetInput = typeof StartPasswordResetInput.Type

/**
 * What the password-reset page shows before a password is sent: whose account, which tenant (its preset picks
 * the page's words), and the tenant's policy with the user's context words, so the live check-marks run the
 * same rules the server enforces on completion (`hasMfa`: the MFA minimum length applies).
 */
export interface PasswordResetStarted {
  readonly email: Email
  readonly firstName: string
  readonly lastName: string
  readonly tenant: { readonly name: string; readonly slug: TenantSlug; readonly preset: PresetName }
  readonly passwordPolicy: PasswordPolicy
  readonly hasMfa: boolean
}

/**
 * `POST /v1/auth/password-reset/start`: checks a reset token without using it up (a read: nothing changes,
 * nothing is audited but a wrong secret). Fails like completion: `TokenInvalid`, `TokenUsed`, `TokenExpired`,
 * or `TooManyAttempts`; a wrong secret counts as a failed attempt on the token's user.
 */
export const startPasswordReset = Effect.fn("startPasswordReset")(function* (
  input: StartPasswordResetInput,
  origin: RequestOrigin = {}
) {
  return yield* reservingTokenAttempt(
    input.token,
    "password_reset",
    origin,
    transactional(
      Effect.gen(function* () {
        const { user, tenant } = yield* checkToken(input.token, "password_reset", yield* now)
        const started: PasswordResetStarted = {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          tenant: { name: tenant.name, slug: tenant.slug, preset: tenant.preset },
          passwordPolicy: tenant.passwordPolicy,
          hasMfa: user.totpEnabled
        }
        return started
      })
    ),
    { releaseOnSuccess: true }
  )
})
