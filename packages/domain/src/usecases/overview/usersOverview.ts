import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserStatus } from "../../model/user.ts"
import { TenantOverview, type UserStatusCounts } from "../../ports/TenantOverview.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"

/** The home page's picture of the tenant's users. */
export interface UsersOverview {
  readonly byStatus: UserStatusCounts
  /** Every user of the tenant (the sum of `byStatus`). */
  readonly total: number
  /** Setup invitations still usable now (pending and unexpired). */
  readonly pendingInvitations: number
}

/** Users per status and the pending invitations, from counters (a few rows at any size). Needs `users:read`. */
export const getUsersOverview = Effect.fn("getUsersOverview")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "users:read")
      const overview = yield* TenantOverview
      const byStatus = yield* overview.usersByStatus(context.tenant.id)
      const pendingInvitations = yield* overview.pendingInvitations(context.tenant.id, context.now)
      const total = (Object.keys(byStatus) as ReadonlyArray<UserStatus>).reduce((n, s) => n + byStatus[s], 0)
      return { byStatus, total, pendingInvitations } satisfies UsersOverview
    })
  )
})
