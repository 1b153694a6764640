import { Context, type Effect } from "effect"
import type { OrganizationId, TenantId, UserId } from "../model/ids.ts"
import type { RoleName } from "../model/role.ts"
import type { UserStatus } from "../model/user.ts"

/** How many users of a tenant have each status. */
export type UserStatusCounts = Readonly<Record<UserStatus, number>>

/** Successful sign-ins of one UTC day (`YYYY-MM-DD`). */
export interface SignInDay {
  readonly day: string
  readonly count: number
}

/** A membership whose `expiresAt` falls in a window, with the names a list shows. */
export interface ExpiringMembership {
  readonly organization: { readonly id: OrganizationId; readonly name: string }
  readonly user: {
    readonly id: UserId
    readonly firstName: string
    readonly lastName: string
    readonly email: string
  }
  readonly role: RoleName
  readonly active: boolean
  readonly expiresAt: Date
}

/**
 * What a tenant's home page shows: figures read in a few rows each, so they stay fast at 100,000 users and
 * millions of audit events (a store keeps counters or indexes for them rather than counting every row).
 *
 * Guarantees:
 * - isolation: every method is keyed by tenant and never counts nor returns another tenant's rows;
 * - `usersByStatus` equals the number of the tenant's stored users per status (every status present, zero
 *   when none), exact after inserts, bulk inserts, status changes, deletes and rolled-back transactions;
 * - `signInsPerDay` counts the tenant's audit events with action `auth.login_succeeded` per UTC day, for
 *   exactly `days` days ending with the day of `today` (oldest first, one entry per day, zero when none);
 *   events of a rolled-back transaction are never counted;
 * - `pendingInvitations` counts invitations in state `pending` whose `expiresAt` is after `now` (an
 *   invitation past its expiry is not pending, whether or not a sweeper recorded it);
 * - `expiringMemberships` lists memberships with `from <= expiresAt < until`, soonest first (then by
 *   organization id and user id), at most `limit`, and `total` counts all of them.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class TenantOverview extends Context.Service<
  TenantOverview,
  {
    readonly usersByStatus: (tenantId: TenantId) => Effect.Effect<UserStatusCounts>
    readonly signInsPerDay: (
      tenantId: TenantId,
      window: { readonly today: Date; readonly days: number }
    ) => Effect.Effect<ReadonlyArray<SignInDay>>
    readonly pendingInvitations: (tenantId: TenantId, now: Date) => Effect.Effect<number>
    readonly expiringMemberships: (
      tenantId: TenantId,
      window: { readonly from: Date; readonly until: Date; readonly limit: number }
    ) => Effect.Effect<{ readonly items: ReadonlyArray<ExpiringMembership>; readonly total: number }>
  }
>()("@gatehouse/domain/TenantOverview") {}

/** The `days` UTC days ending with `today`'s, oldest first, as `YYYY-MM-DD`. */
export const utcDays = (today: Date, days: number): ReadonlyArray<string> => {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10)
  )
}
