import { encodeBase32 } from "./base32.ts"
import type { OtpAlgorithm, OtpDigits } from "./hotp.ts"

export interface OtpauthUriOptions {
  readonly secret: Uint8Array
  /** Shown by the app as the provider: the tenant name. */
  readonly issuer: string
  /** Shown by the app under the issuer: the user's email. */
  readonly account: string
  readonly algorithm?: OtpAlgorithm
  readonly digits?: OtpDigits
  /** Seconds; default 30. */
  readonly period?: number
}

// encodeURIComponent, not URLSearchParams: the latter writes a space as "+", which several authenticator apps
// display literally; "%20" is what the Key URI Format asks for. It also escapes ":", "@" and "+".
const encode = encodeURIComponent

/**
 * The Key URI (`otpauth://totp/Issuer:account?secret=...&issuer=...`) that authenticator apps import from a QR
 * code. The issuer appears both in the label and as a parameter, as the Key URI Format recommends; the secret is
 * unpadded base32. All parameters are written explicitly so no app falls back to its own defaults.
 */
export const otpauthUri = (options: OtpauthUriOptions): string => {
  const params: ReadonlyArray<readonly [string, string]> = [
    ["secret", encodeBase32(options.secret)],
    ["issuer", options.issuer],
    ["algorithm", options.algorithm ?? "SHA1"],
    ["digits", String(options.digits ?? 6)],
    ["period", String(options.period ?? 30)]
  ]
  const query = params.map(([name, value]) => `${name}=${encode(value)}`).join("&")
  return `otpauth://totp/${encode(options.issuer)}:${encode(options.account)}?${query}`
}
