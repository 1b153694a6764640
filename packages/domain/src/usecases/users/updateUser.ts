import { Effect, Option, Schema } from "effect"
import {
  CannotEditOwnAdminFields,
  EmailImmutable,
  Forbidden,
  RoleEscalation
} from "../../errors/authorization.ts"
import { VersionConflict } from "../../errors/conflicts.ts"
import type { StoreUnavailable } from "../../errors/infrastructure.ts"
import { DepartmentNotFound, GroupNotFound, type UserNotFound } from "../../errors/notFound.ts"
import type { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { DepartmentId, GroupId, type UserId } from "../../model/ids.ts"
import { Language } from "../../model/language.ts"
import { ModulePermission } from "../../model/permission.ts"
import { PhoneNumber } from "../../model/phone.ts"
import { AdminNotes, PersonName, type User, UserKind } from "../../model/user.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import type { InvitationRepository } from "../../ports/InvitationRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { holds, missingForGrant } from "../../rules/permissions.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"
import { revokeLinksOnGrantChange } from "../invitations/revokeOnGrantChange.ts"
import { authenticate, isSelf, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { findUser, guardOutranks, type WriteServices } from "./guards.ts"
import { type UserDetails, userDetails } from "./userView.ts"

/**
 * `PATCH /v1/users/{id}`: every key optional; `null` clears a nullable field. `email` is modelled only so the
 * domain can answer `EmailImmutable` (rule 6) instead of a generic "unknown property".
 */
export const UserPatch = Schema.Struct({
  /** Never accepted: present -> `EmailImmutable`. */
  email: Schema.optionalKey(Schema.String),
  firstName: Schema.optionalKey(PersonName),
  lastName: Schema.optionalKey(PersonName),
  displayName: Schema.optionalKey(Schema.NullOr(PersonName)),
  phone: Schema.optionalKey(Schema.NullOr(PhoneNumber)),
  language: Schema.optionalKey(Schema.NullOr(Language)),
  // Admin-only (users:write) from here on.
  emailVerified: Schema.optionalKey(Schema.Boolean),
  phoneVerified: Schema.optionalKey(Schema.Boolean),
  requireTotp: Schema.optionalKey(Schema.Boolean),
  modulePermissions: Schema.optionalKey(Schema.Array(ModulePermission)),
  departmentId: Schema.optionalKey(Schema.NullOr(DepartmentId)),
  groupIds: Schema.optionalKey(Schema.Array(GroupId)),
  adminNotes: Schema.optionalKey(Schema.NullOr(AdminNotes)),
  /** Employee or external user (002's tabs). */
  kind: Schema.optionalKey(UserKind)
})
export type UserPatch = typeof UserPatch.Type

/** The fields a user may set on their own profile (rule 2); the others need `users:write`. */
export const SELF_EDITABLE_FIELDS = ["firstName", "lastName", "displayName", "phone", "language"] as const

const ADMIN_FIELDS = [
  "emailVerified",
  "phoneVerified",
  "requireTotp",
  "modulePermissions",
  "departmentId",
  "groupIds",
  "adminNotes",
  "kind"
] as const

const decodePatch = inputDecoder(UserPatch)

type EditableField = (typeof SELF_EDITABLE_FIELDS)[number] | (typeof ADMIN_FIELDS)[number]

const sameSet = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((x) => right.has(x))
}

/** The editable fields whose value differs between two versions of a user (lists compared as sets). */
const changedFields = (before: User, after: User): ReadonlyArray<EditableField> =>
  [...SELF_EDITABLE_FIELDS, ...ADMIN_FIELDS].filter((field) => {
    const a = before[field]
    const b = after[field]
    return Array.isArray(a) && Array.isArray(b) ? !sameSet(a, b) : a !== b
  })

/** Only the editable keys of a decoded patch, absent keys left out. */
const pickEditable = (patch: UserPatch): Partial<Pick<User, EditableField>> =>
  Object.fromEntries(
    [...SELF_EDITABLE_FIELDS, ...ADMIN_FIELDS].flatMap((field) =>
      patch[field] === undefined ? [] : [[field, patch[field]]]
    )
  )

/**
 * Edits a user's profile at `expectedVersion` (the `If-Match` of the HTTP API). The user themselves may set
 * names, phone and language; everything else needs `users:write`, and nobody changes their own admin-only
 * fields (`CannotEditOwnAdminFields`, rule 3: an admin does not clear the TOTP requirement another admin set on
 * them, nor rewrite the notes about them; sending a field's current value is no change). Granting module
 * permissions the actor does not hold is `RoleEscalation` (rule 4), and so is any edit of another user who
 * holds a permission the actor lacks (a lesser admin neither renames a greater one nor turns off their TOTP
 * requirement); email never changes (rule 6). A changed phone number is no longer
 * verified unless the same patch says so. A patch that changes nothing writes nothing and audits nothing. A
 * change of a pending user's module permissions revokes their open setup links.
 */
export const updateUser = Effect.fn("updateUser")(function* (
  actor: Actor,
  userId: UserId,
  input: UserPatch,
  expectedVersion: number
): Effect.fn.Return<
  UserDetails,
  | Forbidden
  | UserNotFound
  | EmailImmutable
  | CannotEditOwnAdminFields
  | RoleEscalation
  | DepartmentNotFound
  | GroupNotFound
  | VersionConflict
  | InvalidInput
  | StoreUnavailable,
  WriteServices | DepartmentRepository | GroupRepository | InvitationRepository
> {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const isAdmin = holds(context.permissions, "users:write")
      const self = isSelf(context, userId)
      if (!self) yield* requirePermission(context, "users:write")
      // Decoded again here: an embedding caller may pass anything, and a key such as `role` or `status` must
      // never reach the stored user through this door (mass assignment).
      const patch = yield* decodePatch(input)
      if (patch.email !== undefined) return yield* new EmailImmutable()
      const adminOnly = ADMIN_FIELDS.filter((field) => patch[field] !== undefined)
      if (!isAdmin && adminOnly.length > 0) {
        return yield* new Forbidden({ reason: `Only administrators may set ${adminOnly.join(", ")}` })
      }

      const target = yield* findUser(context.tenant.id, userId)
      if (!self) yield* guardOutranks(context, rolesOf(context).all, target)
      if (target.version !== expectedVersion) {
        return yield* new VersionConflict({ expected: expectedVersion, actual: target.version })
      }
      if (patch.modulePermissions !== undefined) {
        const added = patch.modulePermissions.filter((p) => !target.modulePermissions.includes(p))
        const missing = missingForGrant(context.permissions.tenant, added)
        if (missing.length > 0) return yield* new RoleEscalation({ missing })
      }
      if (patch.departmentId != null && patch.departmentId !== target.departmentId) {
        const department = yield* (yield* DepartmentRepository).findById(
          context.tenant.id,
          patch.departmentId
        )
        if (Option.isNone(department))
          return yield* new DepartmentNotFound({ departmentId: patch.departmentId })
      }
      if (patch.groupIds !== undefined) {
        const groups = yield* GroupRepository
        for (const groupId of patch.groupIds) {
          if (target.groupIds.includes(groupId)) continue
          if (Option.isNone(yield* groups.findById(context.tenant.id, groupId))) {
            return yield* new GroupNotFound({ groupId })
          }
        }
      }

      const values = pickEditable(patch)
      const phoneChanged = values.phone !== undefined && values.phone !== target.phone
      const next: User = {
        ...target,
        ...values,
        modulePermissions: values.modulePermissions
          ? [...new Set(values.modulePermissions)]
          : target.modulePermissions,
        groupIds: values.groupIds ? [...new Set(values.groupIds)] : target.groupIds,
        phoneVerified: values.phoneVerified ?? (phoneChanged ? false : target.phoneVerified),
        updatedAt: context.now
      }
      const fields = changedFields(target, next)
      // Only what the patch itself changes (a new phone number clearing `phoneVerified` is not the actor's act).
      const ownAdminFields = self ? adminOnly.filter((field) => fields.includes(field)) : []
      if (ownAdminFields.length > 0) return yield* new CannotEditOwnAdminFields({ fields: ownAdminFields })
      if (fields.length === 0) {
        return yield* userDetails(target, context.now, { includeAdminNotes: isAdmin })
      }
      const stored = yield* (yield* UserRepository).update(next, expectedVersion)
      if (fields.includes("modulePermissions")) {
        yield* revokeLinksOnGrantChange(context, target, "module_permissions_changed")
      }
      // Field names only: values (notes, phone numbers) stay out of the trail.
      yield* auditBy(context, {
        action: "user.updated",
        targetType: "user",
        targetId: stored.id,
        details: { fields: [...fields] }
      })
      return yield* userDetails(stored, context.now, { includeAdminNotes: isAdmin })
    })
  )
})
