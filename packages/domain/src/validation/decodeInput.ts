import { Effect, Schema, SchemaIssue } from "effect"
import { InvalidInput } from "../errors/validation.ts"

/**
 * THE validation policy of Gatehouse, for the domain's use cases and the HTTP adapter alike: a key the Schema does
 * not declare is refused (no mass assignment, no silently dropped typo), and every issue is reported, each as one
 * `{ path, message }` of `InvalidInput` (a 400 over HTTP, never a 500).
 */
export const STRICT_DECODING = { onExcessProperty: "error", errors: "all" } as const

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const pathOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/** Maps a Schema failure to `InvalidInput` with one `{ path, message }` per issue. */
export const toInvalidInput = (error: Schema.SchemaError): InvalidInput =>
  new InvalidInput({
    errors: formatIssue(error.issue).issues.map((issue) => ({
      path: pathOf(issue.path),
      message: issue.message
    }))
  })

/**
 * A decoder of a use case's input by the policy above: an embedding team calls the use case directly, so names,
 * codes and emails are validated (and emails normalised) in the domain too, not only by HTTP.
 */
export const inputDecoder =
  <S extends Schema.Decoder<unknown>>(schema: S) =>
  (input: unknown): Effect.Effect<S["Type"], InvalidInput, S["DecodingServices"]> =>
    Schema.decodeUnknownEffect(schema, STRICT_DECODING)(input).pipe(Effect.mapError(toInvalidInput))

/** Decodes one input by the policy above (`inputDecoder` for a decoder made once). */
export const decodeInput = <S extends Schema.Decoder<unknown>>(
  schema: S,
  input: unknown
): Effect.Effect<S["Type"], InvalidInput, S["DecodingServices"]> => inputDecoder(schema)(input)
