import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { type ChangeStatusError, changeStatus, disableTransition } from "./changeStatus.ts"
import type { SessionEndingServices } from "./guards.ts"
import type { UserDetails } from "./userView.ts"

/**
 * `POST /v1/users/{id}/disable`, needs `users:write`: active -> disabled: login blocked, re-enabled later; or
 * pending -> disabled: the setup link does not work until the user is enabled (back to pending).
 * Never oneself (`CannotDisableSelf`), never a user holding a permission the actor lacks (`RoleEscalation`),
 * never the last active holder of `users:roles` nor an organization's last permanent Admin (`LastAdmin`).
 * Every session of the user ends.
 */
export const disableUser = Effect.fn("disableUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, ChangeStatusError, SessionEndingServices> {
  return yield* changeStatus(disableTransition, actor, userId)
})
