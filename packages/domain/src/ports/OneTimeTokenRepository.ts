import { Context, type Effect, type Option } from "effect"
import type { OneTimeTokenId, TenantId, UserId } from "../model/ids.ts"

/** What a one-time token lets its holder do: reset a forgotten password, or prove they read their email. */
export type OneTimeTokenPurpose = "password_reset" | "email_verification"

/** A one-time, time-limited secret sent to a user's email. The secret itself is never stored. */
export interface OneTimeToken {
  readonly id: OneTimeTokenId
  readonly tenantId: TenantId
  readonly userId: UserId
  readonly purpose: OneTimeTokenPurpose
  /** SHA-256 of the token's secret, lower-case hex. */
  readonly secretHash: string
  readonly expiresAt: Date
  readonly createdAt: Date
  /** When it was used; null while unused. */
  readonly usedAt: Date | null
}

/**
 * One-time tokens of users (password reset and email verification links).
 *
 * Guarantees:
 * - one per purpose: `issue` stores the token as the user's only token of its purpose; every earlier one of that
 *   user and purpose, used or not, is gone afterwards (`findById` no longer finds it, `use` refuses it). Atomic:
 *   of N concurrent `issue` calls for one user and purpose, exactly one token remains, the last to commit;
 * - single use: `use` is a conditional update `unused -> used at` that applies only while `expiresAt > at`: of N
 *   concurrent callers for one token exactly one gets true (inside transactions too: a loser waits for the
 *   winner and then sees it used);
 * - isolation: every method but `findById` is keyed by tenant and never touches another tenant's rows.
 *   `findById` is the one lookup by id alone, because a token is presented without a tenant; the caller must
 *   verify the secret before trusting the row.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class OneTimeTokenRepository extends Context.Service<
  OneTimeTokenRepository,
  {
    readonly issue: (token: OneTimeToken) => Effect.Effect<void>
    readonly findById: (id: OneTimeTokenId) => Effect.Effect<Option.Option<OneTimeToken>>
    readonly use: (tenantId: TenantId, id: OneTimeTokenId, at: Date) => Effect.Effect<boolean>
    /** Removes the user's token of this purpose, if any; returns whether one was removed. */
    readonly revoke: (
      tenantId: TenantId,
      userId: UserId,
      purpose: OneTimeTokenPurpose
    ) => Effect.Effect<boolean>
  }
>()("@gatehouse/domain/OneTimeTokenRepository") {}
