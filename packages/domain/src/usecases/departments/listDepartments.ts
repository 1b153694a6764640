import { Effect, Option } from "effect"
import { DepartmentNotFound } from "../../errors/notFound.ts"
import type { Actor } from "../../model/actor.ts"
import type { DepartmentId } from "../../model/ids.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { authenticateCatalogueReader } from "../shared/catalogueRead.ts"
import { transactional } from "../shared/transaction.ts"

/** The tenant's departments by name. Needs `groups:manage` or `users:read`. */
export const listDepartments = Effect.fn("listDepartments")(function* (actor: Actor) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateCatalogueReader(actor)
      return yield* (yield* DepartmentRepository).list(context.tenant.id)
    })
  )
})

/** One department of the tenant (another tenant's id is `DepartmentNotFound`). Same permissions as the list. */
export const getDepartment = Effect.fn("getDepartment")(function* (actor: Actor, departmentId: DepartmentId) {
  return yield* transactional(
    Effect.gen(function* () {
      const context = yield* authenticateCatalogueReader(actor)
      const found = yield* (yield* DepartmentRepository).findById(context.tenant.id, departmentId)
      return Option.isSome(found) ? found.value : yield* new DepartmentNotFound({ departmentId })
    })
  )
})
