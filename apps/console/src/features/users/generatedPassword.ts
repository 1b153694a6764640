import {
  generatePassword,
  PasswordBlocklist,
  type PasswordContext,
  type PasswordPolicy,
  SecureRandom
} from "@gatehouse/domain"
import { Effect, Layer, Redacted } from "effect"

// The server holds the common-password list and checks it on save (422 PASSWORD_POLICY); here nothing is blocked.
const browser = Layer.mergeAll(
  SecureRandom.layer,
  Layer.succeed(PasswordBlocklist, PasswordBlocklist.of({ isBlocked: () => Effect.succeed(false) }))
)

/** 000's Generate Password: the domain's own generator (Web Crypto) on the tenant's policy, in the browser. */
export const generatePasswordFor = (policy: PasswordPolicy, context: PasswordContext): string =>
  Redacted.value(Effect.runSync(generatePassword(policy, context).pipe(Effect.provide(browser))))
