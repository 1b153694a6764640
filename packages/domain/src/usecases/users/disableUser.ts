import { Effect } from "effect"
import type { Actor } from "../../model/actor.ts"
import type { UserId } from "../../model/ids.ts"
import { type ChangeStatusError, changeStatus, disableTransition } from "./changeStatus.ts"
import type { WriteServices } from "./guards.ts"
import type { UserDetails } from "./userView.ts"

/**
 * `POST /v1/users/{id}/disable`, needs `users:write`: active -> disabled: login blocked, re-enabled later.
 * Never oneself (`CannotDisableSelf`), never the last active holder of `users:roles` (`LastAdmin`).
 */
export const disableUser = Effect.fn("disableUser")(function* (
  actor: Actor,
  userId: UserId
): Effect.fn.Return<UserDetails, ChangeStatusError, WriteServices> {
  return yield* changeStatus(disableTransition, actor, userId)
})
