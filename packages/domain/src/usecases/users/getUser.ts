import { Effect } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { FailedAttempts } from "../../ports/FailedAttempts.ts"
import { holds } from "../../rules/permissions.ts"
import { isLockedAt } from "../../rules/throttle.ts"
import { authenticate, isSelf, requirePermission } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import { findUser, type ReadServices } from "./guards.ts"
import { type UserDetails, userDetails } from "./userView.ts"

/**
 * One user of the actor's tenant with their memberships. Holders of `users:read` read anyone; everybody reads
 * themselves (a Regular user sees only their own profile: anyone else is `Forbidden`, checked before the
 * lookup so ids cannot be probed). Admin notes and the sign-in lock (`signInLock`: in force until when, after
 * how many failures; null when none) only for holders of `users:write`.
 */
export const getUser = Effect.fn("getUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, Forbidden | UserNotFound | StoreUnavailable, ReadServices | FailedAttempts> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      if (!isSelf(context, userId)) yield* requirePermission(context, "users:read")
      const user = yield* findUser(context.tenant.id, userId)
      const isAdmin = holds(context.permissions, "users:write")
      const details = yield* userDetails(user, context.now, { includeAdminNotes: isAdmin })
      if (!isAdmin) return details
      const attempts = yield* (yield* FailedAttempts).get(context.tenant.id, user.id)
      const signInLock =
        attempts.lockedUntil !== null && isLockedAt(attempts, context.now)
          ? { until: attempts.lockedUntil, failures: attempts.failures }
          : null
      return { ...details, signInLock }
    })
  )
})
