import { Effect, Schema } from "effect"
import { base64url, fromBase64url } from "../bytes/encoding.ts"
import { InvalidInput } from "../errors/validation.ts"
import { isSingleLineText } from "./text.ts"

/**
 * A keyset cursor: the sort key and id of the last row of a page. Opaque to clients (base64url JSON), shared
 * by every adapter so a cursor means the same thing on every store.
 */
export const CursorPosition = Schema.Struct({
  // strings go into SQL parameters: no NUL (PostgreSQL refuses it) nor any other control character
  key: Schema.NullOr(Schema.Union([Schema.String.check(isSingleLineText()), Schema.Number])),
  id: Schema.String.check(isSingleLineText())
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

/** A cursor as a client sends it back: base64url, nothing else. */
export const CursorText = Schema.String.check(
  Schema.isMaxLength(1000),
  Schema.isPattern(/^[A-Za-z0-9_-]*$/u, { message: "Invalid cursor" })
)

/**
 * What a list's sort key is: `text` (a name, an email), `instant` (milliseconds since the epoch), or
 * `instantOrNull` (a last login, null for never). A cursor of one sort handed to a list of another is refused,
 * so no store ever compares a timestamp column with a name.
 */
export type CursorKeyKind = "text" | "instant" | "instantOrNull"

// The instants PostgreSQL's timestamptz input reads back from an ISO string: years 0001 to 9999.
const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00.000Z")
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z")

/**
 * What a list's cursor id is: a row's id (`uuid`, every list keyed by its rows' ids) or the list's own text
 * (`text`: memberships' `<organization id>/<user id>`, the event feed's sequence cursor). A cursor's id is
 * checked here, where it enters, like every id: the stores compare it as a uuid and never check it again.
 */
export type CursorIdKind = "uuid" | "text"

const isUuid = Schema.is(Schema.String.check(Schema.isUUID(undefined)))

const isInstant = (key: CursorPosition["key"]): boolean =>
  typeof key === "number" && Number.isInteger(key) && key >= FIRST_INSTANT && key <= LAST_INSTANT

const fits = (key: CursorPosition["key"], kind: CursorKeyKind): boolean => {
  switch (kind) {
    case "text":
      return typeof key === "string"
    case "instant":
      return isInstant(key)
    case "instantOrNull":
      return key === null || isInstant(key)
  }
}

/**
 * Decodes a client's cursor; anything that is not one of ours, (with `kind`) not one of a list sorted by such a
 * key, or (by default) whose id is not a UUID, is `InvalidInput` (a 400, never a 500).
 */
export const decodeCursor = (
  cursor: string,
  kind?: CursorKeyKind,
  idKind: CursorIdKind = "uuid"
): Effect.Effect<CursorPosition, InvalidInput> =>
  Effect.suspend(() => {
    const position = parseCursor(cursor)
    return position === undefined ||
      (kind !== undefined && !fits(position.key, kind)) ||
      (idKind === "uuid" && !isUuid(position.id))
      ? Effect.fail(new InvalidInput({ errors: [{ path: "cursor", message: "Invalid cursor" }] }))
      : Effect.succeed(position)
  })
