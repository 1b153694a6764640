import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { type ChangeStatusError, changeStatus, restoreTransition } from "./changeStatus.ts"
import type { SessionEndingServices } from "./guards.ts"
import type { UserDetails } from "./userView.ts"

/**
 * `POST /v1/users/{id}/restore`, needs `users:write`: deactivated -> active, or pending when the user
 * never set a password. Never a user holding a permission the actor lacks (`RoleEscalation`).
 */
export const restoreUser = Effect.fn("restoreUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, ChangeStatusError, SessionEndingServices> {
  return yield* changeStatus(restoreTransition, actor, userId)
})
