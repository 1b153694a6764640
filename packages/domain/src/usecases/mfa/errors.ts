import { Schema } from "effect"

/** The TOTP or recovery code was wrong, already used, or outside the accepted window (the failure is counted). */
export class InvalidTotpCode extends Schema.TaggedError<InvalidTotpCode>()("InvalidTotpCode", {}) {}

/** The user already has a confirmed TOTP authenticator: disable it (with a code) before enrolling a new one. */
export class TotpAlreadyEnabled extends Schema.TaggedError<TotpAlreadyEnabled>()("TotpAlreadyEnabled", {}) {}

/** There is no pending enrolment to confirm: start one first. */
export class TotpNotPending extends Schema.TaggedError<TotpNotPending>()("TotpNotPending", {}) {}

/** The user has no confirmed TOTP authenticator. */
export class TotpNotEnabled extends Schema.TaggedError<TotpNotEnabled>()("TotpNotEnabled", {}) {}
