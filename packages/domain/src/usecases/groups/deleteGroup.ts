import { Effect, Option } from "effect"
import { GroupNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { GroupId } from "../../model/ids.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** Deletes a group; the store removes it from every user's groups. Needs `groups:manage`. */
export const deleteGroup = Effect.fn("deleteGroup")(function* (actor: Actor, groupId: GroupId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const groups = yield* GroupRepository
      const found = yield* groups.findById(context.tenant.id, groupId)
      if (Option.isNone(found)) return yield* new GroupNotFound({ groupId })
      yield* groups.delete(context.tenant.id, groupId)
      yield* auditBy(context, {
        action: "group.deleted",
        targetType: "group",
        targetId: groupId,
        details: { name: found.value.name },
        resource: found.value
      })
    })
  )
})
