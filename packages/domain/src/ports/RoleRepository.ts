import { Context, type Effect, type Option } from "effect"
import type { NameTaken } from "../errors/index.ts"
import type { TenantId } from "../model/ids.ts"
import type { Role, RoleName, RoleScope } from "../model/role.ts"

/**
 * A tenant's role catalogue (seeded from its preset, extensible).
 *
 * Guarantees: (tenant, scope, name) is unique (`NameTaken`); reads never return another tenant's roles.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class RoleRepository extends Context.Service<
  RoleRepository,
  {
    readonly insert: (role: Role) => Effect.Effect<Role, NameTaken>
    readonly find: (
      tenantId: TenantId,
      scope: RoleScope,
      name: RoleName
    ) => Effect.Effect<Option.Option<Role>>
    /** Every role of the tenant, tenant roles first, each scope in insertion order. */
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Role>>
  }
>()("@gatehouse/domain/RoleRepository") {}
