import { Context, type Effect } from "effect"
import type { Membership } from "../model/membership.ts"

/**
 * The memberships whose `expiresAt` has passed and whose expiry is not recorded yet (the sweeper's work list).
 *
 * Guarantees: `due` reads every tenant (it serves the sweeper, never a request), oldest expiry first; `record`
 * joins the caller's transaction and answers true for exactly one of concurrent callers recording the same
 * (membership, expiresAt); once recorded, that expiry is never `due` again.
 */
export class MembershipExpiries extends Context.Service<
  MembershipExpiries,
  {
    readonly due: (now: Date, limit: number) => Effect.Effect<ReadonlyArray<Membership>>
    readonly record: (membership: Membership) => Effect.Effect<boolean>
  }
>()("@gatehouse/domain/MembershipExpiries") {}
