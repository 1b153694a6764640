import { Effect, Schema } from "effect"
import type { Actor } from "../../model/actor.ts"
import { GroupName } from "../../model/group.ts"
import type { DepartmentId } from "../../model/ids.ts"
import { newId } from "../../model/newId.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { decodeInput } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

export const DepartmentInput = Schema.Struct({ name: GroupName })
export type DepartmentInput = typeof DepartmentInput.Type

/**
 * Creates a department. Needs `groups:manage` (departments and groups are managed together); `NameTaken`
 * (any casing) comes from the store. Users are placed in a department through `updateUser`.
 */
export const createDepartment = Effect.fn("createDepartment")(function* (
  actor: Actor,
  input: DepartmentInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const data = yield* decodeInput(DepartmentInput, input)
      const department = yield* (yield* DepartmentRepository).insert({
        id: yield* newId<DepartmentId>(),
        tenantId: context.tenant.id,
        name: data.name,
        createdAt: context.now,
        updatedAt: context.now
      })
      yield* auditBy(context, {
        action: "department.created",
        targetType: "department",
        targetId: department.id,
        details: { name: department.name }
      })
      return department
    })
  )
})
