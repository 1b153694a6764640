import { Schema } from "effect"
import { GroupNotFound } from "../../errors/notFound.ts"
import { Group, GroupName } from "../../model/group.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { namedCatalogue } from "../shared/namedCatalogue.ts"

export const CreateGroupInput = Schema.Struct({
  name: GroupName,
  description: Schema.optionalKey(Group.fields.description)
})
export type CreateGroupInput = typeof CreateGroupInput.Type

export const UpdateGroupInput = Schema.Struct({
  name: Schema.optionalKey(GroupName),
  description: Schema.optionalKey(Group.fields.description)
})
export type UpdateGroupInput = typeof UpdateGroupInput.Type

const groups = namedCatalogue({
  kind: "group",
  names: { one: "Group", many: "Groups" },
  store: GroupRepository,
  notFound: (groupId) => new GroupNotFound({ groupId }),
  createInput: CreateGroupInput,
  updateInput: UpdateGroupInput,
  create: (input, base) => ({ ...base, description: input.description ?? null }),
  updatedDetails: (_before, _after, input) => ({ changes: { ...input } })
})

/** Creates a group. Needs `groups:manage`; `NameTaken` (any casing) comes from the store. */
export const createGroup = groups.create
/** Renames a group or changes its description. Needs `groups:manage`; `NameTaken` from the store. */
export const updateGroup = groups.update
/** Deletes a group; the store removes it from every user's groups. Needs `groups:manage`. */
export const deleteGroup = groups.remove
/** The tenant's groups by name. Needs `groups:manage` or `users:read`. */
export const listGroups = groups.list
/** One group of the tenant (another tenant's id is `GroupNotFound`). Needs `groups:manage` or `users:read`. */
export const getGroup = groups.get
