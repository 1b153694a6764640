import { type InvalidInput, inputDecoder } from "@gatehouse/domain"
import type { Effect } from "effect"
import { Schema } from "effect"

/** A Schema an HTTP input is decoded with: no services, any encoded form. */
export type InputSchema<T> = Schema.ConstraintCodec<T, unknown, never, never>

// The domain's one validation policy (`inputDecoder`): unknown properties are an error (never silently dropped),
// and every issue is reported, not only the first.

/** Decodes a JSON body (dates from ISO strings, secrets into Redacted) with `schema`. */
export const jsonDecoder = <T>(
  schema: InputSchema<T>
): ((input: unknown) => Effect.Effect<T, InvalidInput>) => {
  const decode = inputDecoder(Schema.toCodecJson(schema))
  return (input) => decode(input) as Effect.Effect<T, InvalidInput>
}

/** Decodes path parameters or a query string, whose values all arrive as strings, with `schema`. */
export const stringTreeDecoder = <T>(
  schema: InputSchema<T>
): ((input: unknown) => Effect.Effect<T, InvalidInput>) => {
  const decode = inputDecoder(Schema.toCodecStringTree(schema))
  return (input) => decode(input) as Effect.Effect<T, InvalidInput>
}

/** Encodes a response value with `schema`'s JSON codec: dates become ISO strings, undeclared keys are dropped. */
export const jsonEncoder = <T>(
  schema: Schema.ConstraintCodec<T, unknown, never, never>
): ((value: T) => unknown) => Schema.encodeUnknownSync(Schema.toCodecJson(schema))
