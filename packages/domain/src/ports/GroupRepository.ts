import { Context, type Effect, type Option } from "effect"
import type { GroupNotFound, NameTaken } from "../errors/index.ts"
import type { Group } from "../model/group.ts"
import type { GroupId, TenantId } from "../model/ids.ts"

/**
 * Groups of a tenant. Membership lives on `User.groupIds`.
 *
 * Guarantees: names unique per tenant case-insensitively (`NameTaken`); `delete` also removes the group from
 * every user's `groupIds`; `list` orders by lower-cased name; isolation by tenant.
 */
export class GroupRepository extends Context.Service<
  GroupRepository,
  {
    readonly insert: (group: Group) => Effect.Effect<Group, NameTaken>
    readonly findById: (tenantId: TenantId, id: GroupId) => Effect.Effect<Option.Option<Group>>
    readonly update: (group: Group) => Effect.Effect<Group, GroupNotFound | NameTaken>
    readonly delete: (tenantId: TenantId, id: GroupId) => Effect.Effect<void, GroupNotFound>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Group>>
  }
>()("@gatehouse/domain/GroupRepository") {}
