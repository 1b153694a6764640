import { Effect, Option, type Redacted, Schema, Struct } from "effect"
import type { Forbidden } from "../../errors/authorization.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import type { Actor, SessionScope } from "../../model/actor.ts"
import { TenantId } from "../../model/ids.ts"
import { Permission } from "../../model/permission.ts"
import { PresetName, TenantName, TenantSlug } from "../../model/tenant.ts"
import { ActorDirectory } from "../../ports/ActorDirectory.ts"
import type { SessionRepository } from "../../ports/SessionRepository.ts"
import { totpRequiredFor } from "../invitations/setupTotp.ts"
import { acceptSession } from "../sessions/authenticateSession.ts"
import { SessionInvalid } from "../sessions/errors.ts"
import { parseSessionToken } from "../sessions/token.ts"
import { type ActorContext, authenticate, authenticateLoaded } from "../shared/ActorContext.ts"
import { transactional } from "../shared/transaction.ts"
import type { ReadServices } from "./guards.ts"
import {
  membershipViewsFrom,
  membershipViewsOf,
  toUserView,
  UserMembershipView,
  UserView
} from "./userView.ts"

/** `GET /v1/me`: the caller's own user (never admin notes), their tenant permissions and memberships. */
export const Me = Schema.Struct({
  ...Struct.omit(UserView.fields, ["adminNotes"]),
  /** The caller's tenant-wide permissions now, sorted. */
  permissions: Schema.Array(Permission),
  memberships: Schema.Array(UserMembershipView),
  /** The caller's tenant: the console takes its words (the preset's) and the tenant's name from here. */
  tenant: Schema.Struct({ id: TenantId, slug: TenantSlug, name: TenantName, preset: PresetName }),
  /** Whether the account must keep TOTP: its role requires it, or an admin switched it on (`requireTotp`). */
  totpRequired: Schema.Boolean,
  /** The presented session's scope: a console reloaded mid-step knows which step to show. */
  session: Schema.Struct({
    scope: Schema.Literals(["full", "password_change", "mfa_enrollment"]) as Schema.Codec<SessionScope>
  })
})
export type Me = typeof Me.Type

/** The caller's `Me` from their context and membership views. */
const meOf = (
  context: ActorContext,
  memberships: ReadonlyArray<UserMembershipView>,
  scope: SessionScope
): Me => ({
  ...toUserView(context.user, { includeAdminNotes: false }),
  permissions: [...context.permissions.tenant].sort(),
  memberships,
  totpRequired: totpRequiredFor(context.user, context.role),
  tenant: {
    id: context.tenant.id,
    slug: context.tenant.slug,
    name: context.tenant.name,
    preset: context.tenant.preset
  },
  session: { scope }
})

// Restricted sessions too: the UI needs to know who is completing the step.
const meScopes = { allowScopes: ["full", "password_change", "mfa_enrollment"] } as const

/**
 * The caller as they are now. Allowed for restricted sessions too (`password_change`, `mfa_enrollment`): the
 * UI needs to know who is completing the step. Admin notes are never included, whoever asks.
 */
export const getMe = Effect.fn("getMe")(function* (
  actor: Actor
): Effect.fn.Return<Me, Forbidden | StoreUnavailable, ReadServices> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor, meScopes)
      const memberships = yield* membershipViewsOf(context.tenant.id, context.memberships, context.now)
      return meOf(context, memberships, actor._tag === "User" ? actor.scope : "full")
    })
  )
})

/**
 * `GET /v1/me` from the presented session token: `authenticateSession` then `getMe`, with the session, its
 * user and the actor read together (`ActorDirectory.findSessionActor`: one statement on SQL). The same
 * refusals in the same order: `SessionInvalid` for a token that authenticates nobody, then `getMe`'s.
 */
export const getMeOfSession = Effect.fn("getMeOfSession")(function* (
  token: string | Redacted.Redacted<string>
): Effect.fn.Return<Me, SessionInvalid | Forbidden | StoreUnavailable, ReadServices | SessionRepository> {
  const parsed = parseSessionToken(token)
  if (Option.isNone(parsed)) return yield* new SessionInvalid({ reason: "malformed" })
  return yield* transactional(
    Effect.gen(function* () {
      const found = yield* (yield* ActorDirectory).findSessionActor(parsed.value.id)
      const actor = yield* acceptSession(parsed.value.secret, found)
      // a usable session was found: its actor was read with it
      const snapshot = Option.flatMap(found, (record) => record.actor)
      const context = yield* authenticateLoaded(actor, snapshot, meScopes)
      const organizations = Option.isSome(snapshot) ? snapshot.value.organizations : []
      const memberships = membershipViewsFrom(context.memberships, organizations, context.now)
      return meOf(context, memberships, context.scope)
    })
  )
})
