import { Schema } from "effect"

/** The store could not be reached or lost the connection; nothing of the use case was written. */
export class StoreUnavailable extends Schema.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  message: Schema.String
}) {}
