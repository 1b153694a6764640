import { Context, type Effect, type Option } from "effect"
import type { AlreadyMember, MembershipNotFound } from "../errors/index.ts"
import type { OrganizationId, TenantId, UserId } from "../model/ids.ts"
import type { Membership } from "../model/membership.ts"
import type { Organization } from "../model/organization.ts"
import type { Page } from "../model/page.ts"
import type { RoleName } from "../model/role.ts"
import type { User } from "../model/user.ts"

/** `listAcrossOrganizations`' filters (every one given must hold) and page. */
export interface MembershipListQuery {
  readonly organizationId?: OrganizationId | undefined
  readonly userId?: UserId | undefined
  readonly role?: RoleName | undefined
  /** Only memberships with an expiry strictly after this instant (never those without one). */
  readonly expiresAfter?: Date | undefined
  /** Only memberships with an expiry strictly before this instant (never those without one). */
  readonly expiresBefore?: Date | undefined
  /** Case-insensitive substring of the user's "first last", display name or email. */
  readonly q?: string | undefined
  readonly limit: number
  /** From a previous page's `nextCursor` with the same filters. */
  readonly cursor?: string | undefined
}

/** A membership with the user and organization a tenant-wide list shows beside it. */
export interface MembershipListing {
  readonly membership: Membership
  readonly user: Pick<User, "id" | "firstName" | "lastName" | "displayName" | "email">
  readonly organization: Pick<Organization, "id" | "name" | "slug" | "status">
}

/**
 * Memberships (user <-> organization).
 *
 * Guarantees: (organization, user) is unique and the store reports `AlreadyMember` (of N concurrent inserts
 * one succeeds); isolation by tenant; `countInEffect` counts memberships active and unexpired at `now`
 * whose user is active.
 *
 * `listAcrossOrganizations` lists the tenant's memberships of every organization (inactive organizations
 * included, with their status) matching every filter, ordered by expiry (soonest first, those without one
 * last), then organization id, then user id (rules/membershipOrdering.ts); pages never repeat or skip a row
 * of an unchanged set, and `total` counts the whole filtered set. Never a row of another tenant.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class MembershipRepository extends Context.Service<
  MembershipRepository,
  {
    readonly insert: (membership: Membership) => Effect.Effect<Membership, AlreadyMember>
    readonly find: (
      tenantId: TenantId,
      organizationId: OrganizationId,
      userId: UserId
    ) => Effect.Effect<Option.Option<Membership>>
    readonly update: (membership: Membership) => Effect.Effect<Membership, MembershipNotFound>
    readonly delete: (
      tenantId: TenantId,
      organizationId: OrganizationId,
      userId: UserId
    ) => Effect.Effect<void, MembershipNotFound>
    readonly listByOrganization: (
      tenantId: TenantId,
      organizationId: OrganizationId
    ) => Effect.Effect<ReadonlyArray<Membership>>
    readonly listByUser: (tenantId: TenantId, userId: UserId) => Effect.Effect<ReadonlyArray<Membership>>
    readonly listAcrossOrganizations: (
      tenantId: TenantId,
      query: MembershipListQuery
    ) => Effect.Effect<Page<MembershipListing>>
    readonly countInEffect: (
      tenantId: TenantId,
      organizationId: OrganizationId,
      roles: ReadonlyArray<RoleName>,
      now: Date
    ) => Effect.Effect<number>
  }
>()("@gatehouse/domain/MembershipRepository") {}
