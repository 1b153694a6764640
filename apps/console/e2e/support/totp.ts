import { Secret, TOTP } from "otpauth"

/** The RFC 6238 code of a base32 secret, `offsetSteps` 30-second steps from now (an authenticator app's). */
export const totpCode = (secret: string, offsetSteps = 0): string =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({
    timestamp: Date.now() + offsetSteps * 30_000
  })
