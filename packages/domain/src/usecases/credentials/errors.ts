import { Schema } from "effect"

/** The outside system refused the username and password; nothing was stored. */
export class CredentialsInvalid extends Schema.TaggedError<CredentialsInvalid>()("CredentialsInvalid", {
  system: Schema.String
}) {}

/**
 * Validation was asked for but the outside system gave no answer (down, timing out, or no verify URL
 * configured); nothing was stored. Saving again without `validate` keeps them as `saved`.
 */
export class VerifierUnavailable extends Schema.TaggedError<VerifierUnavailable>()("VerifierUnavailable", {
  system: Schema.String,
  reason: Schema.String
}) {}

/** The tenant has not configured where credentials of this system are verified: validation cannot be asked for. */
export class VerifierNotConfigured extends Schema.TaggedError<VerifierNotConfigured>()(
  "VerifierNotConfigured",
  {
    system: Schema.String
  }
) {}

/** The tenant uses shared default credentials, which lock the users' own fields. */
export class CredentialsLocked extends Schema.TaggedError<CredentialsLocked>()("CredentialsLocked", {
  system: Schema.String,
  message: Schema.String
}) {}

/** A feature needs credentials for an outside system and the user has none (nor does the tenant). */
export class ExternalCredentialsRequired extends Schema.TaggedError<ExternalCredentialsRequired>()(
  "ExternalCredentialsRequired",
  { system: Schema.String, feature: Schema.String, reason: Schema.String }
) {}

/** The tenant's preset keeps no credentials for this outside system. */
export class ExternalSystemNotFound extends Schema.TaggedError<ExternalSystemNotFound>()(
  "ExternalSystemNotFound",
  { system: Schema.String }
) {}
