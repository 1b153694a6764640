import { Effect, Schema } from "effect"
import { base64url, fromBase64url } from "../bytes/encoding.ts"
import { InvalidInput } from "../errors/validation.ts"

/**
 * A keyset cursor: the sort key and id of the last row of a page. Opaque to clients (base64url JSON), shared
 * by every adapter so a cursor means the same thing on every store.
 */
export const CursorPosition = Schema.Struct({
  key: Schema.NullOr(Schema.Union([Schema.String, Schema.Number])),
  id: Schema.String
})
export type CursorPosition = typeof CursorPosition.Type

const decodePosition = Schema.decodeUnknownExit(Schema.fromJsonString(CursorPosition))

export const encodeCursor = (position: CursorPosition): string =>
  base64url(new TextEncoder().encode(JSON.stringify(position)))

/** The position a cursor encodes, or undefined when it is not one of ours. */
export const parseCursor = (cursor: string): CursorPosition | undefined => {
  const bytes = fromBase64url(cursor)
  if (bytes === undefined) return undefined
  try {
    const exit = decodePosition(new TextDecoder().decode(bytes))
    return exit._tag === "Success" ? exit.value : undefined
  } catch {
    return undefined
  }
}

/** Decodes a client's cursor; anything that is not one of ours is `InvalidInput` (a 400, never a 500). */
export const decodeCursor = (cursor: string): Effect.Effect<CursorPosition, InvalidInput> =>
  Effect.suspend(() => {
    const position = parseCursor(cursor)
    return position === undefined
      ? Effect.fail(new InvalidInput({ errors: [{ path: "cursor", message: "Invalid cursor" }] }))
      : Effect.succeed(position)
  })
