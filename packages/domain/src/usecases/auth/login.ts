import { Effect, Option, type Redacted, Schema } from "effect"
import type { SessionScope } from "../../model/actor.ts"
import { Email } from "../../model/email.ts"
import type { SessionId } from "../../model/ids.ts"
import { now } from "../../model/newId.ts"
import type { RequestOrigin } from "../../model/origin.ts"
import { PlainPassword } from "../../model/password.ts"
import { type Tenant, TenantSlug } from "../../model/tenant.ts"
import { isSingleLineText } from "../../model/text.ts"
import type { User } from "../../model/user.ts"
import { ActorDirectory } from "../../ports/ActorDirectory.ts"
import { FailedAttempts, type GrantedAttempt } from "../../ports/FailedAttempts.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { checkSecondFactor } from "../mfa/secondFactor.ts"
import { issueSession } from "../sessions/issueSession.ts"
import { audit } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { InvalidCredentials, MfaRequired } from "./errors.ts"
import {
  attemptKey,
  auditLockStarted,
  clearFailedAttempts,
  releaseAttempt,
  ThrottleSettings,
  tooManyAttempts,
  unknownAccountKey
} from "./throttling.ts"

export const LoginInput = Schema.Struct({
  /** The tenant's slug. */
  tenant: Schema.String.check(Schema.isMaxLength(100), isSingleLineText()),
  /** As typed; normalised here (trimmed, lower-cased). No control character (a NUL cannot be stored). */
  email: Schema.String.check(Schema.isMaxLength(320), isSingleLineText()),
  password: PlainPassword,
  /** A TOTP code, or a recovery code in its place. */
  totp: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(64)))
})
export type LoginInput = typeof LoginInput.Type

// Checked in the use case too (an embedding caller passes the type): a NUL would reach the audit details.
const LoginIdentity = Schema.Struct({ tenant: LoginInput.fields.tenant, email: LoginInput.fields.email })

export interface LoginResult {
  /** `<id>.<secret>`: give it to the client once (Bearer token or HttpOnly cookie); it is not stored. */
  readonly token: Redacted.Redacted<string>
  readonly session: { readonly id: SessionId; readonly scope: SessionScope; readonly expiresAt: Date }
  readonly user: User
}

/** Why a login failed, for the audit trail only (the client always gets `InvalidCredentials`). */
type FailureReason =
  | "unknown_account"
  | "no_password"
  | "wrong_password"
  | "account_pending"
  | "account_disabled"
  | "account_deactivated"
  | "account_changed"
  | "wrong_totp"
  | "reused_totp"
  | "wrong_recovery_code"
  | "totp_not_enabled"

const isEmail = Schema.is(Email)
const isSlug = Schema.is(TenantSlug)

/** The narrowest scope that applies: a forced password change first, then a required TOTP enrolment. */
const scopeFor = (user: User, roleRequiresTotp: boolean): SessionScope => {
  if (user.mustChangePassword) return "password_change"
  if ((roleRequiresTotp || user.requireTotp) && !user.totpEnabled) return "mfa_enrollment"
  return "full"
}

/**
 * Audits a failed attempt (counted when it was reserved) and the account lock it started, then hands back the
 * error for the caller to fail with.
 */
const recordFailure = Effect.fnUntraced(function* (
  tenant: Tenant,
  granted: GrantedAttempt,
  attempt: { readonly email: string; readonly user: User | undefined; readonly reason: FailureReason }
) {
  yield* audit(
    { tenantId: tenant.id, actorKind: "anonymous", actorId: null },
    {
      action: "auth.login_failed",
      ...(attempt.user === undefined ? {} : { targetType: "user", targetId: attempt.user.id }),
      details: {
        email: attempt.email,
        reason: attempt.reason,
        failures: granted.account.failures,
        originFailures: granted.origin.failures
      }
    }
  )
  yield* auditLockStarted(granted)
  return new InvalidCredentials()
})

type Outcome =
  | { readonly _tag: "Succeeded"; readonly result: LoginResult }
  | {
      readonly _tag: "Failed"
      readonly error: InvalidCredentials | MfaRequired
      /** No guess was judged (a right password without its code, a concurrent edit): release the attempt. */
      readonly release: boolean
    }

const failed = (error: InvalidCredentials | MfaRequired, release = false): Outcome => ({
  _tag: "Failed",
  error,
  release
})

/**
 * Logs in with tenant slug, email and password (+ a TOTP or recovery code when the account has TOTP) and
 * returns a brand-new session. Anonymous.
 *
 * - One answer, `InvalidCredentials`, for an unknown tenant or email, a wrong password or code, and a pending,
 *   disabled or deactivated account; an unknown email still pays for a (dummy) hash verification, and is
 *   throttled under a key derived from it, so neither the answer, the timing nor the throttle tells whether
 *   the account exists.
 * - Throttled per (account, client address) and per account: the attempt is RESERVED (decided and counted in
 *   one atomic step, committed) before any secret is checked, so N concurrent wrong passwords get at most the
 *   free number of hash checks; a refused attempt (`TooManyAttempts`: growing waits per address, an account
 *   lock of an hour at 100 consecutive failures that spares addresses the account signed in from) checks and
 *   counts nothing. A failure is audited (and a lock it starts, `auth.locked`); success clears the counts and
 *   remembers the address. A right password alone (`MfaRequired`) is released: it neither counts nor clears,
 *   so TOTP guesses stay throttled.
 * - Slow hashing runs outside transactions; the success transaction re-reads the user and applies everything
 *   (code consumption, counter reset, `lastLoginAt`, rehash, the session, the audit event) together.
 * - Scope: `password_change` while a password change is forced, `mfa_enrollment` while required TOTP is not
 *   enrolled, else `full`.
 */
export const login = Effect.fn("login")(function* (input: LoginInput, origin: RequestOrigin = {}) {
  yield* decodeInput(LoginIdentity, { tenant: input.tenant, email: input.email })
  const at = yield* now
  const hasher = yield* PasswordHasher
  const policy = yield* ThrottleSettings

  const users = yield* UserRepository
  const email = input.email.trim().toLowerCase()
  // The reads and the reservation before hashing run each on its own, outside any transaction: under READ
  // COMMITTED a shared transaction gave them no common snapshot, only a BEGIN and a COMMIT of their own (a round
  // trip each). Alone, each is one round trip, and the reservation commits by itself before the hash is checked.
  const before = yield* Effect.gen(function* () {
    const knownTenant = isSlug(input.tenant)
      ? yield* (yield* TenantRepository).findBySlug(input.tenant)
      : Option.none<Tenant>()
    if (Option.isNone(knownTenant)) return undefined
    const tenant = knownTenant.value
    const found = isEmail(email) ? yield* users.findByEmail(tenant.id, email) : Option.none<User>()
    const user = Option.getOrUndefined(found)
    const account = user?.id ?? (yield* unknownAccountKey(tenant.id, email))
    const reservation = yield* (yield* FailedAttempts).reserve(
      attemptKey(tenant.id, account, origin),
      at,
      policy
    )
    return { tenant, user, reservation }
  })
  if (before === undefined) {
    yield* hasher.verifyDummy(input.password)
    return yield* new InvalidCredentials()
  }
  const { tenant, user, reservation } = before
  if (reservation._tag === "Refused") return yield* tooManyAttempts(reservation)
  const granted = reservation
  const fail = (reason: FailureReason) =>
    transactional(recordFailure(tenant, granted, { email, user, reason })).pipe(Effect.flatMap(Effect.fail))

  if (user === undefined || user.passwordHash === null) {
    yield* hasher.verifyDummy(input.password)
    return yield* fail(user === undefined ? "unknown_account" : "no_password")
  }
  const verification = yield* hasher.verify(user.passwordHash, input.password)
  if (!verification.valid) return yield* fail("wrong_password")
  if (user.status !== "active") return yield* fail(`account_${user.status}`)
  if (user.totpEnabled && input.totp === undefined) {
    yield* releaseAttempt(granted)
    return yield* new MfaRequired()
  }
  const rehashed = verification.needsRehash ? yield* hasher.hash(input.password) : undefined

  const outcome: Outcome = yield* transactional(
    Effect.gen(function* () {
      // the user as of now and the tenant's roles, in one read
      const current = yield* (yield* ActorDirectory).load(tenant.id, user.id)
      // the account changed while the password was being verified: judge the attempt by the new state
      if (
        Option.isNone(current) ||
        current.value.user.status !== "active" ||
        current.value.user.passwordHash !== user.passwordHash
      ) {
        return failed(yield* recordFailure(tenant, granted, { email, user, reason: "account_changed" }))
      }
      const { user: fresh, roles } = current.value
      let secondFactor: "totp" | "recovery_code" | undefined
      if (fresh.totpEnabled) {
        if (input.totp === undefined) return failed(new MfaRequired(), true)
        const check = yield* checkSecondFactor(fresh.tenantId, fresh.id, input.totp, at)
        if (!check.ok) {
          return failed(yield* recordFailure(tenant, granted, { email, user, reason: check.reason }))
        }
        secondFactor = check.method
      }
      yield* clearFailedAttempts(fresh.tenantId, fresh.id, granted.key)
      const role = roles.find((r) => r.scope === "tenant" && r.name === fresh.role)
      const scope = scopeFor(fresh, role?.requiresTotp === true)
      const updated = yield* users.update(
        { ...fresh, lastLoginAt: at, passwordHash: rehashed ?? fresh.passwordHash },
        fresh.version
      )
      const issued = yield* issueSession({ tenantId: fresh.tenantId, userId: fresh.id, scope, at })
      yield* audit(
        { tenantId: fresh.tenantId, actorKind: "user", actorId: fresh.id },
        {
          action: "auth.login_succeeded",
          targetType: "session",
          targetId: issued.session.id,
          details: {
            scope,
            secondFactor: secondFactor ?? null,
            rehashed: rehashed !== undefined
          }
        }
      )
      const result: LoginResult = {
        token: issued.token,
        session: { id: issued.session.id, scope, expiresAt: issued.session.expiresAt },
        user: updated
      }
      return { _tag: "Succeeded", result } satisfies Outcome
    })
  ).pipe(
    // an admin edit racing the login: run the success transaction again on the new version
    Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 3 }),
    Effect.catchTags({
      VersionConflict: () => Effect.succeed(failed(new InvalidCredentials(), true)),
      UserNotFound: () => Effect.succeed(failed(new InvalidCredentials(), true))
    })
  )
  if (outcome._tag === "Failed") {
    if (outcome.release) yield* releaseAttempt(granted)
    return yield* outcome.error
  }
  return outcome.result
})
