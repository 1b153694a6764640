import { type Department, DepartmentNotFound, DepartmentRepository, NameTaken } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { Database } from "../Database.ts"
import { DEPARTMENT_COLUMNS, type DepartmentRow, firstRow, isUuid, toDepartment } from "./rows.ts"

const values = (d: Department) => [d.tenantId, d.id, d.name, d.createdAt, d.updatedAt, d.name.toLowerCase()]

/**
 * Departments on PostgreSQL. Names are unique per tenant case-insensitively through `name_key` (the name
 * lower-cased by the application); a deleted department's users keep no department (the foreign key sets it to null).
 */
export const layer: Layer.Layer<DepartmentRepository, never, Database> = Layer.effect(
  DepartmentRepository,
  Effect.gen(function* () {
    const db = yield* Database
    return DepartmentRepository.of({
      insert: (department) =>
        db
          .query(
            department.tenantId,
            `INSERT INTO departments (${DEPARTMENT_COLUMNS}, name_key) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT ON CONSTRAINT departments_tenant_name_key DO NOTHING RETURNING id`,
            values(department)
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows.length === 1
                ? Effect.succeed(department)
                : Effect.fail(new NameTaken({ kind: "department", name: department.name }))
            )
          ),
      findById: (tenantId, id) =>
        isUuid(tenantId) && isUuid(id)
          ? db
              .query<DepartmentRow>(
                tenantId,
                `SELECT ${DEPARTMENT_COLUMNS} FROM departments WHERE tenant_id = $1 AND id = $2`,
                [tenantId, id]
              )
              .pipe(Effect.map(firstRow(toDepartment)))
          : Effect.succeed(Option.none()),
      // A rename onto another department's name violates the constraint: NameTaken, transaction still usable.
      update: (department) =>
        (isUuid(department.tenantId) && isUuid(department.id)
          ? db.guarded(
              department.tenantId,
              `UPDATE departments SET name = $3, created_at = $4, updated_at = $5, name_key = $6
               WHERE tenant_id = $1 AND id = $2 RETURNING id`,
              values(department),
              (constraint) =>
                constraint === "departments_tenant_name_key"
                  ? new NameTaken({ kind: "department", name: department.name })
                  : undefined
            )
          : Effect.succeed([])
        ).pipe(
          Effect.flatMap((rows) =>
            rows.length === 1
              ? Effect.succeed(department)
              : Effect.fail(new DepartmentNotFound({ departmentId: department.id }))
          )
        ),
      delete: (tenantId, id) =>
        (isUuid(tenantId) && isUuid(id)
          ? db.query(tenantId, "DELETE FROM departments WHERE tenant_id = $1 AND id = $2 RETURNING id", [
              tenantId,
              id
            ])
          : Effect.succeed([])
        ).pipe(
          Effect.flatMap((rows) =>
            rows.length === 1 ? Effect.void : Effect.fail(new DepartmentNotFound({ departmentId: id }))
          )
        ),
      list: (tenantId) =>
        isUuid(tenantId)
          ? db
              .query<DepartmentRow>(
                tenantId,
                `SELECT ${DEPARTMENT_COLUMNS} FROM departments WHERE tenant_id = $1 ORDER BY name_key, id`,
                [tenantId]
              )
              .pipe(Effect.map((rows) => rows.map(toDepartment)))
          : Effect.succeed([])
    })
  })
)
