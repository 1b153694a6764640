import { InvalidInput } from "@gatehouse/domain"
import { Effect, Schema, SchemaIssue } from "effect"

/** A Schema an HTTP input is decoded with: no services, any encoded form. */
export type InputSchema<T> = Schema.ConstraintCodec<T, unknown, never, never>

const formatIssue = SchemaIssue.makeFormatterStandardSchemaV1()

const pathOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string =>
  (path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")

/** One `{ path, message }` per issue of a Schema failure: the `errors` of a 400 VALIDATION. */
export const toInvalidInput = (error: Schema.SchemaError): InvalidInput =>
  new InvalidInput({
    errors: formatIssue(error.issue).issues.map((issue) => ({
      path: pathOf(issue.path),
      message: issue.message
    }))
  })

// The decoder is the authority: unknown properties are an error (never silently dropped), and every issue is
// reported, not only the first.
const strict = { onExcessProperty: "error", errors: "all" } as const

/** Decodes a JSON body (dates from ISO strings, secrets into Redacted) with `schema`. */
export const jsonDecoder = <T>(
  schema: InputSchema<T>
): ((input: unknown) => Effect.Effect<T, InvalidInput>) => {
  const decode = Schema.decodeUnknownEffect(Schema.toCodecJson(schema), strict)
  return (input) => Effect.mapError(decode(input), toInvalidInput) as Effect.Effect<T, InvalidInput>
}

/** Decodes path parameters or a query string, whose values all arrive as strings, with `schema`. */
export const stringTreeDecoder = <T>(
  schema: InputSchema<T>
): ((input: unknown) => Effect.Effect<T, InvalidInput>) => {
  const decode = Schema.decodeUnknownEffect(Schema.toCodecStringTree(schema), strict)
  return (input) => Effect.mapError(decode(input), toInvalidInput) as Effect.Effect<T, InvalidInput>
}

/** Encodes a response value with `schema`'s JSON codec: dates become ISO strings, undeclared keys are dropped. */
export const jsonEncoder = <T>(
  schema: Schema.ConstraintCodec<T, unknown, never, never>
): ((value: T) => unknown) => Schema.encodeUnknownSync(Schema.toCodecJson(schema))
