import { Context, type Effect } from "effect"
import type { TenantId, UserId } from "../model/ids.ts"

export interface AttemptState {
  /** Consecutive failures since the last success (or reset). */
  readonly failures: number
  readonly lastFailureAt: Date | null
}

/**
 * The per-account counter of consecutive failed secret checks (password, TOTP, recovery code, setup token),
 * kept in the store so every node and every path shares it.
 *
 * Guarantees: `recordFailure` is one atomic increment (N concurrent failures count N, also across nodes) and
 * returns the state after it; `reset` sets the count to zero; isolation by tenant.
 */
export class FailedAttempts extends Context.Service<
  FailedAttempts,
  {
    readonly recordFailure: (tenantId: TenantId, userId: UserId, at: Date) => Effect.Effect<AttemptState>
    readonly get: (tenantId: TenantId, userId: UserId) => Effect.Effect<AttemptState>
    readonly reset: (tenantId: TenantId, userId: UserId) => Effect.Effect<void>
  }
>()("@gatehouse/domain/FailedAttempts") {}
