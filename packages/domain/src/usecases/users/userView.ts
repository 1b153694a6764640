import { Effect, Option, Schema, Struct } from "effect"
import type { TenantId, UserId } from "../../model/ids.ts"
import { OrganizationId } from "../../model/ids.ts"
import { isInEffect, type Membership } from "../../model/membership.ts"
import {
  CompanyName,
  type Organization,
  OrganizationKind,
  OrganizationName,
  OrganizationSlug,
  OrganizationStatus,
  TaxId
} from "../../model/organization.ts"
import { RoleName } from "../../model/role.ts"
import { AdminNotes, User } from "../../model/user.ts"
import type { ExternalCredentialRepository } from "../../ports/ExternalCredentialRepository.ts"
import { MembershipRepository } from "../../ports/MembershipRepository.ts"
import { OrganizationRepository } from "../../ports/OrganizationRepository.ts"
import { TenantRepository } from "../../ports/TenantRepository.ts"
import { presets } from "../../presets/index.ts"
import { externalCredentialSummary } from "../credentials/getExternalCredentials.ts"

/**
 * A user as the outside sees them: never the password hash; `adminNotes` only for actors holding
 * `users:write` (the key is absent otherwise, so a client cannot tell "hidden" from "empty").
 */
export const UserView = Schema.Struct({
  ...Struct.omit(User.fields, ["passwordHash", "adminNotes"]),
  adminNotes: Schema.optionalKey(Schema.NullOr(AdminNotes))
})
export type UserView = typeof UserView.Type

/** A membership's organization as its member's views show it (004's User Clients: name, company, tax ID, status). */
export const MembershipOrganizationView = Schema.Struct({
  id: OrganizationId,
  name: OrganizationName,
  slug: OrganizationSlug,
  companyName: Schema.NullOr(CompanyName),
  taxId: Schema.NullOr(TaxId),
  status: OrganizationStatus,
  kind: OrganizationKind
})
export type MembershipOrganizationView = typeof MembershipOrganizationView.Type

/** One membership of a user, with whether it grants anything at the time of the read. */
export const UserMembershipView = Schema.Struct({
  organization: MembershipOrganizationView,
  role: RoleName,
  active: Schema.Boolean,
  expiresAt: Schema.NullOr(Schema.Date),
  /**
   * Active, not expired and in an active organization at the time of the read (expiry needs no job to take
   * effect; an inactive organization's memberships grant nothing).
   */
  inEffect: Schema.Boolean
})
export type UserMembershipView = typeof UserMembershipView.Type

/** Presence and status of the user's credentials for one external system of the tenant's preset (never the password). */
export const ExternalCredentialPresence = Schema.Struct({
  system: Schema.String,
  present: Schema.Boolean,
  username: Schema.NullOr(Schema.String),
  status: Schema.NullOr(Schema.Literals(["saved", "connected"]))
})
export type ExternalCredentialPresence = typeof ExternalCredentialPresence.Type

/**
 * The account lock of a user's sign-ins (at `lockAfter` consecutive failures): in force until `until`, when it
 * ends by itself (addresses the user signed in from before are spared; an admin's password reset ends it).
 */
export const SignInLock = Schema.Struct({
  until: Schema.Date,
  /** The consecutive failed attempts that led to it, from every address. */
  failures: Schema.Int
})
export type SignInLock = typeof SignInLock.Type

/** `GET /v1/users/{id}`: the user, their memberships, and the presence of their external credentials. */
export const UserDetails = Schema.Struct({
  ...UserView.fields,
  memberships: Schema.Array(UserMembershipView),
  externalCredentials: Schema.Array(ExternalCredentialPresence),
  /** For admins (users:write) on `GET /v1/users/{id}`: the sign-in lock in force, or null. */
  signInLock: Schema.optionalKey(Schema.NullOr(SignInLock))
})
export type UserDetails = typeof UserDetails.Type

/** Removes what a viewer must not see: always the password hash, and the admin notes unless asked for. */
export const toUserView = (user: User, options: { readonly includeAdminNotes: boolean }): UserView => {
  const { passwordHash: _hash, adminNotes, ...visible } = user
  return options.includeAdminNotes ? { ...visible, adminNotes } : visible
}

/** A user's memberships with their organization, ordered by organization name then id. */
export const userMembershipViews = Effect.fnUntraced(function* (
  tenantId: TenantId,
  userId: UserId,
  at: Date
): Effect.fn.Return<ReadonlyArray<UserMembershipView>, never, MembershipRepository | OrganizationRepository> {
  const memberships = yield* (yield* MembershipRepository).listByUser(tenantId, userId)
  return yield* membershipViewsOf(tenantId, memberships, at)
})

/** The views of memberships already read (the actor's own, from `authenticate`). */
export const membershipViewsOf = Effect.fnUntraced(function* (
  tenantId: TenantId,
  memberships: ReadonlyArray<Membership>,
  at: Date
): Effect.fn.Return<ReadonlyArray<UserMembershipView>, never, OrganizationRepository> {
  const repository = yield* OrganizationRepository
  const organizations: Array<Organization> = []
  for (const membership of memberships) {
    const organization = yield* repository.findById(tenantId, membership.organizationId)
    if (Option.isSome(organization)) organizations.push(organization.value)
  }
  return membershipViewsFrom(memberships, organizations, at)
})

/** The views of memberships and their organizations already read, ordered by organization name then id. */
export const membershipViewsFrom = (
  memberships: ReadonlyArray<Membership>,
  organizations: ReadonlyArray<Organization>,
  at: Date
): ReadonlyArray<UserMembershipView> => {
  const byId = new Map(organizations.map((organization) => [organization.id, organization]))
  const views: Array<UserMembershipView> = []
  for (const membership of memberships) {
    const organization = byId.get(membership.organizationId)
    // A membership always has its organization (deleting one removes its memberships); skip a dangling row.
    if (organization === undefined) continue
    const { id, name, slug, companyName, taxId, status, kind } = organization
    views.push({
      organization: { id, name, slug, companyName, taxId, status, kind },
      role: membership.role,
      active: membership.active,
      expiresAt: membership.expiresAt,
      inEffect: isInEffect(membership, at) && status === "active"
    })
  }
  return views.sort(
    (a, b) =>
      a.organization.name.toLowerCase().localeCompare(b.organization.name.toLowerCase()) ||
      (a.organization.id < b.organization.id ? -1 : a.organization.id > b.organization.id ? 1 : 0)
  )
}

/** The details of `user` at `at`, with admin notes when `includeAdminNotes`. */
export const userDetails = Effect.fnUntraced(function* (
  user: User,
  at: Date,
  options: { readonly includeAdminNotes: boolean }
): Effect.fn.Return<
  UserDetails,
  never,
  MembershipRepository | OrganizationRepository | TenantRepository | ExternalCredentialRepository
> {
  const memberships = yield* userMembershipViews(user.tenantId, user.id, at)
  const tenant = yield* (yield* TenantRepository).findById(user.tenantId)
  const systems = Option.isSome(tenant) ? presets[tenant.value.preset].externalSystems : []
  const externalCredentials = yield* Effect.forEach(systems, (system) =>
    Effect.map(
      externalCredentialSummary(user.tenantId, user.id, system),
      ({ present, username, status }) => ({
        system,
        present,
        username,
        status
      })
    )
  )
  return { ...toUserView(user, options), memberships, externalCredentials }
})
