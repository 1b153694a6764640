import { Context } from "effect"
import type { DepartmentNotFound } from "../errors/index.ts"
import type { Department } from "../model/group.ts"
import type { DepartmentId } from "../model/ids.ts"
import type { CatalogueStore } from "./CatalogueStore.ts"

/**
 * Departments of a tenant: a named catalogue (see `CatalogueStore` for the guarantees). `delete` sets
 * `departmentId` to null on the department's users.
 *
 * Ids are branded, decoded where they enter (see `model/ids.ts`): a string cast to an id that is not a UUID is
 * the caller's bug, never checked here.
 */
export class DepartmentRepository extends Context.Service<
  DepartmentRepository,
  CatalogueStore<DepartmentId, Department, DepartmentNotFound>
>()("@gatehouse/domain/DepartmentRepository") {}
