import { Context, type Effect, type Option } from "effect"
import type { DepartmentNotFound, NameTaken } from "../errors/index.ts"
import type { Department } from "../model/group.ts"
import type { DepartmentId, TenantId } from "../model/ids.ts"

/**
 * Departments of a tenant.
 *
 * Guarantees: names unique per tenant case-insensitively (`NameTaken`); `delete` sets `departmentId` to null
 * on the department's users; `list` orders by lower-cased name; isolation by tenant.
 */
export class DepartmentRepository extends Context.Service<
  DepartmentRepository,
  {
    readonly insert: (department: Department) => Effect.Effect<Department, NameTaken>
    readonly findById: (tenantId: TenantId, id: DepartmentId) => Effect.Effect<Option.Option<Department>>
    readonly update: (department: Department) => Effect.Effect<Department, DepartmentNotFound | NameTaken>
    readonly delete: (tenantId: TenantId, id: DepartmentId) => Effect.Effect<void, DepartmentNotFound>
    readonly list: (tenantId: TenantId) => Effect.Effect<ReadonlyArray<Department>>
  }
>()("@gatehouse/domain/DepartmentRepository") {}
