import { Effect } from "effect"
import { constantTimeEqual } from "../bytes/constantTimeEqual.ts"
import { SecureRandom } from "../ports/SecureRandom.ts"
import { generateHotp, type HotpOptions } from "./hotp.ts"

export interface TotpOptions extends HotpOptions {
  /** Step length in seconds; default 30 (ASVS 6.5.5). */
  readonly period?: number
}

export interface VerifyTotpOptions extends TotpOptions {
  /** Steps accepted on either side of the current one, for clock drift; default 1 (t-1, t, t+1). */
  readonly window?: number
  /** The step of the last accepted code (as stored for the user): this step and earlier ones are refused. */
  readonly lastUsedStep?: bigint | number | null
}

/** A valid code names its step: the caller stores it (atomically) as the new `lastUsedStep`. */
export type TotpVerification = { readonly valid: true; readonly step: bigint } | { readonly valid: false }

/** Length of a new TOTP secret: 160 bits, the shared-secret length RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20

/**
 * The RFC 6238 time step of an instant: floor(unix seconds / period), T0 = 0. A bigint, because times past
 * 2106 exceed 32 bits of seconds. `timeMs` is Unix milliseconds from the caller (the server's Clock).
 * Throws a RangeError for a negative time or a non-positive period (programming errors).
 */
export const totpStep = (timeMs: number, period = 30): bigint => {
  if (!Number.isSafeInteger(period) || period <= 0) throw new RangeError(`Invalid TOTP period: ${period}`)
  if (!Number.isFinite(timeMs) || timeMs < 0) throw new RangeError(`Invalid TOTP time: ${timeMs}`)
  return BigInt(Math.floor(timeMs / 1000)) / BigInt(period)
}

/** RFC 6238 TOTP: the HOTP code of the time step containing `timeMs`. */
export const generateTotp = (
  key: Uint8Array,
  timeMs: number,
  options: TotpOptions = {}
): Effect.Effect<string> => Effect.suspend(() => generateHotp(key, totpStep(timeMs, options.period), options))

/**
 * Checks a code typed by a user against steps t-window..t+window. Spaces in the code are ignored (apps show
 * "123 456"). Every step of the window is computed and compared in constant time, so the timing does not tell
 * which step matched. A step <= `lastUsedStep` is refused: a code is accepted at most once (ASVS 6.5.1), which
 * is what makes the drift window acceptable (ASVS 6.5.5). When several steps match, the earliest acceptable
 * one is returned, so that a later code stays usable.
 */
export const verifyTotp = (
  key: Uint8Array,
  code: string,
  timeMs: number,
  options: VerifyTotpOptions = {}
): Effect.Effect<TotpVerification> =>
  Effect.gen(function* () {
    const window = options.window ?? 1
    if (!Number.isSafeInteger(window) || window < 0) {
      return yield* Effect.die(new RangeError(`Invalid TOTP window: ${window}`))
    }
    const candidate = code.replace(/\s/g, "")
    const current = yield* Effect.sync(() => totpStep(timeMs, options.period))
    const lastUsed = options.lastUsedStep == null ? -1n : BigInt(options.lastUsedStep)
    let accepted: bigint | undefined
    for (let offset = -window; offset <= window; offset++) {
      const step = current + BigInt(offset)
      if (step < 0n) continue
      const expected = yield* generateHotp(key, step, options)
      const matches = constantTimeEqual(expected, candidate)
      if (matches && step > lastUsed && accepted === undefined) accepted = step
    }
    return accepted === undefined ? { valid: false } : { valid: true, step: accepted }
  })

/** A new shared secret: 20 bytes from the CSPRNG (ASVS 6.5.3). Show it as `encodeBase32(secret)`. */
export const newTotpSecret: Effect.Effect<Uint8Array, never, SecureRandom> = Effect.gen(function* () {
  const random = yield* SecureRandom
  return yield* random.bytes(TOTP_SECRET_BYTES)
})
