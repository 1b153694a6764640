import { Context, type Effect } from "effect"

/**
 * Common (and optionally breached) passwords that no policy accepts. Guarantees: `isBlocked` compares
 * case-insensitively and holds at least the 10,000 most common passwords.
 */
export class PasswordBlocklist extends Context.Service<
  PasswordBlocklist,
  {
    readonly isBlocked: (password: string) => Effect.Effect<boolean>
  }
>()("@gatehouse/domain/PasswordBlocklist") {}
