import { assert, describe, it } from "@effect/vitest"
import { PasswordHasher } from "@gatehouse/domain"
import { hash as argon2Hash, parseOptions } from "@node-rs/argon2"
import { Effect, Redacted } from "effect"
import { DEFAULT_OPTIONS, layer, make } from "../src/argon2/PasswordHasher.ts"

const secret = Redacted.make
// P-H-C reference implementation, src/test.c: argon2id, t=2, m=65536, p=1, "password" / "somesalt".
const REFERENCE = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
const ARGON2ID = 2

describe("argon2id PasswordHasher", () => {
  it.effect("the library reproduces the P-H-C argon2id reference vector", () =>
    Effect.gen(function* () {
      const encoded = yield* Effect.promise(() =>
        argon2Hash("password", {
          algorithm: ARGON2ID,
          timeCost: 2,
          memoryCost: 65536,
          parallelism: 1,
          salt: new TextEncoder().encode("somesalt")
        })
      )
      assert.strictEqual(encoded, REFERENCE)
    })
  )

  it.effect("verifies the reference hash; other parameters or a short salt ask for a rehash", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      assert.deepStrictEqual(yield* hasher.verify(REFERENCE, secret("password")), {
        valid: true,
        needsRehash: true
      })
      assert.deepStrictEqual(yield* hasher.verify(REFERENCE, secret("passwore")), {
        valid: false,
        needsRehash: false
      })
      // same m/t/p, but its 8-byte salt is below the 16 bytes the hasher now uses: still a rehash
      const matching = yield* make({ memoryCost: 65536, timeCost: 2, parallelism: 1 })
      assert.deepStrictEqual(yield* matching.verify(REFERENCE, secret("password")), {
        valid: true,
        needsRehash: true
      })
      const current = yield* matching.hash(secret("password"))
      assert.deepStrictEqual(yield* matching.verify(current, secret("password")), {
        valid: true,
        needsRehash: false
      })
      assert.deepStrictEqual(yield* hasher.verify(current, secret("password")), {
        valid: true,
        needsRehash: true
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a fresh hash is argon2id v19 with the defaults m=19456, t=2, p=1, a 16-byte salt", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      const stored = yield* hasher.hash(secret("correct horse battery staple"))
      assert.isTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"))
      const parsed = parseOptions(stored)
      assert.deepStrictEqual(
        { memoryCost: parsed.memoryCost, timeCost: parsed.timeCost, parallelism: parsed.parallelism },
        { memoryCost: 19456, timeCost: 2, parallelism: 1 }
      )
      assert.deepStrictEqual(DEFAULT_OPTIONS, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
      assert.strictEqual(parsed.saltLen, 16)
      assert.strictEqual(parsed.outputLen, 32)
      // the library's own defaults still equal ours: a change upstream shows here
      const libraryDefault = parseOptions(yield* Effect.promise(() => argon2Hash("x")))
      assert.deepStrictEqual(
        [
          libraryDefault.algorithm,
          libraryDefault.memoryCost,
          libraryDefault.timeCost,
          libraryDefault.parallelism
        ],
        [ARGON2ID, 19456, 2, 1]
      )
    }).pipe(Effect.provide(layer()))
  )

  it.effect("right password valid without rehash; wrong password invalid; salts differ", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      const a = yield* hasher.hash(secret("Tr0ub4dor&3"))
      const b = yield* hasher.hash(secret("Tr0ub4dor&3"))
      assert.notStrictEqual(a, b)
      assert.deepStrictEqual(yield* hasher.verify(a, secret("Tr0ub4dor&3")), {
        valid: true,
        needsRehash: false
      })
      assert.isFalse((yield* hasher.verify(a, secret("Tr0ub4dor&4"))).valid)
      assert.isFalse((yield* hasher.verify(a, secret(""))).valid)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("the password is compared exactly: trailing space, case and Unicode form matter", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      const stored = yield* hasher.hash(secret("Café password"))
      assert.isTrue((yield* hasher.verify(stored, secret("Café password"))).valid)
      assert.isFalse((yield* hasher.verify(stored, secret("Café password "))).valid)
      assert.isFalse((yield* hasher.verify(stored, secret(" Café password"))).valid)
      assert.isFalse((yield* hasher.verify(stored, secret("café password"))).valid)
      // "é" precomposed (U+00E9) versus "e" + combining acute (U+0301): no normalisation
      assert.isFalse((yield* hasher.verify(stored, secret("Cafe\u0301 password"))).valid)
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a hash with t=1 (or another algorithm) verifies but asks for a rehash", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      const weaker = yield* (yield* make({ timeCost: 1 })).hash(secret("pw-t1"))
      assert.isTrue(weaker.includes(",t=1,"))
      assert.deepStrictEqual(yield* hasher.verify(weaker, secret("pw-t1")), {
        valid: true,
        needsRehash: true
      })
      const argon2i = yield* Effect.promise(() => argon2Hash("pw-2i", { algorithm: 1 }))
      assert.isTrue(argon2i.startsWith("$argon2i$"))
      assert.deepStrictEqual(yield* hasher.verify(argon2i, secret("pw-2i")), {
        valid: true,
        needsRehash: true
      })
    }).pipe(Effect.provide(layer()))
  )

  it.effect("a malformed or absurd hash verifies as invalid, never a defect", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      const hostile =
        "$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"
      for (const stored of [
        "",
        "garbage",
        "$2b$10$abcdefghijklmnopqrstuv",
        REFERENCE.slice(0, -5),
        hostile
      ]) {
        const result = yield* hasher.verify(stored, secret("password"))
        assert.deepStrictEqual(result, { valid: false, needsRehash: false }, stored)
      }
    }).pipe(Effect.provide(layer()))
  )

  it.effect("verifyDummy completes for any password", () =>
    Effect.gen(function* () {
      const hasher = yield* PasswordHasher
      yield* hasher.verifyDummy(secret("whatever"))
      yield* hasher.verifyDummy(secret(""))
    }).pipe(Effect.provide(layer()))
  )

  // Opt-in measurement (GATEHOUSE_ARGON2_BENCH=1): medians at the defaults on this machine, for the docs.
  // Samples are interleaved so that load from other processes hits the three operations alike.
  it.skipIf(!process.env.GATEHOUSE_ARGON2_BENCH)("measure hash / verify / verifyDummy medians", async () => {
    const hasher = await Effect.runPromise(make())
    const password = secret("benchmark password")
    const stored = await Effect.runPromise(hasher.hash(password))
    const operations = {
      hash: () => hasher.hash(password),
      verify: () => hasher.verify(stored, password),
      verifyDummy: () => hasher.verifyDummy(password)
    }
    const samples: Record<string, Array<number>> = { hash: [], verify: [], verifyDummy: [] }
    for (let i = 0; i < 20; i++) {
      for (const [name, run] of Object.entries(operations)) {
        const start = performance.now()
        await Effect.runPromise(run() as Effect.Effect<unknown>)
        samples[name]!.push(performance.now() - start)
      }
    }
    const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1)
    const line = Object.entries(samples).map(([name, xs]) => `${name} ${median(xs)} ms`)
    console.log(`argon2id m=19456 t=2 p=1, medians of 20: ${line.join(", ")}`)
  })
})
