import { Effect, Option, type Redacted, Schema, Struct } from "effect"
import { RoleEscalation } from "../../errors/authorization.ts"
import { DepartmentNotFound, GroupNotFound, RoleNotFound } from "../../errors/notFound.ts"
import { InvalidInput } from "../../errors/validation.ts"
import type { Actor } from "../../model/actor.ts"
import { Email } from "../../model/email.ts"
import { DepartmentId, GroupId } from "../../model/ids.ts"
import { Language } from "../../model/language.ts"
import { PlainPassword } from "../../model/password.ts"
import { ModulePermission } from "../../model/permission.ts"
import { PhoneNumber } from "../../model/phone.ts"
import { RoleName } from "../../model/role.ts"
import { AdminNotes, PersonName, UserKind } from "../../model/user.ts"
import { enforcePassword } from "../../password/checkPassword.ts"
import { generatePassword } from "../../password/generatePassword.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { presets } from "../../presets/index.ts"
import { holds, missingForGrant } from "../../rules/permissions.ts"
import { inputDecoder } from "../../validation/decodeInput.ts"
import { issueSetupInvitation } from "../invitations/issueSetupInvitation.ts"
import { authenticate, requirePermission, rolesOf } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { newPendingUser } from "./newPendingUser.ts"
import { toUserView, type UserView } from "./userView.ts"

/** How the new user gets in: a password typed by the admin, one generated for them, or a setup invitation. */
export const InitialCredential = Schema.Union([
  Schema.TaggedStruct("Password", { password: PlainPassword }),
  Schema.TaggedStruct("Generate", {}),
  Schema.TaggedStruct("Invite", {})
])
export type InitialCredential = typeof InitialCredential.Type

export const CreateUserInput = Schema.Struct({
  email: Email,
  firstName: PersonName,
  lastName: PersonName,
  role: RoleName,
  phone: Schema.optionalKey(PhoneNumber),
  language: Schema.optionalKey(Language),
  departmentId: Schema.optionalKey(DepartmentId),
  groupIds: Schema.optionalKey(Schema.Array(GroupId)),
  modulePermissions: Schema.optionalKey(Schema.Array(ModulePermission)),
  requireTotp: Schema.optionalKey(Schema.Boolean),
  adminNotes: Schema.optionalKey(AdminNotes),
  /** Default `employee`. */
  kind: Schema.optionalKey(UserKind),
  /**
   * 002's "Active User"; default true. False creates the user disabled: no login, and with an invitation a
   * setup link that works only once they are enabled (back to pending).
   */
  active: Schema.optionalKey(Schema.Boolean),
  /**
   * With an invitation only; default true. False creates the pending user without issuing a setup link (002's
   * "Save User": the invitation is sent later, `POST /v1/users/{id}/setup-link`).
   */
  sendInvitation: Schema.optionalKey(Schema.Boolean),
  credential: InitialCredential
})
export type CreateUserInput = typeof CreateUserInput.Type

// Everything but the credential, decoded again in the domain: an embedding caller may pass a name with a NUL
// in it, which the store cannot hold. The credential is a Redacted value already, checked by the policy.
const decodeProfile = inputDecoder(Schema.Struct(Struct.omit(CreateUserInput.fields, ["credential"])))

export interface CreatedUser {
  /** Never the password hash; admin notes for holders of `users:write`. */
  readonly user: UserView
  /** Shown once to the admin who created the user; never stored. */
  readonly generatedPassword?: Redacted.Redacted<string>
  /** With an invitation sent: the one-time setup link (also emailed), shown once to the admin. */
  readonly setupUrl?: Redacted.Redacted<string>
  /** With an invitation: when the setup link stops working. */
  readonly expiresAt?: Date
  /** With an invitation: false when the mail system refused the message (the admin passes the link on). */
  readonly emailSent?: boolean
}

/**
 * Creates a user of the actor's tenant. Needs `users:write` (or `users:invite` for an invitation); the role
 * and module permissions given must all be held by the actor (rule 4). A typed or generated password makes
 * an active user who must change it at first login; an invitation makes a pending user and issues their setup
 * invitation in the same transaction (the link is emailed and returned once), unless `sendInvitation: false`.
 * `active: false` makes either one disabled instead (an invited one returns to pending when enabled).
 */
export const createUser = Effect.fn("createUser")(function* (actor: Actor, given: CreateUserInput) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      const invite = given.credential._tag === "Invite"
      yield* requirePermission(
        context,
        invite && !context.permissions.tenant.has("users:write") ? "users:invite" : "users:write"
      )
      const { credential, ...profile } = given
      const input = { ...(yield* decodeProfile(profile)), credential }
      if (!invite && presets[context.tenant.preset].inviteOnly) {
        return yield* new InvalidInput({
          errors: [{ path: "credential", message: "This tenant creates users by invitation only" }]
        })
      }
      if (input.sendInvitation !== undefined && !invite) {
        return yield* new InvalidInput({
          errors: [{ path: "sendInvitation", message: "Only a user created by invitation is sent one" }]
        })
      }
      const roles = rolesOf(context)
      const role = roles.tenant(input.role)
      if (role === undefined) return yield* new RoleNotFound({ role: input.role, scope: "tenant" })
      const missing = missingForGrant(context.permissions.tenant, [
        ...role.permissions,
        ...(input.modulePermissions ?? [])
      ])
      if (missing.length > 0) return yield* new RoleEscalation({ missing })
      if (input.departmentId !== undefined) {
        const department = yield* (yield* DepartmentRepository).findById(
          context.tenant.id,
          input.departmentId
        )
        if (Option.isNone(department))
          return yield* new DepartmentNotFound({ departmentId: input.departmentId })
      }
      const groups = yield* GroupRepository
      for (const groupId of input.groupIds ?? []) {
        if (Option.isNone(yield* groups.findById(context.tenant.id, groupId))) {
          return yield* new GroupNotFound({ groupId })
        }
      }

      const policy = context.tenant.passwordPolicy
      const words = {
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        tenantName: context.tenant.name
      }
      let password: Redacted.Redacted<string> | undefined
      if (input.credential._tag === "Password") {
        password = input.credential.password
        yield* enforcePassword(policy, password, words)
      } else if (input.credential._tag === "Generate") {
        password = yield* generatePassword(policy, words)
      }
      const passwordHash = password === undefined ? null : yield* (yield* PasswordHasher).hash(password)

      const { email, firstName, lastName } = input
      const user = yield* (yield* UserRepository).insert({
        ...(yield* newPendingUser(
          { tenantId: context.tenant.id, email, firstName, lastName, role: role.name },
          context.now
        )),
        phone: input.phone ?? null,
        language: input.language ?? null,
        adminNotes: input.adminNotes ?? null,
        modulePermissions: [...new Set(input.modulePermissions ?? [])],
        departmentId: input.departmentId ?? null,
        groupIds: [...new Set(input.groupIds ?? [])],
        status: input.active === false ? "disabled" : invite ? "pending" : "active",
        kind: input.kind ?? "employee",
        awaitingSetup: invite,
        mustChangePassword: !invite,
        requireTotp: input.requireTotp ?? false,
        passwordHash
      })
      yield* auditBy(context, {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        details: {
          role: user.role,
          credential: input.credential._tag.toLowerCase(),
          status: user.status,
          kind: user.kind
        }
      })
      const view = toUserView(user, { includeAdminNotes: holds(context.permissions, "users:write") })
      if (invite && input.sendInvitation !== false) {
        const link = yield* issueSetupInvitation(context.tenant, user, actor)
        const created: CreatedUser = {
          user: view,
          setupUrl: link.setupUrl,
          expiresAt: link.expiresAt,
          emailSent: link.emailSent
        }
        return created
      }
      const created: CreatedUser =
        input.credential._tag === "Generate" && password !== undefined
          ? { user: view, generatedPassword: password }
          : { user: view }
      return created
    })
  )
})
