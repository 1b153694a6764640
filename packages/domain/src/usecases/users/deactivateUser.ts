import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { type ChangeStatusError, changeStatus, deactivateTransition } from "./changeStatus.ts"
import type { SessionEndingServices } from "./guards.ts"
import type { UserDetails } from "./userView.ts"

/**
 * `POST /v1/users/{id}/deactivate`, needs `users:write`: active | disabled | pending -> deactivated (soft
 * delete: login blocked, history kept, restorable). Never oneself, never a user holding a permission the actor
 * lacks, never the last active holder of `users:roles` nor an organization's last permanent Admin. Every
 * session of the user ends.
 */
export const deactivateUser = Effect.fn("deactivateUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, ChangeStatusError, SessionEndingServices> {
  return yield* changeStatus(deactivateTransition, actor, userId)
})
