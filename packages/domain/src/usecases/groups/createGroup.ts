import { Effect, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import { Group, GroupName } from "../../model/group.ts"
import type { GroupId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { decodeInput } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

export const CreateGroupInput = Schema.Struct({
  name: GroupName,
  description: Schema.optionalKey(Group.fields.description)
})
export type CreateGroupInput = typeof CreateGroupInput.Type

/** Creates a group. Needs `groups:manage`; `NameTaken` (any casing) comes from the store. */
export const createGroup = Effect.fn("createGroup")(function* (actor: Actor, input: CreateGroupInput) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const data = yield* decodeInput(CreateGroupInput, input)
      const group = yield* (yield* GroupRepository).insert({
        id: yield* newId<GroupId>(),
        tenantId: context.tenant.id,
        name: data.name,
        description: data.description ?? null,
        createdAt: context.now,
        updatedAt: context.now
      })
      yield* auditBy(context, {
        action: "group.created",
        targetType: "group",
        targetId: group.id,
        details: { name: group.name }
      })
      return group
    })
  )
})
