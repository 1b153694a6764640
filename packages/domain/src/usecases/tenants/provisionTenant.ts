import { Effect } from "effect"
import type { Email } from "../../model/email.ts"
import type { TenantId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import type { Role, RoleName } from "../../model/role.ts"
import type { PresetName, TenantSlug } from "../../model/tenant.ts"
import type { User } from "../../model/user.ts"
import { RoleRepository } from "../../ports/RoleRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { presets } from "../../presets/index.ts"
import { audit } from "../shared/audit.ts"
import { newPendingUser } from "../users/newPendingUser.ts"

/** What a new tenant is made of, already validated. */
export interface TenantSpec {
  readonly slug: TenantSlug
  readonly name: string
  readonly preset: PresetName
}

/** The first admin of a new tenant; the credential is decided by the calling use case. */
export interface FirstAdmin {
  readonly email: Email
  readonly firstName: string
  readonly lastName: string
  readonly status: "pending" | "active"
  readonly passwordHash: string | null
  readonly mustChangePassword: boolean
}

/**
 * Inserts a tenant with its preset's policy, settings and role catalogue, and its first admin holding the
 * preset's `adminRole`; audits `tenant.created` and `user.created` as the platform. Runs inside the caller's
 * transaction. `SlugTaken` comes from the store (no check-then-insert).
 */
export const provisionTenant = Effect.fnUntraced(function* (spec: TenantSpec, admin: FirstAdmin, at: Date) {
  const preset = presets[spec.preset]
  const tenant = yield* (yield* TenantRepository).insert({
    id: yield* newId<TenantId>(),
    slug: spec.slug,
    name: spec.name,
    preset: preset.name,
    passwordPolicy: preset.passwordPolicy,
    settings: { invitationTtlHours: preset.invitationTtlHours },
    createdAt: at,
    updatedAt: at,
    version: 1
  })
  const roles = yield* RoleRepository
  for (const template of preset.roles) {
    const role: Role = {
      tenantId: tenant.id,
      name: template.name as RoleName,
      scope: template.scope,
      permissions: template.permissions,
      requiresTotp: template.requiresTotp,
      builtIn: true
    }
    // A preset naming one role twice in a scope is a bug of the preset, not a client mistake.
    yield* roles.insert(role).pipe(Effect.orDie)
  }
  const user: User = {
    ...(yield* newPendingUser(
      {
        tenantId: tenant.id,
        email: admin.email,
        firstName: admin.firstName,
        lastName: admin.lastName,
        role: preset.adminRole as RoleName
      },
      at
    )),
    status: admin.status,
    awaitingSetup: admin.status === "pending",
    mustChangePassword: admin.mustChangePassword,
    passwordHash: admin.passwordHash
  }
  // A brand-new tenant has no users, so the email cannot be taken.
  const stored = yield* (yield* UserRepository).insert(user).pipe(Effect.orDie)
  const platform = { tenantId: tenant.id, actorKind: "platform" as const, actorId: null }
  yield* audit(platform, {
    action: "tenant.created",
    targetType: "tenant",
    targetId: tenant.id,
    details: { slug: tenant.slug, name: tenant.name, preset: tenant.preset }
  })
  yield* audit(platform, {
    action: "user.created",
    targetType: "user",
    targetId: stored.id,
    details: { role: stored.role, status: stored.status, firstAdmin: true }
  })
  return { tenant, admin: stored }
})
