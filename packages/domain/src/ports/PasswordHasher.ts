import { Context, type Effect, type Redacted } from "effect"

export interface PasswordVerification {
  readonly valid: boolean
  /** The hash was made with other parameters than the current ones: store a new hash after a valid login. */
  readonly needsRehash: boolean
}

/**
 * Password hashing (argon2id in production). Guarantees: `hash` yields a self-describing string (PHC format)
 * with a fresh random salt; `verify` compares the password exactly as given (no trimming or case change),
 * accepts hashes made with other parameters, and never fails for a malformed hash (it answers invalid).
 * `verifyDummy` takes the time of a real verify, for unknown accounts (no user enumeration by timing).
 */
export class PasswordHasher extends Context.Service<
  PasswordHasher,
  {
    readonly hash: (password: Redacted.Redacted<string>) => Effect.Effect<string>
    readonly verify: (
      hash: string,
      password: Redacted.Redacted<string>
    ) => Effect.Effect<PasswordVerification>
    readonly verifyDummy: (password: Redacted.Redacted<string>) => Effect.Effect<void>
  }
>()("@gatehouse/domain/PasswordHasher") {}
