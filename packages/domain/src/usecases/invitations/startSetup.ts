import { Effect, Option, Schema } from "effect"
import type { Email } from "../../model/email.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import type { PresetName, TenantSlug } from "../../model/tenant.ts"
import type { PasswordPolicy } from "../../password/PasswordPolicy.ts"
import { loadRoles } from "../shared/ActorContext.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { checkSetupToken, reservingSetupAttempt } from "./checkSetupToken.ts"
import { type PendingTotp, pendingTotpFor, totpRequiredFor } from "./setupTotp.ts"

/** A setup token as presented (from the link's fragment, sent in a POST body); a secret, so Redacted. */
export const SetupToken = Schema.RedactedFromValue(Schema.String.check(Schema.isMaxLength(200)))

export const StartSetupInput = Schema.Struct({ token: SetupToken })
export type StartSetupInput = typeof StartSetupInput.Type

/**
 * What the setup page shows: whose account, which tenant (its preset picks the page's words), the password
 * policy (live check-marks before the password is sent), and the authenticator to enrol when required.
 */
export interface SetupStarted {
  readonly email: Email
  readonly firstName: string
  readonly lastName: string
  readonly tenant: { readonly name: string; readonly slug: TenantSlug; readonly preset: PresetName }
  readonly passwordPolicy: PasswordPolicy
  readonly requiresTotp: boolean
  readonly totp?: PendingTotp
}

/**
 * `POST /v1/setup/start`: checks a setup token without using it up. When the user's role (or an admin) requires
 * TOTP, a pending TOTP secret is created, or the pending one reused, and returned for enrolment. Fails with
 * `TokenInvalid`, `TokenUsed`, `TokenExpired`, or `TooManyAttempts`; a wrong secret counts as a failed
 * attempt on the invitation's user from the caller's address (reserved before the secret is checked).
 */
export const startSetup = Effect.fn("startSetup")(function* (
  input: StartSetupInput,
  origin: RequestOrigin = {}
) {
  return yield* reservingSetupAttempt(
    input.token,
    origin,
    transactional(
      Effect.gen(function* () {
        const at = yield* now
        const { user, tenant } = yield* checkSetupToken(input.token, at, "start")
        const roles = yield* loadRoles(tenant.id)
        const totpRequired = totpRequiredFor(user, roles.tenant(user.role))
        const totp = totpRequired ? yield* pendingTotpFor(tenant, user, at) : Option.none<PendingTotp>()
        yield* audit(
          { tenantId: tenant.id, actorKind: "anonymous", actorId: null },
          {
            action: "setup.started",
            targetType: "user",
            targetId: user.id,
            details: { requiresTotp: totpRequired }
          }
        )
        const started: SetupStarted = {
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          tenant: { name: tenant.name, slug: tenant.slug, preset: tenant.preset },
          passwordPolicy: tenant.passwordPolicy,
          requiresTotp: totpRequired,
          ...(Option.isSome(totp) ? { totp: totp.value } : {})
        }
        return started
      })
    ),
    // a right secret only lets the page open: the attempt is released, earlier failures stay
    { releaseOnSuccess: true }
  )
})
