import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { type ChangeStatusError, changeStatus, enableTransition } from "./changeStatus.ts"
import type { SessionEndingServices } from "./guards.ts"
import type { UserDetails } from "./userView.ts"

/**
 * `POST /v1/users/{id}/enable`, needs `users:write`: disabled -> active, or back to pending for a user who
 * never finished setup (their setup link works again). A pending user completes setup instead
 * (`InvalidStatusTransition`). Never a user holding a permission the actor lacks (`RoleEscalation`).
 */
export const enableUser = Effect.fn("enableUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, ChangeStatusError, SessionEndingServices> {
  return yield* changeStatus(enableTransition, actor, userId)
})
