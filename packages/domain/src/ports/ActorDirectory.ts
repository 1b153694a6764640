import { Context, type Effect, type Option } from "effect"
import type { TenantId, UserId } from "../model/ids.ts"
import type { Membership } from "../model/membership.ts"
import type { Role } from "../model/role.ts"
import type { Tenant } from "../model/tenant.ts"
import type { User } from "../model/user.ts"

/** Everything `authenticate` needs about one user, read together. */
export interface ActorRecord {
  readonly tenant: Tenant
  readonly user: User
  /** The tenant's roles, as `RoleRepository.list` returns them (tenant roles first, insertion order). */
  readonly roles: ReadonlyArray<Role>
  /** The user's memberships, as `MembershipRepository.listByUser` returns them (any state, expired too). */
  readonly memberships: ReadonlyArray<Membership>
}

/**
 * Loads an actor (tenant, user, the tenant's roles, the user's memberships) in one read of the store.
 *
 * Guarantees:
 * - `None` when the tenant does not exist, the user does not exist, or the user belongs to another tenant;
 *   the user's status is not looked at (an inactive user is loaded);
 * - otherwise exactly what `TenantRepository.findById`, `UserRepository.findById`, `RoleRepository.list` and
 *   `MembershipRepository.listByUser` would return in the same transaction, in the same order, from one
 *   consistent snapshot (no write of another transaction can land between the parts);
 * - inside a transaction it sees that transaction's own writes;
 * - isolation by tenant: never another tenant's roles or memberships.
 */
export class ActorDirectory extends Context.Service<
  ActorDirectory,
  {
    readonly load: (tenantId: TenantId, userId: UserId) => Effect.Effect<Option.Option<ActorRecord>>
  }
>()("@gatehouse/domain/ActorDirectory") {}
