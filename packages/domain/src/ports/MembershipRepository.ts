import { Context, type Effect, type Option } from "effect"
import type { AlreadyMember, MembershipNotFound } from "../errors/index.ts"
import type { OrganizationId, TenantId, UserId } from "../model/ids.ts"
import type { Membership } from "../model/membership.ts"
import type { RoleName } from "../model/role.ts"

/**
 * Memberships (user <-> organization).
 *
 * Guarantees: (organization, user) is unique and the store reports `AlreadyMember` (of N concurrent inserts
 * one succeeds); isolation by tenant; `countInEffect` counts memberships active and unexpired at `now`
 * whose user is active.
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
    readonly countInEffect: (
      tenantId: TenantId,
      organizationId: OrganizationId,
      roles: ReadonlyArray<RoleName>,
      now: Date
    ) => Effect.Effect<number>
  }
>()("@gatehouse/domain/MembershipRepository") {}
