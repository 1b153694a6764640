import { Effect, Schema, SchemaIssue } from "effect"
import { InvalidInput } from "../../errors/validation.ts"
import { type CursorKeyKind, decodeCursor } from "../../model/cursor.ts"
import { DEFAULT_PAGE_LIMIT, PageLimit } from "../../model/page.ts"

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const pathOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/**
 * Decodes a use case's input through its Schema, inside the domain: the HTTP adapter decodes too, but an
 * embedding team calls the use case directly, so names, codes and emails are validated (and emails
 * normalised) here as well. Keys the Schema does not declare are dropped (no mass assignment). Failures are
 * `InvalidInput` with one `{ path, message }` per issue.
 */
export const decodeInput = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown
): Effect.Effect<S["Type"], InvalidInput, S["DecodingServices"]> =>
  Schema.decodeUnknownEffect(schema)(input).pipe(
    Effect.mapError(
      (error) =>
        new InvalidInput({
          errors: formatIssue(error.issue).issues.map((issue) => ({
            path: pathOf(issue.path),
            message: issue.message
          }))
        })
    )
  )

/** A client's page request: the limit (default 50, 1 to 200) and a cursor that must be one of ours. */
export interface PageRequest {
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
}

/**
 * Validates a page request; a bad limit or cursor is `InvalidInput` (never a defect in the repository). With
 * `keyKind`, a cursor must also carry a key of that kind (the list's sort key).
 */
export const pageRequest = Effect.fnUntraced(function* (request: PageRequest, keyKind?: CursorKeyKind) {
  const limit = yield* decodeInput(PageLimit, request.limit ?? DEFAULT_PAGE_LIMIT).pipe(
    Effect.mapError(
      () =>
        new InvalidInput({ errors: [{ path: "limit", message: "Expected an integer between 1 and 200" }] })
    )
  )
  if (request.cursor !== undefined) yield* decodeCursor(request.cursor, keyKind)
  return request.cursor === undefined ? { limit } : { limit, cursor: request.cursor }
})
