import { assert, describe, it } from "@effect/vitest"
import { type Email, login, PasswordHasher, type Tenant, UserRepository } from "@gatehouse/domain"
import { aUser, layerMemory, seedTenant } from "@gatehouse/testkit"
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { Argon2PasswordHasher } from "../src/index.ts"

// Issue 3 / ASVS 6.3.8: a login for an unknown email must cost about what a wrong password for a known one
// costs (login pays a dummy argon2id verification for unknown emails). Measured with the REAL hasher over the
// in-memory store; the two kinds of sample are interleaved so drift (thermal, GC, other tests) hits both alike.
const SAMPLES = 40
const WARM_UP = 3

/** The whole domain in memory, with the argon2id hasher (OWASP minimum parameters) in place of the fake. */
const layer = Layer.mergeAll(Layer.fresh(layerMemory), Argon2PasswordHasher.layer())

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

describe("login timing (real argon2id)", () => {
  it("an unknown email takes about as long as a known email with a wrong password (medians within 2x)", async () => {
    const runtime = ManagedRuntime.make(layer)
    try {
      const count = SAMPLES + WARM_UP
      // Each sample uses its own account or email, so no counter reaches the throttle's free failures.
      const { tenant, emails } = await runtime.runPromise(
        Effect.gen(function* () {
          const hasher = yield* PasswordHasher
          const passwordHash = yield* hasher.hash(Redacted.make("Correct-Horse-Battery-Staple-7"))
          assert.match(passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/u, "the real hasher is in place")
          const { tenant } = yield* seedTenant()
          const users = yield* UserRepository
          const emails: Array<Email> = []
          for (let i = 0; i < count; i++) {
            const user = yield* users
              .insert(aUser({ tenantId: tenant.id, email: `known${i}@example.com` as Email, passwordHash }))
              .pipe(Effect.orDie)
            emails.push(user.email)
          }
          return { tenant: tenant as Tenant, emails }
        })
      )

      const timeLogin = async (email: string): Promise<number> => {
        const started = performance.now()
        const error = await runtime.runPromise(
          Effect.flip(
            login({ tenant: tenant.slug, email, password: Redacted.make("Wrong-Password-Guess-41") })
          )
        )
        const elapsed = performance.now() - started
        // Both kinds must take the full path to InvalidCredentials: a throttled answer would skip the hash.
        assert.strictEqual(error._tag, "InvalidCredentials", email)
        return elapsed
      }

      const known: Array<number> = []
      const unknown: Array<number> = []
      for (let i = 0; i < count; i++) {
        // Alternate which kind goes first in each pair, so neither always follows the other.
        const pair =
          i % 2 === 0
            ? [await timeLogin(emails[i]!), await timeLogin(`nobody${i}@example.com`)]
            : [await timeLogin(`nobody${i}@example.com`), await timeLogin(emails[i]!)].reverse()
        if (i < WARM_UP) continue
        known.push(pair[0]!)
        unknown.push(pair[1]!)
      }

      const knownMedian = median(known)
      const unknownMedian = median(unknown)
      const ratio = unknownMedian / knownMedian
      console.log(
        `login timing over ${known.length} + ${unknown.length} samples: known email, wrong password median ` +
          `${knownMedian.toFixed(2)} ms; unknown email median ${unknownMedian.toFixed(2)} ms; ratio ${ratio.toFixed(3)}`
      )
      assert.isAtLeast(known.length, 30)
      assert.isAtLeast(unknown.length, 30)
      assert.isAtLeast(ratio, 0.5)
      assert.isAtMost(ratio, 2)
    } finally {
      await runtime.dispose()
    }
  }, 120_000)
})
