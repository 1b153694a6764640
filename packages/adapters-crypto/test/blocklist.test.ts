import { assert, describe, it } from "@effect/vitest"
import { PasswordBlocklist } from "@gatehouse/domain"
import { Effect } from "effect"
import { CommonPasswords } from "../src/index.ts"

const isBlocked = (password: string) => PasswordBlocklist.use((list) => list.isBlocked(password))

describe("CommonPasswords", () => {
  it("holds at least 10,000 distinct lower-cased entries", () => {
    const entries = CommonPasswords.commonPasswords()
    assert.isAtLeast(entries.size, 10_000)
    for (const entry of entries) assert.strictEqual(entry, entry.toLowerCase())
  })

  it.effect("blocks the most common passwords", () =>
    Effect.gen(function* () {
      for (const password of ["password", "123456", "qwerty", "letmein", "password1", "iloveyou"]) {
        assert.isTrue(yield* isBlocked(password), password)
      }
    }).pipe(Effect.provide(CommonPasswords.layer))
  )

  it.effect("compares case-insensitively (the list holds password1, not Password1)", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* isBlocked("Password1"))
      assert.isTrue(yield* isBlocked("PASSWORD"))
      assert.isTrue(yield* isBlocked("QwErTy"))
    }).pipe(Effect.provide(CommonPasswords.layer))
  )

  it.effect("accepts passwords that are not on the list", () =>
    Effect.gen(function* () {
      // 64 symbols: a byte modulo 64 is uniform.
      const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(20))
      const random = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")
      assert.isFalse(yield* isBlocked(random), random)
      assert.isFalse(yield* isBlocked("correct horse battery staple"))
      // An exact-match list: a listed word inside a longer password is not itself blocked.
      assert.isFalse(yield* isBlocked("password-is-not-my-Password-7b!"))
    }).pipe(Effect.provide(CommonPasswords.layer))
  )
})
