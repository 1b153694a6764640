import { BulkUsersInput, ColumnMapping, ImportMode, ImportReport, UserId } from "@gatehouse/domain"
import { Schema } from "effect"
import { UserPatchBody } from "./requests.ts"

/** `POST /v1/users/import`'s query. `delimiter` is for spreadsheets that write ";" (or tabs) between fields. */
export const ImportQuery = Schema.Struct({
  dryRun: Schema.optionalKey(Schema.Boolean),
  mode: Schema.optionalKey(ImportMode),
  delimiter: Schema.optionalKey(Schema.Literals([",", ";", "\t"]))
})

/** `POST /v1/users/import` as JSON: plain records, one per user, and an optional column -> field mapping. */
export const ImportJsonBody = Schema.Struct({
  rows: Schema.Array(Schema.Record(Schema.String, Schema.Unknown)),
  mapping: Schema.optionalKey(ColumnMapping)
})

/** What an import did (or, on a dry run, would do), with how the invitation emails went. */
export const ImportResponse = Schema.Struct({
  ...ImportReport.fields,
  dryRun: Schema.Boolean,
  emailsSent: Schema.Int,
  emailsFailed: Schema.Int
})

/** `POST /v1/users/bulk`: the domain's input, with `PATCH /v1/users/{id}`'s body as the `patch`. */
export const BulkBody = Schema.Struct({
  ...BulkUsersInput.fields,
  patch: Schema.optionalKey(UserPatchBody)
})
export type BulkBody = typeof BulkBody.Type

export const BulkResponse = Schema.Struct({
  results: Schema.Array(
    Schema.Struct({
      id: UserId,
      ok: Schema.Boolean,
      /** The problem code the same single request would have answered (LAST_ADMIN, CANNOT_DELETE_SELF, ...). */
      code: Schema.optionalKey(Schema.String),
      /** For `invite`: false when the email could not be sent (the new link stands). */
      emailSent: Schema.optionalKey(Schema.Boolean)
    })
  )
})
