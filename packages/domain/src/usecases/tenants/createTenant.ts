import { Effect, type Redacted, Schema } from "effect"
import { Forbidden } from "../../errors/authorization.ts"
import type { Actor } from "../../model/actor.ts"
import { Email } from "../../model/email.ts"
import { now } from "../../model/newId.ts"
import { PresetName, type Tenant, TenantName, TenantSlug } from "../../model/tenant.ts"
import { PersonName, type User } from "../../model/user.ts"
import { generatePassword } from "../../password/generatePassword.ts"
import { PasswordHasher } from "../../ports/PasswordHasher.ts"
import { presets } from "../../presets/index.ts"
import { decodeInput } from "../../validation/decodeInput.ts"
import { issueSetupInvitation, type SetupLink } from "../invitations/issueSetupInvitation.ts"
import { transactional } from "../shared/transaction.ts"
import { provisionTenant } from "./provisionTenant.ts"

export const FirstAdminInput = Schema.Struct({
  email: Email,
  firstName: PersonName,
  lastName: PersonName
})

export const CreateTenantInput = Schema.Struct({
  slug: TenantSlug,
  name: TenantName,
  preset: PresetName,
  admin: FirstAdminInput,
  /** The first admin gets a setup invitation instead of a generated temporary password. */
  invite: Schema.optionalKey(Schema.Boolean)
})
export type CreateTenantInput = typeof CreateTenantInput.Type

export interface CreatedTenant {
  readonly tenant: Tenant
  readonly admin: User
  /** The first admin's temporary password, shown once to the platform operator; never stored. */
  readonly generatedPassword?: Redacted.Redacted<string>
  /** With `invite`: the first admin's one-time setup link (also emailed), shown once to the operator. */
  readonly setupUrl?: Redacted.Redacted<string>
  /** With `invite`: when the setup link stops working. */
  readonly expiresAt?: Date
  /** With `invite`: false when the mail system refused the message (the operator passes the link on). */
  readonly emailSent?: boolean
}

/**
 * Creates a tenant from a preset (policy, settings, role catalogue) with its first admin, who holds the
 * preset's `adminRole`. Only the platform may call it. The admin gets a generated temporary password (active,
 * must change it at first login) or, with `invite`, is created pending and sent a setup invitation in the same
 * transaction (the link is emailed and returned once). The password is generated even for invite-only presets:
 * the platform operator hands it over, no admin ever types one.
 */
export const createTenant = Effect.fn("createTenant")(function* (actor: Actor, input: CreateTenantInput) {
  if (actor._tag !== "Platform") {
    return yield* new Forbidden({ reason: "Only the platform operator creates tenants" })
  }
  const data = yield* decodeInput(CreateTenantInput, input)
  const invite = data.invite === true
  const policy = presets[data.preset].passwordPolicy
  const password = invite
    ? undefined
    : yield* generatePassword(policy, {
        email: data.admin.email,
        firstName: data.admin.firstName,
        lastName: data.admin.lastName,
        tenantName: data.name
      })
  // Hashing is slow by design: done before the transaction so it holds no lock meanwhile.
  const passwordHash = password === undefined ? null : yield* (yield* PasswordHasher).hash(password)
  const { tenant, admin, link } = yield* transactional(
    Effect.gen(function* () {
      const provisioned = yield* provisionTenant(
        data,
        {
          ...data.admin,
          status: invite ? "pending" : "active",
          passwordHash,
          mustChangePassword: !invite
        },
        yield* now
      )
      const link: SetupLink | undefined = invite
        ? yield* issueSetupInvitation(provisioned.tenant, provisioned.admin, actor)
        : undefined
      return { ...provisioned, link }
    })
  )
  if (link !== undefined) {
    const created: CreatedTenant = {
      tenant,
      admin,
      setupUrl: link.setupUrl,
      expiresAt: link.expiresAt,
      emailSent: link.emailSent
    }
    return created
  }
  const created: CreatedTenant =
    password === undefined ? { tenant, admin } : { tenant, admin, generatedPassword: password }
  return created
})
