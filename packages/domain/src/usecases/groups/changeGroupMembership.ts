import { Effect, Option } from "effect"
import { GroupNotFound, UserNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { GroupId, UserId } from "../../model/ids.ts"
import { GroupRepository } from "../../ports/GroupRepository.ts"
import { UserRepository } from "../../ports/UserRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** Puts a user into a group  or takes them out, through the user's `groupIds` at its version. */
export const changeGroupMembership = (
  name: "addGroupMember" | "removeGroupMember",
  change: "join" | "leave"
) =>
  Effect.fn(name)(function* (actor: Actor, groupId: GroupId, userId: UserId) {
    const join = change === "join"
    return yield* transactional(
      Effect.gen(function* () {
        const context = yield* authenticate(actor)
        yield* requirePermission(context, "groups:manage")
        const group = yield* (yield* GroupRepository).findById(context.tenant.id, groupId)
        if (Option.isNone(group)) return yield* new GroupNotFound({ groupId })
        const users = yield* UserRepository
        const found = yield* users.findById(context.tenant.id, userId)
        if (Option.isNone(found)) return yield* new UserNotFound({ userId })
        const user = found.value
        // PUT and DELETE are idempotent: asking for the state that already holds changes (and audits) nothing.
        if (user.groupIds.includes(groupId) === join) return
        const groupIds = join ? [...user.groupIds, groupId] : user.groupIds.filter((id) => id !== groupId)
        yield* users.update({ ...user, groupIds, updatedAt: context.now }, user.version)
        yield* auditBy(context, {
          action: join ? "group.member_added" : "group.member_removed",
          targetType: "user",
          targetId: userId,
          details: { groupId, groupName: group.value.name }
        })
      })
    )
  })
