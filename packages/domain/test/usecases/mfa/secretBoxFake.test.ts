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
        const last = a.at(-1) === "A" ? "B" : "A"
        const reasons = yield* Effect.forEach(
          [
            [`${a.slice(0, -1)}${last}`, "t/u/totp"],
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
