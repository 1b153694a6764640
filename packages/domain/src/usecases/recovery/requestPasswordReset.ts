import { Effect, Option, Redacted, Schema } from "effect"
import { Email } from "../../model/email.ts"
import type { InvitationId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { type Tenant, TenantSlug } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { Mailer, type MailMessage } from "../../ports/Mailer.ts"
import { OneTimeTokenRepository } from "../../ports/OneTimeTokenRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { InvitationEmailTemplate } from "../invitations/InvitationEmailTemplate.ts"
import { PublicUrl, setupLink } from "../invitations/PublicUrl.ts"
import { invitationExpiresAt, pendingInvitation } from "../invitations/pendingInvitation.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { PasswordResetEmailTemplate, RecoveryMailDispatch } from "./emails.ts"
import { RecoveryLimitSettings, reserveRequest } from "./quota.ts"
import { passwordResetEnabled } from "./settings.ts"
import { type NewOneTimeToken, newOneTimeToken, pageLink } from "./token.ts"

/** A password reset link works for 30 minutes. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000

export const RequestPasswordResetInput = Schema.Struct({
  /** The tenant's slug. */
  tenant: Schema.String.check(Schema.isMaxLength(100)),
  /** As typed; normalised here (trimmed, lower-cased). */
  email: Schema.String.check(Schema.isMaxLength(320))
})
export type RequestPasswordResetInput = typeof RequestPasswordResetInput.Type

/** What the request led to, for the audit trail only: the answer is the same for all of them. */
type Outcome =
  | "reset_link"
  | "setup_link"
  | "unknown_account"
  | "account_disabled"
  | "account_deactivated"
  | "reset_disabled"
  | "throttled"

const isSlug = Schema.is(TenantSlug)
const isEmail = Schema.is(Email)

/** Stores `token` as the user's password reset token (replacing the previous one) and writes the email. */
const resetLinkFor = Effect.fnUntraced(function* (
  tenant: Tenant,
  user: User,
  token: NewOneTimeToken,
  at: Date
) {
  const expiresAt = new Date(at.getTime() + PASSWORD_RESET_TTL_MS)
  yield* (yield* OneTimeTokenRepository).issue({
    id: token.id,
    tenantId: tenant.id,
    userId: user.id,
    purpose: "password_reset",
    secretHash: token.secretHash,
    expiresAt,
    createdAt: at,
    usedAt: null
  })
  const link = pageLink(yield* PublicUrl, "password-reset", Redacted.value(token.token))
  return (yield* PasswordResetEmailTemplate)(tenant, user, link, expiresAt)
})

/** A pending user gets a regenerated setup invitation (the previous link stops working) under the same token. */
const setupLinkFor = Effect.fnUntraced(function* (
  tenant: Tenant,
  user: User,
  token: NewOneTimeToken,
  at: Date
) {
  const invitations = yield* InvitationRepository
  yield* invitations.revokePendingForUser(tenant.id, user.id)
  const expiresAt = invitationExpiresAt(tenant, at)
  const setupToken = { id: token.id as string as InvitationId, secretHash: token.secretHash }
  yield* invitations.insert(pendingInvitation(tenant, user, setupToken, expiresAt, at))
  const link = setupLink(yield* PublicUrl, Redacted.value(token.token))
  return (yield* InvitationEmailTemplate)(tenant, user, link, expiresAt)
})

/**
 * `POST /v1/auth/password-reset`: anonymous. Whether or not the tenant and account exist, the answer is the
 * same and takes about the same time: every request creates a token and its hash, reserves its place under
 * the limits (per email address, known or not, and per client address) and is audited; the email goes out in
 * the background (`RecoveryMailDispatch`), so the answer never waits for the mail system.
 *
 * An active account gets a reset link (`/password-reset#token=...`, 30 minutes, single use; the previous one
 * stops working); a pending one its setup link again; a disabled or deactivated account, an unknown email and
 * a tenant that switched resets off get nothing. Over a limit: `TooManyAttempts` (equally for unknown emails).
 */
export const requestPasswordReset = Effect.fn("requestPasswordReset")(function* (
  input: RequestPasswordResetInput,
  origin: RequestOrigin = {}
) {
  const at = yield* now
  const email = input.email.trim().toLowerCase()
  // the same work for every request, whatever follows: a fresh token and its hash
  const token = yield* newOneTimeToken
  const limits = yield* RecoveryLimitSettings

  const result = yield* transactional(
    Effect.gen(function* () {
      const knownTenant = isSlug(input.tenant)
        ? yield* (yield* TenantRepository).findBySlug(input.tenant)
        : Option.none<Tenant>()
      if (Option.isNone(knownTenant)) return undefined
      const tenant = knownTenant.value
      const perAccount = yield* reserveRequest("password-reset", tenant.id, email, limits.resetPerAccount, at)
      const perAddress =
        origin.clientAddress === undefined
          ? undefined
          : yield* reserveRequest(
              "password-reset-address",
              tenant.id,
              origin.clientAddress,
              limits.resetPerAddress,
              at
            )
      const found = isEmail(email)
        ? yield* (yield* UserRepository).findByEmail(tenant.id, email)
        : Option.none()
      const user = Option.getOrUndefined(found)
      const refused = perAccount ?? perAddress

      let outcome: Outcome
      let message: MailMessage | undefined
      if (refused !== undefined) outcome = "throttled"
      else if (!passwordResetEnabled(tenant)) outcome = "reset_disabled"
      else if (user === undefined) outcome = "unknown_account"
      else if (user.status === "active") {
        outcome = "reset_link"
        message = yield* resetLinkFor(tenant, user, token, at)
      } else if (user.status === "pending") {
        outcome = "setup_link"
        message = yield* setupLinkFor(tenant, user, token, at)
      } else outcome = `account_${user.status}`

      yield* audit(
        { tenantId: tenant.id, actorKind: "anonymous", actorId: null },
        {
          action: "user.password_reset_requested",
          ...(user === undefined ? {} : { targetType: "user", targetId: user.id }),
          details: { email, outcome }
        }
      )
      return { refused, message }
    })
  )
  if (result === undefined) return
  if (result.message !== undefined) {
    const mailer = yield* Mailer
    yield* (yield* RecoveryMailDispatch)(mailer.send(result.message))
  }
  if (result.refused !== undefined) return yield* result.refused
})
