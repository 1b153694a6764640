import {
  type BulkUsersInput,
  bulkUsers,
  type ImportSource,
  type InvalidInput,
  importUsers,
  mayImportUsers
} from "@gatehouse/domain"
import { Effect } from "effect"
import type { FastifyInstance } from "fastify"
import { parseCsv } from "../csv/parseCsv.ts"
import { problemEntryOf } from "../errors/problemTable.ts"
import { BulkBody, BulkResponse, ImportJsonBody, ImportQuery, ImportResponse } from "../schema/bulk.ts"
import { jsonDecoder } from "../schema/decode.ts"
import { jsonSchemaOf } from "../schema/jsonSchema.ts"
import { type RouteDeps, registerRoute } from "./route.ts"
import { patchInput } from "./users.ts"

/** What an import body was: CSV bytes, or JSON records with an optional mapping. */
type ImportBody =
  | { readonly _tag: "Csv"; readonly bytes: Uint8Array }
  | ({ readonly _tag: "Json" } & typeof ImportJsonBody.Type)

const decodeJsonBody = jsonDecoder(ImportJsonBody)

// `text/csv` arrives as bytes (this route's own parser), JSON as the parsed value.
const readImportBody = (body: unknown): Effect.Effect<ImportBody, InvalidInput> =>
  body instanceof Uint8Array
    ? Effect.succeed({ _tag: "Csv", bytes: body })
    : Effect.map(decodeJsonBody(body), (json) => ({ _tag: "Json", ...json }))

/** A bulk outcome's domain tag as the problem code the single request would have answered. */
const codeOf = (tag: string): string => problemEntryOf(tag)?.code ?? "INTERNAL"

const bulkInput = (body: BulkBody): BulkUsersInput => {
  const { patch, ...rest } = body
  return patch === undefined ? rest : { ...rest, patch: patchInput(patch) }
}

/**
 * `POST /v1/users/import` (CSV or JSON, up to `deps.importBodyLimit` bytes, buffered once the caller is
 * authenticated and may import) and `POST /v1/users/bulk`.
 * The CSV is parsed as a stream over the buffered bytes, once per pass of the import: the records themselves
 * are never all held at once.
 */
export const userBulkRoutes = async (app: FastifyInstance, deps: RouteDeps): Promise<void> => {
  // An encapsulated scope: `text/csv` is a body type of the import only; other routes answer it with 415.
  await app.register(async (scope) => {
    scope.addContentTypeParser("text/csv", { parseAs: "buffer" }, (_request, body, done) => done(null, body))
    registerRoute(scope, deps, {
      method: "POST",
      url: "/v1/users/import",
      tag: "users",
      summary: "Import users from CSV or JSON records",
      description:
        "`text/csv` with a header row, or JSON `{rows, mapping?}`. Columns name the fields (email, firstName, " +
        "lastName, role, department, groups, phone, language); every user is created pending with a setup " +
        "invitation. `mode=all` (default): any failing row and nothing is written (422 IMPORT_FAILED with the " +
        "report); `partial`: the valid rows are written. `dryRun=true` only reports. Needs users:write or " +
        "users:invite.",
      auth: "session",
      query: ImportQuery,
      readBody: readImportBody,
      bodyContent: {
        "application/json": jsonSchemaOf(ImportJsonBody),
        "text/csv": { type: "string" }
      },
      bodyLimit: deps.importBodyLimit,
      // 401/403 before the upload is read: the large limit applies only to a caller who may import
      authorize: mayImportUsers,
      response: ImportResponse,
      handle: ({ actor, query, body }) => {
        const source: ImportSource =
          body._tag === "Json"
            ? body.rows
            : () => parseCsv(body.bytes, query.delimiter === undefined ? {} : { delimiter: query.delimiter })
        return importUsers(actor, source, {
          ...(query.dryRun === undefined ? {} : { dryRun: query.dryRun }),
          ...(query.mode === undefined ? {} : { mode: query.mode }),
          ...(body._tag === "Json" && body.mapping !== undefined ? { mapping: body.mapping } : {})
        })
      }
    })
  })

  registerRoute(app, deps, {
    method: "POST",
    url: "/v1/users/bulk",
    tag: "users",
    summary: "Apply one action to many users",
    description:
      "`action`: update (with `patch`), invite (a new setup link, emailed), disable, enable or delete (with " +
      "`confirm` equal to the number of users, else 422 CONFIRMATION_MISMATCH and nothing deleted). Each user " +
      "goes through the single request's rules; a refused one reports its problem `code`, the others proceed.",
    auth: "session",
    body: BulkBody,
    response: BulkResponse,
    handle: ({ actor, body }) =>
      bulkUsers(actor, bulkInput(body)).pipe(
        Effect.map((result) => ({
          results: result.results.map((outcome) =>
            outcome.code === undefined ? outcome : { ...outcome, code: codeOf(outcome.code) }
          )
        }))
      )
  })
}
