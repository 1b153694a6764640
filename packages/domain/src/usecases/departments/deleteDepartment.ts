import { Effect, Option } from "effect"
import { DepartmentNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { DepartmentId } from "../../model/ids.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"

/** Deletes a department; the store clears it from its users. Needs `groups:manage`. */
export const deleteDepartment = Effect.fn("deleteDepartment")(function* (
  actor: Actor,
  departmentId: DepartmentId
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const departments = yield* DepartmentRepository
      const found = yield* departments.findById(context.tenant.id, departmentId)
      if (Option.isNone(found)) return yield* new DepartmentNotFound({ departmentId })
      yield* departments.delete(context.tenant.id, departmentId)
      yield* auditBy(context, {
        action: "department.deleted",
        targetType: "department",
        targetId: departmentId,
        details: { name: found.value.name },
        resource: found.value
      })
    })
  )
})
