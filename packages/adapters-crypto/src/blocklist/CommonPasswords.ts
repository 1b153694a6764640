import { PasswordBlocklist } from "@gatehouse/domain"
import { dictionary } from "@zxcvbn-ts/language-common"
import { Effect, Layer } from "effect"

let entries: ReadonlySet<string> | undefined

/**
 * The common-password list of zxcvbn-ts (about 49,000 entries, most common first), lower-cased into a Set on
 * first use and kept: the Set is built once per process, whatever the number of layers built.
 */
export const commonPasswords = (): ReadonlySet<string> => {
  entries ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()))
  return entries
}

/** A `PasswordBlocklist` whose `isBlocked` is a case-insensitive O(1) lookup in `commonPasswords()`. */
export const make = (): typeof PasswordBlocklist.Service => {
  const blocked = commonPasswords()
  return PasswordBlocklist.of({
    isBlocked: (password) => Effect.sync(() => blocked.has(password.toLowerCase()))
  })
}

/** `PasswordBlocklist` backed by the zxcvbn-ts common-password dictionary. */
export const layer: Layer.Layer<PasswordBlocklist> = Layer.sync(PasswordBlocklist, make)
