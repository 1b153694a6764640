import { DepartmentNotFound, DepartmentRepository } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { Database } from "../Database.ts"
import { sqlCatalogue } from "./namedCatalogue.ts"
import { toDepartment } from "./rows.ts"

/** Departments on PostgreSQL; a deleted department's users keep no department (the foreign key sets it to null). */
export const layer: Layer.Layer<DepartmentRepository, never, Database> = Layer.effect(
  DepartmentRepository,
  Effect.map(Database, (db) =>
    sqlCatalogue(db, {
      kind: "department",
      table: "departments",
      extraColumns: [],
      toEntry: toDepartment,
      notFound: (departmentId) => new DepartmentNotFound({ departmentId })
    })
  )
)
