import { Schema } from "effect"

/**
 * Failures the HTTP adapter itself detects before a use case runs. Like the domain's errors they are tagged,
 * so the one problem table maps them too.
 */

/** No credentials, or credentials that authenticate nobody (missing, malformed, unknown or ended token). */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  reason: Schema.Literals(["missing", "invalid"])
}) {}

/** A conditional write was sent without `If-Match` (the version the client read). */
export class PreconditionRequired extends Schema.TaggedError<PreconditionRequired>()("PreconditionRequired", {
  header: Schema.String
}) {}
