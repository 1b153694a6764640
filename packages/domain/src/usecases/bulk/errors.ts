import { Schema } from "effect"

/** One problem of one imported row: the source column (or field) and what is wrong with it. */
export const ImportFieldError = Schema.Struct({ path: Schema.String, message: Schema.String })
export type ImportFieldError = typeof ImportFieldError.Type

/** A row that cannot be imported; `row` counts the source's records from 1 (a CSV header is not a record). */
export const ImportRowFailure = Schema.Struct({
  row: Schema.Int,
  errors: Schema.Array(ImportFieldError)
})
export type ImportRowFailure = typeof ImportRowFailure.Type

/**
 * What an import did, or on a dry run what the same call would do: `created` users (0 when `mode: "all"` met
 * a failing row), `updated` (always 0: an import only creates; the bulk `update` action edits), the failing
 * rows in source order (the first `MAX_LISTED_FAILURES` of them) and `failedRows`, how many failed in all.
 */
export const ImportReport = Schema.Struct({
  created: Schema.Int,
  updated: Schema.Int,
  failed: Schema.Array(ImportRowFailure),
  failedRows: Schema.Int
})
export type ImportReport = typeof ImportReport.Type

/** `mode: "all"` and at least one row failed: nothing was written (422 `IMPORT_FAILED` with the report). */
export class ImportFailed extends Schema.TaggedError<ImportFailed>()("ImportFailed", {
  report: ImportReport
}) {}

/** A bulk delete's `confirm` is not the number of users selected: nothing was deleted (422). */
export class ConfirmationMismatch extends Schema.TaggedError<ConfirmationMismatch>()("ConfirmationMismatch", {
  expected: Schema.Int,
  given: Schema.NullOr(Schema.Int)
}) {}
