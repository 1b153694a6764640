import { Effect, Option, type Redacted, Schema } from "effect"
import { RoleEscalation, UserNotAddable } from "../../errors/authorization.ts"
import { RoleNotFound } from "../../errors/notFound.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { Email } from "../../model/email.ts"
import type { OrganizationId } from "../../model/ids.ts"
import type { Membership } from "../../model/membership.ts"
import { RoleName } from "../../model/role.ts"
import { PersonName, type User } from "../../model/user.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { presets } from "../../presets/index.ts"
import { holds, missingForGrant } from "../../rules/permissions.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { issueSetupInvitation } from "../invitations/issueSetupInvitation.ts"
import { revokeLinksOnGrantChange } from "../invitations/revokeOnGrantChange.ts"
import { authenticate, requirePermissionIn, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { newPendingUser } from "../users/newPendingUser.ts"
import {
  findOrganization,
  heldIn,
  type MemberUser,
  memberViewOf,
  requireMemberManagement,
  toMemberUser
} from "./memberAccess.ts"

export const AddMemberInput = Schema.Struct({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  /** An organization role of the tenant's catalogue. */
  role: RoleName,
  /** From this instant on the membership grants nothing; must lie in the future. */
  expiresAt: Schema.optionalKey(Schema.NullOr(Schema.Date))
})
export type AddMemberInput = typeof AddMemberInput.Type

export interface AddedMember {
  readonly membership: Membership
  readonly user: MemberUser
  /** A new (pending) user was created, and sent a setup invitation. */
  readonly created: boolean
  /** When `created`: the one-time setup link (also emailed), shown once to whoever added the member. */
  readonly setupUrl?: Redacted.Redacted<string>
  /** When `created`: when the setup link stops working (not the membership's own `expiresAt`). */
  readonly expiresAt?: Date
  /** When `created`: false when the mail system refused the message (the link is still returned). */
  readonly emailSent?: boolean
}

/**
 * Adds a person to an organization with an organization role. Needs `members:manage` tenant-wide or in that
 * organization (an organization Admin manages their own organization's members); the actor must hold every
 * permission of the role there (rule 4). An unknown email creates a pending user with the preset's
 * `memberRole` and no password, and issues their setup invitation in the same transaction (emailed, and the
 * link returned once); a known one (any casing) is added as is, names untouched, and gets no new link (a known
 * user who has not finished setup loses their open links: the new membership is not the issuer's to grant).
 * Only a tenant admin (`members:manage` tenant-wide) adds a known user whose tenant role is not the preset's
 * `memberRole`; an organization Admin gets `UserNotAddable` (tenant staff is not theirs to pull in). The user
 * comes back in the actor's view (`memberViewOf`): an organization Admin sees names and email only.
 * An individual account's members are a tenant admin's to manage (`IndividualAccount`, checked before
 * `UserNotAddable`). `AlreadyMember` comes from the store: an email is a member of an organization at most once.
 * Takes the organization's lock first, as a slug change does: a slug changes only while there is no member.
 */
export const addMember = Effect.fn("addMember")(function* (
  actor: Actor,
  organizationId: OrganizationId,
  input: AddMemberInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermissionIn(context, organizationId, "members:manage")
      const data = yield* decodeInput(AddMemberInput, input)
      // Before anything is read: a concurrent slug change (allowed only without members) waits for this
      // membership, or this one waits for the change to commit (issue 13).
      yield* (yield* OrganizationRepository).lock(context.tenant.id, organizationId)
      const organization = yield* findOrganization(context, organizationId)
      yield* requireMemberManagement(context, organization)
      const role = rolesOf(context).organization(data.role)
      if (role === undefined) return yield* new RoleNotFound({ role: data.role, scope: "organization" })
      const missing = missingForGrant(heldIn(context, organizationId), role.permissions)
      if (missing.length > 0) return yield* new RoleEscalation({ missing })
      const expiresAt = data.expiresAt ?? null
      if (expiresAt !== null && !(expiresAt.getTime() > context.now.getTime())) {
        return yield* new InvalidInput({ errors: [{ path: "expiresAt", message: "Must lie in the future" }] })
      }

      const users = yield* UserRepository
      const existing = yield* users.findByEmail(context.tenant.id, data.email)
      const memberRole = presets[context.tenant.preset].memberRole
      if (
        Option.isSome(existing) &&
        existing.value.role !== memberRole &&
        !holds(context.permissions, "members:manage")
      ) {
        return yield* new UserNotAddable({ memberRole })
      }
      const view = memberViewOf(context)
      const user: User = Option.isSome(existing)
        ? existing.value
        : yield* users.insert(
            yield* newPendingUser(
              {
                tenantId: context.tenant.id,
                email: data.email,
                firstName: data.firstName,
                lastName: data.lastName,
                role: memberRole as RoleName
              },
              context.now
            )
          )
      const created = Option.isNone(existing)
      const membership = yield* (yield* MembershipRepository).insert({
        tenantId: context.tenant.id,
        organizationId: organization.id,
        userId: user.id,
        role: role.name,
        active: true,
        expiresAt,
        createdAt: context.now,
        updatedAt: context.now
      })
      if (created) {
        yield* auditBy(context, {
          action: "user.created",
          targetType: "user",
          targetId: user.id,
          details: { role: user.role, status: user.status, organizationId: organization.id }
        })
      }
      yield* auditBy(context, {
        action: "membership.added",
        targetType: "user",
        targetId: user.id,
        details: {
          organizationId: organization.id,
          role: membership.role,
          expiresAt: expiresAt?.toISOString() ?? null
        }
      })
      if (created) {
        const link = yield* issueSetupInvitation(context.tenant, user, actor)
        const added: AddedMember = {
          membership,
          user: toMemberUser(user, view),
          created,
          setupUrl: link.setupUrl,
          expiresAt: link.expiresAt,
          emailSent: link.emailSent
        }
        return added
      }
      yield* revokeLinksOnGrantChange(context, user, "membership_changed")
      const added: AddedMember = { membership, user: toMemberUser(user, view), created }
      return added
    })
  )
})
