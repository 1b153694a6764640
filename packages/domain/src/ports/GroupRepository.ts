import { Context } from "effect"
import type { GroupNotFound } from "../errors/index.ts"
import type { Group } from "../model/group.ts"
import type { GroupId } from "../model/ids.ts"
import type { CatalogueStore } from "./CatalogueStore.ts"

/**
 * Groups of a tenant: a named catalogue (see `CatalogueStore` for the guarantees). Membership lives on
 * `User.groupIds`; `delete` also removes the group from every user's `groupIds` and leaves their other groups.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class GroupRepository extends Context.Service<
  GroupRepository,
  CatalogueStore<GroupId, Group, GroupNotFound>
>()("@gatehouse/domain/GroupRepository") {}
