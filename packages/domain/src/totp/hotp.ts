import { Effect } from "effect"

/** The HMAC hash of an OTP, named as in otpauth URIs. SHA1 is the default every authenticator app supports. */
export type OtpAlgorithm = "SHA1" | "SHA256" | "SHA512"

/** Code length: RFC 4226 requires at least 6; 8 is the RFC 6238 test length. */
export type OtpDigits = 6 | 7 | 8

export interface HotpOptions {
  /** Default 6. */
  readonly digits?: OtpDigits
  /** Default "SHA1". */
  readonly algorithm?: OtpAlgorithm
}

const WEB_CRYPTO_HASH: Record<OtpAlgorithm, string> = { SHA1: "SHA-1", SHA256: "SHA-256", SHA512: "SHA-512" }
const MAX_COUNTER = (1n << 64n) - 1n

/**
 * RFC 4226 HOTP: HMAC(key, 8-byte big-endian counter), dynamically truncated to `digits` decimal digits
 * (leading zeros kept). The counter is a full 64-bit value. A counter outside 0..2^64-1 is a programming error
 * (a defect), not a client mistake.
 */
export const generateHotp = (
  key: Uint8Array,
  counter: bigint,
  options: HotpOptions = {}
): Effect.Effect<string> =>
  Effect.suspend(() => {
    if (counter < 0n || counter > MAX_COUNTER) {
      return Effect.die(new RangeError(`HOTP counter out of the 64-bit range: ${counter}`))
    }
    const digits = options.digits ?? 6
    const hash = WEB_CRYPTO_HASH[options.algorithm ?? "SHA1"]
    const message = new Uint8Array(8)
    new DataView(message.buffer).setBigUint64(0, counter, false)
    return Effect.promise(async () => {
      // copied so the key is a plain ArrayBuffer view, as Web Crypto's BufferSource type demands
      const cryptoKey = await globalThis.crypto.subtle.importKey(
        "raw",
        Uint8Array.from(key),
        { name: "HMAC", hash },
        false,
        ["sign"]
      )
      const mac = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, message))
      const offset = mac[mac.length - 1]! & 0x0f
      const binary =
        ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
      return (binary % 10 ** digits).toString().padStart(digits, "0")
    })
  })
