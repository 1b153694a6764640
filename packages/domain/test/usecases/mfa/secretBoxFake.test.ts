import { assert, describe, it } from "@effect/vitest"
import { SecretBox } from "@gatehouse/domain"
import { Effect, Redacted } from "effect"
import { provide } from "../auth/support.ts"

// The in-memory SecretBox the TOTP use cases run on must keep the port's guarantees, or the tests above prove
// less than they claim.
describe("testkit SecretBox fake", () => {
  it.effect(
    "round-trips, uses a fresh nonce, and refuses tampering, other associated data and other keys",
    () =>
      Effect.gen(function* () {
        const box = yield* SecretBox
        const a = yield* box.seal(Redacted.make("JBSWY3DPEHPK3PXP"), "t/u/totp")
        const b = yield* box.seal(Redacted.make("JBSWY3DPEHPK3PXP"), "t/u/totp")
        assert.notStrictEqual(a, b)
        assert.strictEqual(Redacted.value(yield* box.open(a, "t/u/totp")), "JBSWY3DPEHPK3PXP")
        // Flip a character in the middle of the ciphertext: the last one may only carry padding bits.
        const middle = a.length - 10
        const flipped = `${a.slice(0, middle)}${a[middle] === "A" ? "B" : "A"}${a.slice(middle + 1)}`
        const reasons = yield* Effect.forEach(
          [
            [flipped, "t/u/totp"],
            [a, "t/other/totp"],
            [a.replace(".test.", ".old."), "t/u/totp"],
            ["not sealed", "t/u/totp"]
          ] as const,
          ([sealed, aad]) => Effect.map(Effect.flip(box.open(sealed, aad)), (e) => e.reason)
        )
        assert.deepStrictEqual(reasons, ["Unauthentic", "Unauthentic", "UnknownKey", "Malformed"])
      }).pipe(provide)
  )
})
