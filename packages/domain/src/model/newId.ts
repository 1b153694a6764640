import { Clock, Effect } from "effect"
import { SecureRandom } from "../ports/SecureRandom.ts"

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds from the Clock, then 74 random bits. Time-ordered ids keep
 * B-tree inserts local; the random part comes from the CSPRNG. Ids are identifiers, not secrets.
 */
export const newUuid: Effect.Effect<string, never, SecureRandom> = Effect.gen(function* () {
  const millis = yield* Clock.currentTimeMillis
  const bytes = yield* (yield* SecureRandom).bytes(16)
  let time = millis
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256
    time = Math.floor(time / 256)
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const h = hex(bytes)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
})

/** A new id of a branded kind, e.g. `yield* newId<UserId>()`. */
export const newId = <Id extends string>(): Effect.Effect<Id, never, SecureRandom> =>
  newUuid as Effect.Effect<Id, never, SecureRandom>

/** The current instant from the Clock (never `Date.now()` in the domain). */
export const now: Effect.Effect<Date> = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis))
