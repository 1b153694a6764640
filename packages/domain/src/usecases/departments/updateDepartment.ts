import { Effect, Option } from "effect"
import { DepartmentNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { DepartmentId } from "../../model/ids.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { decodeInput } from "../organizations/validation.ts"
import { authenticate, requirePermission } from "../shared/ActorContext.ts"
import { auditBy } from "../shared/audit.ts"
import { transactional } from "../shared/transaction.ts"
import { DepartmentInput } from "./createDepartment.ts"

/** Renames a department. Needs `groups:manage`; `NameTaken` (any casing) comes from the store. */
export const updateDepartment = Effect.fn("updateDepartment")(function* (
  actor: Actor,
  departmentId: DepartmentId,
  input: DepartmentInput
) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticate(actor)
      yield* requirePermission(context, "groups:manage")
      const data = yield* decodeInput(DepartmentInput, input)
      const departments = yield* DepartmentRepository
      const found = yield* departments.findById(context.tenant.id, departmentId)
      if (Option.isNone(found)) return yield* new DepartmentNotFound({ departmentId })
      const department = yield* departments.update({
        ...found.value,
        name: data.name,
        updatedAt: context.now
      })
      yield* auditBy(context, {
        action: "department.updated",
        targetType: "department",
        targetId: departmentId,
        details: { name: department.name, previousName: found.value.name }
      })
      return department
    })
  )
})
