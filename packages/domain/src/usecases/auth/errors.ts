import { Schema } from "effect"

/**
 * Login refused. Deliberately one error for an unknown tenant, an unknown email, a wrong password, a wrong or
 * reused TOTP or recovery code, and a pending, disabled or deactivated account: the answer must not tell
 * which (ASVS 6.3.8). The audit trail records the reason.
 */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", {}) {}

/** The password was right and the account has TOTP: log in again with the `totp` code (or a recovery code). */
export class MfaRequired extends Schema.TaggedError<MfaRequired>()("MfaRequired", {}) {}

/**
 * Too many failed secret checks: nothing was checked nor counted. `retryAfterSeconds` is when the next attempt
 * is allowed: the end of the wait of this client address, or with `locked` the end of the account's lock
 * (an hour after its 100th consecutive failure; an admin's password reset ends it sooner).
 */
export class TooManyAttempts extends Schema.TaggedError<TooManyAttempts>()("TooManyAttempts", {
  retryAfterSeconds: Schema.Int,
  locked: Schema.Boolean
}) {}

/** A password change was refused because the current password given was wrong (the failure is counted). */
export class InvalidCurrentPassword extends Schema.TaggedError<InvalidCurrentPassword>()(
  "InvalidCurrentPassword",
  {}
) {}
