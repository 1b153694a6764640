import { Context } from "effect"
import type { GroupNotFound } from "../errors/index.ts"
import type { Group } from "../model/group.ts"
import type { GroupId } from "../model/ids.ts"
import type { CatalogueStore } from "./CatalogueStore.ts"

/**
 * Groups of a tenant: a named catalogue (see `CatalogueStore` for the guarantees). Membership lives on
 * `User.groupIds`; `delete` also removes the group from every user's `groupIds` and leaves their other groups.
 */
export class GroupRepository extends Context.Service<
  GroupRepository,
  CatalogueStore<GroupId, Group, GroupNotFound>
>()("@gatehouse/domain/GroupRepository") {}
