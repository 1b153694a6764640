import { Effect, Option, Schema } from "effect"
import { GroupNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import { Group, GroupName } from "../../model/group.ts"
import type { GroupId } from "../../model/ids.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { decodeInput } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

export const UpdateGroupInput = Schema.Struct({
  name: Schema.optionalKey(GroupName),
  description: Schema.optionalKey(Group.fields.description)
})
export type UpdateGroupInput = typeof UpdateGroupInput.Type

/** Renames a group or changes its description. Needs `groups:manage`; `NameTaken` from the store. */
export const updateGroup = Effect.fn("updateGroup")(function* (
  actor: Actor,
  groupId: GroupId,
  patch: UpdateGroupInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const data = yield* decodeInput(UpdateGroupInput, patch)
      const groups = yield* GroupRepository
      const found = yield* groups.findById(context.tenant.id, groupId)
      if (Option.isNone(found)) return yield* new GroupNotFound({ groupId })
      const group = yield* groups.update({ ...found.value, ...data, updatedAt: context.now })
      yield* auditBy(context, {
        action: "group.updated",
        targetType: "group",
        targetId: groupId,
        details: { changes: { ...data } }
      })
      return group
    })
  )
})
