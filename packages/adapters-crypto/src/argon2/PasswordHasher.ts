import { PasswordHasher, type PasswordVerification } from "@gatehouse/domain"
import {
  hash as argon2Hash,
  verify as argon2Verify,
  type ParsedHashOptions,
  parseOptions
} from "@node-rs/argon2"
import { Effect, Layer, Redacted } from "effect"

/** Argon2id cost parameters. */
export interface Argon2Options {
  /** Memory in KiB; default 19456 (19 MiB). */
  readonly memoryCost?: number
  /** Passes; default 2. */
  readonly timeCost?: number
  /** Lanes; default 1. */
  readonly parallelism?: number
}

/**
 * OWASP / ASVS 11.4.2 minimum for argon2id: m = 19 MiB, t = 2, p = 1. Also the library's defaults, asserted by a
 * test so an upstream change cannot slip in unnoticed.
 */
export const DEFAULT_OPTIONS: Required<Argon2Options> = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

/**
 * Stored hashes whose parameters exceed these are refused (verify as invalid) instead of being run: a tampered
 * row with m = 4 GiB would otherwise exhaust the server's memory.
 */
export const MAX_ACCEPTED: Required<Argon2Options> = { memoryCost: 1_048_576, timeCost: 64, parallelism: 16 }

// The package declares `Algorithm` and `Version` as ambient const enums, which isolatedModules cannot read
// (and the runtime objects are empty): these are their values for argon2id and version 0x13.
const ARGON2ID = 2
const VERSION_0X13 = 1
const OUTPUT_LENGTH = 32
const SALT_LENGTH = 16

const parse = (stored: string): ParsedHashOptions | undefined => {
  try {
    const parsed = parseOptions(stored)
    const withinLimits =
      parsed.memoryCost <= MAX_ACCEPTED.memoryCost &&
      parsed.timeCost <= MAX_ACCEPTED.timeCost &&
      parsed.parallelism <= MAX_ACCEPTED.parallelism
    return withinLimits ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * A `PasswordHasher` on argon2id (@node-rs/argon2, hashing on libuv's thread pool, off the event loop).
 * Builds the dummy hash for `verifyDummy` with the same parameters, so an unknown account costs what a known
 * one does. The password's UTF-8 bytes are hashed exactly as given: no trimming, no Unicode normalisation.
 */
export const make = (options: Argon2Options = {}): Effect.Effect<PasswordHasher["Service"]> =>
  Effect.gen(function* () {
    const current = { ...DEFAULT_OPTIONS, ...options }
    const hashOptions = {
      ...current,
      algorithm: ARGON2ID,
      version: VERSION_0X13,
      outputLen: OUTPUT_LENGTH
    } as const

    const needsRehash = (parsed: ParsedHashOptions): boolean =>
      parsed.algorithm !== ARGON2ID ||
      parsed.version !== VERSION_0X13 ||
      parsed.memoryCost !== current.memoryCost ||
      parsed.timeCost !== current.timeCost ||
      parsed.parallelism !== current.parallelism ||
      parsed.outputLen !== OUTPUT_LENGTH ||
      parsed.saltLen < SALT_LENGTH

    const hash = (password: Redacted.Redacted<string>): Effect.Effect<string> =>
      Effect.promise((signal) => argon2Hash(Redacted.value(password), hashOptions, signal))

    // A random password nobody knows: verifyDummy always answers false after the full cost of a real verify.
    const dummyHash = yield* hash(
      Redacted.make(Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), String).join("."))
    )

    const check = (stored: string, password: string): Effect.Effect<boolean> =>
      Effect.promise((signal) => argon2Verify(stored, password, undefined, signal).catch(() => false))

    const verifyDummy = (password: Redacted.Redacted<string>): Effect.Effect<void> =>
      Effect.asVoid(check(dummyHash, Redacted.value(password)))

    const verify = (
      stored: string,
      password: Redacted.Redacted<string>
    ): Effect.Effect<PasswordVerification> =>
      Effect.suspend(() => {
        const parsed = parse(stored)
        if (parsed === undefined) {
          // spend the same time as a real verify, so a broken row is not told apart by timing either
          return Effect.as(verifyDummy(password), { valid: false, needsRehash: false })
        }
        return Effect.map(check(stored, Redacted.value(password)), (valid) => ({
          valid,
          needsRehash: valid && needsRehash(parsed)
        }))
      })

    return PasswordHasher.of({ hash, verify, verifyDummy })
  })

/** The argon2id `PasswordHasher` layer, with the defaults unless `options` says otherwise. */
export const layer = (options: Argon2Options = {}): Layer.Layer<PasswordHasher> =>
  Layer.effect(PasswordHasher, make(options))
