import { Effect, Schema, Struct } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { Actor } from "../../model/actor.ts"
import { Permission } from "../../model/permission.ts"
import { authenticate } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import type { ReadServices } from "./guards.ts"
import { membershipViewsOf, toUserView, UserMembershipView, UserView } from "./userView.ts"

/** `GET /v1/me`: the caller's own user (never admin notes), their tenant permissions and memberships. */
export const Me = Schema.Struct({
  ...Struct.omit(UserView.fields, ["adminNotes"]),
  /** The caller's tenant-wide permissions now, sorted. */
  permissions: Schema.Array(Permission),
  memberships: Schema.Array(UserMembershipView)
})
export type Me = typeof Me.Type

/**
 * The caller as they are now. Allowed for restricted sessions too (`password_change`, `mfa_enrollment`): the
 * UI needs to know who is completing the step. Admin notes are never included, whoever asks.
 */
export const getMe = Effect.fn("getMe")(function* (
  actor: Actor
): Effect.fn.Return<Me, Forbidden | StoreUnavailable, ReadServices> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, {
        allowScopes: ["full", "password_change", "mfa_enrollment"]
      })
      const memberships = yield* membershipViewsOf(context.tenant.id, context.memberships, context.now)
      const me: Me = {
        ...toUserView(context.user, { includeAdminNotes: false }),
        permissions: [...context.permissions.tenant].sort(),
        memberships
      }
      return me
    })
  )
})
