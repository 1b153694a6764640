import { Schema } from "effect"
import { DepartmentNotFound } from "../../errors/notFound.ts"
import { GroupName } from "../../model/group.ts"
import { DepartmentRepository } from "../../ports/DepartmentRepository.ts"
import { namedCatalogue } from "../shared/namedCatalogue.ts"

export const DepartmentInput = Schema.Struct({ name: GroupName })
export type DepartmentInput = typeof DepartmentInput.Type

const departments = namedCatalogue({
  kind: "department",
  names: { one: "Department", many: "Departments" },
  store: DepartmentRepository,
  notFound: (departmentId) => new DepartmentNotFound({ departmentId }),
  createInput: DepartmentInput,
  updateInput: DepartmentInput,
  create: (_input, base) => base,
  updatedDetails: (before, after) => ({ name: after.name, previousName: before.name })
})

/**
 * Creates a department. Needs `groups:manage` (departments and groups are managed together); `NameTaken`
 * (any casing) comes from the store. Users are placed in a department through `updateUser`.
 */
export const createDepartment = departments.create
/** Renames a department. Needs `groups:manage`; `NameTaken` (any casing) comes from the store. */
export const updateDepartment = departments.update
/** Deletes a department; the store clears it from its users. Needs `groups:manage`. */
export const deleteDepartment = departments.remove
/** The tenant's departments by name. Needs `groups:manage` or `users:read`. */
export const listDepartments = departments.list
/** One department of the tenant (another tenant's id is `DepartmentNotFound`). Same permissions as the list. */
export const getDepartment = departments.get
