import { Effect, Option, Schema } from "effect"
import { CannotChangeOwnRole, CannotDisableSelf, RoleEscalation } from "../../errors/authorization.ts"
import { MembershipNotFound, RoleNotFound, UserNotFound } from "../../errors/notFound.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import type { OrganizationId, UserId } from "../../model/ids.ts"
import type { Membership } from "../../model/membership.ts"
import { RoleName } from "../../model/role.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { missingForGrant } from "../../rules/permissions.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { revokeLinksOnGrantChange } from "../invitations/revokeOnGrantChange.ts"
import { authenticate, isSelf, requirePermissionIn, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import {
  findOrganization,
  guardLastOrganizationAdmin,
  heldIn,
  requireMemberManagement
} from "./memberAccess.ts"

export const UpdateMemberInput = Schema.Struct({
  role: Schema.optionalKey(RoleName),
  active: Schema.optionalKey(Schema.Boolean),
  /** null removes the expiry; a date must lie in the future. */
  expiresAt: Schema.optionalKey(Schema.NullOr(Schema.Date))
})
export type UpdateMemberInput = typeof UpdateMemberInput.Type

/**
 * Changes a membership's role, active flag or expiry. Needs `members:manage` tenant-wide or in that
 * organization; a new role must be an organization role whose permissions the actor holds there (rule 4).
 * Nobody changes their own membership's role (`CannotChangeOwnRole`) or disables or expires it
 * (`CannotDisableSelf`); the organization keeps an Admin in effect (`LastAdmin`, see `guardLastOrganizationAdmin`).
 * An individual account's members are a tenant admin's to manage (`IndividualAccount`).
 * Any change of a pending member's membership revokes their open setup links.
 */
export const updateMember = Effect.fn("updateMember")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  userId: UserId,
  patch: UpdateMemberInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermissionIn(context, organizationId, "members:manage")
      const data = yield* decodeInput(UpdateMemberInput, patch)
      // Serialises the changes that guard the last Admin (rule 5); the tenant was just read, so it exists.
      yield* (yield* TenantRepository).lock(context.tenant.id).pipe(Effect.orDie)
      yield* requireMemberManagement(context, yield* findOrganization(context, organizationId))
      const memberships = yield* MembershipRepository
      const found = yield* memberships.find(context.tenant.id, organizationId, userId)
      if (Option.isNone(found)) return yield* new MembershipNotFound({ organizationId, userId })
      const current = found.value
      const self = isSelf(context, userId)

      if (data.role !== undefined && data.role !== current.role) {
        if (self) return yield* new CannotChangeOwnRole()
        const role = rolesOf(context).organization(data.role)
        if (role === undefined) return yield* new RoleNotFound({ role: data.role, scope: "organization" })
        const missing = missingForGrant(heldIn(context, organizationId), role.permissions)
        if (missing.length > 0) return yield* new RoleEscalation({ missing })
      }
      if (self && (data.active === false || (data.expiresAt !== undefined && data.expiresAt !== null))) {
        return yield* new CannotDisableSelf()
      }
      if (
        data.expiresAt !== undefined &&
        data.expiresAt !== null &&
        !(data.expiresAt.getTime() > context.now.getTime())
      ) {
        return yield* new InvalidInput({ errors: [{ path: "expiresAt", message: "Must lie in the future" }] })
      }

      const next: Membership = { ...current, ...data, updatedAt: context.now }
      const member = yield* (yield* UserRepository).findById(context.tenant.id, userId)
      // The store removes a user's memberships with the user, so a membership always has its user.
      if (Option.isNone(member)) return yield* Effect.die(new UserNotFound({ userId }))
      yield* guardLastOrganizationAdmin(context, current, member.value, next)

      const updated = yield* memberships.update(next)
      yield* revokeLinksOnGrantChange(context, member.value, "membership_changed")
      yield* auditBy(context, {
        action: "membership.updated",
        targetType: "user",
        targetId: userId,
        details: {
          organizationId,
          ...(data.role === undefined ? {} : { role: data.role, previousRole: current.role }),
          ...(data.active === undefined ? {} : { active: data.active }),
          ...(data.expiresAt === undefined ? {} : { expiresAt: data.expiresAt?.toISOString() ?? null })
        }
      })
      return updated
    })
  )
})
